import type { XRStore } from '@react-three/xr';
import { useSyncExternalStore } from 'react';
import type { BackendPreference } from '../emotion/emotion-classifier';
import type { SceneServices } from '../scene/scene-services';
import { AppMode, type AppState, type AppStore } from '../state';
import { useAppStore } from '../state/use-app-store';
import { OperatorView, type OperatorViewProps } from '../spectator/OperatorView';
import { SpectatorHud } from '../spectator/SpectatorHud';
import { ActivityPanel } from '../ui/ActivityPanel';
import { NudgeToast } from '../ui/NudgeToast';
import { PeoplePanel } from '../ui/PeoplePanel';
import { PlayerHud } from '../ui/PlayerHud';
import { SPECTATOR_VOICE_NOTE } from '../ui/voice-chat-text';
import { DEFAULT_CHAT_SETTINGS, type ChatSettings } from '../talk/chat-settings';
import { VoicePanel } from '../ui/VoicePanel';
import type { PlayerVoice } from '../voice/player-voice';
import type { VadChoice } from '../voice/voice-settings';
import type { PlayerActions } from '../xr/PlayerRig';
import type { EngagementBinding } from './engagement-binding';
import type { Session } from './session';
import { SpaceView } from './SpaceView';
import type { VoiceChat } from './voice-chat';

const noSubscription = () => () => undefined;
const defaultSettings = () => DEFAULT_CHAT_SETTINGS;

/** The voice chat settings, re-rendering when they change (the defaults without voice chat). */
function useChatSettings(voiceChat: VoiceChat | null): ChatSettings {
  const read = voiceChat ? () => voiceChat.controls.getSnapshot().settings : defaultSettings;
  return useSyncExternalStore(voiceChat ? voiceChat.controls.subscribe : noSubscription, read, read);
}

/** The remembered inference and VAD settings and how to change them; how the consent click starts the voice. */
export interface VoicePreferences {
  readonly backend: BackendPreference;
  save(backend: BackendPreference): void;
  readonly vad: VadChoice;
  saveVad(vad: VadChoice): void;
  /** Starts the microphone and model (the consent click or Try again); remembers the consent. */
  startVoice(): void;
}

/** Props of App: the services the composition root made. */
export interface AppProps {
  readonly store: AppStore;
  readonly session: Session;
  readonly xrStore: XRStore;
  readonly scene: SceneServices;
  /** The player's voice pipeline; null on a spectator page. */
  readonly voice: PlayerVoice | null;
  readonly voicePreferences: VoicePreferences;
  /** The wearer's engagement tracking; null on a spectator page. */
  readonly engagement: EngagementBinding | null;
  readonly vrSupported: boolean;
  /** `?spectate&operator`: what the spectator's operator view needs; absent otherwise. */
  readonly operator?: OperatorViewProps;
  /** The player's voice chat; null on a spectator page. */
  readonly voiceChat?: VoiceChat | null;
}

const selectMode = (s: AppState): AppMode => s.mode;
const selectNudge = (s: AppState) => s.nudge.current;

/**
 * The space with the player's or spectator's overlay, and the voice panel while a desktop player
 * can see it (not in VR, not for spectators). The landing page is the shell's (app/Shell.tsx):
 * this view is in the lazily loaded part of the app.
 */
export function App({ store, session, xrStore, scene, voice, voicePreferences, engagement, vrSupported, operator, voiceChat = null }: AppProps) {
  const mode = useAppStore(store, selectMode);
  const nudge = useAppStore(store, selectNudge);
  const pushToTalk = useChatSettings(voiceChat).pushToTalk;
  // Resumed inside the click: the headset's session may otherwise start with playback asleep.
  const enterVR = () => {
    void voiceChat?.resume();
    session.enterVR();
  };
  const leave = () => void session.leave();
  const actions: PlayerActions = {
    onLeave: leave,
    onAnswerNudge: () => engagement?.answer(),
    onSilenceNudges: () => engagement?.silence(),
    onJoinActivity: () => {
      engagement?.answer();
      session.activity('request');
    },
    onStartActivity: () => void session.activity('start'),
    onDeclineActivity: () => void session.activity('decline'),
  };
  const voicePanel = voice && mode === AppMode.desktop ? (
    <VoicePanel
      voice={{ getStatus: voice.getStatus, subscribe: voice.subscribe, start: voicePreferences.startVoice }}
      placement="space"
      backendPreference={voicePreferences.backend}
      onBackendChange={voicePreferences.save}
      vadPreference={voicePreferences.vad}
      onVadChange={voicePreferences.saveVad}
    />
  ) : null;
  if (mode === AppMode.landing) return null;
  return (
    <>
      <SpaceView services={scene} xrStore={xrStore} mode={mode} actions={actions} />
      {voicePanel}
      {mode === AppMode.spectator ? (
        <>
          <SpectatorHud store={store} onRetry={session.retry} onLeave={leave} voiceNote={SPECTATOR_VOICE_NOTE} />
          {operator ? <OperatorView {...operator} /> : null}
        </>
      ) : (
        <PlayerHud store={store} vrSupported={vrSupported} onRetry={session.retry} onEnterVR={enterVR} onLeave={leave} onStartActivity={actions.onStartActivity} pushToTalk={pushToTalk} />
      )}
      {mode === AppMode.desktop && nudge ? (
        <NudgeToast nudge={nudge} onAnswer={actions.onAnswerNudge} onSilence={actions.onSilenceNudges} onJoinActivity={actions.onJoinActivity} />
      ) : null}
      {mode === AppMode.desktop ? <ActivityPanel store={store} onDecline={actions.onDeclineActivity} /> : null}
      {mode === AppMode.desktop && voiceChat ? (
        <PeoplePanel store={store} controls={voiceChat.controls} levelOf={voiceChat.spatialVoice.levelOf} onSettings={voiceChat.setSettings} />
      ) : null}
      {mode === AppMode.spectator ? <ActivityPanel store={store} placement="bottom" /> : null}
    </>
  );
}
