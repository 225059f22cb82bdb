/**
 * The words of the wrist menu's voice indicator. Pure.
 */
import type { EmotionLabel, EmotionSource } from '../shared/emotion-labels';

/** What the indicator says: muted, the emotion the voice is heard as, or the one picked by hand. */
export function voiceIndicatorText(label: EmotionLabel, source: EmotionSource, muted: boolean): string {
  if (muted) return 'muted: no one hears you';
  return source === 'voice' ? `hearing: ${label}` : `picked: ${label}`;
}
