import { ArraySchema, MapSchema, schema, t, type SchemaType } from '@colyseus/schema';
import { EmotionLabel, EmotionSource } from '../src/shared/emotion-labels';
import { ActivityPhase, ACTIVITY_TIMING } from '../src/shared/engagement';
import { POSITION_STEPS_PER_M, QUATERNION_STEPS } from '../src/shared/pose-wire';
import type { SyncedSpaceState } from '../src/shared/protocol';

/**
 * The synchronized state of a "space" room. This is what every client (players and spectators)
 * receives; the client reads it with `getStateCallbacks(room)` or plain property access.
 *
 * SpaceState
 *   players: map<sessionId, Player>     — players only; spectators are never listed
 *   activity: Activity                  — the group activity (Emotion Echo), phase 'idle' when none runs
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
 *   engagement    string    what the wearer shares (SharedEngagement): '' before any report,
 *                           'present' or 'away' by default, or the state itself when the wearer
 *                           shares it; the full state goes only to the operator's figures
 *   voiceMuted    boolean   the player muted their voice chat microphone (the `voice` message)
 *
 * Emotion
 *   label       string   one of EMOTION_LABELS (src/shared/emotion-labels.ts)
 *   confidence  float32  0..1
 *   arousal     float32  −1..1
 *   valence     float32  −1..1
 *   source      string   'manual' | 'voice'
 *
 * HeadPose (quantised on arrival, src/shared/pose-wire.ts; clients read it with readWirePose)
 *   px, py, pz      number  whole millimetres
 *   qx, qy, qz, qw  int16   unit quaternion × 32767
 *
 * Activity (ActivityPhase in src/shared/engagement.ts; run by server/activity.ts)
 *   phase    string   'idle' | 'offered' | 'round' | 'results' | 'finished'
 *   kind     string   'emotion-echo' while a run is on, '' when idle
 *   round    uint8    1-based current round (during results: the round just played); 0 before round 1
 *   rounds   uint8    rounds in a run
 *   target   string   the emotion the round asks for (EMOTION_LABELS); '' outside round and results
 *   phaseMs  uint32   how long the current phase lasts; clients count down from when they see it
 *   reason   string   'menu' (a player started it) | 'drowsy' (the room offered it) | '' when idle
 *   entries  map<sessionId, ActivityEntry>   players taking part or having declined
 *
 * ActivityEntry
 *   declined boolean
 *   total    float32  sum of the published round scores
 *   scores   array<float32>   one per finished round (index 0 = round 1), −1 where none was sent;
 *                     a round's scores appear together when it ends
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

/** A player's head pose in the shared space, in wire integers (see src/shared/pose-wire.ts). */
export const HeadPoseSchema = schema({
  px: t.number().default(0),
  py: t.number().default(1.6 * POSITION_STEPS_PER_M),
  pz: t.number().default(0),
  qx: t.int16().default(0),
  qy: t.int16().default(0),
  qz: t.int16().default(0),
  qw: t.int16().default(QUATERNION_STEPS),
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
  engagement: t.string().default(''),
  voiceMuted: t.boolean().default(false),
}, 'Player');
export type PlayerSchema = SchemaType<typeof PlayerSchema>;

/** One player's part in the group activity. */
export const ActivityEntrySchema = schema({
  declined: t.boolean().default(false),
  total: t.float32().default(0),
  scores: t.array('float32'),
}, 'ActivityEntry');
export type ActivityEntrySchema = SchemaType<typeof ActivityEntrySchema>;

/** The group activity as every client sees it. */
export const ActivitySchema = schema({
  phase: t.string().default(ActivityPhase.idle),
  kind: t.string().default(''),
  round: t.uint8().default(0),
  rounds: t.uint8().default(ACTIVITY_TIMING.rounds),
  target: t.string().default(''),
  phaseMs: t.uint32().default(0),
  reason: t.string().default(''),
  entries: t.map(ActivityEntrySchema),
}, 'Activity');
export type ActivitySchema = SchemaType<typeof ActivitySchema>;

/** Root state of a "space" room. */
export const SpaceState = schema({
  players: t.map(PlayerSchema),
  activity: t.ref(ActivitySchema),
}, 'SpaceState');
export type SpaceState = SchemaType<typeof SpaceState>;

export { ArraySchema, MapSchema };

/**
 * Compile-time proof that clients read exactly this schema: a decoded SpaceState must be usable
 * as the SyncedSpaceState the client's state mapper takes (tsc fails when a field drifts).
 */
export const asSyncedState = (state: SpaceState): SyncedSpaceState => state;
