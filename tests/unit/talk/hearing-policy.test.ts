import { describe, expect, it } from 'vitest';
import {
  chooseConnections, distanceGain, HEARING, isOfferer, mayAccept, selectVoices, SILENT_MIX,
  type ConnectionInput, type PeerPlace, type VoiceCandidate, type VoiceMix,
} from '../../../src/talk/hearing-policy';

const at = (id: string, x: number, z = 0): PeerPlace => ({ id, position: [x, 1.6, z] });
const input = (peers: PeerPlace[], connected: string[] = [], excluded: string[] = []): ConnectionInput => ({
  self: [0, 1.6, 0], peers, connected: new Set(connected), excluded: new Set(excluded),
});

describe('chooseConnections', () => {
  it('connects within 12 m, nearest first, and never to excluded (blocked) peers', () => {
    const peers = [at('far', 12.5), at('b', 3), at('a', 1), at('edge', 12), at('blocked', 2)];
    expect(chooseConnections(input(peers, [], ['blocked']))).toEqual(['a', 'b', 'edge']);
  });

  it('keeps a connection out to 15 m and drops it beyond (hysteresis)', () => {
    expect(chooseConnections(input([at('a', 14.9)], ['a']))).toEqual(['a']);
    expect(chooseConnections(input([at('a', 15.1)], ['a']))).toEqual([]);
    expect(chooseConnections(input([at('a', 14.9)], []))).toEqual([]);
    // Walking back and forth across 12 m does not flap: in at 12, kept at 13, 14, 12.5…
    let connected: string[] = [];
    const decisions: boolean[] = [];
    for (const x of [11.9, 13, 14, 12.5, 13.5, 11, 14.8, 15.2, 13]) {
      connected = chooseConnections(input([at('a', x)], connected));
      decisions.push(connected.includes('a'));
    }
    expect(decisions).toEqual([true, true, true, true, true, true, true, false, false]);
  });

  it('caps at 8 connections, the nearest', () => {
    const peers = Array.from({ length: 15 }, (_, i) => at(`p${String(i).padStart(2, '0')}`, 1 + i * 0.5));
    const chosen = chooseConnections(input(peers));
    expect(chosen).toHaveLength(HEARING.maxConnections);
    expect(chosen).toEqual(['p00', 'p01', 'p02', 'p03', 'p04', 'p05', 'p06', 'p07']);
  });

  it('keeps an existing connection against a slightly nearer newcomer, not against a clearly nearer one', () => {
    const eight = Array.from({ length: 8 }, (_, i) => at(`c${i}`, 2 + i * 0.5)); // c7 at 5.5 m is the farthest
    const connected = eight.map((p) => p.id);
    const slightly = chooseConnections(input([...eight, at('new', 4.0)], connected)); // 1.5 m nearer than c7
    expect(slightly).not.toContain('new');
    expect(slightly).toContain('c7');
    const clearly = chooseConnections(input([...eight, at('new', 3.4)], connected)); // 2.1 m nearer
    expect(clearly).toContain('new');
    expect(clearly).not.toContain('c7');
  });

  it('is stable under small moves: jitter of a few centimetres changes nothing', () => {
    const peers = Array.from({ length: 12 }, (_, i) => at(`p${i}`, 2 + i * 0.4, (i % 3) - 1));
    let connected = chooseConnections(input(peers));
    const first = [...connected].sort();
    for (let step = 0; step < 50; step++) {
      const jittered = peers.map((p, i) => at(p.id, p.position[0] + Math.sin(step + i) * 0.05, p.position[2] + Math.cos(step * 2 + i) * 0.05));
      connected = chooseConnections(input(jittered, connected));
      expect([...connected].sort()).toEqual(first);
    }
  });

  it('breaks ties by id, so every run agrees', () => {
    const peers = Array.from({ length: 10 }, (_, i) => at(`p${9 - i}`, 3));
    expect(chooseConnections(input(peers))).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
  });
});

describe('mayAccept', () => {
  it('accepts an offer exactly when the policy would keep that connection', () => {
    const eight = Array.from({ length: 8 }, (_, i) => at(`c${i}`, 2 + i * 0.5));
    const connected = eight.map((p) => p.id);
    expect(mayAccept(input([at('x', 8)]), 'x')).toBe(true);
    expect(mayAccept(input([at('x', 14)]), 'x')).toBe(true); // within the 15 m a connection is kept to
    expect(mayAccept(input([at('x', 16)]), 'x')).toBe(false);
    expect(mayAccept(input([at('x', 3)], [], ['x']), 'x')).toBe(false); // blocked
    expect(mayAccept(input([...eight, at('x', 9)], connected), 'x')).toBe(false); // full of nearer ones
    expect(mayAccept(input([...eight, at('x', 1)], connected), 'x')).toBe(true);
  });
});

