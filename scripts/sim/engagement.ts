/**
 * Scripted wearers against the real room server, on a virtual clock: an awake talker, an
 * attentive silent listener (turned toward the talker), a wearer who dozes off (low-energy speech,
 * then silence and nodding) and answers the second nudge, and one who takes the headset off. Each
 * runs the app's own engagement tracker, store and room client (real @colyseus/sdk); the voice is
 * the shipped model's output on real held-out clips (espeak-ng when ../shared is absent, said so).
 * Then the talker starts Emotion Echo; everyone scores with their own device's windows.
 * Prints a summary, and with --json one last line of figures computed from what the clients and
 * the server observed.
 * Usage: npm run sim:engagement [-- --json]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Euler, Quaternion } from 'three';
import { createActivityScorer } from '../../src/app/activity-scorer';
import { bindEngagement, type EngagementBinding } from '../../src/app/engagement-binding';
import type { PresenceSignal } from '../../src/engagement/drowsiness-estimator';
import { createRoomClient, type RoomClient } from '../../src/net';
import { seatAt, type Seat } from '../../src/scene/seat-layout';
import { ACTIVITY_TIMING, type NudgeLevel } from '../../src/shared/engagement';
import { COLYSEUS_PATH, Role } from '../../src/shared/protocol';
import { OPERATOR_ENGAGEMENT_PATH, type OperatorEngagementReport } from '../../src/shared/operator-report';
import { createAppStore, type AppStore } from '../../src/state';
import { createEmotoneServer } from '../../server/create-server';
import { headTrace, type HeadPattern, type HeadSample } from '../../tests/harness/head-traces';
import { CONTRACT } from '../../tests/fixtures/model';
import { createVirtualClock } from './virtual-clock';
import { loadVoiceMaterial, type VoiceMaterial } from './voice-material';

const json = process.argv.includes('--json');
const say = (line: string) => void (json || console.log(line));
const STEP_MS = 250;
const HEAD_STEP_MS = 50;
const END_S = 520;
const ACTIVITY_AT_S = 400;

/** What a wearer does at second `s` of the run. */
interface Behaviour {
  head: HeadPattern;
  /** Speech now: which windows, or null for silence. */
  voice: 'lively' | 'low' | null;
  presence: PresenceSignal;
}

interface Wearer {
  readonly name: string;
  readonly seat: Seat;
  readonly store: AppStore;
  readonly client: RoomClient;
  readonly binding: EngagementBinding;
  behave(s: number, self: Wearer): Behaviour;
  nudges: { level: NudgeLevel; atS: number }[];
  trace: HeadSample[];
  traceFrom: number;
  traceKind: HeadPattern | null;
  windowIndex: number;
}

const VISIBLE: PresenceSignal = { xr: 'visible', pageVisible: true };
const HIDDEN: PresenceSignal = { xr: 'hidden', pageVisible: true };
const duty = (s: number, fraction: number): boolean => (s % 10) / 10 < fraction;

