import { describe, expect, it } from 'vitest';
import { createCaptureChannel } from '../../../src/audio/capture-channel';
import { createCaptureProcessor } from '../../../src/audio/capture-processor';
import type { EmotionClassifier } from '../../../src/emotion/emotion-classifier';
import { createOutbox, type SenderClock } from '../../../src/net';
import type { ClientPayloads } from '../../../src/shared/protocol';
import { LIMITS } from '../../../src/shared/protocol';
import { createAppStore } from '../../../src/state';
import { createVoiceAnalysis } from '../../../src/voice/voice-analysis';
import { espeakWav, soxRead } from '../../fixtures/audio';
import { CONTRACT } from '../../fixtures/model';

/** Timers that fire only as the test's audio clock advances. */
function audioClock(): SenderClock & { advanceTo(ms: number): void } {
  let t = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => t,
    setTimeout: (fn, ms) => {
      const timer = { at: t + ms, fn };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (h) => void (timers = timers.filter((x) => x !== h)),
    advanceTo(ms) {
      t = ms;
      const due = timers.filter((x) => x.at <= t);
      timers = timers.filter((x) => x.at > t);
      for (const x of due) x.fn();
    },
  };
}

/** A classifier that is sure of a different emotion every time: the worst case for traffic. */
function fickleClassifier(): EmotionClassifier {
  let n = 0;
  const order = ['angry', 'happy', 'sad', 'surprised'];
  return {
    labels: CONTRACT.labels,
    backend: 'wasm',
    classify: async () => {
      const label = order[n++ % order.length];
      const probabilities = new Float32Array(CONTRACT.labels.map((l) => (l === label ? 0.93 : 0.01)));
      return { probabilities, arousal: (n % 7) / 7, valence: -(n % 5) / 5, inferenceMs: 1, backend: 'wasm', bandMeans: null };
    },
    dispose: async () => undefined,
  };
}

describe('voice → store → the net layer’s outbox (the one throttle)', () => {
  it('sends emotion changes at most 4 Hz and speaking levels at most 10 Hz in 0.1 steps, never raw audio', async () => {
    const clock = audioClock();
    const store = createAppStore({ now: clock.now });
    const sent: { type: keyof ClientPayloads; payload: unknown; atMs: number }[] = [];
    const outbox = createOutbox(store, (type, payload) => sent.push({ type, payload, atMs: clock.now() }), clock);
    let offered = 0;
    const channel = createCaptureChannel();
    const processor = createCaptureProcessor({ inputRateHz: 48000, channel });
    const analysis = createVoiceAnalysis({
      channel,
      contract: { ...CONTRACT, hopMs: 100 }, // a window every 100 ms: 10 Hz of changes offered
      classifier: fickleClassifier(),
      onEmotion: (state) => (offered++, store.setSelfEmotion(state)),
      onSpeaking: store.setSpeaking,
      now: clock.now,
      smoothing: { minDwellMs: 0, confirmUpdates: 1 }, // no smoothing brake: the outbox alone must cap the rate
    });
    const speech = soxRead(espeakWav('Speaking for a while so that the level moves and the emotion changes many times over.'), 48000);
    const block = new Float32Array(128);
    for (let at = 0; at + 128 <= speech.length; at += 128) {
      block.set(speech.subarray(at, at + 128));
      processor.process(block);
      const ms = ((at + 128) / 48000) * 1000;
      if (Math.floor(ms / 50) !== Math.floor(clock.now() / 50)) {
        analysis.tick(ms);
        await new Promise((r) => setTimeout(r, 0));
      }
      clock.advanceTo(ms);
    }
    outbox.dispose();
    const of = (type: string) => sent.filter((s) => s.type === type);
    const maxPerSecond = (times: number[]) => Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    const emotion = of('emotion');
    const speaking = of('speaking');
    console.log(`${(speech.length / 48000).toFixed(1)} s of speech: ${offered} emotion changes offered, ${emotion.length} emotion and ${speaking.length} speaking messages sent`);
    expect(offered).toBeGreaterThan(emotion.length); // the cap really bit
    expect(emotion.length).toBeGreaterThan(2);
    expect(maxPerSecond(emotion.map((s) => s.atMs))).toBeLessThanOrEqual(LIMITS.emotionSendHz);
    expect(maxPerSecond(speaking.map((s) => s.atMs))).toBeLessThanOrEqual(LIMITS.speakingSendHz);
    for (const s of speaking) expect(Math.round((s.payload as { level: number }).level * 10) / 10).toBe((s.payload as { level: number }).level);
    for (let i = 1; i < emotion.length; i++) expect(emotion[i]!.payload).not.toEqual(emotion[i - 1]!.payload);
    expect(emotion.every((s) => (s.payload as { source: string }).source === 'voice')).toBe(true);
    expect(JSON.stringify(sent).length / sent.length).toBeLessThan(200);
  });
});
