import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRunQueue } from '../../../src/emotion/emotion-classifier';
import { createOrtClassifier, createOrtSileroModel } from '../../../src/emotion/ort-session';
import { simulateVoice } from '../../harness/voice-simulate';
import { RAVDESS, ravdessClip, soxRead } from '../../fixtures/audio';
import { CONTRACT, MODEL_PATH, SHIPPED_MODEL, SILERO_VAD_PATH } from '../../fixtures/model';

describe.skipIf(!MODEL_PATH || !RAVDESS || !SHIPPED_MODEL)('the whole voice chain in Node on held-out RAVDESS actors (real model, WASM)', () => {
  it.each(['silero', 'energy'] as const)('displays the spoken emotion more often than chance, and neutral after each clip (%s VAD)', async (vadChoice) => {
    const classifier = await createOrtClassifier(new Uint8Array(readFileSync(MODEL_PATH!)), CONTRACT, 'wasm', createRunQueue());
    const vad = vadChoice === 'silero' ? await createOrtSileroModel(new Uint8Array(readFileSync(SILERO_VAD_PATH))) : undefined;
    const codes = { happy: 3, sad: 4, angry: 5 } as const;
    let hits = 0;
    let clips = 0;
    const rows: string[] = [];
    for (const actor of [19, 20, 21, 22, 23, 24]) {
      for (const [label, code] of Object.entries(codes)) {
        const shown = (await simulateVoice(soxRead(ravdessClip(actor, code), 48000), classifier, CONTRACT, { vad })).map((s) => s.label);
        const hit = shown.includes(label);
        hits += hit ? 1 : 0;
        clips++;
        rows.push(`${actor}/${label}: ${shown.join('→')}`);
        expect(shown.at(-1)).toBe('neutral');
      }
    }
    console.log(`voice chain (${vadChoice} VAD) on RAVDESS actors 19–24 (angry/happy/sad, strong): ${hits}/${clips} clips show their emotion\n  ${rows.join('\n  ')}`);
    expect(hits / clips).toBeGreaterThan(1 / 8);
    await classifier.dispose();
    await vad?.dispose();
  }, 120_000);
});
