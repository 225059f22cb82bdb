/**
 * Composition root: the one place that creates the services and wires them together.
 * URL flags: ?spectate, ?xremulate=quest3 (IWER emulator, for tests), ?name=&avatar=&join=desktop.
 * Emotion sources (the manual picker today, the voice classifier later) write through
 * store.setSelfEmotion; the room client sends the store's changes.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_AVATAR_ID } from './avatar';
import { COLYSEUS_PATH } from './shared/protocol';
import { createAppStore } from './state';
import { App } from './app/App';
import { parseLaunchOptions } from './app/launch-options';
import { createSession } from './app/session';
import { createTestHook, installTestHook } from './app/test-hook';
import { createAvatarDirectory } from './avatar/avatar-directory';
import { installQuest3Emulator } from './xr/iwer-install';
import { createFrameStats, type SceneServices } from './scene/scene-services';
import { createVrmAvatarFactory } from './avatar/vrm-avatar';
import { createEmotoneXRStore } from './xr/xr-store';
import { setUpPlayerVoice } from './app/voice-binding'; // voice → emotion (issue 4; voice engineer)

async function main(): Promise<void> {
  const launch = parseLaunchOptions(location.search);
  if (launch.xrEmulate === 'quest3') await installQuest3Emulator(); // before the XR store exists

  const store = createAppStore({ self: { name: launch.name ?? '', avatarId: launch.avatar ?? DEFAULT_AVATAR_ID } });
  const xrStore = createEmotoneXRStore();
  const scene: SceneServices = {
    store,
    avatarFactory: createVrmAvatarFactory(),
    directory: createAvatarDirectory(),
    stats: createFrameStats(),
    focus: { speaker: null },
  };
  const session = createSession({ store, xrStore, endpoint: COLYSEUS_PATH });
  installTestHook(createTestHook(store, xrStore, scene));
  // --- voice → emotion (issue 4; voice engineer): mic consent panel, capture, classifier worker → store ---
  if (!launch.spectate) setUpPlayerVoice(store);
  // --- end voice ---

  const vrSupported = (await navigator.xr?.isSessionSupported('immersive-vr').catch(() => false)) ?? false;
  if (launch.spectate) session.start('spectator');
  else if (launch.autoJoin === 'desktop' && launch.name) session.start('desktop');

  const rootElement = document.getElementById('root');
  if (!rootElement) throw new Error('index.html has no #root');
  createRoot(rootElement).render(
    <StrictMode>
      <App store={store} session={session} xrStore={xrStore} scene={scene} vrSupported={vrSupported} />
    </StrictMode>,
  );
}

void main();
