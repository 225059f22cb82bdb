import { createContext, useContext } from 'react';
import { createAvatarDirectory, type AvatarDirectory } from '../avatar/avatar-directory';
import type { AvatarFactory } from '../avatar/avatar-instance';
import { createVrmAvatarFactory } from '../avatar/vrm-avatar';
import type { AppStore } from '../state';
import type { SpatialVoice } from '../talk/spatial-voice';

/** Counters the scene updates every frame (read by the test hook; never React state). */
export interface FrameStats {
  frames: number;
  /** Views in the last XR frame (2 for a headset), 0 outside XR. */
  xrViews: number;
  /** True while a private nudge is drawn in the headset view. */
  nudgeInView: boolean;
  /** Faces the spectator's gallery drew in the last frame. */
  galleryTiles: number;
  /** The wrist menu as drawn: open, the microphone level its bar shows (0..1), its voice line. */
  readonly wristMenu: { open: boolean; micLevel: number; voiceText: string };
  /** Draw calls and triangles of the last rendered frame (renderer.info; both eyes in VR). */
  readonly render: { calls: number; triangles: number };
  /** Intervals between the last FRAME_RING frames, ms, as a ring; `frames` says how far it is filled. */
  readonly frameIntervalsMs: Float32Array;
  /**
   * Pixels of the gallery's faces as rendered, for the readability check: while `wanted` > 0 each
   * rendered frame appends one entry (a tile's RGBA, bottom row first, per gallery face) and
   * counts `wanted` down. Empty unless asked: the frame loop reads no pixels otherwise.
   */
  readonly galleryCapture: { wanted: number; readonly frames: { name: string; w: number; h: number; rgba: Uint8Array }[][] };
}

/** How many frame intervals FrameStats keeps. */
export const FRAME_RING = 600;

/** Fresh counters. */
export function createFrameStats(): FrameStats {
  return {
    frames: 0, xrViews: 0, nudgeInView: false, galleryTiles: 0,
    wristMenu: { open: false, micLevel: 0, voiceText: '' },
    render: { calls: 0, triangles: 0 },
    frameIntervalsMs: new Float32Array(FRAME_RING),
    galleryCapture: { wanted: 0, frames: [] },
  };
}

/** Everything the 3D scene needs, handed down by the composition root. */
export interface SceneServices {
  readonly store: AppStore;
  readonly avatarFactory: AvatarFactory;
  readonly directory: AvatarDirectory;
  readonly stats: FrameStats;
  /** Key (session id) of the loudest speaker, written once per frame by SpeakerFocus. */
  readonly focus: { speaker: string | null };
  /** Playback of the voices this page hears (voice chat); null where there is none. */
  readonly spatialVoice: SpatialVoice | null;
}

/** Creates a scene's services: VRM avatars, an empty directory, zeroed counters, no focus, no voice chat unless given. */
export function createSceneServices(
  store: AppStore,
  avatarFactory: AvatarFactory = createVrmAvatarFactory(),
  spatialVoice: SpatialVoice | null = null,
): SceneServices {
  return { store, avatarFactory, directory: createAvatarDirectory(), stats: createFrameStats(), focus: { speaker: null }, spatialVoice };
}

const SceneServicesContext = createContext<SceneServices | null>(null);

/** Provider of the scene services. */
export const SceneServicesProvider = SceneServicesContext.Provider;

/** The scene services; throws when used outside the provider. */
export function useSceneServices(): SceneServices {
  const services = useContext(SceneServicesContext);
  if (!services) throw new Error('useSceneServices outside SceneServicesProvider');
  return services;
}
