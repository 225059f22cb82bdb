import { MapSchema, schema, t, type SchemaType } from '@colyseus/schema';
import { EmotionLabel, EmotionSource } from '../src/shared/emotion-labels';
import type { SyncedSpaceState } from '../src/shared/protocol';

/**
 * The synchronized state of a "space" room. This is what every client (players and spectators)
 * receives; the client reads it with `getStateCallbacks(room)` or plain property access.
 *
 * SpaceState
 *   players: map<sessionId, Player>     — players only; spectators are never listed
 *
 * Player
 *   sessionId     string    the key in `players`, repeated for convenience
 *   displayName   string    sanitized: ≤ 32 code points, no control/bidi characters; render as text
 *   avatarId      string    '' = client default, a shipped avatar name, or `upload:<sha256>`
 *   emotion       Emotion
 *   speakingLevel float32   0..1
 *   drowsiness    float32   0..1, set only by a client whose wearer shares it (no client does yet: 0)
 *   head          HeadPose
 *   joinedAt      float64   server Date.now() at first join (ms since epoch)
 *   connected     boolean   false while the player is inside the reconnection window
 *
 * Emotion
 *   label       string   one of EMOTION_LABELS (src/shared/emotion-labels.ts)
 *   confidence  float32  0..1
 *   arousal     float32  −1..1
 *   valence     float32  −1..1
 *   source      string   'manual' | 'voice'
 *
 * HeadPose (float64: values arrive exactly as the client sent them)
 *   px, py, pz      metres
 *   qx, qy, qz, qw  unit quaternion
 */

/** A player's current emotion. */
export const EmotionSchema = schema({
  label: t.string().default(EmotionLabel.neutral),
  confidence: t.float32().default(0),
  arousal: t.float32().default(0),
  valence: t.float32().default(0),
  source: t.string().default(EmotionSource.manual),
}, 'Emotion');
export type EmotionSchema = SchemaType<typeof EmotionSchema>;

/** A player's head pose in the shared space. */
export const HeadPoseSchema = schema({
  px: t.float64().default(0),
  py: t.float64().default(1.6),
  pz: t.float64().default(0),
  qx: t.float64().default(0),
  qy: t.float64().default(0),
  qz: t.float64().default(0),
  qw: t.float64().default(1),
}, 'HeadPose');
export type HeadPoseSchema = SchemaType<typeof HeadPoseSchema>;

/** One player in the room. */
export const PlayerSchema = schema({
  sessionId: t.string().default(''),
  displayName: t.string().default(''),
  avatarId: t.string().default(''),
  emotion: t.ref(EmotionSchema),
  speakingLevel: t.float32().default(0),
  drowsiness: t.float32().default(0),
  head: t.ref(HeadPoseSchema),
  joinedAt: t.float64().default(0),
  connected: t.boolean().default(true),
}, 'Player');
export type PlayerSchema = SchemaType<typeof PlayerSchema>;

/** Root state of a "space" room. */
export const SpaceState = schema({
  players: t.map(PlayerSchema),
}, 'SpaceState');
export type SpaceState = SchemaType<typeof SpaceState>;

export { MapSchema };

/**
 * Compile-time proof that clients read exactly this schema: a decoded SpaceState must be usable
 * as the SyncedSpaceState the client's state mapper takes (tsc fails when a field drifts).
 */
export const asSyncedState = (state: SpaceState): SyncedSpaceState => state;
