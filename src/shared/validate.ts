import { EMOTION_LABELS, EmotionSource, isEmotionLabel } from './emotion-labels';
import {
  ENGAGEMENT_STATES, EngagementShare, NudgeEvent, NudgeLevel,
  type ActivityPayload, type ActivityScorePayload, type EngagementPayload, type EngagementState, type NudgePayload,
} from './engagement';
import {
  ClientMessage, LIMITS, Role,
  type ClientPayloads, type DrowsinessPayload, type EmotionPayload, type JoinOptions,
  type PosePayload, type ProfilePayload, type SpeakingPayload,
} from './protocol';
import {
  DEFAULT_SPACE, PRIVATE_CODE_LENGTH, PRIVATE_SPACE_PATTERN, PRIVATE_SPACE_PREFIX, PUBLIC_SPACE_PATTERN, SPACE_NAME_MAX_LENGTH,
} from './spaces';
import { avatarIdProblem, sanitizeDisplayName } from './text';
import { validateBlock, validateSignal, validateVoice } from './validate-talk';
import { fail, ok, plainObject, rangeProblem, type Fields, type Validation } from './validation-core';

export type { Validation } from './validation-core';
export { validateBlock, validateServerSignal, validateSignal, validateVoice } from './validate-talk';

/**
 * Pure validators for everything a client sends. Each returns the cleaned, typed value or a
 * human-readable reason; none throws, whatever the input (NaN, strings for numbers, nested junk).
 */

/** A validated client message, discriminated by type. */
export type ValidClientMessage = { [K in ClientMessage]: { type: K; payload: ClientPayloads[K] } }[ClientMessage];

/** Validates an `emotion` payload: known label, confidence 0..1, arousal/valence −1..1, source. */
export function validateEmotion(input: unknown): Validation<EmotionPayload> {
  const obj = plainObject(input, 'emotion', ['label', 'confidence', 'arousal', 'valence', 'source']);
  if (!obj.ok) return obj;
  const { label, confidence, arousal, valence, source } = obj.value;
  if (!isEmotionLabel(label)) return fail(`emotion.label must be one of ${EMOTION_LABELS.join(', ')}`);
  const problem = rangeProblem(confidence, 'emotion.confidence', 0, 1)
    ?? rangeProblem(arousal, 'emotion.arousal', -1, 1)
    ?? rangeProblem(valence, 'emotion.valence', -1, 1);
  if (problem) return fail(problem);
  if (source !== EmotionSource.manual && source !== EmotionSource.voice) {
    return fail(`emotion.source must be '${EmotionSource.manual}' or '${EmotionSource.voice}'`);
  }
  return ok({ label, confidence: confidence as number, arousal: arousal as number, valence: valence as number, source });
}

/** The array as `length` finite numbers within ±limit, or the reason it is not. */
function finiteTuple(value: unknown, name: string, length: number, limit: number): Validation<number[]> {
  if (!Array.isArray(value) || value.length !== length) return fail(`${name} must be an array of ${length} numbers`);
  for (const n of value as unknown[]) {
    if (typeof n !== 'number' || !Number.isFinite(n)) return fail(`${name} must contain only finite numbers`);
    if (Math.abs(n) > limit) return fail(`${name} components must be within ±${limit}`);
  }
  return ok(value as number[]);
}

/** Largest accepted deviation of a quaternion's length from 1. */
export const QUATERNION_NORM_TOLERANCE = 0.01;

/** Validates a `pose` payload: position within ±LIMITS.maxPositionM, a unit quaternion. */
export function validatePose(input: unknown): Validation<PosePayload> {
  const obj = plainObject(input, 'pose', ['position', 'quaternion']);
  if (!obj.ok) return obj;
  const position = finiteTuple(obj.value.position, 'pose.position', 3, LIMITS.maxPositionM);
  if (!position.ok) return position;
  const quaternion = finiteTuple(obj.value.quaternion, 'pose.quaternion', 4, 1 + QUATERNION_NORM_TOLERANCE);
  if (!quaternion.ok) return quaternion;
  const norm = Math.hypot(...quaternion.value);
  if (Math.abs(norm - 1) > QUATERNION_NORM_TOLERANCE) return fail('pose.quaternion must have unit length');
  const [px = 0, py = 0, pz = 0] = position.value;
  const [qx = 0, qy = 0, qz = 0, qw = 1] = quaternion.value;
  return ok({ position: [px, py, pz], quaternion: [qx, qy, qz, qw] });
}

