import type { XRStore } from '@react-three/xr';
import type { BackendPreference } from '../emotion/emotion-classifier';
import type { SceneServices } from '../scene/scene-services';
import { AppMode, type AppState, type AppStore } from '../state';
import { useAppStore } from '../state/use-app-store';
import { OperatorView, type OperatorViewProps } from '../spectator/OperatorView';
import { SpectatorHud } from '../spectator/SpectatorHud';
import { Landing } from '../ui/Landing';
import { PlayerHud } from '../ui/PlayerHud';
import { VoicePanel } from '../ui/VoicePanel';
import type { PlayerVoice } from '../voice/player-voice';
import type { Session } from './session';
import { SpaceView } from './SpaceView';

/** The remembered inference setting and how to change it. */
export interface VoicePreferences {
  readonly backend: BackendPreference;
  save(backend: BackendPreference): void;
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
  readonly vrSupported: boolean;
  /** `?spectate&operator`: what the spectator's operator view needs; absent otherwise. */
  readonly operator?: OperatorViewProps;
}

const selectMode = (s: AppState): AppMode => s.mode;

/**
 * Top-level view: the landing page, or the space with the player's or spectator's overlay; the
 * voice panel above either while a desktop player can see it (not in VR, not for spectators).
 */
export function App({ store, session, xrStore, scene, voice, voicePreferences, vrSupported, operator }: AppProps) {
  const mode = useAppStore(store, selectMode);
  const leave = () => void session.leave();
  const voicePanel = voice && (mode === AppMode.landing || mode === AppMode.desktop) ? (
    <VoicePanel
      voice={{ getStatus: voice.getStatus, subscribe: voice.subscribe, start: () => void voice.start() }}
      placement={mode === AppMode.landing ? 'landing' : 'space'}
      backendPreference={voicePreferences.backend}
      onBackendChange={voicePreferences.save}
    />
  ) : null;
  if (mode === AppMode.landing) {
    return (
      <>
        {voicePanel}
        <Landing store={store} onStart={session.start} vrSupported={vrSupported} />
      </>
    );
  }
  return (
    <>
      <SpaceView services={scene} xrStore={xrStore} mode={mode} onLeave={leave} />
      {voicePanel}
      {mode === AppMode.spectator ? (
        <>
          <SpectatorHud store={store} onRetry={session.retry} onLeave={leave} />
          {operator ? <OperatorView {...operator} /> : null}
        </>
      ) : (
        <PlayerHud store={store} vrSupported={vrSupported} onRetry={session.retry} onEnterVR={session.enterVR} onLeave={leave} />
      )}
    </>
  );
}
