/**
 * `npx tsx scripts/bench/patch-cost.ts [--seconds 30] [--players 16] [--spectators 32]`: what the
 * synced state costs per patch for a full space. Players send head poses at 20 Hz (a seated head:
 * slow sway and glances, a few mm of tremor), speaking levels at 10 Hz while talking, a new emotion
 * every few seconds; each message goes through the room's own validation and apply code into the
 * shipped schema, and the state is encoded at the room's 20 Hz patch rate with @colyseus/schema's
 * Encoder (what Colyseus broadcasts; every client gets the same bytes) and decoded with its Decoder
 * (what each client pays). Prints bytes per patch, per client per second, the server's egress per
 * second, and the median encode/decode CPU per patch. A benchmark: it prints figures and asserts nothing.
 */
import { Decoder, Encoder } from '@colyseus/schema';
import { parseArgs } from 'node:util';
import { EMOTION_LABELS, EmotionSource } from '../../src/shared/emotion-labels';
import { LIMITS } from '../../src/shared/protocol';
import { validateClientMessage } from '../../src/shared/validate';
import { applyClientMessage, isPlayerMessage } from '../../server/apply-message';
import { EmotionSchema, HeadPoseSchema, PlayerSchema, SpaceState } from '../../server/schema';
import { createSeededRandom } from '../../tests/fixtures/seeded-random';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '30' }, players: { type: 'string', default: '16' }, spectators: { type: 'string', default: '32' } },
});
const seconds = Number(values.seconds);
const players = Number(values.players);
const spectators = Number(values.spectators);
if (![seconds, players, spectators].every((n) => Number.isInteger(n) && n >= 0) || seconds < 1 || players < 1) {
  console.error('--seconds (≥ 1), --players (≥ 1) and --spectators (≥ 0) take whole numbers.');
  process.exit(1);
}

const PATCH_HZ = 20;
const random = createSeededRandom(20261201);

/** One simulated wearer: where the head is and what it does next. */
interface Wearer {
  seat: [number, number, number];
  yaw: number;
  pitch: number;
  yawTarget: number;
  talking: boolean;
  nextEmotionMs: number;
}

function quaternion(yaw: number, pitch: number): [number, number, number, number] {
  const cy = Math.cos(yaw / 2), sy = Math.sin(yaw / 2), cp = Math.cos(pitch / 2), sp = Math.sin(pitch / 2);
  return [sp * cy, sy * cp, -sp * sy, cy * cp];
}

/** A message through the room's own checks into the player, as the room does. */
function send(player: PlayerSchema, type: string, payload: unknown): void {
  const result = validateClientMessage(type, payload);
  if (!result.ok || !isPlayerMessage(result.value)) throw new Error(`the bench sent an invalid ${type}: ${result.ok ? 'not a player message' : result.reason}`);
  applyClientMessage(player, result.value);
}

function step(player: PlayerSchema, wearer: Wearer, nowMs: number, tick: number): void {
  // Glances: a new yaw target now and then, approached smoothly; tremor of a few mm and a few mrad.
  if (random() < 0.01) wearer.yawTarget = (random() - 0.5) * 1.6;
  wearer.yaw += (wearer.yawTarget - wearer.yaw) * 0.15 + (random() - 0.5) * 0.004;
  wearer.pitch = -0.1 + Math.sin(nowMs / 2700 + wearer.seat[0]) * 0.05 + (random() - 0.5) * 0.004;
  const sway = (axis: number) => Math.sin(nowMs / (1900 + axis * 300) + wearer.seat[2]) * 0.02 + (random() - 0.5) * 0.003;
  send(player, 'pose', {
    position: [wearer.seat[0] + sway(0), wearer.seat[1] + sway(1) * 0.5, wearer.seat[2] + sway(2)],
    quaternion: quaternion(wearer.yaw, wearer.pitch),
  });
  if (tick % 2 === 0) {
    if (random() < 0.02) wearer.talking = !wearer.talking;
    send(player, 'speaking', { level: wearer.talking ? 0.3 + random() * 0.7 : 0 });
  }
  if (nowMs >= wearer.nextEmotionMs) {
    wearer.nextEmotionMs = nowMs + 2000 + random() * 4000;
    const label = EMOTION_LABELS[Math.floor(random() * EMOTION_LABELS.length)] as (typeof EMOTION_LABELS)[number];
    send(player, 'emotion', { label, confidence: 0.4 + random() * 0.6, arousal: random() * 2 - 1, valence: random() * 2 - 1, source: EmotionSource.voice });
  }
}

