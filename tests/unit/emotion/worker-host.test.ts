import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClassifierHost } from '../../../src/emotion/worker/worker-host';
import type { FromWorker } from '../../../src/emotion/worker/messages';
import { RAVDESS, ravdessClip, soxRead } from '../../fixtures/audio';
import { CONTRACT, MODEL_PATH, SHIPPED_MODEL } from '../../fixtures/model';

/** A host wired to the file system, collecting what it posts. */
function makeHost(probe = { available: false, detail: 'no navigator.gpu (Node)' }) {
  const posted: FromWorker[] = [];
  const host = createClassifierHost({
    fetchBytes: async (url, onProgress) => {
      const bytes = new Uint8Array(readFileSync(url));
      onProgress(bytes.length, bytes.length);
      return bytes;
    },
    post: (m) => posted.push(m),
    probeWebGpu: async () => probe,
  });
  return { host, posted };
}

const last = <T extends FromWorker['type']>(posted: FromWorker[], type: T) =>
  posted.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type).at(-1);

describe.skipIf(!MODEL_PATH)('classifier host (worker logic) with the real model in onnxruntime-web WASM', () => {
  const load = { type: 'load', modelUrl: MODEL_PATH!, contract: CONTRACT, numThreads: 1 } as const;

  it('loads on WASM with progress and classifies a window into a distribution over labels.json', async () => {
    const { host, posted } = makeHost();
    await host.handle({ ...load, backend: 'auto' });
    expect(posted.some((m) => m.type === 'progress' && m.stage === 'model' && m.loadedBytes > 0)).toBe(true);
    expect(last(posted, 'ready')).toMatchObject({ backend: 'wasm', reason: expect.stringContaining('Node') });
    await host.handle({ type: 'classify', id: 7, samples: new Float32Array(32000).map((_, i) => 0.1 * Math.sin(i / 9)) });
    const result = last(posted, 'result')!;
    expect(result.id).toBe(7);
    expect(result.scores.probabilities).toHaveLength(CONTRACT.labels.length);
    expect([...result.scores.probabilities].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(Math.abs(result.scores.arousal)).toBeLessThanOrEqual(1);
  }, 30_000);

  it('a WebGPU request without WebGPU falls back to WASM and says why', async () => {
    const { host, posted } = makeHost();
    await host.handle({ ...load, backend: 'webgpu' });
    const ready = last(posted, 'ready')!;
    expect(ready.backend).toBe('wasm');
    expect(ready.reason).toMatch(/WebGPU failed/);
  });

  it('answers every queued request, in order, even when sent all at once', async () => {
    const { host, posted } = makeHost();
    await host.handle({ ...load, backend: 'wasm' });
    const window = new Float32Array(16000).fill(0.01);
    await Promise.all([1, 2, 3, 4].map((id) => host.handle({ type: 'classify', id, samples: window })));
    expect(posted.filter((m) => m.type === 'result').map((m) => (m as { id: number }).id)).toEqual([1, 2, 3, 4]);
  });

  it.skipIf(!CONTRACT.speakerProfile)('passes the speaker profile through to the model and returns the window band means', async () => {
    const sp = CONTRACT.speakerProfile!;
    const { host, posted } = makeHost();
    await host.handle({ ...load, backend: 'wasm' });
    const window = () => new Float32Array(32000).map((_, i) => 0.2 * Math.sin(i / 11) * Math.sin(i / 900));
    const shifted = sp.initial.map((v, i) => v + (i % 2 ? 1.5 : -1.5));
    await host.handle({ type: 'classify', id: 1, samples: window() });
    await host.handle({ type: 'classify', id: 2, samples: window(), profile: sp.initial });
    await host.handle({ type: 'classify', id: 3, samples: window(), profile: shifted });
    const [a, b, c] = posted.filter((m) => m.type === 'result').map((m) => (m as Extract<FromWorker, { type: 'result' }>).scores);
    expect(a!.bandMeans).toHaveLength(sp.size);
    expect([...b!.probabilities]).toEqual([...a!.probabilities]); // no profile = the initial profile
    expect([...c!.bandMeans!]).toEqual([...a!.bandMeans!]); // band means do not depend on the profile
    // the profile reaches the network: the speaker-normalised member's share of every output moves
    const moved = [...c!.probabilities].map((p, i) => Math.abs(p - (a!.probabilities[i] ?? 0)));
    moved.push(Math.abs(c!.arousal - a!.arousal), Math.abs(c!.valence - a!.valence));
    console.log(`output change under a shifted profile: ${Math.max(...moved).toExponential(2)}`);
    expect(Math.max(...moved)).toBeGreaterThan(1e-3);
    await host.handle({ type: 'classify', id: 4, samples: window(), profile: new Float32Array(3) });
    expect(last(posted, 'error')).toMatchObject({ id: 4, message: expect.stringMatching(/speaker profile has 3 values/) });
  });

  it('reports a classify before load as an error, not a crash', async () => {
    const { host, posted } = makeHost();
    await host.handle({ type: 'classify', id: 1, samples: new Float32Array(16000) });
    expect(last(posted, 'error')).toMatchObject({ id: 1, message: expect.stringMatching(/before load/) });
  });

  describe.skipIf(!RAVDESS || !SHIPPED_MODEL)('on RAVDESS held-out actors 19–24 (2 s windows, as the app runs it)', () => {
    it('recognises emotional speech above chance', async () => {
      const { host, posted } = makeHost();
      await host.handle({ ...load, backend: 'wasm' });
      const codes: Record<string, number> = { neutral: 1, happy: 3, sad: 4, angry: 5 };
      let correct = 0;
      let total = 0;
      for (const actor of [19, 20, 21, 22, 23, 24]) {
        for (const [label, code] of Object.entries(codes)) {
          const x = soxRead(ravdessClip(actor, code), CONTRACT.sampleRateHz);
          // The app classifies the newest window while the person speaks: take the clip's middle 2 s.
          const start = Math.max(0, Math.floor(x.length / 2) - CONTRACT.sampleRateHz);
          await host.handle({ type: 'classify', id: total, samples: x.slice(start, start + 2 * CONTRACT.sampleRateHz) });
          const p = last(posted, 'result')!.scores.probabilities;
          const best = CONTRACT.labels[p.indexOf(Math.max(...p))];
          if (best === label || (label === 'neutral' && best === 'calm')) correct++;
          total++;
        }
      }
      console.log(`RAVDESS actors 19–24, 4 emotions, 2 s windows: ${correct}/${total} correct (chance ≈ ${(total / CONTRACT.labels.length).toFixed(0)})`);
      expect(correct / total).toBeGreaterThan(2 / CONTRACT.labels.length);
    }, 120_000);
  });
});
