// Runs the training pipeline's Python unit tests (incl. the smoke run) with Debian's python3.
// Exits non-zero on failure, or when /usr/bin/python3 lacks torch (with what to install).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const python = process.env.EMOTONE_PYTHON ?? '/usr/bin/python3';

const probe = spawnSync(python, ['-c', 'import torch, torchaudio, onnx, soundfile, sklearn, matplotlib'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  console.error(
    `${python} cannot import the training stack (torch, torchaudio, onnx, soundfile, sklearn, matplotlib).\n` +
      'Install the Debian packages: apt-get install python3-torch python3-torchaudio python3-onnx ' +
      'python3-soundfile python3-numpy python3-sklearn python3-matplotlib\n' +
      (probe.stderr ?? String(probe.error ?? '')),
  );
  process.exit(1);
}

const result = spawnSync(python, ['-m', 'unittest', 'discover', '-s', 'training/tests', '-t', '.', '-v'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
