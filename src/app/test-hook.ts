import type { XRStore } from '@react-three/xr';
import type { SceneServices } from '../scene/scene-services';
import type { AppStore } from '../state';
import type { PlayerVoice } from '../voice/player-voice';
import type { EngagementBinding } from './engagement-binding';
import type { NudgeFeedback } from './nudge-feedback';
import { createTalkTestView, type TalkTestView } from './talk-test-view';
import type { VoiceChat } from './voice-chat';
import type { VoiceStats, VoiceStatus } from '../voice/voice-pipeline';

/** The voice pipeline as tests and the benchmark see it. Getters only, apart from the measurement. */
export interface VoiceTestView {
  readonly status: VoiceStatus;
  readonly stats: Readonly<VoiceStats>;
  /** Every label change the pipeline reported, with its wall-clock time (Date.now, comparable across pages). */
  readonly labels: readonly { label: string; atMs: number }[];
  /** Wall-clock times at which stretches of speech began (VAD onsets). */
  readonly speechOnsets: readonly number[];
  /** 16 kHz samples captured so far, read at wall-clock `atMs`. */
  readonly captured: { samples: number; atMs: number };
  /** Diagnostics for the benchmark and parity tests: see VoicePipeline.measureInference. */
  measureInference(runs: number): Promise<{ inferenceMs: number; probabilities: number[] }[]>;
  /** Diagnostics for the benchmark: see VoicePipeline.vadStats. */
  vadStats(): Promise<{ frames: number; runMs: number } | null>;
}

/** The wearer's engagement as tests see it (the page's own view; others never see nudges). */
export interface EngagementTestView {
  readonly state: string;
  readonly drowsiness: number;
  /** Level of the nudge on show, 0 for none. */
  readonly nudgeLevel: number;
  /** True while the nudge is drawn in the headset view. */
  readonly nudgeInView: boolean;
  readonly hapticPulses: number;
  readonly hapticUnavailable: number;
  readonly chimes: number;
  /** Evidence behind the estimate: nods in the last 90 s, head data covered (ms), head speed (rad/s), voice low energy. */
  readonly evidence: { nods: number; coveredMs: number; headSpeed: number; lowEnergy: number; target: number } | null;
}

/** The read-only view tests get of a running page (`window.__emotone`). Getters only. */
export interface EmotoneTestHook {
  /** The wearer's engagement; null on a spectator page. */
  readonly engagement: EngagementTestView | null;
  /** The player's voice pipeline; null on a spectator page. */
  readonly voice: VoiceTestView | null;
  /** Voice chat between players (figures read as empty until a player's space is loaded). */
  readonly talk: TalkTestView;
  readonly mode: string;
  readonly connection: string;
  readonly sessionId: string | null;
  /** Other players' emotion labels keyed by display name. */
  readonly peerLabels: Readonly<Record<string, string>>;
  /** Avatars in the scene (own mirror included), and how many are still placeholders. */
  readonly avatarCount: number;
  readonly placeholderCount: number;
  readonly frameCount: number;
  /** Faces the spectator's gallery drew in the last frame. */
  readonly galleryTiles: number;
  /** 'immersive-vr' while in a session, else null; and views per XR frame. */
  readonly xrSessionMode: string | null;
  readonly xrViewCount: number;
  /** The wrist menu as drawn: open, microphone level on its bar (0..1), its voice line. */
  readonly wristMenu: { open: boolean; micLevel: number; voiceText: string } | null;
  /** Draw calls and triangles of the last rendered frame (both eyes in VR). */
  readonly render: { calls: number; triangles: number } | null;
  /** The last `n` (at most 600) intervals between rendered frames, ms, oldest first. */
  frameIntervalsMs(n: number): number[];
  /** Current weight of a VRM preset on the avatar of a session id or display name ('self' = mirror). */
  expressionWeight(sessionIdOrName: string, preset: string): number | null;
  /** Whether that avatar is still the stand-in (no VRM loaded, or loading failed); null if absent. */
  isPlaceholder(sessionIdOrName: string): boolean | null;
  /** This page's own head pose as it goes to the room: [x, y, z] and quaternion [x, y, z, w]. */
  readonly ownPose: { position: [number, number, number]; quaternion: [number, number, number, number] };
  /** Last received head position of another player (by session id or name), or null. */
  peerPosition(sessionIdOrName: string): [number, number, number] | null;
  /**
   * The spectator gallery's faces as rendered in `frames` frames at least `gapMs` apart (elapsed
   * time, whatever the frame rate): per frame, per face, its name and RGBA (base64, bottom row first).
   */
  captureGallery(frames: number, gapMs: number): Promise<{ name: string; w: number; h: number; rgba: string }[][]>;
}

declare global {
  interface Window {
    __emotone?: EmotoneTestHook;
  }
}

/** The space's services the hook reads, once the space is loaded. */
export interface TestHookSpace {
  readonly xrStore: XRStore;
  readonly scene: SceneServices;
  readonly feedback: NudgeFeedback | null;
  readonly engagement: EngagementBinding | null;
  /** A player's voice chat; null on a spectator page. */
  readonly voiceChat: VoiceChat | null;
}

/** What the hook looks at. */
export interface TestHookSources {
  readonly store: AppStore;
  readonly voice: PlayerVoice | null;
  /** The loaded space, or null while the landing page has not loaded it (its figures read as zero). */
  readonly space: () => TestHookSpace | null;
}