async function main(): Promise<void> {
  say('Loading the shipped model and scoring the voice clips…');
  const voice: VoiceMaterial = await loadVoiceMaterial();
  say(`voice: ${voice.source}`);
  const startMs = Date.now();
  const clock = createVirtualClock(startMs);
  const token = `sim-${Math.random().toString(36).slice(2)}`;
  const server = createEmotoneServer({
    port: 0,
    host: '127.0.0.1',
    uploadDir: mkdtempSync(join(tmpdir(), 'emotone-sim-uploads-')),
    engagementDb: join(mkdtempSync(join(tmpdir(), 'emotone-sim-db-')), 'engagement.sqlite'),
    operatorToken: token,
    // Virtual time runs ~60× faster than real time here, so the per-second message cap (a real-time
    // abuse limit) is raised to match; everything else is the production room.
    room: { now: clock.now, activityTiming: ACTIVITY_TIMING, activityTickMs: 10, maxMessagesPerSecond: 100_000 },
  });
  const { port } = await server.listen();
  const base = `http://127.0.0.1:${port}`;

  // Dee answers the second nudge: 4 s after level 2 appears, she speaks up and looks around.
  let deeAnswerAtS: number | null = null;
  let deeAnsweredAtS: number | null = null;
  const scripts: Record<string, (s: number, self: Wearer) => Behaviour> = {
    Ava: (s) => ({ head: 'awake', voice: duty(s, 0.5) ? 'lively' : null, presence: VISIBLE }),
    Leo: () => ({ head: 'listening', voice: null, presence: VISIBLE }),
    Dee: (s, self) => {
      if (deeAnswerAtS === null && self.nudges.some((n) => n.level >= 2)) deeAnswerAtS = (self.nudges.find((n) => n.level >= 2)?.atS ?? s) + 4;
      if (deeAnswerAtS !== null && s >= deeAnswerAtS) return { head: 'awake', voice: duty(s, 0.5) ? 'lively' : null, presence: VISIBLE };
      if (s < 120) return { head: 'still', voice: duty(s, 0.4) ? 'low' : null, presence: VISIBLE };
      return { head: 'nodding', voice: null, presence: VISIBLE };
    },
    Hal: (s) => (s < 60 ? { head: 'awake', voice: null, presence: VISIBLE } : { head: 'still', voice: null, presence: HIDDEN }),
  };

  const wearers: Wearer[] = [];
  const clients: RoomClient[] = [];
  for (const [i, name] of Object.keys(scripts).entries()) {
    const store = createAppStore({ now: clock.now, self: { name, avatarId: 'sunny' } });
    const client = createRoomClient({ endpoint: `${base}${COLYSEUS_PATH}`, store, role: Role.player, clock });
    clients.push(client);
    const wearer: Wearer = {
      name, seat: seatAt(i), store, client, behave: scripts[name]!, nudges: [], trace: [], traceFrom: 0, traceKind: null, windowIndex: 0,
      binding: bindEngagement({ store, clock, onNudgeShown: (level) => wearer.nudges.push({ level, atS: (clock.now() - startMs) / 1000 }) }),
    };
    wearers.push(wearer);
    await client.connect();
  }
  const spectatorStore = createAppStore({ now: clock.now });
  const spectator = createRoomClient({ endpoint: `${base}${COLYSEUS_PATH}`, store: spectatorStore, role: Role.spectator, clock });
  clients.push(spectator);
  await spectator.connect();

  // Scoring in the activity uses each device's own windows, fed as its voice pipeline would.
  const scoreListeners = new Map<string, Set<(s: (typeof voice.lively)[number]) => void>>();
  for (const w of wearers) {
    const listeners = new Set<(s: (typeof voice.lively)[number]) => void>();
    scoreListeners.set(w.name, listeners);
    createActivityScorer({
      store: w.store, labels: CONTRACT.labels, clock,
      subscribeScores: (l) => (listeners.add(l), () => listeners.delete(l)),
      send: (round, score) => w.client.command('activityScore', { round, score }),
    });
  }

  const q = new Quaternion();
  const e = new Euler(0, 0, 0, 'YXZ');
  const ava = wearers[0]!;
  let seenByOthers = 0;
  let deeDrowsyFromS: number | null = null;
  let deeEngagedAfterAnswerS: number | null = null;
  let awayVisibleToSpectator = false;

  for (let t = 0; t <= END_S * 1000; t += STEP_MS) {
    const s = t / 1000;
    for (const w of wearers) {
      const b = w.behave(s, w);
      if (b.head !== w.traceKind) {
        w.traceKind = b.head;
        w.traceFrom = t;
        w.trace = headTrace(b.head, 0, 600_000, { seed: w.name.charCodeAt(0), rateHz: 1000 / HEAD_STEP_MS });
      }
    }
    // Head poses at the app's pose rate (20 Hz), the rest every 250 ms.
    for (let sub = 0; sub < STEP_MS; sub += HEAD_STEP_MS) {
      for (const w of wearers) {
        const sample = w.trace[Math.floor((t + sub - w.traceFrom) / HEAD_STEP_MS)] ?? w.trace.at(-1)!;
        // Facing: the listener turns toward the talker; everyone else faces the table's centre.
        const toward = w.name === 'Leo' ? Math.atan2(ava.seat.x - w.seat.x, ava.seat.z - w.seat.z) : w.seat.yawRad;
        e.set(sample.pitchRad, toward + (w.name === 'Leo' ? 0 : sample.yawRad) - Math.PI, 0);
        q.setFromEuler(e);
        w.store.setSelfPose({ position: [w.seat.x, 1.6, w.seat.z], quaternion: [q.x, q.y, q.z, q.w] });
      }
      if (sub + HEAD_STEP_MS < STEP_MS) clock.advance(HEAD_STEP_MS);
    }
    for (const w of wearers) {
      const b = w.behave(s, w);
      // In a round, those present say a sentence in the emotion asked for during its first 3 s.
      const inRound = b.presence === VISIBLE && w.store.getState().activity.phase === 'round' && (clock.now() - w.store.getState().activity.phaseSeenAtMs) < 3000;
      const target = w.store.getState().activity.target;
      const windows = inRound && target ? voice.byEmotion[target] ?? voice.lively : b.voice ? voice[b.voice] : null;
      w.store.setSpeaking(windows ? 0.5 : 0);
      if (windows && windows.length && t % 500 === 0) {
        const scores = windows[w.windowIndex++ % windows.length]!;
        w.binding.voiceWindow(scores.arousal);
        for (const l of scoreListeners.get(w.name) ?? []) l(scores);
      }
      w.binding.presence(b.presence);
      w.binding.tick();
    }
    if (s === ACTIVITY_AT_S) ava.client.command('activity', { action: 'start' });
    clock.advance(HEAD_STEP_MS);

    // What the others see of Dee: her nudges must never show, nor her drowsiness (she shares "away" only).
    const dee = wearers[2]!;
    const deeId = dee.store.getState().sessionId;
    for (const observer of [...wearers.filter((w) => w !== dee).map((w) => w.store), spectatorStore]) {
      const seen = deeId ? observer.getState().peers[deeId] : undefined;
      if (seen && (seen.engagement === 'drowsy' || seen.drowsiness > 0)) seenByOthers++;
    }
    const hal = wearers[3]!;
    const halId = hal.store.getState().sessionId;
    if (halId && spectatorStore.getState().peers[halId]?.engagement === 'away') awayVisibleToSpectator = true;
    if (dee.store.getState().self.engagement === 'drowsy' && deeDrowsyFromS === null) deeDrowsyFromS = s;
    if (deeAnswerAtS !== null && deeAnsweredAtS === null && dee.store.getState().nudge.current === null) deeAnsweredAtS = s;
    if (deeAnsweredAtS !== null && deeEngagedAfterAnswerS === null && dee.store.getState().self.engagement === 'engaged') deeEngagedAfterAnswerS = s;
    if (t % 20_000 === 0) {
      const est = dee.binding.lastEstimate;
      if (est) say(`  ${String(s).padStart(3)} s  Dee ${est.state.padEnd(7)} drowsiness ${est.drowsiness.toFixed(2)} (evidence ${est.target.toFixed(2)}: nods ${est.head.nods}, slumped ${est.head.slumpedFraction.toFixed(2)}, low voice ${est.voice.lowEnergy.toFixed(2)}, attention ${est.attention.toFixed(2)})`);
    }
    if (t % 1000 === 0) await new Promise((r) => setTimeout(r, 15)); // let messages and patches cross
  }
  await new Promise((r) => setTimeout(r, 500));

  const response = await fetch(`${base}${OPERATOR_ENGAGEMENT_PATH}`, { headers: { Authorization: `Bearer ${token}` } });
  const report = (await response.json()) as OperatorEngagementReport;
  const dee = wearers[2]!;
  const firstNudge = dee.nudges[0];
  const summary = {
    voiceSource: voice.source,
    awakeNudges: wearers[0]!.nudges.filter((n) => n.level === 1).length,
    listenerNudges: wearers[1]!.nudges.filter((n) => n.level === 1).length,
    awayNudges: wearers[3]!.nudges.filter((n) => n.level === 1).length,
    drowsyFromS: deeDrowsyFromS,
    drowsyFirstNudgeS: firstNudge ? Math.round((firstNudge.atS - 120) * 10) / 10 : null,
    drowsyNudgeLevels: dee.nudges.map((n) => n.level),
    answeredAtS: deeAnsweredAtS,
    reengaged: deeAnsweredAtS !== null && deeEngagedAfterAnswerS !== null && deeEngagedAfterAnswerS - deeAnsweredAtS <= 60,
    nudgesSeenByOthers: seenByOthers,
    awayVisibleToRoom: awayVisibleToSpectator,
    operator: {
      players: report.players,
      timeInStateS: Object.fromEntries(Object.entries(report.timeInStateMs).map(([k, v]) => [k, Math.round(v / 1000)])),
      nudgesShown: report.nudges.shown,
      nudgesAnswered: report.nudges.answered,
      reengagementRate: report.reengagement.rate,
      activityRuns: report.activities.runs,
      roundsCompleted: report.activities.roundsCompleted,
      activityParticipants: report.activities.participants,
      scoresReceived: report.activities.scores,
    },
  };
  say('');
  say(`awake talker (Ava): ${summary.awakeNudges} nudges`);
  say(`attentive silent listener (Leo): ${summary.listenerNudges} nudges`);
  say(`headset off (Hal): ${summary.awayNudges} nudges; the room saw "away": ${summary.awayVisibleToRoom}`);
  say(`dozing wearer (Dee): drowsy from ${summary.drowsyFromS} s; first nudge ${summary.drowsyFirstNudgeS} s after the silence and nodding began (120 s); levels ${summary.drowsyNudgeLevels.join(' → ')}; answered at ${summary.answeredAtS} s; re-engaged within 60 s: ${summary.reengaged}`);
  say(`nudge or drowsiness seen by others: ${summary.nudgesSeenByOthers}`);
  say(`operator figures: ${JSON.stringify(summary.operator)}`);
  if (json) console.log(JSON.stringify(summary));
  await Promise.all(clients.map((c) => c.leave()));
  for (const w of wearers) w.binding.dispose();
  await server.close();
  const ok = summary.awakeNudges === 0 && summary.listenerNudges === 0 && summary.awayNudges === 0 && summary.drowsyFirstNudgeS !== null && summary.reengaged && summary.nudgesSeenByOthers === 0;
  process.exit(ok ? 0 : 1);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
