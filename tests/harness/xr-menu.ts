/**
 * Operating the wrist menu in the IWER Quest 3 emulator: the left controller is held still in
 * front of the wearer, X opens the menu, and the right controller's ray is aimed at a button and
 * its trigger pulled, as a wearer would. Positions come from src/xr/menu-layout.ts.
 */
import type { Page } from 'playwright-core';
import { Euler, Quaternion, Vector3 } from 'three';
import { MENU_TOGGLE_BUTTON, WRIST_MENU_POSITION, WRIST_MENU_ROTATION } from '../../src/xr/menu-layout';
import { readHook, waitForHook } from './hook';

/** Where the left controller is held (XR-origin space): in front of the chest, pointing ahead. */
const LEFT_HAND: readonly [number, number, number] = [-0.2, 1.2, -0.5];
const LEFT_TURN = new Quaternion();

/** Waits until the page has rendered `n` more frames. */
export async function waitFrames(page: Page, n: number): Promise<void> {
  const start = (await readHook(page))?.frameCount ?? 0;
  await waitForHook(page, (h) => h.frameCount >= start + n, 30_000, `${n} frames`);
}

/** Holds the left controller still at LEFT_HAND. */
export async function holdLeftHand(page: Page): Promise<void> {
  await page.evaluate(([p, q]) => {
    const left = window.__iwerDevice?.controllers.left;
    if (!left) throw new Error('no emulated left controller');
    left.position.set(p[0], p[1], p[2]);
    left.quaternion.set(q[0], q[1], q[2], q[3]);
  }, [LEFT_HAND, LEFT_TURN.toArray()] as const);
  await waitFrames(page, 2);
}

/**
 * Presses and releases a controller button across rendered frames (slow software GL included).
 * `endsScene`: the press leaves the space, so no frames follow it: the button is left pressed
 * (the caller waits for what the press does).
 */
async function press(page: Page, hand: 'left' | 'right', button: string, endsScene = false): Promise<void> {
  await page.evaluate(([h, b]) => window.__iwerDevice?.controllers[h]?.updateButtonValue(b, 1), [hand, button] as const);
  if (endsScene) return;
  await waitFrames(page, 2);
  await page.evaluate(([h, b]) => window.__iwerDevice?.controllers[h]?.updateButtonValue(b, 0), [hand, button] as const);
  await waitFrames(page, 2);
}

/** Presses X on the left controller (the menu toggle) and waits for the menu to be `open`. */
export async function toggleWristMenu(page: Page, open: boolean): Promise<void> {
  if (MENU_TOGGLE_BUTTON !== 4) throw new Error('the toggle is no longer X: update this helper');
  await press(page, 'left', 'x-button');
  await waitForHook(page, (h) => h.wristMenu?.open === open, 10_000, `the wrist menu ${open ? 'open' : 'closed'}`);
}

/**
 * Aims the right controller's ray at the menu point `offset` (panel space) and pulls the trigger.
 * `endsScene`: the button leaves the space (no frames are waited for after it).
 */
export async function pressMenuButton(page: Page, offset: readonly [number, number, number], endsScene = false): Promise<void> {
  const panel = new Quaternion().setFromEuler(new Euler(...WRIST_MENU_ROTATION));
  const turn = LEFT_TURN.clone().multiply(panel);
  const onPanel = new Vector3(...offset).applyQuaternion(panel).add(new Vector3(...WRIST_MENU_POSITION));
  const target = onPanel.applyQuaternion(LEFT_TURN).add(new Vector3(...LEFT_HAND));
  const from = target.clone().addScaledVector(new Vector3(0, 0, 1).applyQuaternion(turn), 0.25);
  await page.evaluate(([p, q]) => {
    const right = window.__iwerDevice?.controllers.right;
    if (!right) throw new Error('no emulated right controller');
    right.position.set(p[0], p[1], p[2]);
    right.quaternion.set(q[0], q[1], q[2], q[3]);
  }, [from.toArray(), turn.toArray()] as const);
  await waitFrames(page, 3); // the ray finds the button
  await press(page, 'right', 'trigger', endsScene);
}
