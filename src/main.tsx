/**
 * Composition root: the one place that creates the services and wires them together: the app
 * store, the XR store, the scene's services, the room session, the player's voice pipeline and
 * the read-only test hook. URL flags: see app/launch-options.ts and voice/voice-settings.ts.
 * Emotion sources (the manual picker, the voice classifier) write through store.setSelfEmotion;
 * the room client sends the store's changes.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type VoicePreferences } from './app/App';
import { parseLaunchOptions } from './app/launch-options';
import { createSession } from './app/session';
import { createActivityScorer } from './app/activity-scorer';
import { bindEngagement, wallClock } from './app/engagement-binding';
import { createNudgeFeedback } from './app/nudge-feedback';
import { listenForPresence } from './app/presence-listeners';
import { createTestHook, installTestHook } from './app/test-hook';
import { loadEngagementSettings, saveEngagementSettings } from './engagement/engagement-settings';
import { DEFAULT_AVATAR_ID } from './avatar';
import { createSceneServices } from './scene/scene-services';
import { COLYSEUS_PATH } from './shared/protocol';
import { createAppStore } from './state';
import { createPlayerVoice } from './voice/player-voice';
import { parseVoiceSettings, saveBackendPreference } from './voice/voice-settings';
import { installQuest3Emulator } from './xr/iwer-install';
import { createEmotoneXRStore } from './xr/xr-store';

async function main(): Promise<void> {
  const launch = parseLaunchOptions(location.search);
  if (launch.xrEmulate === 'quest3') await installQuest3Emulator(); // before the XR store exists

  const storage = globalThis.localStorage ?? null;
  const store = createAppStore({
    self: { name: launch.name ?? '', avatarId: launch.avatar ?? DEFAULT_AVATAR_ID },
    engagementSettings: loadEngagementSettings(storage, location.search),
  });
  store.subscribe((state, previous) => {
    if (storage && state.engagementSettings !== previous.engagementSettings) saveEngagementSettings(storage, state.engagementSettings);
  });
  const xrStore = createEmotoneXRStore();
  const scene = createSceneServices(store);
  const session = createSession({ store, xrStore, endpoint: COLYSEUS_PATH, space: launch.space });
  const voiceSettings = parseVoiceSettings(location.search, storage);
  const voice = launch.spectate ? null : createPlayerVoice(store, voiceSettings);
  const voicePreferences: VoicePreferences = {
    backend: parseVoiceSettings('', storage).backend,
    save: (backend) => storage && saveBackendPreference(storage, backend),
  };
  // The wearer's engagement: estimated here from voice, head and presence; nudges stay on this page.
  const feedback = launch.spectate ? null : createNudgeFeedback(store, xrStore);
  const engagement = feedback ? bindEngagement({ store, onNudgeShown: feedback.play, tracker: { timeScale: launch.engagementTimeScale } }) : null;
  if (engagement) listenForPresence(engagement, xrStore);
  if (engagement && voice) {
    voice.subscribeScores((scores) => engagement.voiceWindow(scores.arousal));
    createActivityScorer({ store, labels: voice.contract.labels, subscribeScores: voice.subscribeScores, send: session.sendScore, clock: wallClock });
  }
  installTestHook(createTestHook({ store, xrStore, scene, voice, feedback, engagement }));

  const vrSupported = (await navigator.xr?.isSessionSupported('immersive-vr').catch(() => false)) ?? false;
  if (voice && voiceSettings.autoStart) void voice.start();
  if (launch.spectate) session.start('spectator');
  else if (launch.autoJoin === 'desktop' && launch.name) session.start('desktop');

  const rootElement = document.getElementById('root');
  if (!rootElement) throw new Error('index.html has no #root');
  createRoot(rootElement).render(
    <StrictMode>
      <App
        store={store}
        session={session}
        xrStore={xrStore}
        scene={scene}
        voice={voice}
        voicePreferences={voicePreferences}
        engagement={engagement}
        vrSupported={vrSupported}
        {...(launch.operator ? { operator: { storage: globalThis.sessionStorage ?? null } } : {})}
      />
    </StrictMode>,
  );
}

void main();
