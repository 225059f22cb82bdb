/**
 * Voice chat on loopback, in real Chromium with the production build and the real room server:
 *  1. mouth-to-ear latency: the sender's fake microphone plays short marked bursts (a 300→3000 Hz
 *     sweep every 1.5 s); an AudioWorklet in each page times each burst's onset on the track the
 *     sender's connection sends (after the browser's capture processing) and on the track the
 *     listener's connection receives (after its jitter buffer and decoder). Both pages convert their
 *     audio clock to wall time with getOutputTimestamp, so a main thread busy with software GL
 *     does not delay the stamps. Not included: the microphone's own capture latency before the
 *     track and the listener's output device after the decoder (a Quest adds both; see README).
 *  2. bytes per second per peer: what the listener receives from talking peers (Opus with DTX).
 *  3. CPU of one listener's browser (every process it started) with 0, 1, 2 and 4 peers talking,
 *     as % of one core over a window, by process type and, in the page's renderer, by thread group
 *     (main; audio+webrtc: what voice chat adds), with the machine's load beside it. On a machine
 *     whose cores the peers' own browsers share, the listener's main thread gets less as peers join;
 *     its audio+webrtc threads are the figure that follows the number of voices.
 * Figures only: nothing passes or fails. Run alone on the machine: npm run bench:voice
 * BENCH_VOICE_PEERS=0,1,4,8 (on a machine with ≥ 4 cores) and BENCH_VOICE_WINDOW_S=20 change the CPU steps.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureProductionBuild } from '../../tests/harness/build';
import { startTestServer } from '../../tests/harness/server';
import { closeTalkers, joinTalker, launchTalker, talkStats, waitConnected, type Talker } from '../../tests/harness/talk-pages';
import { buildFakeMicWav } from '../../tests/harness/voice-audio';

const SPACE = 'bench-voice';
const BURST_PERIOD_S = 1.5;
const BURSTS = 24;
/** A heard onset belongs to the latest sent one at most this long before it (under the burst period). */
const MATCH_MS = 1400;
const LATENCY_WINDOW_S = Number(process.env.BENCH_VOICE_LATENCY_S ?? 45);
// Each peer is a whole browser drawing the space in software GL: on a 2-core machine nine of them
// (a listener and 8 peers) starve each other until joins time out, so 8 is asked for by name there.
const PEER_STEPS = (process.env.BENCH_VOICE_PEERS ?? '0,1,2,4').split(',').map(Number);
const CPU_WINDOW_S = Number(process.env.BENCH_VOICE_WINDOW_S ?? 20);
// Software GL on this machine's CPU costs per pixel what a headset's GPU does for free: every page
// renders in a small window so that rendering does not crowd out the audio being measured.
const VIEWPORT = { width: 160, height: 96 };
const SENTENCES = [
  'One, two, three, four, five. The quick brown fox jumps over the lazy dog.',
  'Six, seven, eight, nine, ten. She sells sea shells by the sea shore.',
  'Eleven, twelve, thirteen. Peter Piper picked a peck of pickled peppers.',
  'How much wood would a woodchuck chuck if a woodchuck could chuck wood.',
];

/** A fake microphone of `BURSTS` sweeps of 150 ms, one every BURST_PERIOD_S. */
function burstWav(): string {
  const dir = mkdtempSync(join(tmpdir(), 'emotone-bursts-'));
  const burst = join(dir, 'burst.wav');
  execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', burst, 'synth', '0.15', 'sine', '300-3000', 'fade', '0.003', '0.15', '0.02', 'vol', '0.5']);
  const parts = Array.from({ length: BURSTS }, () => [{ path: burst }, { path: null, seconds: BURST_PERIOD_S - 0.15 }]).flat();
  return buildFakeMicWav(parts).wav;
}

/**
 * The onset timer, an AudioWorklet: posts the audio clock at each block whose RMS passes 0.02 after
 * ≥ 0.4 s below it. Served beside the build at a same-origin path (the app's CSP allows only 'self';
 * worklet fetches pass by Playwright's request routing).
 */
