import { writeWirePose } from '../src/shared/pose-wire';
import type { ValidClientMessage } from '../src/shared/validate';
import type { PlayerSchema } from './schema';

/** The messages that write only the sender's own player. */
export type PlayerMessage = Extract<ValidClientMessage, { type: 'emotion' | 'pose' | 'speaking' | 'drowsiness' | 'profile' | 'voice' }>;

const PLAYER_MESSAGES: ReadonlySet<string> = new Set<PlayerMessage['type']>(['emotion', 'pose', 'speaking', 'drowsiness', 'profile', 'voice']);

/** True for a message {@link applyClientMessage} handles (the rest belong to the space's engagement). */
export function isPlayerMessage(message: ValidClientMessage): message is PlayerMessage {
  return PLAYER_MESSAGES.has(message.type);
}

/**
 * Writes one validated client message into the sender's own player. @colyseus/schema ignores
 * assignments of an unchanged value, so resending the same value costs no patch bytes.
 */
export function applyClientMessage(player: PlayerSchema, message: PlayerMessage): void {
  switch (message.type) {
    case 'emotion': {
      const { emotion } = player;
      const { label, confidence, arousal, valence, source } = message.payload;
      emotion.label = label;
      emotion.confidence = confidence;
      emotion.arousal = arousal;
      emotion.valence = valence;
      emotion.source = source;
      return;
    }
    case 'pose':
      // Whole millimetres and int16 quaternion steps: a head still to the millimetre sends nothing.
      writeWirePose(message.payload.position, message.payload.quaternion, player.head);
      return;
    case 'speaking':
      player.speakingLevel = message.payload.level;
      return;
    case 'drowsiness':
      player.drowsiness = message.payload.level;
      return;
    case 'voice':
      player.voiceMuted = message.payload.muted;
      return;
    case 'profile': {
      const { displayName, avatarId } = message.payload;
      if (displayName !== undefined) player.displayName = displayName;
      if (avatarId !== undefined) player.avatarId = avatarId;
      return;
    }
  }
}
