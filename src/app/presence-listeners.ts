/**
 * The page's presence and input signals for the engagement binding: page visibility, the XR
 * session's visibility (the headset taken off or a system menu over the scene), and any
 * keyboard, pointer or controller input. Returns the function that removes every listener.
 */
import type { XRStore } from '@react-three/xr';
import type { PresenceSignal } from '../engagement/drowsiness-estimator';
import type { EngagementBinding } from './engagement-binding';

const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
const XR_INPUT_EVENTS = ['selectstart', 'squeezestart'] as const;

/** Wires `binding` to the document, the window and whichever XR session the store holds. */
export function listenForPresence(binding: EngagementBinding, xrStore: XRStore): () => void {
  let session: XRSession | null = null;
  const signal = (): PresenceSignal => ({
    xr: session ? session.visibilityState : null,
    pageVisible: document.visibilityState === 'visible',
  });
  const report = (): void => binding.presence(signal());
  const onInput = (): void => binding.input();

  const attach = (next: XRSession | null): void => {
    if (session === next) return;
    if (session) {
      session.removeEventListener('visibilitychange', report);
      for (const type of XR_INPUT_EVENTS) session.removeEventListener(type, onInput);
    }
    session = next;
    if (session) {
      session.addEventListener('visibilitychange', report);
      for (const type of XR_INPUT_EVENTS) session.addEventListener(type, onInput);
    }
    report();
  };

  document.addEventListener('visibilitychange', report);
  for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { passive: true });
  const unsubscribe = xrStore.subscribe((state) => attach(state.session ?? null));
  attach(xrStore.getState().session ?? null);

  return () => {
    attach(null);
    unsubscribe();
    document.removeEventListener('visibilitychange', report);
    for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput);
  };
}