/** Validates a `{ level }` payload with level in 0..1 (speaking, drowsiness). */
function validateLevel(input: unknown, what: string): Validation<SpeakingPayload & DrowsinessPayload> {
  const obj = plainObject(input, what, ['level']);
  if (!obj.ok) return obj;
  const problem = rangeProblem(obj.value.level, `${what}.level`, 0, 1);
  return problem ? fail(problem) : ok({ level: obj.value.level as number });
}

/** Validates a `speaking` payload. */
export const validateSpeaking = (input: unknown): Validation<SpeakingPayload> => validateLevel(input, 'speaking');
/** Validates a `drowsiness` payload. */
export const validateDrowsiness = (input: unknown): Validation<DrowsinessPayload> => validateLevel(input, 'drowsiness');

/** Cleans an optional display name / avatar id pair; shared by `profile` and join options. */
function validateIdentity(fields: Fields, what: string): Validation<ProfilePayload> {
  const value: ProfilePayload = {};
  const { displayName, avatarId } = fields;
  if (displayName !== undefined) {
    if (typeof displayName !== 'string') return fail(`${what}.displayName must be a string`);
    const name = sanitizeDisplayName(displayName);
    if (name === '') return fail(`${what}.displayName must contain visible characters`);
    value.displayName = name;
  }
  if (avatarId !== undefined) {
    if (typeof avatarId !== 'string') return fail(`${what}.avatarId must be a string`);
    const problem = avatarIdProblem(avatarId);
    if (problem) return fail(`${what}.${problem}`);
    value.avatarId = avatarId;
  }
  return ok(value);
}

/** Validates a `profile` payload: at least one of displayName (sanitized) and avatarId. */
export function validateProfile(input: unknown): Validation<ProfilePayload> {
  const obj = plainObject(input, 'profile', ['displayName', 'avatarId']);
  if (!obj.ok) return obj;
  if (obj.value.displayName === undefined && obj.value.avatarId === undefined) {
    return fail('profile must set displayName or avatarId');
  }
  return validateIdentity(obj.value, 'profile');
}

/**
 * Validates a space name: a public name (1 to SPACE_NAME_MAX_LENGTH letters, digits and inner
 * hyphens; upper case is folded to lower case, so `Team-Standup` is `team-standup`) or a private
 * code exactly as createPrivateSpaceCode makes it.
 */
export function validateSpaceName(input: unknown): Validation<string> {
  if (typeof input !== 'string') return fail('space must be a string');
  if (input.startsWith(PRIVATE_SPACE_PREFIX)) {
    return PRIVATE_SPACE_PATTERN.test(input)
      ? ok(input)
      : fail(`space: a private code is '${PRIVATE_SPACE_PREFIX}' and ${PRIVATE_CODE_LENGTH} characters a-z, 2-7; check the link`);
  }
  const name = input.toLowerCase();
  if (name.length === 0 || name.length > SPACE_NAME_MAX_LENGTH || !PUBLIC_SPACE_PATTERN.test(name)) {
    return fail(`space must be 1 to ${SPACE_NAME_MAX_LENGTH} letters, digits or '-' (not first or last), e.g. team-standup`);
  }
  return ok(name);
}

/** Validates join options; a missing role means player, a missing space DEFAULT_SPACE. */
export function validateJoinOptions(input: unknown): Validation<JoinOptions & { space: string }> {
  const obj = plainObject(input ?? {}, 'join options', ['role', 'space', 'displayName', 'avatarId']);
  if (!obj.ok) return obj;
  const role = obj.value.role ?? Role.player;
  if (role !== Role.player && role !== Role.spectator) return fail(`join options.role must be '${Role.player}' or '${Role.spectator}'`);
  const space = validateSpaceName(obj.value.space ?? DEFAULT_SPACE);
  if (!space.ok) return fail(`join options.${space.reason}`);
  const identity = validateIdentity(obj.value, 'join options');
  if (!identity.ok) return identity;
  return ok({ role, space: space.value, ...identity.value });
}