function run(): void {
  const state = new SpaceState();
  const wearers: Wearer[] = [];
  for (let i = 0; i < players; i++) {
    const player = new PlayerSchema();
    player.sessionId = `s${String(i).padStart(8, '0')}`;
    player.displayName = `Player ${i + 1}`;
    player.avatarId = 'sunny';
    player.joinedAt = 1_764_547_200_000 + i * 1000;
    player.emotion = new EmotionSchema();
    player.head = new HeadPoseSchema();
    state.players.set(player.sessionId, player);
    const angle = (i / players) * Math.PI * 2;
    wearers.push({ seat: [Math.cos(angle) * 2.5, 1.2, Math.sin(angle) * 2.5], yaw: 0, pitch: 0, yawTarget: 0, talking: i % 3 === 0, nextEmotionMs: random() * 3000 });
  }
  const encoder = new Encoder(state);
  const decoder = new Decoder(new SpaceState());
  const full = encoder.encodeAll().slice();
  decoder.decode(full);
  encoder.discardChanges();

  const patches = seconds * PATCH_HZ;
  const sizes: number[] = [];
  const encodeUs: number[] = [];
  const decodeUs: number[] = [];
  for (let tick = 0; tick < patches; tick++) {
    const nowMs = (tick * 1000) / PATCH_HZ;
    state.players.forEach((player, sessionId) => step(player, wearers[Number(sessionId.slice(1))] as Wearer, nowMs, tick));
    const t0 = process.hrtime.bigint();
    const bytes = encoder.encode().slice();
    encoder.discardChanges();
    const t1 = process.hrtime.bigint();
    decoder.decode(bytes);
    const t2 = process.hrtime.bigint();
    encodeUs.push(Number(t1 - t0) / 1000);
    decodeUs.push(Number(t2 - t1) / 1000);
    sizes.push(bytes.length);
  }
  for (const list of [sizes, encodeUs, decodeUs]) list.sort((a, b) => a - b);
  // Medians: on a shared machine a mean mostly measures who else had the core.
  const median = (list: number[]) => (list[Math.floor(list.length / 2)] ?? NaN).toFixed(1);
  const total = sizes.reduce((a, b) => a + b, 0);
  const mean = total / sizes.length;
  const clients = players + spectators;
  const pct = (p: number) => sizes[Math.min(sizes.length - 1, Math.floor(p * sizes.length))] ?? 0;
  const rows: Array<[string, string]> = [
    ['space', `${players} players (poses ${LIMITS.poseSendHz} Hz, speaking ${LIMITS.speakingSendHz} Hz, emotion every 2–6 s) + ${spectators} spectators, ${seconds} s`],
    ['full state on join', `${full.length} B`],
    ['bytes per patch (mean)', mean.toFixed(1)],
    ['bytes per patch (p50 / p95 / max)', `${pct(0.5)} / ${pct(0.95)} / ${sizes[sizes.length - 1]}`],
    ['bytes per pose update (mean / players)', (mean / players).toFixed(1)],
    ['per client per second', `${((mean * PATCH_HZ) / 1024).toFixed(2)} KiB/s`],
    [`server egress per second (${clients} clients)`, `${((mean * PATCH_HZ * clients) / 1024).toFixed(1)} KiB/s`],
    ['encode CPU per patch, median (once per room)', `${median(encodeUs)} µs`],
    ['decode CPU per patch, median (each client)', `${median(decodeUs)} µs`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('patch cost of the shipped schema (server/schema.ts)');
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

run();
