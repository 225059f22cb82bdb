import { sameEmotion } from '../shared/emotion-labels';
import { ClientMessage, LIMITS, quantiseSpeaking, type ClientPayloads, type EmotionPayload, type PosePayload, type ProfilePayload } from '../shared/protocol';
import type { AppStore, SelfState } from '../state';
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

/** Subscribes to `store` and sends the own player's changes through `send`. */
export function createOutbox(store: AppStore, send: SendFn, clock: SenderClock = systemClock): Outbox {
  const emotion = createThrottledSender<EmotionPayload>(LIMITS.emotionSendHz, (p) => send(ClientMessage.emotion, p), sameEmotion, clock);
  const speaking = createThrottledSender<number>(LIMITS.speakingSendHz, (level) => send(ClientMessage.speaking, { level }), (a, b) => a === b, clock);
  const pose = createThrottledSender<PosePayload>(LIMITS.poseSendHz, (p) => send(ClientMessage.pose, p), samePose, clock);
  const profile = createThrottledSender<ProfilePayload>(2, (p) => send(ClientMessage.profile, p), sameProfile, clock);
  const senders: ThrottledSender<never>[] = [emotion, speaking, pose, profile] as ThrottledSender<never>[];

  const offerAll = (self: SelfState): void => {
    emotion.offer({ ...self.emotion });
    speaking.offer(quantiseSpeaking(self.muted ? 0 : self.speaking));
    pose.offer({ position: [...self.pose.position], quaternion: [...self.pose.quaternion] });
    profile.offer({ displayName: self.name, avatarId: self.avatarId });
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.self !== previous.self) offerAll(state.self);
  });

  return {
    resync() {
      for (const s of senders) s.reset();
      // The join options already carried the profile; mark it as sent by offering it now.
      offerAll(store.getState().self);
    },
    dispose() {
      unsubscribe();
      for (const s of senders) s.dispose();
    },
  };
}
