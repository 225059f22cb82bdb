/**
 * Keeps an AudioContext running. Browsers start it suspended until a user gesture, and a headset
 * that sleeps (or a tab that is hidden) suspends or interrupts it; nothing resumes it by itself.
 */

/** The resume call and the listeners that make it for us. */
export interface ContextWake {
  /**
   * Resumes the context unless it runs or is closed. Call it from the Join and Enter VR clicks:
   * a resume inside a user gesture is always allowed. Never rejects.
   */
  resume(): Promise<void>;
  /** Removes the listeners. */
  dispose(): void;
}

/** Gestures that allow a suspended context to start, for a resume nobody called explicitly. */
const GESTURES = ['pointerdown', 'keydown', 'touchend'] as const;

/**
 * Resumes `context` when the page becomes visible again, when the context drops to 'suspended'
 * or 'interrupted' while the page is visible, and on the next gesture while it is not running.
 * Listens on `doc` (default: the page's document; none in Node).
 */
export function keepContextAwake(context: AudioContext, doc: Document | null = typeof document !== 'undefined' ? document : null): ContextWake {
  let disposed = false;
  const asleep = (): boolean => context.state !== 'running' && context.state !== 'closed';
  const visible = (): boolean => doc === null || doc.visibilityState === 'visible';
  const resume = (): Promise<void> => {
    if (disposed || !asleep()) return Promise.resolve();
    // Rejected or left pending until a gesture when not allowed yet; the next trigger tries again.
    return context.resume().catch(() => undefined);
  };
  const onVisibility = (): void => {
    if (visible()) void resume();
  };
  const onState = (): void => {
    // 'interrupted' (a call, a headset taking the audio device) is not in every DOM typing yet.
    if (asleep() && visible()) void resume();
  };
  const onGesture = (): void => {
    if (asleep()) void resume();
  };
  context.addEventListener('statechange', onState);
  doc?.addEventListener('visibilitychange', onVisibility);
  for (const type of GESTURES) doc?.addEventListener(type, onGesture, { capture: true, passive: true });
  return {
    resume,
    dispose() {
      if (disposed) return;
      disposed = true;
      context.removeEventListener('statechange', onState);
      doc?.removeEventListener('visibilitychange', onVisibility);
      for (const type of GESTURES) doc?.removeEventListener(type, onGesture, { capture: true });
    },
  };
}
