/**
 * `npx tsx scripts/bench/scene-budget.ts [--seconds 15] [--json]`: the player scene's cost on a
 * Quest budget. Starts the real server with the production build, seats 15 players (real SDK
 * clients of the app's room code, each with a shipped VRM and an emotion) around the lounge,
 * opens the app in Chromium as a 16th player in the IWER Quest 3 emulator, enters immersive VR
 * and samples renderer.info (draw calls and triangles of a rendered frame, both eyes) and the
 * intervals between XR frames, with the wrist menu closed and then open. Prints figures; passes or fails nothing (budget: ≤ 100 draw
 * calls, ≤ 100 k triangles, ≤ 1 MB environment). Frame times here are software GL on a shared
 * CPU, not a headset's: compare them between runs on one machine only.
 */
import { statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { SHIPPED_AVATARS } from '../../src/avatar/shipped-avatars';
import { createRoomClient, type RoomClient } from '../../src/net';
import { EMOTION_LABELS, manualEmotion } from '../../src/shared/emotion-labels';
import { COLYSEUS_PATH, Role } from '../../src/shared/protocol';
import { SEAT_RADIUS_M } from '../../src/scene/seat-layout';
import { createAppStore } from '../../src/state';
import { until } from '../../tests/harness/app-clients';
import { launchBrowser } from '../../tests/harness/browser';
import { ensureProductionBuild } from '../../tests/harness/build';
import { joinAsPlayer, readHook, waitForHook } from '../../tests/harness/hook';
import { REPO_ROOT } from '../../tests/harness/paths';
import { startTestServer } from '../../tests/harness/server';
import { holdLeftHand, toggleWristMenu } from '../../tests/harness/xr-menu';
import { summarise } from './voice-common';

const PLAYERS = 16;
const arg = (name: string): string | undefined => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const seconds = Number(arg('--seconds') ?? 15);
if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got ${arg('--seconds')}`);
const json = process.argv.includes('--json');
const log = (line: string): void => void (json ? process.stderr : process.stdout).write(`${line}\n`);

/** Joins the other players: on a circle around the table, facing it, leaving the angle 0 seat free for the headset. */
async function seatOthers(endpoint: string): Promise<RoomClient[]> {
  const clients: RoomClient[] = [];
  for (let i = 1; i < PLAYERS; i++) {
    const avatar = SHIPPED_AVATARS[i % SHIPPED_AVATARS.length]!;
    const store = createAppStore({ self: { name: `P${i}`, avatarId: avatar.id } });
    const client = createRoomClient({ endpoint, store, role: Role.player });
    await client.connect();
    await until(store, (s) => s.connection.kind === 'connected', 15_000, `player ${i} to join`);
    const angle = (i / PLAYERS) * Math.PI * 2;
    const [x, z] = [Math.sin(angle) * SEAT_RADIUS_M, Math.cos(angle) * SEAT_RADIUS_M];
    const yaw = Math.atan2(-x, -z) + Math.PI; // the head's yaw: its −Z looks at the centre
    store.setSelfPose({ position: [x, 1.5, z], quaternion: [0, Math.sin(yaw / 2), 0, Math.cos(yaw / 2)] });
    store.setSelfEmotion(manualEmotion(EMOTION_LABELS[i % EMOTION_LABELS.length]!));
    clients.push(client);
    log(`  player ${i}/${PLAYERS - 1} joined (${avatar.id})`);
  }
  return clients;
}

/** Samples renderer.info every 250 ms for `seconds`, then the frame intervals of that stretch. */
async function sample(quest: Page, what: string) {
  const calls: number[] = [];
  const triangles: number[] = [];
  const start = (await readHook(quest))?.frameCount ?? 0;
  for (let t = 0; t < seconds * 4; t++) {
    const h = await readHook(quest);
    if (h?.render) (calls.push(h.render.calls), triangles.push(h.render.triangles));
    await quest.waitForTimeout(250);
    if (t % 20 === 19) log(`  sampling (${what}) … ${Math.round((t + 1) / 4)} / ${seconds} s`);
  }
  const frames = ((await readHook(quest))?.frameCount ?? 0) - start;
  const intervals = await quest.evaluate((n) => window.__emotone?.frameIntervalsMs(n) ?? [], Math.min(600, frames));
  const sorted = [...intervals].sort((a, b) => a - b);
  const c = summarise(calls);
  const tr = summarise(triangles);
  return {
    drawCalls: { median: c.median, max: c.max },
    triangles: { median: tr.median, max: tr.max },
    frameMs: { median: summarise(intervals).median, p95: sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? NaN, frames: intervals.length },
  };
}

const environmentBytes = statSync(join(REPO_ROOT, 'assets', 'environment', 'lounge.glb')).size;
log('building the app (if the sources changed) …');
const server = await startTestServer({ staticDir: ensureProductionBuild() });
const browser = await launchBrowser({ optimizingWasm: true });
let clients: RoomClient[] = [];
try {
  log(`seating ${PLAYERS - 1} players …`);
  clients = await seatOthers(`${server.url}${COLYSEUS_PATH}`);
  const quest = await browser.newPage('quest');
  await joinAsPlayer(quest, server.url, 'Quest', '&xremulate=quest3');
  await quest.getByTestId('hud-enter-vr').click();
  log('entering immersive VR (IWER Quest 3) …');
  await waitForHook(quest, (h) => h.xrSessionMode === 'immersive-vr' && h.xrViewCount === 2, 90_000, 'an immersive session with 2 views');
  log(`waiting for ${PLAYERS} VRM avatars (15 others + the own mirror) …`);
  await waitForHook(quest, (h) => h.avatarCount >= PLAYERS && h.placeholderCount === 0, 180_000, `${PLAYERS} VRM avatars`);
  await quest.waitForTimeout(3000); // damping settles, textures are uploaded
  const closed = await sample(quest, 'wrist menu closed');
  await holdLeftHand(quest);
  await toggleWristMenu(quest, true);
  await quest.waitForTimeout(2000);
  const open = await sample(quest, 'wrist menu open');
  const avatars = (await readHook(quest))?.avatarCount ?? 0;
  if (json) console.log(JSON.stringify({ players: PLAYERS, avatars, environmentBytes, menuClosed: closed, menuOpen: open }));
  else {
    log(`\nQuest 3 (IWER, 2 views per frame), ${avatars} avatars, ${seconds} s each; figures per frame (both eyes) and per eye:`);
    for (const [label, f] of [['menu closed', closed], ['menu open', open]] as const) {
      log(`  ${label.padEnd(12)} draw calls median ${f.drawCalls.median} (${f.drawCalls.median / 2} per eye), max ${f.drawCalls.max}   [budget 100]`);
      log(`  ${''.padEnd(12)} triangles  median ${f.triangles.median} (${f.triangles.median / 2} per eye), max ${f.triangles.max}   [budget 100000]`);
      log(`  ${''.padEnd(12)} frame time median ${f.frameMs.median.toFixed(1)} ms, p95 ${f.frameMs.p95.toFixed(1)} ms over ${f.frameMs.frames} frames (software GL on this machine)`);
    }
    log(`  environment: ${(environmentBytes / 1024).toFixed(1)} KB   [budget 1024 KB]`);
  }
} finally {
  await Promise.all(clients.map((client) => client.leave()));
  await browser.close();
  await server.close();
}
