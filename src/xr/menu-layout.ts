/**
 * Where the wrist menu sits relative to the left controller, and where each button sits on it.
 * Pure numbers, shared by the menu components and the emulator tests that aim a controller.
 */

/**
 * Menu panel position (metres) in the left controller's target-ray space (−Z points where the
 * controller points): above the controller and back toward the wrist, so it reads like a watch.
 */
export const WRIST_MENU_POSITION: readonly [number, number, number] = [0.04, 0.16, 0.06];
/** Menu panel rotation (Euler XYZ, radians) in that space: tilted back toward the eyes. */
export const WRIST_MENU_ROTATION: readonly [number, number, number] = [-0.7, 0, 0];
/** Centre of the small "menu" tab shown on the wrist while the menu is closed (in the panel's space). */
export const MENU_TAB_OFFSET: readonly [number, number, number] = [0, -0.085, 0];
/** Index of the left controller's button (xr-standard gamepad) that opens and closes the menu: X. */
export const MENU_TOGGLE_BUTTON = 4;

/** Width of a button, metres. */
export const BUTTON_W = 0.12;
/** Height of a button, metres. */
export const BUTTON_H = 0.045;
/** Space between buttons, metres. */
export const BUTTON_GAP = 0.01;

/** Centre of emotion button `index` (EMOTION_LABELS order, 3 per row) on the panel. */
export function emotionButtonOffset(index: number): [number, number, number] {
  return [((index % 3) - 1) * (BUTTON_W + BUTTON_GAP), 0.06 - Math.floor(index / 3) * (BUTTON_H + BUTTON_GAP), 0];
}

/**
 * Which emotion button (index, as in emotionButtonOffset) a point of the panel falls on, or −1
 * in a gap or outside; `x`, `y` in metres on the panel.
 */
export function emotionButtonAt(x: number, y: number): number {
  for (let i = 0; i < 9; i++) {
    const [cx, cy] = emotionButtonOffset(i);
    if (Math.abs(x - cx) <= BUTTON_W / 2 && Math.abs(y - cy) <= BUTTON_H / 2) return i;
  }
  return -1;
}

/** Centre of the mute button on the panel. */
export const MUTE_BUTTON_OFFSET: readonly [number, number, number] = [-0.065, -0.12, 0];
/** Centre of the leave button on the panel. */
export const LEAVE_BUTTON_OFFSET: readonly [number, number, number] = [0.065, -0.12, 0];
/** Centre of the "start Emotion Echo" button, on a row of its own below. */
export const ACTIVITY_BUTTON_OFFSET: readonly [number, number, number] = [-0.065, -0.175, 0];
/** Centre of the nudges on/off toggle beside it. */
export const NUDGES_BUTTON_OFFSET: readonly [number, number, number] = [0.065, -0.175, 0];
/** Centre of the "others see" toggle (away only / my state), on the row below. */
export const SHARE_BUTTON_OFFSET: readonly [number, number, number] = [-0.065, -0.23, 0];
/** Centre of the sound toggle beside it. */
export const SOUND_BUTTON_OFFSET: readonly [number, number, number] = [0.065, -0.23, 0];

/** Centre of the voice indicator's text on the panel (top row). */
export const VOICE_TEXT_OFFSET: readonly [number, number, number] = [-0.065, 0.115, 0];
/** Left end, centre height and width of the microphone level bar beside it. */
export const VOICE_BAR_LEFT: readonly [number, number, number] = [0.075, 0.115, 0.001];
export const VOICE_BAR_W = 0.115;
/** Centre of the connection status line, above everything while not connected. */
export const STATUS_OFFSET: readonly [number, number, number] = [0, 0.17, 0];
/** Centre of the close button, on the bottom row. */
export const CLOSE_BUTTON_OFFSET: readonly [number, number, number] = [0, -0.285, 0];
