/**
 * Composition root of the first download: the app store, the remembered profile, the player's
 * voice pipeline, the read-only test hook and the landing page. Everything that needs three.js,
 * VRM, the XR rig or the room client is composed in app/space-runtime.ts, which is downloaded
 * when someone joins (player or spectator; app/space-loader.ts shows the progress). URL flags:
 * see app/launch-options.ts and voice/voice-settings.ts. Emotion sources (the manual picker, the
 * voice classifier) write through store.setSelfEmotion; the room client sends the store's changes.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { VoicePreferences } from './app/App';
import { prefetchParts, readSpaceParts } from './app/download-progress';
import { parseLaunchOptions } from './app/launch-options';
import { Shell } from './app/Shell';
import { createSpaceEntry } from './app/space-entry';
import { createSpaceLoader } from './app/space-loader';
import { createTestHook, installTestHook } from './app/test-hook';
import { DEFAULT_AVATAR_ID } from './avatar/shipped-avatars';
import { loadEngagementSettings, saveEngagementSettings } from './engagement/engagement-settings';
import { createAppStore, loadBlocked } from './state';
import { createProfileMemory } from './state/remembered-profile';
import { createPlayerVoice } from './voice/player-voice';
import { parseVoiceSettings, saveBackendPreference, saveVadPreference } from './voice/voice-settings';
import { installQuest3Emulator } from './xr/iwer-install';

async function main(): Promise<void> {
  const launch = parseLaunchOptions(location.search);
  if (launch.xrEmulate === 'quest3') await installQuest3Emulator(); // before anything asks navigator.xr

  const storage = globalThis.localStorage ?? null;
  const profile = createProfileMemory(storage);
  const remembered = profile.get();
  const store = createAppStore({
    self: { name: launch.name ?? remembered.name, avatarId: launch.avatar ?? (remembered.avatarId || DEFAULT_AVATAR_ID) },
    engagementSettings: loadEngagementSettings(storage, location.search),
    blocked: loadBlocked(storage),
  });
  store.subscribe((state, previous) => {
    if (storage && state.engagementSettings !== previous.engagementSettings) saveEngagementSettings(storage, state.engagementSettings);
  });
  const voiceSettings = parseVoiceSettings(location.search, storage);
  const voice = launch.spectate ? null : createPlayerVoice(store, voiceSettings);
  const voicePreferences: VoicePreferences = {
    backend: parseVoiceSettings('', storage).backend,
    save: (backend) => storage && saveBackendPreference(storage, backend),
    vad: parseVoiceSettings('', storage).vad,
    saveVad: (vad) => storage && saveVadPreference(storage, vad),
    startVoice: () => {
      profile.remember({ micConsent: true });
      void voice?.start();
    },
  };
  // Voice chat's playback context, made in the Join click: a context resumed inside a user gesture
  // plays at once, while one made later (the space downloads first) would wait for another click.
  let chatContext: AudioContext | null = null;
  const wakeChatAudio = (): void => {
    if (launch.spectate || typeof AudioContext === 'undefined') return;
    chatContext ??= new AudioContext({ latencyHint: 'interactive' });
    void chatContext.resume().catch(() => undefined);
  };
  const vrSupported = (await navigator.xr?.isSessionSupported('immersive-vr').catch(() => false)) ?? false;

  const loader = createSpaceLoader({
    download: async (onFraction) => {
      const parts = readSpaceParts(document);
      if (parts) await prefetchParts(parts, onFraction);
      return import('./app/space-runtime');
    },
    start: ({ createSpaceRuntime }) => createSpaceRuntime({
      store, voice, voicePreferences, vrSupported,
      space: launch.space,
      spectatorPage: launch.spectate,
      engagementTimeScale: launch.engagementTimeScale,
      audioContext: () => chatContext,
      storage,
      ...(launch.operator ? { operator: { storage: globalThis.sessionStorage ?? null } } : {}),
    }),
  });
  const entry = createSpaceEntry({
    loader,
    linkSpace: launch.space,
    // A remembered consent starts the voice on joining; the landing page itself loads no model.
    onRequest: (mode) => mode !== 'spectator' && wakeChatAudio(),
    beforeJoin: (mode) => {
      const idle = voice?.getStatus().mic === 'idle' && voice.getStatus().model === 'idle';
      if (mode !== 'spectator' && idle && profile.get().micConsent) void voice?.start();
    },
  });
  installTestHook(createTestHook({ store, voice, space: () => loader.runtime }));

  if (voice && voiceSettings.autoStart) void voice.start();
  if (launch.spectate) entry.start('spectator', entry.space());
  else if (launch.autoJoin === 'desktop' && launch.name) entry.start('desktop', entry.space());

  const rootElement = document.getElementById('root');
  if (!rootElement) throw new Error('index.html has no #root');
  createRoot(rootElement).render(
    <StrictMode>
      <Shell store={store} loader={loader} entry={entry} profile={profile} voice={voice} voicePreferences={voicePreferences} vrSupported={vrSupported} />
    </StrictMode>,
  );
}

void main();
