import type { AppState, AppStore } from '../state';
import { ConnectionBanner } from './ConnectionBanner';
import { EmotionPicker } from './EmotionPicker';
import { EngagementSettingsPanel } from './EngagementSettingsPanel';
import { useAppStore } from '../state/use-app-store';
import { muteButtonText } from './voice-chat-text';

const selectMuted = (s: AppState): boolean => s.self.muted;
const selectError = (s: AppState): AppState['lastError'] => s.lastError;
const selectSettings = (s: AppState): AppState['engagementSettings'] => s.engagementSettings;
const selectActivityIdle = (s: AppState): boolean => s.activity.phase === 'idle';

/** Props of PlayerHud: the store it shows and the actions it offers. */
export interface PlayerHudProps {
  readonly store: AppStore;
  readonly vrSupported: boolean;
  readonly onRetry: () => void;
  /** Enters VR (called from the click). */
  readonly onEnterVR: () => void;
  readonly onLeave: () => void;
  /** Starts the group activity for the room. */
  readonly onStartActivity: () => void;
  /** Push-to-talk is on: the microphone opens only while V is held (the button says so). */
  readonly pushToTalk?: boolean;
}

/** The desktop player's overlay: picker, mute (voice chat and analysis together), Enter VR, leave, connection state, last error. */
export function PlayerHud({ store, vrSupported, onRetry, onEnterVR, onLeave, onStartActivity, pushToTalk = false }: PlayerHudProps) {
  const settings = useAppStore(store, selectSettings);
  const activityIdle = useAppStore(store, selectActivityIdle);
  const muted = useAppStore(store, selectMuted);
  const error = useAppStore(store, selectError);
  return (
    <div className="hud">
      <ConnectionBanner store={store} onRetry={onRetry} />
      <EmotionPicker store={store} />
      <div className="hud-actions">
        <button type="button" className={muted ? '' : 'secondary'} onClick={() => store.setMuted(!muted)} aria-pressed={muted} data-testid="mute" disabled={pushToTalk} title="Mutes voice chat and emotion analysis together">{muteButtonText(muted, pushToTalk)}</button>
        {vrSupported ? <button type="button" onClick={onEnterVR} data-testid="hud-enter-vr">Enter VR</button> : null}
        {activityIdle ? <button type="button" className="secondary" onClick={onStartActivity} data-testid="start-activity">Start Emotion Echo</button> : null}
        <button type="button" className="secondary" onClick={onLeave} data-testid="leave">Leave</button>
      </div>
      <EngagementSettingsPanel settings={settings} onChange={store.setEngagementSettings} />
      <p className="help">WASD / arrows to walk, drag to look, keys 1–9 to set your emotion.</p>
      {error ? <p className="error-note" role="alert">{error.message}</p> : null}
    </div>
  );
}
