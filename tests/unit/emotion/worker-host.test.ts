import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClassifierHost } from '../../../src/emotion/worker/worker-host';
import type { FromWorker } from '../../../src/emotion/worker/messages';
import { createRingBuffer } from '../../../src/shared/ring-buffer';
import { espeakWav, hasCommand, RAVDESS, ravdessClip, soxRead } from '../../fixtures/audio';
import { CONTRACT, MODEL_PATH, SHIPPED_MODEL, SILERO_VAD_PATH } from '../../fixtures/model';

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

describe.skipIf(!MODEL_PATH || !hasCommand('espeak-ng'))('classifier host: the Silero VAD on a shared ring, beside the emotion model', () => {
  const load = { type: 'load', modelUrl: MODEL_PATH!, contract: CONTRACT, numThreads: 1, backend: 'wasm' } as const;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('follows the ring the worklet writes, reports speech onset and end, classifies meanwhile, and stops on dispose', async () => {
    const { host, posted } = makeHost();
    await host.handle(load);
    const ring = createRingBuffer(8 * 16000, true);
    await host.handle({ type: 'vad', modelUrl: SILERO_VAD_PATH, ring: ring.buffer as SharedArrayBuffer });
    expect(last(posted, 'vad-status')).toEqual({ type: 'vad-status', running: true, error: '' });
    const speech = soxRead(espeakWav('The headset hears this sentence and then a second of silence.'), 16000);
    const audio = new Float32Array(16000 + speech.length + 24000);
    audio.set(speech, 16000);
    // Faster than real time (4096 samples every 40 ms) but within what a pump job takes (8 frames).
    for (let at = 0; at < audio.length; at += 4096) {
      ring.write(audio.subarray(at, Math.min(audio.length, at + 4096)));
      if (at === 8 * 4096) void host.handle({ type: 'classify', id: 1, samples: audio.slice(at - 32000, at) });
      await sleep(40);
    }
    // Let the detector catch up with the audio (it scores at most 8 frames per 32 ms pump).
    const frames = Math.floor(audio.length / 512);
    for (let waited = 0; waited < 10_000; waited += 100) {
      await host.handle({ type: 'vad-stats' });
      if (last(posted, 'vad-stats')!.frames >= frames) break;
      await sleep(100);
    }
    expect(last(posted, 'vad-stats')!.frames).toBe(frames);
    const speechMessages = posted.filter((m): m is Extract<FromWorker, { type: 'speech' }> => m.type === 'speech');
    expect(speechMessages.map((m) => m.speaking)).toEqual([true, false]);
    const onsetS = speechMessages[0]!.onsetSample / 16000;
    console.log(`Silero in the host: speech from ${onsetS.toFixed(2)} s to ${(speechMessages[1]!.atSample / 16000).toFixed(2)} s (espeak-ng speech 1.00–${(1 + speech.length / 16000).toFixed(2)} s)`);
    expect(onsetS).toBeGreaterThan(0.9);
    expect(onsetS).toBeLessThan(1.4);
    expect(last(posted, 'result')?.id).toBe(1);
    await host.handle({ type: 'dispose' });
    const count = posted.length;
    ring.write(speech);
    await sleep(200);
    expect(posted.length).toBe(count);
  }, 30_000);

  it('a stop that comes while Silero is still loading (the page gave up waiting) leaves nothing running', async () => {
    const { host, posted } = makeHost();
    await host.handle(load);
    const ring = createRingBuffer(4 * 16000, true);
    const starting = host.handle({ type: 'vad', modelUrl: SILERO_VAD_PATH, ring: ring.buffer as SharedArrayBuffer });
    await host.handle({ type: 'vad-stop' });
    await starting;
    expect(posted.filter((m) => m.type === 'vad-status')).toEqual([]);
    ring.write(soxRead(espeakWav('Nobody listens to this any more.'), 16000));
    await sleep(300);
    await host.handle({ type: 'vad-stats' });
    expect(last(posted, 'vad-stats')).toMatchObject({ frames: 0 });
    expect(posted.filter((m) => m.type === 'speech')).toEqual([]);
    // A later start works as a first one would.
    await host.handle({ type: 'vad', modelUrl: SILERO_VAD_PATH, ring: ring.buffer as SharedArrayBuffer });
    expect(last(posted, 'vad-status')).toEqual({ type: 'vad-status', running: true, error: '' });
    await host.handle({ type: 'dispose' });
  });

  it('a Silero model that cannot load is reported, and the emotion model keeps working', async () => {
    const { host, posted } = makeHost();
    await host.handle(load);
    await host.handle({ type: 'vad', modelUrl: '/nonexistent/silero.onnx', ring: createRingBuffer(16000, true).buffer as SharedArrayBuffer });
    expect(last(posted, 'vad-status')).toMatchObject({ running: false, error: expect.stringMatching(/ENOENT|no such file/) });
    await host.handle({ type: 'classify', id: 9, samples: new Float32Array(16000).fill(0.01) });
    expect(last(posted, 'result')?.id).toBe(9);
    await host.handle({ type: 'dispose' });
  });
});
