/**
 * Calibration figures of the drowsiness estimate. There is no sleepy corpus, so:
 * - voice: the shipped model's arousal on held-out speakers' low- vs high-energy speech
 *   (RAVDESS actors 19–24 calm+sad vs angry+happy; EMO-DB speakers 15, 16 boredom+sadness vs
 *   anger+happiness; BAVED's test speakers level 0 vs 2), per clip (ROC AUC) and per minute-long
 *   session through the estimator's voice-energy stage (against each speaker's own neutral baseline);
 * - head: synthetic traces (nodding off, awake, still, restless, listening) through the whole
 *   estimator, 20 seeds of 10 minutes each.
 * Usage: npx tsx scripts/bench/engagement-calibration.ts [--json]   (voice part needs ../shared/datasets)
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDrowsinessEstimator } from '../../src/engagement/drowsiness-estimator';
import { createVoiceEnergy } from '../../src/engagement/voice-energy';
import { playScenario } from '../../tests/harness/engagement-scenarios';
import type { HeadPattern } from '../../tests/harness/head-traces';
import { DATASETS } from '../../tests/fixtures/audio';
import { CONTRACT, MODEL_PATH } from '../../tests/fixtures/model';
import { decode16k, loadModel, speakerProfileFor, windowArousal } from '../../tests/harness/voice-features';

type Group = 'neutral' | 'low' | 'high';
interface Corpus {
  readonly name: string;
  /** speaker → group → clip paths */
  readonly speakers: Map<string, Record<Group, string[]>>;
}

const json = process.argv.includes('--json');
const log = (line: string) => void (json || console.log(line));

function ravdess(): Corpus | null {
  const root = join(DATASETS, 'ravdess');
  if (!existsSync(root)) return null;
  const groups: Record<string, Group> = { '01': 'neutral', '02': 'low', '04': 'low', '03': 'high', '05': 'high' };
  const speakers = new Map<string, Record<Group, string[]>>();
  for (const actor of ['19', '20', '21', '22', '23', '24']) {
    const entry: Record<Group, string[]> = { neutral: [], low: [], high: [] };
    for (const f of readdirSync(join(root, `Actor_${actor}`))) {
      const [, , emotion, intensity] = f.split('-');
      const g = groups[emotion ?? ''];
      if (g && intensity === '01') entry[g].push(join(root, `Actor_${actor}`, f));
    }
    speakers.set(actor, entry);
  }
  return { name: 'RAVDESS', speakers };
}

function emodb(): Corpus | null {
  const root = join(DATASETS, 'emodb', 'wav');
  if (!existsSync(root)) return null;
  const groups: Record<string, Group> = { N: 'neutral', L: 'low', T: 'low', W: 'high', F: 'high' };
  const speakers = new Map<string, Record<Group, string[]>>();
  for (const f of readdirSync(root)) {
    const speaker = f.slice(0, 2);
    const g = groups[f[5] ?? ''];
    if (!g || !['15', '16'].includes(speaker)) continue;
    const entry = speakers.get(speaker) ?? { neutral: [], low: [], high: [] };
    entry[g].push(join(root, f));
    speakers.set(speaker, entry);
  }
  return { name: 'EMO-DB', speakers };
}

function baved(): Corpus | null {
  const root = join(DATASETS, 'baved');
  if (!existsSync(root)) return null;
  const test = new Set(['48', '49', '50', '51', '53', '54', '55', '56', '100', '101', '102', '103']);
  const groups: Record<string, Group> = { '0': 'low', '1': 'neutral', '2': 'high' };
  const speakers = new Map<string, Record<Group, string[]>>();
  for (const word of readdirSync(root).filter((d) => /^\d$/.test(d))) {
    for (const f of readdirSync(join(root, word))) {
      const [speaker, , , , level] = f.replace('.opus', '').split('-');
      const g = groups[level ?? ''];
      if (!g || !test.has(speaker ?? '')) continue;
      const entry = speakers.get(speaker!) ?? { neutral: [], low: [], high: [] };
      entry[g].push(join(root, word, f));
      speakers.set(speaker!, entry);
    }
  }
  return { name: 'BAVED', speakers };
}

/** ROC AUC of `pos` scored above `neg` (ties count half). */
function auc(pos: readonly number[], neg: readonly number[]): number {
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return pos.length && neg.length ? wins / (pos.length * neg.length) : NaN;
}
const mean = (v: readonly number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);