const ONSET_WORKLET = `class Onsets extends AudioWorkletProcessor {
  constructor() { super(); this.quiet = 1e9; }
  process(inputs) {
    const ch = inputs[0] && inputs[0][0];
    if (ch) {
      let sum = 0;
      for (let i = 0; i < ch.length; i++) sum += ch[i] * ch[i];
      if (Math.sqrt(sum / ch.length) > 0.02) {
        if (this.quiet * ch.length / sampleRate > 0.4) this.port.postMessage(currentTime);
        this.quiet = 0;
      } else this.quiet++;
    }
    return true;
  }
}
registerProcessor('onsets', Onsets);`;
const ONSET_WORKLET_PATH = '/__bench/onsets.js';

/** Starts timing onsets of the connection track `which` with `peerId` in the page (wall ms, into window.__onsets). */
async function timeOnsets(page: Page, peerId: string, which: 'sent' | 'received'): Promise<{ clock: string; baseLatencyMs: number; outputLatencyMs: number }> {
  return page.evaluate(async ([id, side, path]) => {
    const tracks = window.__emotone!.talk.tracks(id);
    const track = tracks?.[side];
    if (!track) throw new Error(`no ${side} track for ${id}`);
    const context = new AudioContext({ latencyHint: 'interactive' });
    await context.resume();
    await context.audioWorklet.addModule(path);
    const node = new AudioWorkletNode(context, 'onsets');
    const sink = context.createGain();
    sink.gain.value = 0;
    context.createMediaStreamSource(new MediaStream([track])).connect(node).connect(sink).connect(context.destination);
    const w = window as unknown as { __onsets: number[]; __onsetClock: string; __keep: unknown[] };
    w.__onsets = [];
    w.__keep = [context, node];
    node.port.onmessage = ({ data }: MessageEvent<number>) => {
      const stamp = context.getOutputTimestamp();
      // The audio clock, placed on the wall clock by the audio system: independent of when this
      // message got through a busy main thread. Without a stamp (no output yet) the arrival time.
      const wall = stamp.performanceTime && stamp.contextTime
        ? performance.timeOrigin + stamp.performanceTime + (data - stamp.contextTime) * 1000
        : performance.timeOrigin + performance.now();
      w.__onsets.push(wall);
    };
    const stamp = context.getOutputTimestamp();
    return { clock: stamp.performanceTime ? 'audio clock' : 'message arrival', baseLatencyMs: context.baseLatency * 1000, outputLatencyMs: (context.outputLatency ?? 0) * 1000 };
  }, [peerId, which, ONSET_WORKLET_PATH] as const);
}

const readOnsets = (page: Page): Promise<number[]> => page.evaluate(() => (window as unknown as { __onsets: number[] }).__onsets);

/** Nearest-rank quantile. */
function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}

/** CPU seconds (user + system) used so far by the browser whose command line holds `marker` and every process under it, by Chromium process type. */
function treeCpuSeconds(marker: string): Map<string, number> {
  const hz = 100; // USER_HZ on Linux
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  const kind = new Map<number, string>();
  const rendererThreads = new Map<number, Map<string, number>>();
  let root = -1;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(pid, Number(fields[1]));
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / hz);
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const type = /--type=([a-z-]+)/.exec(cmdline)?.[1];
      const service = /--utility-sub-type=([A-Za-z.]+)/.exec(cmdline)?.[1]?.split('.')[0]; // audio.mojom.AudioService → audio
      kind.set(pid, type === 'utility' && service ? service : type ?? 'browser');
      if (root < 0 && cmdline.includes(marker) && !type) root = pid;
      if (type === 'renderer') rendererThreads.set(pid, threadCpu(pid, hz));
    } catch {
      // the process ended meanwhile
    }
  }
  if (root < 0) throw new Error(`no browser process for ${marker}`);
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, depth = 0; p !== undefined && p > 1 && depth < 64; p = parent.get(p), depth++) if (p === root) return true;
    return false;
  };
  const out = new Map<string, number>();
  for (const [pid, s] of cpu) {
    if (!inTree(pid)) continue;
    const threads = rendererThreads.get(pid);
    if (!threads) out.set(kind.get(pid)!, (out.get(kind.get(pid)!) ?? 0) + s);
    else for (const [group, t] of threads) out.set(`renderer ${group}`, (out.get(`renderer ${group}`) ?? 0) + t);
  }
  return out;
}

