import { randomBytes } from 'node:crypto';
import { ActivityPhase, EngagementState, sharedEngagement, type ActivityTiming } from '../src/shared/engagement';
import { ErrorCode } from '../src/shared/protocol';
import type { ValidClientMessage } from '../src/shared/validate';
import { createActivity, type ActivityEvent, type ActivityResult, type RandomSource } from './activity';
import { mirrorActivity } from './activity-mirror';
import type { EngagementStore } from './engagement-store';
import { createOfferTrigger } from './offer-trigger';
import type { SpaceState } from './schema';

/** The messages this part of the room handles. */
export type EngagementMessage = Extract<ValidClientMessage, { type: 'engagement' | 'nudge' | 'activity' | 'activityScore' }>;

/** A refusal for the sender: code and sentence. */
export interface Refusal {
  code: ErrorCode;
  message: string;
}

/** What a space's engagement needs from its room. */
export interface SpaceEngagementDeps {
  /** Key of the space in the figures (the room name today). */
  space: string;
  state: SpaceState;
  store: EngagementStore;
  timing: ActivityTiming;
  now: () => number;
  random: RandomSource;
}

/** How often open spans are marked alive in the store (a crash loses at most this much). */
export const HEARTBEAT_MS = 5000;

/**
 * A space's engagement: the shared state of each player, the private figures under a pseudonym
 * per seat, and the group activity with its automatic offer. The room calls `tick` on a timer.
 */
export function createSpaceEngagement({ space, state, store, timing, now, random }: SpaceEngagementDeps) {
  const activity = createActivity(timing, random);
  const trigger = createOfferTrigger(timing);
  /** Session id → pseudonym for the life of the seat; never derived from the session id. */
  const pseudonyms = new Map<string, string>();
  let lastBeatMs = now();

  const sync = () => mirrorActivity(activity.view(), state.activity);
  const record = (events: ActivityEvent[]) => {
    for (const event of events) if (event.type === 'ended') store.recordRun(space, event.run);
  };
  const refusal = (result: ActivityResult): Refusal | null => (result.ok ? null : { code: result.code, message: result.message });
  const drowsyPlayers = () => [...state.players.values()]
    .filter((p) => p.engagement === EngagementState.drowsy).map((p) => p.sessionId);

  function act(sessionId: string, action: 'start' | 'request' | 'decline'): Refusal | null {
    const t = now();
    if (action === 'request') {
      trigger.request(sessionId, t);
      return null;
    }
    const result = action === 'start' ? activity.offer(t, 'menu', state.players.keys()) : activity.decline(sessionId, t);
    if (result.ok && action === 'start') trigger.clear();
    sync();
    return refusal(result);
  }

  return {
    /** A player took a seat. */
    join(sessionId: string): void {
      pseudonyms.set(sessionId, `P-${randomBytes(4).toString('hex')}`);
      activity.join(sessionId);
      sync();
    },
    /** A player's seat is gone: their open span closes. */
    leave(sessionId: string): void {
      const pseudonym = pseudonyms.get(sessionId);
      if (pseudonym) store.endPlayer(space, pseudonym, now());
      pseudonyms.delete(sessionId);
      trigger.forget(sessionId);
      activity.leave(sessionId);
      sync();
    },
    /** Handles one validated message of a seated player; a refusal goes back to its sender. */
    handle(sessionId: string, message: EngagementMessage): Refusal | null {
      const pseudonym = pseudonyms.get(sessionId);
      const player = state.players.get(sessionId);
      if (!pseudonym || !player) return { code: ErrorCode.forbidden, message: 'Only seated players take part in engagement and activities.' };
      switch (message.type) {
        case 'engagement':
          player.engagement = sharedEngagement(message.payload.state, message.payload.share);
          store.setState(space, pseudonym, message.payload.state, now());
          return null;
        case 'nudge':
          store.nudge(space, pseudonym, message.payload.level, message.payload.event, now());
          return null;
        case 'activity':
          return act(sessionId, message.payload.action);
        case 'activityScore': {
          const result = activity.score(sessionId, message.payload.round, message.payload.score, now());
          return refusal(result);
        }
      }
    },
    /** Advances the activity, makes the automatic offer when due, keeps open spans alive. */
    tick(): void {
      const t = now();
      const events = activity.tick(t);
      record(events);
      if (events.length > 0) sync();
      if (state.activity.phase === ActivityPhase.idle && state.players.size > 0 && trigger.due(drowsyPlayers(), t, activity.lastEndedAtMs())) {
        activity.offer(t, 'drowsy', state.players.keys());
        trigger.clear();
        sync();
      }
      if (t - lastBeatMs >= HEARTBEAT_MS) {
        lastBeatMs = t;
        store.heartbeat(space, t);
      }
    },
    /** The room is closing: every open span of this space ends now. */
    dispose(): void {
      const t = now();
      for (const pseudonym of pseudonyms.values()) store.endPlayer(space, pseudonym, t);
      pseudonyms.clear();
    },
  };
}

/** A space's engagement, as the room holds it. */
export type SpaceEngagement = ReturnType<typeof createSpaceEngagement>;