/** lowEnergy after a minute of `windows` spoken (60 % of the time) following a minute of `baseline`. */
function session(baseline: readonly number[], windows: readonly number[]): number {
  const energy = createVoiceEnergy();
  let t = 0;
  for (const list of [baseline, windows]) {
    let i = 0;
    for (const end = t + 60_000; t < end; t += 100) {
      const speaking = ((t % 10_000) / 10_000) < 0.6;
      energy.addSpeaking(t, speaking);
      if (speaking && t % 500 === 0 && list.length) energy.addWindow(t, list[i++ % list.length]!);
    }
  }
  return energy.summary(t).lowEnergy;
}

async function voicePart() {
  if (!MODEL_PATH) return log('voice: models/emotion.onnx is absent: skipped.'), [];
  const corpora = [ravdess(), emodb(), baved()].filter((c): c is Corpus => c !== null);
  if (corpora.length === 0) log(`voice: no corpora under ${DATASETS} (set EMOTONE_DATASETS): skipped.`);
  const classifier = await loadModel(MODEL_PATH, CONTRACT);
  const rows = [];
  for (const corpus of corpora) {
    const clipScores: Record<'low' | 'high', number[]> = { low: [], high: [] };
    const sessions: Record<'low' | 'high', number[]> = { low: [], high: [] };
    for (const [, groups] of corpus.speakers) {
      const profile = speakerProfileFor(CONTRACT);
      const windows: Record<Group, number[]> = { neutral: [], low: [], high: [] };
      for (const g of ['neutral', 'low', 'high'] as const) {
        for (const path of groups[g]) {
          const w = await windowArousal(classifier, CONTRACT, decode16k(path), profile);
          windows[g].push(...w);
          if (g !== 'neutral' && w.length) clipScores[g].push(mean(w));
        }
      }
      if (windows.low.length) sessions.low.push(session(windows.neutral, windows.low));
      if (windows.high.length) sessions.high.push(session(windows.neutral, windows.high));
    }
    const row = {
      corpus: corpus.name,
      speakers: corpus.speakers.size,
      clips: clipScores.low.length + clipScores.high.length,
      clipArousalAuc: auc(clipScores.high, clipScores.low),
      sessionLowEnergyLow: mean(sessions.low),
      sessionLowEnergyHigh: mean(sessions.high),
      sessionAuc: auc(sessions.low, sessions.high),
      lowSessionsFlagged: sessions.low.filter((v) => v >= 0.5).length / (sessions.low.length || 1),
      highSessionsFlagged: sessions.high.filter((v) => v >= 0.5).length / (sessions.high.length || 1),
    };
    rows.push(row);
    log(`${row.corpus.padEnd(8)} ${row.speakers} held-out speakers, ${row.clips} clips: arousal AUC high vs low ${row.clipArousalAuc.toFixed(3)}; `
      + `minute-long sessions: lowEnergy ${row.sessionLowEnergyLow.toFixed(2)} (low) vs ${row.sessionLowEnergyHigh.toFixed(2)} (high), AUC ${row.sessionAuc.toFixed(3)}, `
      + `flagged ≥ 0.5: ${(row.lowSessionsFlagged * 100).toFixed(0)} % of low, ${(row.highSessionsFlagged * 100).toFixed(0)} % of high`);
  }
  await classifier.dispose();
  return rows;
}

function headPart() {
  const patterns: HeadPattern[] = ['nodding', 'awake', 'still', 'restless', 'listening'];
  const rows = patterns.map((pattern) => {
    const times: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const ticks = playScenario(createDrowsinessEstimator(), [{ seconds: 600, head: pattern, voice: null, othersSpeak: pattern === 'listening' }], { seed });
      const hit = ticks.find((t) => t.estimate.state === 'drowsy');
      if (hit) times.push(hit.atMs / 1000);
    }
    times.sort((a, b) => a - b);
    const row = { pattern, runs: 20, drowsyRuns: times.length, medianSecondsToDrowsy: times.length ? times[Math.floor(times.length / 2)]! : null };
    log(`head ${pattern.padEnd(9)} ${row.drowsyRuns}/20 ten-minute runs reach drowsy${row.medianSecondsToDrowsy !== null ? `, median after ${row.medianSecondsToDrowsy.toFixed(0)} s` : ''}`);
    return row;
  });
  return rows;
}

const voice = await voicePart();
const head = headPart();
if (json) console.log(JSON.stringify({ voice, head }));