/**
 * A renderer's CPU seconds by thread group: its main thread (script, scene, GL commands), its audio
 * and WebRTC threads (decoding, jitter buffer, Web Audio's graph with the HRTF panners, capture),
 * and the rest.
 */
function threadCpu(pid: number, hz: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const group = task === String(pid) ? 'main' : /^(Audio|ThreadPoolAudio|WebRTC|WebAudio)/.test(name) ? 'audio+webrtc' : 'other';
      out.set(group, (out.get(group) ?? 0) + (Number(fields[11]) + Number(fields[12])) / hz);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** % of one core the listener's browser used over `windowS` (in all, and by process type), and the machine's load meanwhile. */
async function listenerCpu(listener: Talker, windowS: number): Promise<{ percent: number; byType: string; machinePercent: number }> {
  const machine = (): number[] => readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const m0 = machine();
  const c0 = treeCpuSeconds(listener.browser.profile);
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, windowS * 1000));
  const c1 = treeCpuSeconds(listener.browser.profile);
  const m1 = machine();
  const elapsed = (Date.now() - t0) / 1000;
  const total = m1.reduce((a, b) => a + b, 0) - m0.reduce((a, b) => a + b, 0);
  const idle = (m1[3]! + m1[4]!) - (m0[3]! + m0[4]!);
  const used = [...c1].map(([type, s]) => [type, (100 * (s - (c0.get(type) ?? 0))) / elapsed] as const).sort((a, b) => b[1] - a[1]);
  return {
    percent: used.reduce((a, [, p]) => a + p, 0),
    byType: used.filter(([, p]) => p >= 0.5).map(([type, p]) => `${type} ${p.toFixed(0)}`).join(', '),
    machinePercent: (100 * (total - idle)) / Math.max(1, total),
  };
}

/** The production build plus the onset worklet: a directory of links to the build's files. */
function benchStaticDir(): string {
  const dist = ensureProductionBuild();
  const dir = mkdtempSync(join(tmpdir(), 'emotone-bench-static-'));
  for (const entry of readdirSync(dist)) symlinkSync(join(dist, entry), join(dir, entry));
  mkdirSync(join(dir, dirname(ONSET_WORKLET_PATH)));
  writeFileSync(join(dir, ONSET_WORKLET_PATH), ONSET_WORKLET);
  return dir;
}

