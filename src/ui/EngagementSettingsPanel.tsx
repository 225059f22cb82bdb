import { EngagementShare, type EngagementSettings } from '../shared/engagement';

/** Props of {@link EngagementSettingsPanel}. */
export interface EngagementSettingsPanelProps {
  readonly settings: EngagementSettings;
  readonly onChange: (settings: EngagementSettings) => void;
}

/**
 * The wearer's engagement choices: nudges on or off, what the room may see of their state, and
 * whether the drowsiness value itself leaves the device. Remembered on this device.
 */
export function EngagementSettingsPanel({ settings, onChange }: EngagementSettingsPanelProps) {
  const set = (patch: Partial<EngagementSettings>) => onChange({ ...settings, ...patch });
  return (
    <details className="engagement-settings" data-testid="engagement-settings">
      <summary>Nudges and sharing</summary>
      <label>
        <input type="checkbox" checked={settings.nudges} onChange={(e) => set({ nudges: e.currentTarget.checked })} data-testid="setting-nudges" />
        Remind me privately when I seem drowsy
      </label>
      <label>
        <input type="checkbox" checked={settings.sound} onChange={(e) => set({ sound: e.currentTarget.checked })} /> with a soft sound
      </label>
      <label>
        <input type="checkbox" checked={settings.haptics} onChange={(e) => set({ haptics: e.currentTarget.checked })} /> with controller vibration (VR)
      </label>
      <label>
        Others see:{' '}
        <select value={settings.share} onChange={(e) => set({ share: e.currentTarget.value === EngagementShare.state ? EngagementShare.state : EngagementShare.away })} data-testid="setting-share">
          <option value={EngagementShare.away}>only whether I am away</option>
          <option value={EngagementShare.state}>my state (engaged, quiet, drowsy, away)</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={settings.shareValue} onChange={(e) => set({ shareValue: e.currentTarget.checked })} /> also share my drowsiness level (0–100 %)
      </label>
      <p className="hint">Estimated on this device from how your voice sounds and how your head moves. No server ever receives your voice.</p>
    </details>
  );
}
