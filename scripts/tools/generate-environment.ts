/**
 * `npm run environment`: writes the lounge the space is set in, assets/environment/lounge.glb,
 * and its licence. Deterministic: running it twice gives identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLoungeGlb, LOUNGE_LICENCE } from './environment-gen/lounge-file';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets', 'environment');
mkdirSync(outDir, { recursive: true });
const glb = await buildLoungeGlb();
writeFileSync(join(outDir, 'lounge.glb'), glb);
writeFileSync(
  join(outDir, 'LICENSE'),
  `lounge.glb was generated procedurally by scripts/tools/generate-environment.ts in this repository.
It contains no third-party material (no textures, no scanned or downloaded meshes).

To the extent possible under law, the EmoTone contributors have waived all copyright and related
or neighboring rights to it, dedicating it to the public domain under ${LOUNGE_LICENCE}.
`,
);
console.log(`lounge.glb ${(glb.byteLength / 1024).toFixed(1)} KB → ${outDir}`);
