/**
 * A voice link that cannot come up, and comes up once it can. The room server names a TURN relay
 * and a relay-only policy (as EMOTONE_ICE_SERVERS and EMOTONE_ICE_POLICY=relay would), but nothing
 * listens on the relay's port yet: two players in two Chromium browsers have no network path, and
 * each one's people list must say so with the reason and the next try. Then Debian's coturn starts
 * on that very port, and the retries alone (no reload, no click) connect them and carry audio.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureProductionBuild } from '../harness/build';
import { startTestServer, type TestServer } from '../harness/server';
import { closeTalkers, launchAndJoin, readTalk, sampleHearing, waitConnected, waitFor, type Talker } from '../harness/talk-pages';
import { freeUdpAndTcpPort, startTurnServer, TURN_USERNAME, turnIceConfig, turnServerMissing, type TurnServer } from '../harness/turn-server';

const SPACE = 'voice-unreachable-e2e';
const missing = turnServerMissing();
if (missing) console.warn(`unreachable voice test skipped: ${missing}.`);

/** The people list's line about `other`'s voice on `t`'s page ('' when there is none). */
function voiceLine(t: Talker, other: Talker): Promise<string> {
  return t.page.evaluate(
    (name) => document.querySelector(`[data-testid="people-row"][data-name="${name}"] [data-testid="peer-voice-status"]`)?.textContent ?? '',
    other.name,
  );
}

describe.skipIf(missing !== null)('a voice link with no network path says why, retries, and connects once a relay is up (coturn; skipped without it)', () => {
  let turn: TurnServer | undefined;
  let server: TestServer | undefined;
  const talkers: Talker[] = [];
  let ann: Talker;
  let ben: Talker;
  let port = 0;
  const credential = randomBytes(9).toString('base64url');

  beforeAll(async () => {
    ensureProductionBuild();
    port = await freeUdpAndTcpPort();
    server = await startTestServer({ ice: turnIceConfig(port, TURN_USERNAME, credential, 'relay') });
    [ann, ben] = await launchAndJoin(talkers, server.url, SPACE, [
      ['Ann', 'Ann here. Can you hear me yet? One, two, three, four, five.'],
      ['Ben', 'Ben speaking, once the relay is up. Six, seven, eight, nine, ten.'],
    ]);
  }, 180_000);

  // Last and unconditionally: a coturn left behind would hold its ports on the CI machine.
  afterAll(() => closeTalkers(talkers, server, turn));

  it('each people list says it cannot reach the other voice, why, and when it tries again', async () => {
    for (const [t, other] of [[ann, ben], [ben, ann]] as const) {
      // The offering side times out after 15 s and retries; the answering side counts the offers
      // that came to nothing and says it is reconnecting.
      const line = await waitFor(t.page, `${t.name}'s line about ${other.name}'s voice`, async () => {
        const text = await voiceLine(t, other);
        return /can't reach|reconnecting/.test(text) ? text : null;
      }, 90_000);
      console.log(`${t.name}'s people list: "${line}"`);
      expect((await readTalk(t.page)).states[other.id]).not.toBe('connected');
    }
    // At least one side has failed once with a reason in words and a next try in seconds.
    const failed = await waitFor(ann.page, 'a failure with its reason and next try', async () => {
      for (const [t, other] of [[ann, ben], [ben, ann]] as const) {
        const text = await voiceLine(t, other);
        if (/^can't reach \w+'s voice: .+; trying again in \d+ s$/.test(text)) return `${t.name}: ${text}`;
      }
      return null;
    }, 60_000);
    console.log(`failure shown: ${failed}`);
  });

  it('the relay starting on the named port is enough: the retries connect both players and audio flows', async () => {
    const started = Date.now();
    turn = await startTurnServer({ port, credential });
    for (const [t, other] of [[ann, ben], [ben, ann]] as const) {
      // Later tries wait up to 4–8 s and each may take 15 s to time out: allow several.
      await waitConnected(t, [other], 120_000);
      console.log(`${t.name} connected to ${other.name} ${((Date.now() - started) / 1000).toFixed(1)} s after the relay started`);
      await expect.poll(() => voiceLine(t, other), { timeout: 10_000 }).toBe('');
    }
    const heard = await sampleHearing(ben.page, ann.id, 4000);
    console.log(`Ben ← Ann via the late relay: ${heard.packets} packets, loudest level ${heard.maxLevel.toFixed(3)}`);
    expect(heard.packets).toBeGreaterThan(20);
    expect(heard.maxLevel).toBeGreaterThan(0.01);
  });
});
