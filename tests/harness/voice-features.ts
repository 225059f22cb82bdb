/**
 * What the real model hears in real clips, as the app would feed the engagement estimate: the
 * arousal of each 2 s window (hop 0.5 s) of a clip, with the speaker's running profile. Clips are
 * decoded at 16 kHz by sox (FLAC, WAV) or, for Ogg Opus, by Python's soundfile (Debian's sox
 * cannot read Opus).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRunQueue, type EmotionClassifier, type EmotionScores } from '../../src/emotion/emotion-classifier';
import type { ModelContract } from '../../src/emotion/model-contract';
import { createOrtClassifier } from '../../src/emotion/ort-session';
import { createSpeakerProfile, type SpeakerProfile } from '../../src/emotion/speaker-profile';
import { soxRead } from '../fixtures/audio';

const PYTHON = process.env.EMOTONE_PYTHON ?? '/usr/bin/python3';
const DECODE_OPUS = [
  'import sys, soundfile as sf, numpy as np',
  'x, sr = sf.read(sys.argv[1], dtype="float32", always_2d=True)',
  'x = x.mean(axis=1)',
  'assert sr == 16000, f"{sys.argv[1]}: {sr} Hz, expected 16000"',
  'sys.stdout.buffer.write(x.astype(np.float32).tobytes())',
].join('\n');

/** Decodes a clip to mono float32 at 16 kHz. */
export function decode16k(path: string): Float32Array {
  if (!path.endsWith('.opus')) return soxRead(path, 16000);
  const out = execFileSync(PYTHON, ['-c', DECODE_OPUS, path], { maxBuffer: 1 << 28 });
  return new Float32Array(out.buffer, out.byteOffset, out.byteLength / 4).slice();
}

/** The shipped model on onnxruntime-web's WASM backend, one thread. */
export async function loadModel(modelPath: string, contract: ModelContract): Promise<EmotionClassifier> {
  return createOrtClassifier(new Uint8Array(readFileSync(modelPath)), contract, 'wasm', createRunQueue());
}

/** A speaker's running profile, kept across their clips as the app keeps the wearer's. */
export function speakerProfileFor(contract: ModelContract): SpeakerProfile | null {
  return contract.speakerProfile ? createSpeakerProfile(contract.speakerProfile) : null;
}

/** Arousal of each window of `samples` (windows shorter than minInputMs are skipped). */
export async function windowArousal(classifier: EmotionClassifier, contract: ModelContract, samples: Float32Array, profile: SpeakerProfile | null, hopMs = 500): Promise<number[]> {
  return (await windowScores(classifier, contract, samples, profile, hopMs)).map((s) => s.arousal);
}

/** The model's scores for each window of `samples`, as the app's voice pipeline would get them. */
export async function windowScores(classifier: EmotionClassifier, contract: ModelContract, samples: Float32Array, profile: SpeakerProfile | null, hopMs = 500): Promise<EmotionScores[]> {
  const rate = contract.sampleRateHz;
  const win = Math.round((contract.windowMs * rate) / 1000);
  const min = Math.round((contract.minInputMs * rate) / 1000);
  const hop = Math.round((hopMs * rate) / 1000);
  const out: EmotionScores[] = [];
  for (let end = Math.min(samples.length, win); end <= samples.length; end += hop) {
    const start = Math.max(0, end - win);
    if (end - start < min) continue;
    const scores = await classifier.classify(samples.slice(start, end), profile?.current());
    if (profile && scores.bandMeans) profile.add(scores.bandMeans);
    out.push(scores);
    if (end === samples.length) break;
  }
  return out;
}