function voiceView(voice: PlayerVoice): VoiceTestView {
  return Object.freeze({
    get status() { return voice.getStatus(); },
    get stats() { return voice.stats; },
    get labels() { return voice.history.labels; },
    get speechOnsets() { return voice.history.speechOnsets; },
    get captured() { return { samples: voice.capturedSamples(), atMs: Date.now() }; },
    measureInference: (runs: number) => voice.measureInference(runs),
    vadStats: () => voice.vadStats(),
  });
}

/** Builds the hook; nothing in it can change app state. */
function engagementView(store: AppStore, space: () => TestHookSpace | null): EngagementTestView {
  const feedback = () => space()?.feedback?.stats;
  return Object.freeze({
    get state() { return store.getState().self.engagement; },
    get drowsiness() { return store.getState().self.drowsiness; },
    get nudgeLevel() { return store.getState().nudge.current?.level ?? 0; },
    get nudgeInView() { return space()?.scene.stats.nudgeInView ?? false; },
    get hapticPulses() { return feedback()?.hapticPulses ?? 0; },
    get hapticUnavailable() { return feedback()?.hapticUnavailable ?? 0; },
    get chimes() { return feedback()?.chimes ?? 0; },
    get evidence() {
      const e = space()?.engagement?.lastEstimate;
      return e ? { nods: e.head.nods, coveredMs: e.head.coveredMs, headSpeed: e.head.meanSpeedRadPerSec, lowEnergy: e.voice.lowEnergy, target: e.target } : null;
    },
  });
}

export function createTestHook({ store, voice, space }: TestHookSources): EmotoneTestHook {
  const voiceHook = voice ? voiceView(voice) : null;
  // A player page (it has a voice) tracks engagement; a spectator page does not.
  const engagementHook = voice ? engagementView(store, space) : null;
  const stats = () => space()?.scene.stats;
  const count = (placeholdersOnly: boolean): number => {
    let n = 0;
    for (const entry of space()?.scene.directory.entries() ?? []) if (!placeholdersOnly || entry.avatar.isPlaceholder) n++;
    return n;
  };
  return Object.freeze({
    voice: voiceHook,
    engagement: engagementHook,
    talk: createTalkTestView(() => space()?.voiceChat ?? null),
    get mode() { return store.getState().mode; },
    get connection() { return store.getState().connection.kind; },
    get sessionId() { return store.getState().sessionId; },
    get peerLabels() {
      const out: Record<string, string> = {};
      for (const peer of Object.values(store.getState().peers)) out[peer.name || peer.sessionId] = peer.emotion.label;
      return out;
    },
    get avatarCount() { return count(false); },
    get placeholderCount() { return count(true); },
    get frameCount() { return stats()?.frames ?? 0; },
    get galleryTiles() { return stats()?.galleryTiles ?? 0; },
    get ownPose() {
      const { position: p, quaternion: q } = store.getState().self.pose;
      return { position: [p[0], p[1], p[2]] as [number, number, number], quaternion: [q[0], q[1], q[2], q[3]] as [number, number, number, number] };
    },
    get xrSessionMode() { return space()?.xrStore.getState().session ? 'immersive-vr' : null; },
    get xrViewCount() { return stats()?.xrViews ?? 0; },
    get wristMenu() { const m = stats()?.wristMenu; return m ? { ...m } : null; },
    get render() { const r = stats()?.render; return r ? { ...r } : null; },
    frameIntervalsMs(n: number) {
      const st = stats();
      if (!st) return [];
      const ring = st.frameIntervalsMs;
      const count = Math.min(n, ring.length, st.frames);
      return Array.from({ length: count }, (_, i) => ring[(st.frames - count + i) % ring.length] ?? 0);
    },
    expressionWeight(key: string, preset: string) {
      const entry = space()?.scene.directory.find(key);
      return entry ? entry.avatar.expressionWeight(preset) : null;
    },
    isPlaceholder(key: string) {
      return space()?.scene.directory.find(key)?.avatar.isPlaceholder ?? null;
    },
    captureGallery: (frames: number, gapMs: number) => captureGallery(stats, frames, gapMs),
    peerPosition(key: string): [number, number, number] | null {
      const { peers, poses } = store.getState();
      const id = key in peers ? key : Object.values(peers).find((p) => p.name === key)?.sessionId;
      const pose = id === undefined ? undefined : poses[id];
      return pose ? [pose.position[0], pose.position[1], pose.position[2]] : null;
    },
  });
}

/** Asks the gallery for one rendered frame's faces at a time, `gapMs` apart. */
async function captureGallery(stats: () => SceneServices['stats'] | undefined, frames: number, gapMs: number): Promise<{ name: string; w: number; h: number; rgba: string }[][]> {
  const out: { name: string; w: number; h: number; rgba: string }[][] = [];
  const toBase64 = (bytes: Uint8Array): string => {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  for (let f = 0; f < frames; f++) {
    const capture = stats()?.galleryCapture;
    if (!capture) throw new Error('no spectator gallery on this page');
    const startedAt = performance.now();
    capture.frames.length = 0;
    capture.wanted = 1;
    while (capture.frames.length === 0) {
      if (performance.now() - startedAt > 30_000) throw new Error('the gallery rendered no frame in 30 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    out.push(capture.frames[0]!.map((t) => ({ name: t.name, w: t.w, h: t.h, rgba: toBase64(t.rgba) })));
    capture.frames.length = 0;
    const left = gapMs - (performance.now() - startedAt);
    if (left > 0 && f < frames - 1) await new Promise((resolve) => setTimeout(resolve, left));
  }
  return out;
}

/** Installs the hook on `window` as a non-writable property. */
export function installTestHook(hook: EmotoneTestHook): void {
  Object.defineProperty(window, '__emotone', { value: hook, writable: false, configurable: false });
}
