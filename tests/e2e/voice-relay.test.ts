/**
 * Voice chat with a relay-only ICE policy through a real TURN server: Debian's coturn on
 * 127.0.0.1 checking credentials minted from a shared secret (use-auth-secret), which the room
 * server hands each page at /api/voice-config exactly as EMOTONE_TURN_SECRET, EMOTONE_TURN_URLS
 * and EMOTONE_ICE_POLICY=relay would. Two players in two Chromium browsers, each with its own fake
 * microphone. Proves the deployment path for strict NATs (and for hiding players' addresses):
 * the pages accept the TURN settings, coturn accepts the minted credentials, the pages gather
 * relay candidates, and Opus crosses the relay. (A fixed TURN user: voice-unreachable.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureProductionBuild } from '../harness/build';
import { startTestServer, type TestServer } from '../harness/server';
import { closeTalkers, launchAndJoin, readTalk, sampleHearing, talkStats, waitConnected, waitFor, type Talker } from '../harness/talk-pages';
import { startTurnServer, turnServerMissing, type TurnServer } from '../harness/turn-server';

const SPACE = 'voice-relay-e2e';
const missing = turnServerMissing();
if (missing) console.warn(`voice relay test skipped: ${missing}.`);

describe.skipIf(missing !== null)('voice chat through a TURN relay only (coturn on 127.0.0.1; skipped without coturn)', () => {
  let turn: TurnServer | undefined;
  let server: TestServer | undefined;
  const talkers: Talker[] = [];
  let ann: Talker;
  let ben: Talker;

  beforeAll(async () => {
    ensureProductionBuild();
    const secret = randomBytes(18).toString('base64url');
    turn = await startTurnServer({ authSecret: secret });
    console.log(`turnserver ${turn.args.join(' ').replace(secret, '…')}`);
    const urls = [`turn:127.0.0.1:${turn.port}?transport=udp`];
    server = await startTestServer({ ice: { iceServers: [], iceTransportPolicy: 'relay' }, turnSecret: { secret, urls, ttlSec: 600 } });
    [ann, ben] = await launchAndJoin(talkers, server.url, SPACE, [
      ['Ann', 'Ann here, through the relay. One, two, three, four, five.'],
      ['Ben', 'Ben speaking, relayed as well. Six, seven, eight, nine, ten.'],
    ]);
  }, 180_000);

  // Last and unconditionally: a coturn left behind would hold its ports on the CI machine.
  afterAll(() => closeTalkers(talkers, server, turn));

  it('both players connect, and both ends of the selected candidate pair are relay candidates', async () => {
    for (const [t, other] of [[ann, ben], [ben, ann]] as const) {
      const ms = await waitConnected(t, [other], 60_000).catch((error: Error) => {
        throw new Error(`${error.message}; coturn refused: ${JSON.stringify([...new Set(turn!.refusals())])}`);
      });
      console.log(`${t.name}: connected to ${other.name} through the relay ${ms} ms after joining finished`);
      expect((await readTalk(t.page)).iceProblem, `${t.name}'s page refused the TURN settings`).toBe('');
    }
    for (const [t, other] of [[ann, ben], [ben, ann]] as const) {
      // A remote candidate first learnt from an incoming check reads 'prflx' until its signalled
      // twin arrives through the room and Chromium relabels it: wait briefly for that.
      const pair = await waitFor(t.page, `${t.name}'s selected pair`, async () => {
        const p = (await talkStats(t.page))[other.id]?.candidatePair ?? null;
        return p && p.local === 'relay' && p.remote === 'relay' ? p : null;
      }, 10_000).catch(async () => (await talkStats(t.page))[other.id]?.candidatePair ?? null);
      console.log(`${t.name} → ${other.name}: selected pair ${JSON.stringify(pair)}`);
      expect(pair, `${t.name}'s selected candidate pair`).toEqual({ local: 'relay', remote: 'relay' });
    }
    // coturn's own account: at least one allocation per player, so the relay candidates were its.
    const allocations = turn!.log().match(/ALLOCATE processed, success/g)?.length ?? 0;
    console.log(`coturn granted ${allocations} allocations`);
    expect(allocations).toBeGreaterThanOrEqual(2);
  });

  it('audio crosses the relay both ways: packets arrive and the receiver hears speech', async () => {
    const [annHears, benHears] = await Promise.all([sampleHearing(ann.page, ben.id, 4000), sampleHearing(ben.page, ann.id, 4000)]);
    for (const [listener, speaker, heard] of [[ann, ben, annHears], [ben, ann, benHears]] as const) {
      console.log(`${listener.name} ← ${speaker.name} via TURN: ${heard.packets} packets, ${heard.bytes} B in 4 s, loudest receiver level ${heard.maxLevel.toFixed(3)}`);
      expect(heard.packets, `${listener.name} receives ${speaker.name}'s packets`).toBeGreaterThan(20);
      expect(heard.maxLevel, `${listener.name} hears ${speaker.name} speak`).toBeGreaterThan(0.01);
    }
  });
});
