import { useEffect } from 'react';
import { EMOTION_LABELS, manualEmotion, type EmotionLabel } from '../shared/emotion-labels';
import type { AppState, AppStore } from '../state';
import { useAppStore } from '../state/use-app-store';

const selectLabel = (s: AppState): EmotionLabel => s.self.emotion.label;
const selectSource = (s: AppState): string => s.self.emotion.source;

/**
 * The manual emotion picker: one button per label and number keys 1–9 in EMOTION_LABELS order.
 * It writes through `setSelfEmotion`, the same action the voice classifier uses.
 */
export function EmotionPicker({ store }: { readonly store: AppStore }) {
  const current = useAppStore(store, selectLabel);
  const source = useAppStore(store, selectSource);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
      const index = Number(e.key) - 1;
      const label = EMOTION_LABELS[index];
      if (Number.isInteger(index) && label) store.setSelfEmotion(manualEmotion(label));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  return (
    <nav className="picker" aria-label="Emotion">
      {EMOTION_LABELS.map((label, i) => (
        <button
          key={label}
          type="button"
          className={label === current ? 'chip selected' : 'chip'}
          aria-pressed={label === current}
          data-testid={`emotion-${label}`}
          onClick={() => store.setSelfEmotion(manualEmotion(label))}
        >
          <kbd>{i + 1}</kbd> {label}
        </button>
      ))}
      <span className="source">via {source}</span>
    </nav>
  );
}
