import { useSyncExternalStore } from 'react';
import { AppMode, type AppState, type AppStore } from '../state';
import type { ProfileMemory } from '../state/remembered-profile';
import { useAppStore } from '../state/use-app-store';
import { Landing } from '../ui/Landing';
import { SpaceLoading } from '../ui/SpaceLoading';
import { VoicePanel } from '../ui/VoicePanel';
import type { PlayerVoice } from '../voice/player-voice';
import type { VoicePreferences } from './App';
import type { SpaceEntry } from './space-entry';
import { SPACE_LOAD_STEPS, type SpaceLoader } from './space-loader';
import type { SpaceRuntime } from './space-runtime';

/** Props of Shell: what main.tsx made for the landing page. */
export interface ShellProps {
  readonly store: AppStore;
  readonly loader: SpaceLoader<SpaceRuntime>;
  readonly entry: SpaceEntry;
  readonly profile: ProfileMemory;
  /** The player's voice pipeline; null on a spectator page. */
  readonly voice: PlayerVoice | null;
  readonly voicePreferences: VoicePreferences;
  readonly vrSupported: boolean;
}

const selectMode = (s: AppState): AppMode => s.mode;

/**
 * The page's top level, in the first download: the landing page (with the voice consent); while
 * the space's code loads, the loading screen; then the space the loaded code renders.
 */
export function Shell({ store, loader, entry, profile, voice, voicePreferences, vrSupported }: ShellProps) {
  const mode = useAppStore(store, selectMode);
  const load = useSyncExternalStore(loader.subscribe, loader.getState, loader.getState);
  const remembered = useSyncExternalStore(profile.subscribe, profile.get, profile.get);
  if (load.kind === 'loading' || load.kind === 'failed') {
    return (
      <SpaceLoading
        step={load.kind === 'loading' ? load.step : 1}
        steps={SPACE_LOAD_STEPS}
        fraction={load.kind === 'loading' ? load.fraction : null}
        problem={load.kind === 'failed' ? load.message : null}
        onRetry={entry.retry}
        onBack={entry.cancel}
      />
    );
  }
  if (mode !== AppMode.landing && loader.runtime) return loader.runtime.render();
  return (
    <>
      {voice ? (
        <VoicePanel
          voice={{ getStatus: voice.getStatus, subscribe: voice.subscribe, start: voicePreferences.startVoice }}
          placement="landing"
          consentRemembered={remembered.micConsent}
          backendPreference={voicePreferences.backend}
          onBackendChange={voicePreferences.save}
        />
      ) : null}
      <Landing
        store={store}
        onStart={entry.start}
        space={entry.space()}
        vrSupported={vrSupported}
        remembered={remembered}
        onRemember={profile.remember}
        onForget={profile.forget}
      />
    </>
  );
}
