/**
 * Where the in-world menu sits relative to the player's XR origin, and where each button sits on
 * it. Pure numbers, shared by the menu component and the emulator test that aims a controller.
 */

/** Menu panel position (metres) in XR-origin space: left of the seat, chest height, in reach. */
export const MENU_POSITION: readonly [number, number, number] = [-0.35, 1.15, -0.45];
/** Menu panel rotation (Euler XYZ, radians): tilted up and turned toward the player. */
export const MENU_ROTATION: readonly [number, number, number] = [-0.35, 0.5, 0];

/** Width of a button, metres. */
export const BUTTON_W = 0.12;
/** Height of a button, metres. */
export const BUTTON_H = 0.045;
const GAP = 0.01;

/** Centre of emotion button `index` (EMOTION_LABELS order, 3 per row) on the panel. */
export function emotionButtonOffset(index: number): [number, number, number] {
  return [((index % 3) - 1) * (BUTTON_W + GAP), 0.06 - Math.floor(index / 3) * (BUTTON_H + GAP), 0];
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
