import { sameEmotion } from '../shared/emotion-labels';
import { NudgeEvent, type EngagementPayload } from '../shared/engagement';
import { ClientMessage, LIMITS, quantiseSpeaking, type ClientPayloads, type EmotionPayload, type PosePayload, type ProfilePayload } from '../shared/protocol';
import type { AppState, AppStore, SelfState } from '../state';
import { createThrottledSender, systemClock, type SenderClock, type ThrottledSender } from './throttled-sender';

/** Sends one typed client message. */
export type SendFn = <K extends keyof ClientPayloads>(type: K, payload: ClientPayloads[K]) => void;

/** Store → messages: the player's changes, diffed and rate-limited per message type. */
export interface Outbox {
  /** Re-sends everything on the next change check (after a fresh join or reconnection). */
  resync(): void;
  dispose(): void;
}

/** Pose changes below ~1 mm / ~0.1° are not worth a message. */
const samePose = (a: PosePayload, b: PosePayload): boolean =>
  a.position.every((v, i) => Math.abs(v - (b.position[i] ?? 0)) < 1e-3) &&
  a.quaternion.every((v, i) => Math.abs(v - (b.quaternion[i] ?? 0)) < 1e-3);
const sameProfile = (a: ProfilePayload, b: ProfilePayload): boolean => a.displayName === b.displayName && a.avatarId === b.avatarId;
const sameEngagement = (a: EngagementPayload, b: EngagementPayload): boolean => a.state === b.state && a.share === b.share;
/** Engagement changes slowly; once a second is plenty. */
const ENGAGEMENT_SEND_HZ = 1;
/** A shared drowsiness value travels in twentieths. */
const shareableDrowsiness = (state: AppState): number =>
  state.engagementSettings.shareValue ? Math.round(state.self.drowsiness * 20) / 20 : 0;

/** Sends a nudge report when one appears, escalates or is answered; never anything about its content. */
function reportNudges(state: AppState, previous: AppState, send: SendFn): void {
  const now = state.nudge.current;
  const before = previous.nudge.current;
  if (now && now.level !== before?.level) send(ClientMessage.nudge, { level: now.level, event: NudgeEvent.shown });
  const answered = state.nudge.lastAnswered;
  if (answered && answered !== previous.nudge.lastAnswered) send(ClientMessage.nudge, { level: answered.level, event: NudgeEvent.answered });
}

/** Subscribes to `store` and sends the own player's changes through `send`. */
export function createOutbox(store: AppStore, send: SendFn, clock: SenderClock = systemClock): Outbox {
  const emotion = createThrottledSender<EmotionPayload>(LIMITS.emotionSendHz, (p) => send(ClientMessage.emotion, p), sameEmotion, clock);
  const speaking = createThrottledSender<number>(LIMITS.speakingSendHz, (level) => send(ClientMessage.speaking, { level }), (a, b) => a === b, clock);
  const pose = createThrottledSender<PosePayload>(LIMITS.poseSendHz, (p) => send(ClientMessage.pose, p), samePose, clock);
  const profile = createThrottledSender<ProfilePayload>(2, (p) => send(ClientMessage.profile, p), sameProfile, clock);
  const engagement = createThrottledSender<EngagementPayload>(ENGAGEMENT_SEND_HZ, (p) => send(ClientMessage.engagement, p), sameEngagement, clock);
  // Sent only while the wearer shares the value; turning sharing off sends 0 once, so nothing stale stays.
  const drowsiness = createThrottledSender<number>(ENGAGEMENT_SEND_HZ, (level) => send(ClientMessage.drowsiness, { level }), (a, b) => a === b, clock);
  let drowsinessShared = false;
  // The voice chat mute is the one mute button: others see it in the roster.
  const voice = createThrottledSender<boolean>(2, (muted) => send(ClientMessage.voice, { muted }), (a, b) => a === b, clock);
  const senders: ThrottledSender<never>[] = [emotion, speaking, pose, profile, engagement, drowsiness, voice] as ThrottledSender<never>[];

  const offerSelf = (self: SelfState): void => {
    emotion.offer({ ...self.emotion });
    speaking.offer(quantiseSpeaking(self.muted ? 0 : self.speaking));
    pose.offer({ position: [...self.pose.position], quaternion: [...self.pose.quaternion] });
    profile.offer({ displayName: self.name, avatarId: self.avatarId });
    voice.offer(self.muted);
  };
  const offerEngagement = (state: AppState): void => {
    engagement.offer({ state: state.self.engagement, share: state.engagementSettings.share });
    if (state.engagementSettings.shareValue || drowsinessShared) drowsiness.offer(shareableDrowsiness(state));
    drowsinessShared = state.engagementSettings.shareValue;
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.self !== previous.self) offerSelf(state.self);
    if (state.self !== previous.self || state.engagementSettings !== previous.engagementSettings) offerEngagement(state);
    if (state.nudge !== previous.nudge) reportNudges(state, previous, send);
  });

  return {
    resync() {
      for (const s of senders) s.reset();
      // The join options already carried the profile; mark it as sent by offering it now.
      offerSelf(store.getState().self);
      offerEngagement(store.getState());
    },
    dispose() {
      unsubscribe();
      for (const s of senders) s.dispose();
    },
  };
}
