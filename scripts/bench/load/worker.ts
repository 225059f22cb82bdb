/**
 * One load-generator process: `clients` real @colyseus/sdk players in their spaces, each sending
 * what the app sends at its capped rates (pose 20 Hz, speaking 10 Hz, emotion 4 Hz). The send
 * time rides in the pose (position x = ms within the minute / 1000: whole millimetres on the
 * wire, so exact to the ms); one
 * observer per space records, for every pose of a peer it decodes, now − send time.
 * Talks to scripts/bench/load/run.ts over IPC: ready → start → stop → result.
 */
import { Client, type Room } from '@colyseus/sdk';
import { EMOTION_LABELS, manualEmotion } from '../../../src/shared/emotion-labels';
import { POSITION_STEPS_PER_M } from '../../../src/shared/pose-wire';
import { ClientMessage, LIMITS, ROOM_NAME, ServerMessage } from '../../../src/shared/protocol';
import type { LoadCommand, LoadReport, WorkerPlan } from './protocol';

const plan = JSON.parse(process.env.EMOTONE_LOAD_PLAN ?? '{}') as WorkerPlan;
const MINUTE_MS = 60_000;
const TICK_MS = 1000 / LIMITS.poseSendHz;
const now = () => performance.timeOrigin + performance.now();

interface Player {
  room: Room;
  observer: boolean;
  /** Last pose x seen per peer, so a patch that did not move a peer is not counted. */
  seen: Map<string, number>;
}

const latencies: number[] = [];
let errors = 0;
let recording = false;
const players: Player[] = [];

function observe(player: Player, state: { players?: { forEach(cb: (p: { head: { px: number } }, id: string) => void): void } }): void {
  if (!recording || !state.players) return;
  const t = now() % MINUTE_MS;
  state.players.forEach((peer, id) => {
    if (id === player.room.sessionId) return;
    const px = peer.head.px;
    if (player.seen.get(id) === px) return;
    player.seen.set(id, px);
    if (px === 0) return;
    let ms = t - (px / POSITION_STEPS_PER_M) * 1000;
    if (ms < 0) ms += MINUTE_MS;
    latencies.push(ms);
  });
}

async function join(index: number): Promise<void> {
  const global = plan.firstClient + index;
  const space = `load-${Math.floor(global / plan.spaceSize)}`;
  const client = new Client(plan.endpoint);
  const room = await client.joinOrCreate(ROOM_NAME, { role: 'player', space, displayName: `Load ${global}` });
  const player: Player = { room, observer: global % plan.spaceSize === 0, seen: new Map() };
  room.onMessage(ServerMessage.error, () => void errors++);
  room.onLeave((code) => {
    if (code !== 4000 && code !== 1000) errors++;
  });
  if (player.observer) room.onStateChange((state) => observe(player, state as never));
  players.push(player);
}

let tick = 0;
function sendAll(): void {
  tick++;
  const x = (now() % MINUTE_MS) / 1000;
  for (let i = 0; i < players.length; i++) {
    const { room } = players[i] as Player;
    room.send(ClientMessage.pose, { position: [x, 1.6, i % 7], quaternion: [0, 0, 0, 1] });
    if (tick % 2 === 0) room.send(ClientMessage.speaking, { level: (tick / 2) % 2 === 0 ? 0.3 : 0.6 });
    if (tick % 5 === 0) room.send(ClientMessage.emotion, manualEmotion(EMOTION_LABELS[(tick / 5 + i) % EMOTION_LABELS.length] ?? 'neutral'));
  }
}

async function main(): Promise<void> {
  // A few joins at a time: a burst of hundreds of seat reservations would time out.
  for (let i = 0; i < plan.clients; i += 8) {
    const batch = Array.from({ length: Math.min(8, plan.clients - i) }, (_, k) => join(i + k).catch(() => void errors++));
    await Promise.all(batch);
  }
  let timer: NodeJS.Timeout | undefined;
  process.on('message', (command: LoadCommand) => {
    if (command.type === 'start') {
      latencies.length = 0;
      errors = 0;
      timer = setInterval(sendAll, TICK_MS);
      setTimeout(() => (recording = true), 1000); // the first second settles
    } else if (command.type === 'stop') {
      recording = false;
      clearInterval(timer);
      const report: LoadReport = { type: 'result', latencies, errors, joined: players.length };
      process.send?.(report, undefined, {}, () => {
        for (const p of players) void p.room.leave().catch(() => undefined);
        setTimeout(() => process.exit(0), 500);
      });
    }
  });
  process.send?.({ type: 'ready', joined: players.length, errors });
}

void main();