/** Validates an `engagement` payload: a known state and share setting. */
export function validateEngagement(input: unknown): Validation<EngagementPayload> {
  const obj = plainObject(input, 'engagement', ['state', 'share']);
  if (!obj.ok) return obj;
  const { state, share } = obj.value;
  if (typeof state !== 'string' || !(ENGAGEMENT_STATES as readonly string[]).includes(state)) {
    return fail(`engagement.state must be one of ${ENGAGEMENT_STATES.join(', ')}`);
  }
  if (share !== EngagementShare.away && share !== EngagementShare.state) {
    return fail(`engagement.share must be '${EngagementShare.away}' or '${EngagementShare.state}'`);
  }
  return ok({ state: state as EngagementState, share });
}

const NUDGE_LEVELS: readonly number[] = Object.values(NudgeLevel);

/** Validates a `nudge` report: level 1..3 and shown/answered. */
export function validateNudge(input: unknown): Validation<NudgePayload> {
  const obj = plainObject(input, 'nudge', ['level', 'event']);
  if (!obj.ok) return obj;
  const { level, event } = obj.value;
  if (typeof level !== 'number' || !NUDGE_LEVELS.includes(level)) return fail(`nudge.level must be one of ${NUDGE_LEVELS.join(', ')}`);
  if (event !== NudgeEvent.shown && event !== NudgeEvent.answered) return fail(`nudge.event must be '${NudgeEvent.shown}' or '${NudgeEvent.answered}'`);
  return ok({ level: level as NudgePayload['level'], event });
}

const ACTIVITY_ACTIONS: readonly ActivityPayload['action'][] = ['start', 'request', 'decline'];

/** Validates an `activity` payload: start, request or decline. */
export function validateActivity(input: unknown): Validation<ActivityPayload> {
  const obj = plainObject(input, 'activity', ['action']);
  if (!obj.ok) return obj;
  const { action } = obj.value;
  if (typeof action !== 'string' || !(ACTIVITY_ACTIONS as readonly string[]).includes(action)) {
    return fail(`activity.action must be one of ${ACTIVITY_ACTIONS.join(', ')}`);
  }
  return ok({ action: action as ActivityPayload['action'] });
}

/** Largest round number accepted in a score (the room checks it against the running round). */
const MAX_ROUND = 99;

/** Validates an `activityScore` payload's shape: a whole round ≥ 1 and a score in 0..1. */
export function validateActivityScore(input: unknown): Validation<ActivityScorePayload> {
  const obj = plainObject(input, 'activityScore', ['round', 'score']);
  if (!obj.ok) return obj;
  const { round, score } = obj.value;
  if (typeof round !== 'number' || !Number.isInteger(round) || round < 1 || round > MAX_ROUND) {
    return fail(`activityScore.round must be a whole number in [1, ${MAX_ROUND}]`);
  }
  const problem = rangeProblem(score, 'activityScore.score', 0, 1);
  return problem ? fail(problem) : ok({ round, score: score as number });
}

const validators: { [K in ClientMessage]: (input: unknown) => Validation<ClientPayloads[K]> } = {
  emotion: validateEmotion,
  pose: validatePose,
  speaking: validateSpeaking,
  drowsiness: validateDrowsiness,
  profile: validateProfile,
  engagement: validateEngagement,
  nudge: validateNudge,
  activity: validateActivity,
  activityScore: validateActivityScore,
  signal: validateSignal,
  voice: validateVoice,
  block: validateBlock,
};

/** True when `type` names a client message. */
export function isClientMessageType(type: unknown): type is ClientMessage {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(validators, type);
}

/** Validates any client message by type; unknown types are rejected with a reason. */
export function validateClientMessage(type: unknown, payload: unknown): Validation<ValidClientMessage> {
  if (!isClientMessageType(type)) return fail(`unknown message type '${String(type).slice(0, 40)}'`);
  const result = validators[type](payload);
  if (!result.ok) return result;
  return ok({ type, payload: result.value } as ValidClientMessage);
}
