/**
 * One peer's voice as this listener hears it: the remote stream through a gate (volume, mute,
 * audible) into a three.js PositionalAudio at the peer's head, an analyser on the unprocessed
 * stream for their lips, and the muted media element Chromium needs. Used by spatial-voice.ts.
 */
import { PositionalAudio, type AudioListener } from 'three';
import { playMutedElement } from './muted-media-element';
import { panningModelOf, type SpatialQuality, type VoiceDistanceModel } from './spatial-policy';
import { createStereoProbe, type NodeTally, type StereoLevels, type StereoProbe } from './stereo-probe';
import { followLevel, levelOfSamples, NO_LEVEL } from './voice-levels';

/** Time constant of gain changes: 95 % within 150 ms, no click, quick enough to feel immediate. */
const GAIN_TIME_CONSTANT_SEC = 0.05;

/** What one heard voice needs from the spatial voice that owns it. */
export interface HeardVoiceOptions {
  readonly sessionId: string;
  readonly stream: MediaStream;
  readonly listener: AudioListener;
  readonly distance: VoiceDistanceModel;
  readonly quality: SpatialQuality;
  /** Analyser window, shared by every voice (read one at a time); its length is the fftSize. */
  readonly scratch: Float32Array<ArrayBuffer>;
  readonly tally: NodeTally;
  readonly mediaHost?: HTMLElement | null;
}

/** One peer's nodes. */
export interface HeardVoice {
  readonly stream: MediaStream;
  /** The PositionalAudio; its parent places it (spatial-voice.ts's group). */
  readonly audio: PositionalAudio;
  /** Ramps the gate to `gain` (0 silences it, and the panner then skips its work). */
  setGain(gain: number): void;
  setQuality(quality: SpatialQuality): void;
  /** The lips' level at context time `nowSec`, or NO_LEVEL while no audio flows. Allocates nothing. */
  level(nowSec: number): number;
  /** Left/right energy after the panner (made on first use). */
  stereo(out: StereoLevels): StereoLevels;
  /** Disconnects every node made here and removes the element; the stream's tracks keep running. */
  dispose(): void;
}

/** Builds the nodes of one heard voice and starts it playing at gain 0 until told otherwise. */
export function createHeardVoice(options: HeardVoiceOptions): HeardVoice {
  const { stream, listener, distance, scratch, tally } = options;
  const context = listener.context;
  const element = playMutedElement(stream, options.sessionId, options.mediaHost);
  const source = context.createMediaStreamSource(stream);
  // The gate sits before the panner, not after it: once its input is silent past the panner's tail,
  // Blink propagates silence instead of running the HRTF convolution, so voices outside the
  // audible set should cost little (not measured here).
  const gate = context.createGain();
  gate.gain.value = 0;
  const audio = new PositionalAudio(listener);
  audio.setFilters([gate]);
  audio.setNodeSource(source);
  audio.setDistanceModel(distance.distanceModel);
  audio.setRefDistance(distance.refDistanceM);
  audio.setRolloffFactor(distance.rolloffFactor);
  audio.setMaxDistance(distance.maxDistanceM);
  audio.panner.panningModel = panningModelOf(options.quality);
  // Lips follow the voice as spoken, before volume, mute and distance.
  const analyser = context.createAnalyser();
  analyser.fftSize = scratch.length;
  source.connect(analyser);
  tally.positionalAudios++;
  tally.analysers++;
  if (element.attached) tally.mediaElements++;
  // The first audio track stands for the stream: a remote track is `muted` until packets arrive.
  const track = stream.getAudioTracks()[0] ?? null;
  let probe: StereoProbe | null = null;
  let level = 0;
  let readAtSec = -1;
  let disposed = false;

  return {
    stream,
    audio,
    setGain(gain) {
      if (!disposed) gate.gain.setTargetAtTime(gain, context.currentTime, GAIN_TIME_CONSTANT_SEC);
    },
    setQuality(quality) {
      if (!disposed) audio.panner.panningModel = panningModelOf(quality);
    },
    level(nowSec) {
      if (disposed || !track || track.muted || track.readyState !== 'live') return NO_LEVEL;
      if (nowSec <= readAtSec) return level;
      const dtSec = readAtSec < 0 ? Infinity : nowSec - readAtSec;
      readAtSec = nowSec;
      analyser.getFloatTimeDomainData(scratch);
      level = followLevel(level, levelOfSamples(scratch), dtSec);
      return level;
    },
    stereo(out) {
      if (disposed) return Object.assign(out, { left: 0, right: 0 });
      probe ??= createStereoProbe(context, audio.gain, tally);
      return probe.read(out);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      probe?.dispose();
      audio.disconnect();
      // three's disconnect leaves the analyser tap and the gain → listener link: cut every output.
      for (const node of [source, gate, audio.panner, audio.gain, analyser]) node.disconnect();
      audio.removeFromParent();
      element.release();
      tally.positionalAudios--;
      tally.analysers--;
      if (element.attached) tally.mediaElements--;
    },
  };
}