describe('isOfferer', () => {
  it('makes exactly one side of every pair the offerer', () => {
    const ids = ['a', 'B', 'x_1', 'x-1', 'Zz9'];
    for (const a of ids) for (const b of ids) if (a !== b) expect(isOfferer(a, b)).not.toBe(isOfferer(b, a));
  });
});

describe('distanceGain (inverse model, ref 1 m, rolloff 1)', () => {
  it('is 1 up to 1 m, then 1/d', () => {
    expect(distanceGain(0.3)).toBe(1);
    expect(distanceGain(2)).toBeCloseTo(0.5, 12);
    expect(distanceGain(12)).toBeCloseTo(1 / 12, 12);
  });
});

describe('selectVoices', () => {
  const voice = (id: string, distanceM: number, level: number): VoiceCandidate => ({ id, distanceM, level });

  it('plays everyone when there are no more than 6, speakers first', () => {
    const mix = selectVoices(SILENT_MIX, [voice('quiet', 1, 0), voice('talker', 5, 0.6)], 0);
    expect(mix.playing).toEqual(['talker', 'quiet']);
  });

  it('picks 6 of 9 by loudness × proximity, then fills with the nearest quiet ones', () => {
    const candidates = [
      voice('loudFar', 10, 1), voice('softNear', 1, 0.3), voice('midMid', 3, 0.6),
      voice('q1', 1.5, 0), voice('q2', 2, 0), voice('q3', 6, 0), voice('q4', 8, 0), voice('q5', 9, 0), voice('q6', 11, 0),
    ];
    const mix = selectVoices(SILENT_MIX, candidates, 0);
    // 0.3 × 1 = 0.3, 0.6 × 1/3 = 0.2, 1 × 1/10 = 0.1; then quiet by distance.
    expect(mix.playing).toEqual(['softNear', 'midMid', 'loudFar', 'q1', 'q2', 'q3']);
  });

  it('holds a playing voice through pauses shorter than the hold, then lets a new speaker in', () => {
    const six = ['a', 'b', 'c', 'd', 'e', 'f'];
    let mix: VoiceMix = selectVoices(SILENT_MIX, six.map((id) => voice(id, 2, 0.5)), 0);
    expect(mix.playing).toEqual(six);
    // 'a' pauses while a louder, nearer newcomer speaks: 'a' keeps its place for the hold.
    const during = (t: number, aLevel: number) => selectVoices(mix, [
      voice('a', 2, aLevel), ...six.slice(1).map((id) => voice(id, 2, 0.5)), voice('new', 1, 1),
    ], t);
    for (const t of [100, 500, 1000, 1900]) {
      mix = during(t, 0);
      expect(mix.playing).toContain('a');
      expect(mix.playing).not.toContain('new');
    }
    mix = during(2100, 0);
    expect(mix.playing).not.toContain('a');
    expect(mix.playing).toContain('new');
  });

  it('does not flicker when levels dip between words', () => {
    const levels = [0.5, 0.1, 0.6, 0, 0.4, 0.05, 0.7, 0, 0, 0.5];
    let mix: VoiceMix = SILENT_MIX;
    const seen = new Set<string>();
    levels.forEach((level, i) => {
      const others = ['b', 'c', 'd', 'e', 'f', 'g'].map((id, j) => voice(id, 2 + j, (i + j) % 2 === 0 ? 0.5 : 0.1));
      mix = selectVoices(mix, [voice('a', 1.5, level), ...others], i * 100);
      seen.add([...mix.playing].sort().join(','));
    });
    expect(mix.playing).toContain('a');
    expect([...seen]).toEqual(['a,b,c,d,e,f']); // one set from the first frame on: no back and forth
  });

  it('forgets peers that are no longer connected', () => {
    const mix = selectVoices({ playing: ['gone'], heardAtMs: { gone: 0 } }, [voice('here', 1, 0.5)], 10);
    expect(mix.playing).toEqual(['here']);
    expect(mix.heardAtMs).toEqual({ here: 10 });
  });
});
