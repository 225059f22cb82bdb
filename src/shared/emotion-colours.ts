import type { EmotionLabel } from './emotion-labels';

/** A colour per label for roster chips and timelines (readable on a dark background). */
export const EMOTION_COLOURS: Readonly<Record<EmotionLabel, string>> = {
  neutral: '#b0bec5',
  calm: '#80cbc4',
  happy: '#ffd54f',
  sad: '#64b5f6',
  angry: '#e57373',
  fearful: '#b39ddb',
  disgust: '#aed581',
  surprised: '#ffb74d',
  sleepy: '#90a4ae',
};