const staticDir = benchStaticDir();
const server = await startTestServer({ staticDir });
const talkers: Talker[] = [];
const silence = buildFakeMicWav([{ path: null, seconds: 5 }]).wav;
try {
  // 1. Latency: Tx plays bursts, Rx is silent.
  console.log('=== mouth-to-ear latency on loopback (sent track → received track) ===');
  const tx = await launchTalker('Tx', '', burstWav(), VIEWPORT);
  talkers.push(tx);
  const rx = await launchTalker('Rx', '', silence, VIEWPORT);
  talkers.push(rx);
  await joinTalker(tx, server.url, SPACE);
  await joinTalker(rx, server.url, SPACE);
  const connectMs = await waitConnected(rx, [tx], 120_000);
  console.log(`connected in ${connectMs} ms after joining`);
  const sentClock = await timeOnsets(tx.page, rx.id, 'sent');
  const heardClock = await timeOnsets(rx.page, tx.id, 'received');
  console.log(`clocks: sender ${sentClock.clock} (base ${sentClock.baseLatencyMs.toFixed(1)} ms, output ${sentClock.outputLatencyMs.toFixed(1)} ms), listener ${heardClock.clock} (base ${heardClock.baseLatencyMs.toFixed(1)} ms, output ${heardClock.outputLatencyMs.toFixed(1)} ms)`);
  for (let s = 0; s < LATENCY_WINDOW_S; s += 15) {
    await rx.page.waitForTimeout(Math.min(15, LATENCY_WINDOW_S - s) * 1000);
    console.log(`  … ${Math.min(LATENCY_WINDOW_S, s + 15)} / ${LATENCY_WINDOW_S} s`);
  }
  const sent = await readOnsets(tx.page);
  const heard = await readOnsets(rx.page);
  const latencies: number[] = [];
  for (const h of heard) {
    const s = sent.filter((t) => t <= h + 5 && h - t < MATCH_MS).at(-1);
    if (s !== undefined) latencies.push(Math.max(0, h - s));
  }
  const missed = sent.filter((s) => !heard.some((h) => h >= s - 5 && h - s < MATCH_MS)).length;
  console.log(`bursts: ${sent.length} sent, ${heard.length} heard, ${missed} sent with none heard within ${MATCH_MS} ms`);
  if (latencies.length) {
    console.log(`mouth-to-ear (loopback, excluding capture and output devices): p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p95 ${quantile(latencies, 0.95).toFixed(0)} ms, min ${Math.min(...latencies).toFixed(0)}, max ${Math.max(...latencies).toFixed(0)} (n=${latencies.length}; goal p95 ≤ 150 ms)`);
  } else {
    console.log('mouth-to-ear: no burst was matched (see the counts above)');
  }
  const jitter = (await talkStats(rx.page))[tx.id]?.jitterBufferMs;
  console.log(`listener's mean jitter-buffer wait for Tx: ${jitter?.toFixed(0) ?? '—'} ms`);
  await tx.browser.close();
  talkers.splice(talkers.indexOf(tx), 1);

  // 2 and 3. Rx listens to 0, 1, 4, 8 talking peers.
  console.log(`\n=== listener CPU and bytes per peer (window ${CPU_WINDOW_S} s per step) ===`);
  const peers: Talker[] = [];
  for (const n of PEER_STEPS) {
    while (peers.length < n) {
      const i = peers.length;
      const peer = await launchTalker(`P${i + 1}`, SENTENCES[i % SENTENCES.length]!, undefined, VIEWPORT);
      talkers.push(peer);
      peers.push(peer);
      await joinTalker(peer, server.url, SPACE);
      console.log(`  peer ${i + 1} joined`);
    }
    // A peer whose room connection dropped under the load comes back with a new session id.
    for (const peer of peers) peer.id = (await peer.page.evaluate(() => window.__emotone?.sessionId ?? null)) ?? peer.id;
    const connected = (): Promise<number> => rx.page.evaluate((ids) => ids.filter((id) => window.__emotone!.talk.states[id] === 'connected').length, peers.slice(0, n).map((p) => p.id));
    const deadline = Date.now() + 120_000;
    while ((await connected()) < n && Date.now() < deadline) await rx.page.waitForTimeout(1000);
    await rx.page.waitForTimeout(3000); // the new links settle
    const before = await talkStats(rx.page);
    const cpu = await listenerCpu(rx, CPU_WINDOW_S);
    const after = await talkStats(rx.page);
    const perPeer = peers.slice(0, n).map((p) => ((after[p.id]?.bytesReceived ?? 0) - (before[p.id]?.bytesReceived ?? 0)) / CPU_WINDOW_S / 1000);
    const playing = await rx.page.evaluate(() => window.__emotone!.talk.playing.length);
    const bytes = perPeer.length ? `, received ${(perPeer.reduce((a, b) => a + b, 0) / perPeer.length).toFixed(2)} kB/s per peer (min ${Math.min(...perPeer).toFixed(2)}, max ${Math.max(...perPeer).toFixed(2)})` : '';
    const linked = await connected();
    if (linked < n) console.log(`  only ${linked} of ${n} peers connected within 2 minutes on this machine: the figures below are for ${linked}`);
    console.log(`${n} peer(s): listener browser ${cpu.percent.toFixed(0)}% of one core (${cpu.byType}), machine ${cpu.machinePercent.toFixed(0)}% busy, ${playing} voice(s) playing${bytes}`);
  }
} finally {
  await closeTalkers(talkers, server);
  rmSync(staticDir, { recursive: true, force: true });
}
