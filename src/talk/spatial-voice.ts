/**
 * The Web Audio side of voice chat: one AudioListener (on the camera, which three moves with the
 * XR head) and one PositionalAudio per heard peer, placed each frame at that peer's head. It
 * knows nothing of connections (peer streams are handed in) nor of who should be heard (the
 * hearing policy says; this only applies it). No React; the R3F binding is
 * src/scene/SpatialVoiceBinding.tsx.
 */
import { AudioContext as ThreeAudioContext, AudioListener, Group, type Object3D } from 'three';
import { clamp01 } from '../shared/clamp';
import { keepContextAwake } from './context-wake';
import { createHeardVoice, type HeardVoice } from './heard-voice';
import { SpatialQuality, VOICE_DISTANCE, type VoiceDistanceModel } from './spatial-policy';
import { createStereoProbe, type NodeTally, type StereoLevels, type StereoProbe } from './stereo-probe';
import { NO_LEVEL } from './voice-levels';

/** Options of {@link createSpatialVoice}. */
export interface SpatialVoiceOptions {
  /** The context to play in. When absent one is made, and closed by `dispose`. */
  readonly context?: AudioContext;
  /** The listener's parent, normally the camera; see {@link SpatialVoice.setListenerParent}. */
  readonly listenerParent?: Object3D | null;
  /** Default {@link VOICE_DISTANCE}. */
  readonly distance?: VoiceDistanceModel;
  /** Where the muted media elements go (default the document's body). */
  readonly mediaHost?: HTMLElement | null;
  /** Document whose visibility and gestures wake the context (default the page's). */
  readonly document?: Document | null;
}

/** Live nodes, for leak tests: each heard voice has a PositionalAudio, an analyser and an element. */
export type VoiceNodeCount = Readonly<NodeTally>;

/** Spatial playback of the voices this page hears. */
export interface SpatialVoice {
  readonly context: AudioContext;
  readonly listener: AudioListener;
  /** Holds every PositionalAudio; must be in the rendered scene so panners follow their positions. */
  readonly object: Object3D;
  /** Moves the listener under `parent` (the camera), or takes it out (null). */
  setListenerParent(parent: Object3D | null): void;
  /** Plays a peer's remote stream (replacing an earlier one). The stream's tracks stay the caller's. */
  addPeer(sessionId: string, stream: MediaStream): void;
  /** Stops playing a peer: disconnects its nodes and removes its element; its tracks keep running. */
  removePeer(sessionId: string): void;
  /** Places a peer's voice (world metres, normally its avatar's head). Per frame; allocates nothing. */
  setPeerPosition(sessionId: string, x: number, y: number, z: number): void;
  /** A peer's own volume, 0..2 (1 as received). Remembered across removePeer/addPeer. */
  setPeerVolume(sessionId: string, volume: number): void;
  /** Mutes a peer here only. Remembered across removePeer/addPeer. */
  setPeerMuted(sessionId: string, muted: boolean): void;
  /** Volume of everything heard, 0..2. */
  setMasterVolume(volume: number): void;
  /** Plays only these peers (the hearing policy's choice); the rest ramp to silence. null: all. */
  setAudible(sessionIds: Iterable<string> | null): void;
  /** Panning of every voice; the binding feeds it from `chooseQuality`. */
  setQuality(quality: SpatialQuality): void;
  readonly quality: SpatialQuality;
  /** The lips' level (0..1) from a peer's received voice, or NO_LEVEL when none plays. Per frame; allocates nothing. */
  levelOf(sessionId: string): number;
  /** Resumes the context (call in the Join and Enter VR clicks). Never rejects. */
  resume(): Promise<void>;
  /**
   * Test hook: the left/right RMS of a peer's panned voice, or of the whole mix without an id;
   * null for an unknown peer. The first call for each makes its splitter and analysers and reads
   * silence: ask again a few render quanta (~50 ms) later.
   */
  stereoLevels(sessionId?: string): StereoLevels | null;
  /** Test hook: the nodes alive now. */
  nodeCount(): VoiceNodeCount;
  /** Removes every peer, the listener and the wake listeners; closes the context if it made it. */
  dispose(): void;
}

/** Analyser window: ~21 ms at 48 kHz, the length of the sender VAD's frame. */
const LEVEL_WINDOW_SAMPLES = 1024;

