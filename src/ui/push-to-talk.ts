/**
 * Push-to-talk on a keyboard: the microphone is open only while a key (V by default) is held.
 * Reports holds through a callback; the app turns them into the one mute. A window that loses
 * focus never hears the key come up, so a blur counts as a release (nobody stays on air by
 * accident). Typing in a text field is not talking.
 */

/** The key that talks while held (KeyboardEvent.code). */
export const PUSH_TO_TALK_CODE = 'KeyV';

/** A running push-to-talk listener. */
export interface PushToTalk {
  readonly held: boolean;
  dispose(): void;
}

/** Listens on `target` (the window) and calls `onHeld` when the key goes down and up. */
export function listenPushToTalk(target: Window, onHeld: (held: boolean) => void, code: string = PUSH_TO_TALK_CODE): PushToTalk {
  let held = false;
  const set = (next: boolean): void => {
    if (next === held) return;
    held = next;
    onHeld(held);
  };
  const typing = (e: KeyboardEvent): boolean => e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
  const down = (e: KeyboardEvent): void => {
    if (e.code === code && !typing(e)) set(true);
  };
  const up = (e: KeyboardEvent): void => {
    if (e.code === code) set(false);
  };
  const blur = (): void => set(false);
  target.addEventListener('keydown', down);
  target.addEventListener('keyup', up);
  target.addEventListener('blur', blur);
  return {
    get held() {
      return held;
    },
    dispose() {
      target.removeEventListener('keydown', down);
      target.removeEventListener('keyup', up);
      target.removeEventListener('blur', blur);
    },
  };
}
