/**
 * Voice material for the simulated wearers: the shipped model's scores on real held-out clips
 * (RAVDESS actors 19–24, EMO-DB speaker 15's boredom) when ../shared/datasets is there, on
 * espeak-ng speech otherwise. Each list is the windows the app would classify while that speaks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmotionScores } from '../../src/emotion/emotion-classifier';
import type { EmotionLabel } from '../../src/shared/emotion-labels';
import { ECHO_TARGETS } from '../../src/shared/engagement';
import { DATASETS, ravdessClip } from '../../tests/fixtures/audio';
import { CONTRACT, MODEL_PATH } from '../../tests/fixtures/model';
import { decode16k, loadModel, speakerProfileFor, windowScores } from '../../tests/harness/voice-features';

/** Windows of scores per kind of speech. */
export interface VoiceMaterial {
  /** 'held-out corpus clips' or 'espeak-ng synthetic speech'. */
  readonly source: string;
  readonly lively: readonly EmotionScores[];
  readonly low: readonly EmotionScores[];
  /** For the activity: speech in each target emotion. */
  readonly byEmotion: Readonly<Partial<Record<EmotionLabel, readonly EmotionScores[]>>>;
}

const RAVDESS_CODE: Partial<Record<EmotionLabel, number>> = { calm: 2, happy: 3, sad: 4, angry: 5, fearful: 6, surprised: 8 };

function espeak(text: string, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'emotone-sim-'));
  const path = join(dir, 'speech.wav');
  execFileSync('espeak-ng', [...args, '-w', path, text]);
  return path;
}

/** Scores the clips with the shipped model (one speaker profile per list, as for one wearer). */
export async function loadVoiceMaterial(): Promise<VoiceMaterial> {
  if (!MODEL_PATH) throw new Error('models/emotion.onnx is missing: the simulator needs the shipped model.');
  const classifier = await loadModel(MODEL_PATH, CONTRACT);
  const score = async (paths: readonly string[]): Promise<EmotionScores[]> => {
    const profile = speakerProfileFor(CONTRACT);
    const out: EmotionScores[] = [];
    for (const path of paths) out.push(...(await windowScores(classifier, CONTRACT, decode16k(path), profile)));
    return out;
  };
  const haveCorpora = existsSync(join(DATASETS, 'ravdess')) && existsSync(join(DATASETS, 'emodb'));
  let material: VoiceMaterial;
  if (haveCorpora) {
    const emodb = join(DATASETS, 'emodb', 'wav');
    const boredom = readdirSync(emodb).filter((f) => /^15.{3}L/.test(f)).sort().slice(0, 4).map((f) => join(emodb, f));
    const byEmotion: Partial<Record<EmotionLabel, EmotionScores[]>> = {};
    for (const target of ECHO_TARGETS) {
      const code = RAVDESS_CODE[target];
      if (code) byEmotion[target] = await score([ravdessClip(21, code, 1, 1, 2), ravdessClip(21, code, 2, 1, 2)]);
    }
    material = {
      source: 'held-out corpus clips (RAVDESS actors 19–21, EMO-DB speaker 15)',
      lively: await score([3, 5].flatMap((code) => [ravdessClip(19, code, 1, 1, 2), ravdessClip(19, code, 2, 1, 2), ravdessClip(19, code, 1, 2, 2)])),
      low: await score([...[2, 4].flatMap((code) => [ravdessClip(20, code, 1, 1, 1), ravdessClip(20, code, 2, 1, 1)]), ...boredom]),
      byEmotion,
    };
  } else {
    const lively = espeak('What a great idea, let us do it right now, I love it!', ['-s', '185', '-p', '70', '-a', '160']);
    const low = espeak('I am so tired. I think I will just sit here for a while.', ['-s', '105', '-p', '20', '-a', '45']);
    const scores = { lively: await score([lively]), low: await score([low]) };
    material = {
      source: 'espeak-ng synthetic speech (../shared/datasets is absent: no real voices)',
      ...scores,
      byEmotion: Object.fromEntries(ECHO_TARGETS.map((t) => [t, t === 'sad' || t === 'calm' ? scores.low : scores.lively])),
    };
  }
  await classifier.dispose();
  return material;
}
