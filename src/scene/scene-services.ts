import { createContext, useContext } from 'react';
import { createAvatarDirectory, type AvatarDirectory } from '../avatar/avatar-directory';
import type { AvatarFactory } from '../avatar/avatar-instance';
import { createVrmAvatarFactory } from '../avatar/vrm-avatar';
import type { AppStore } from '../state';

/** Counters the scene updates every frame (read by the test hook; never React state). */
export interface FrameStats {
  frames: number;
  /** Views in the last XR frame (2 for a headset), 0 outside XR. */
  xrViews: number;
  /** True while a private nudge is drawn in the headset view. */
  nudgeInView: boolean;
  /** Faces the spectator's gallery drew in the last frame. */
  galleryTiles: number;
}

/** Everything the 3D scene needs, handed down by the composition root. */
export interface SceneServices {
  readonly store: AppStore;
  readonly avatarFactory: AvatarFactory;
  readonly directory: AvatarDirectory;
  readonly stats: FrameStats;
  /** Key (session id) of the loudest speaker, written once per frame by SpeakerFocus. */
  readonly focus: { speaker: string | null };
}

/** Creates a scene's services: VRM avatars, an empty directory, zeroed counters, no focus. */
export function createSceneServices(store: AppStore, avatarFactory: AvatarFactory = createVrmAvatarFactory()): SceneServices {
  return { store, avatarFactory, directory: createAvatarDirectory(), stats: { frames: 0, xrViews: 0, nudgeInView: false, galleryTiles: 0 }, focus: { speaker: null } };
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
