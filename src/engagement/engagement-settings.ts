/**
 * The wearer's engagement choices, remembered in localStorage: whether nudges appear, what the
 * room may see (away only by default), whether the drowsiness value itself is shared, sound and
 * haptics. `?nudges=off` turns nudges off for a visit (tests, kiosks).
 */
import { DEFAULT_ENGAGEMENT_SETTINGS, EngagementShare, type EngagementSettings } from '../shared/engagement';

const STORAGE_KEY = 'emotone.engagement';

/** Reads the remembered settings (defaults for anything missing or malformed), then URL overrides. */
export function loadEngagementSettings(storage: Pick<Storage, 'getItem'> | null, search = ''): EngagementSettings {
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}');
    if (typeof parsed === 'object' && parsed !== null) stored = parsed as Record<string, unknown>;
  } catch {
    stored = {};
  }
  const bool = (key: keyof EngagementSettings): boolean =>
    typeof stored[key] === 'boolean' ? (stored[key] as boolean) : (DEFAULT_ENGAGEMENT_SETTINGS[key] as boolean);
  const q = new URLSearchParams(search);
  return {
    nudges: q.get('nudges') === 'off' ? false : bool('nudges'),
    share: stored.share === EngagementShare.state ? EngagementShare.state : EngagementShare.away,
    shareValue: bool('shareValue'),
    sound: bool('sound'),
    haptics: bool('haptics'),
  };
}

/** Remembers the settings. */
export function saveEngagementSettings(storage: Pick<Storage, 'setItem'>, settings: EngagementSettings): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(settings));
}
