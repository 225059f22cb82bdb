import { useEffect, useSyncExternalStore } from 'react';
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

/** Performance mark set when the landing page first shows, ready for input (read by the browser test and benchmark). */
export const LANDING_INTERACTIVE_MARK = 'emotone:landing-interactive';

/** Marks the first time the landing page is on screen with its handlers attached. */
function useLandingInteractiveMark(showing: boolean): void {
  useEffect(() => {
    if (showing && performance.getEntriesByName(LANDING_INTERACTIVE_MARK).length === 0) performance.mark(LANDING_INTERACTIVE_MARK);
  }, [showing]);
}

/**
 * The page's top level, in the first download: the landing page (with the voice consent); while
 * the space's code loads, the loading screen; then the space the loaded code renders.
 */
export function Shell({ store, loader, entry, profile, voice, voicePreferences, vrSupported }: ShellProps) {
  const mode = useAppStore(store, selectMode);
  const load = useSyncExternalStore(loader.subscribe, loader.getState, loader.getState);
  const remembered = useSyncExternalStore(profile.subscribe, profile.get, profile.get);
  const loadingScreen = load.kind === 'loading' || load.kind === 'failed';
  const space = mode !== AppMode.landing ? loader.runtime : null;
  useLandingInteractiveMark(!loadingScreen && !space);
  if (load.kind === 'loading' || load.kind === 'failed') {
    return (
      <SpaceLoading
        step={load.kind === 'loading' ? load.step : 1}
        steps={SPACE_LOAD_STEPS}
        fraction={load.kind === 'loading' ? load.fraction : null}
        problem={load.kind === 'failed' ? load.message : null}
        attempts={load.kind === 'failed' ? load.attempts : 0}
        onRetry={entry.retry}
        onReload={() => location.reload()}
        onBack={entry.cancel}
      />
    );
  }
  if (space) return space.render();
  return (
    <>
      {voice ? (
        <VoicePanel
          voice={{ getStatus: voice.getStatus, subscribe: voice.subscribe, start: voicePreferences.startVoice }}
          placement="landing"
          consentRemembered={remembered.micConsent}
          backendPreference={voicePreferences.backend}
          onBackendChange={voicePreferences.save}
          vadPreference={voicePreferences.vad}
          onVadChange={voicePreferences.saveVad}
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