const clampVolume = (volume: number): number => 2 * clamp01(volume / 2);

/** Creates the spatial voice playback; see {@link SpatialVoice}. */
export function createSpatialVoice(options: SpatialVoiceOptions = {}): SpatialVoice {
  const context = options.context ?? new AudioContext({ latencyHint: 'interactive' });
  // three's AudioListener reads its context from a module-level slot: point it at ours first.
  ThreeAudioContext.setContext(context);
  const listener = new AudioListener();
  const object = new Group();
  object.name = 'spatial-voice';
  const distance = options.distance ?? VOICE_DISTANCE;
  const wake = keepContextAwake(context, options.document);
  const voices = new Map<string, HeardVoice>();
  const volumes = new Map<string, number>();
  const muted = new Set<string>();
  const audible = new Set<string>();
  let everyoneAudible = true;
  let quality: SpatialQuality = SpatialQuality.hrtf;
  const tally: NodeTally = { positionalAudios: 0, analysers: 0, mediaElements: 0 };
  const scratch = new Float32Array(LEVEL_WINDOW_SAMPLES);
  let mixProbe: StereoProbe | null = null;
  let disposed = false;

  const gainOf = (id: string): number =>
    muted.has(id) || !(everyoneAudible || audible.has(id)) ? 0 : (volumes.get(id) ?? 1);
  const applyGain = (id: string): void => voices.get(id)?.setGain(gainOf(id));

  const voice: SpatialVoice = {
    context,
    listener,
    object,
    get quality() {
      return quality;
    },
    setListenerParent(parent) {
      listener.removeFromParent();
      parent?.add(listener);
    },
    addPeer(sessionId, stream) {
      if (disposed || voices.get(sessionId)?.stream === stream) return;
      voices.get(sessionId)?.dispose();
      const heard = createHeardVoice({ sessionId, stream, listener, distance, quality, scratch, tally, mediaHost: options.mediaHost ?? null });
      voices.set(sessionId, heard);
      object.add(heard.audio);
      applyGain(sessionId);
    },
    removePeer(sessionId) {
      voices.get(sessionId)?.dispose();
      voices.delete(sessionId);
    },
    setPeerPosition(sessionId, x, y, z) {
      voices.get(sessionId)?.audio.position.set(x, y, z);
    },
    setPeerVolume(sessionId, volume) {
      volumes.set(sessionId, clampVolume(volume));
      applyGain(sessionId);
    },
    setPeerMuted(sessionId, mute) {
      if (mute) muted.add(sessionId);
      else muted.delete(sessionId);
      applyGain(sessionId);
    },
    setMasterVolume(volume) {
      listener.setMasterVolume(clampVolume(volume));
    },
    setAudible(sessionIds) {
      everyoneAudible = sessionIds === null;
      audible.clear();
      if (sessionIds) for (const id of sessionIds) audible.add(id);
      for (const id of voices.keys()) applyGain(id);
    },
    setQuality(next) {
      if (next === quality) return;
      quality = next;
      for (const heard of voices.values()) heard.setQuality(next);
    },
    levelOf(sessionId) {
      // A suspended context's analysers hold stale audio: let the room's level drive the lips.
      if (context.state !== 'running') return NO_LEVEL;
      return voices.get(sessionId)?.level(context.currentTime) ?? NO_LEVEL;
    },
    resume: () => wake.resume(),
    stereoLevels(sessionId) {
      const out: StereoLevels = { left: 0, right: 0 };
      if (sessionId !== undefined) return voices.get(sessionId)?.stereo(out) ?? null;
      if (disposed) return out;
      mixProbe ??= createStereoProbe(context, listener.getInput(), tally);
      return mixProbe.read(out);
    },
    nodeCount: () => ({ ...tally }),
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const heard of voices.values()) heard.dispose();
      voices.clear();
      volumes.clear();
      muted.clear();
      mixProbe?.dispose();
      wake.dispose();
      listener.gain.disconnect();
      listener.removeFromParent();
      object.removeFromParent();
      if (!options.context) void context.close().catch(() => undefined);
    },
  };
  if (options.listenerParent) voice.setListenerParent(options.listenerParent);
  return voice;
}
