import {
  SESSION_ID_PATTERN, SIGNAL_LIMITS, SignalKind,
  type BlockPayload, type ServerSignalPayload, type SignalCandidate, type SignalDescription, type SignalMessage,
  type SignalPayload, type VoicePayload,
} from './talk-protocol';
import { fail, ok, plainObject, type Fields, type Validation } from './validation-core';

/**
 * Validators of the voice chat messages. The room relays a signal to another player's browser,
 * so a signal must be exactly what a browser produces and small: anything else is refused before
 * it reaches anyone.
 */

/** SDP is ASCII lines (RFC 8866 allows UTF-8 in a few free-text fields no browser fills). */
const SDP_CHARACTERS = /^[\x20-\x7e\r\n]*$/;
/** A candidate is one attribute line without its line break. */
const LINE_CHARACTERS = /^[\x20-\x7e]*$/;
/** Above any m-line index of a real session (ours has one). */
const MAX_MLINE_INDEX = 1023;

const isAbsent = (value: unknown): boolean => value === undefined || value === null;

function validateSessionId(value: unknown, name: string): Validation<string> {
  return typeof value === 'string' && SESSION_ID_PATTERN.test(value)
    ? ok(value)
    : fail(`${name} must be a session id (1 to 32 letters, digits, '_' or '-')`);
}

function validateDescription(input: unknown, what: string): Validation<SignalDescription> {
  const obj = plainObject(input, what, ['type', 'sdp']);
  if (!obj.ok) return obj;
  const { type, sdp } = obj.value;
  if (type !== 'offer' && type !== 'answer' && type !== 'rollback') return fail(`${what}.type must be 'offer', 'answer' or 'rollback'`);
  if (type === 'rollback' && isAbsent(sdp)) return ok({ type, sdp: '' });
  if (typeof sdp !== 'string') return fail(`${what}.sdp must be a string`);
  if (sdp.length > SIGNAL_LIMITS.sdpMaxLength) return fail(`${what}.sdp must be at most ${SIGNAL_LIMITS.sdpMaxLength} characters`);
  if (!SDP_CHARACTERS.test(sdp)) return fail(`${what}.sdp must be printable ASCII lines`);
  if (type !== 'rollback' && !sdp.startsWith('v=0')) return fail(`${what}.sdp must be an SDP session (v=0 first)`);
  return ok({ type, sdp });
}

function optionalText(value: unknown, name: string, maxLength: number): Validation<string | null> {
  if (isAbsent(value)) return ok(null);
  if (typeof value !== 'string' || value.length > maxLength || !LINE_CHARACTERS.test(value)) {
    return fail(`${name} must be null or printable ASCII of at most ${maxLength} characters`);
  }
  return ok(value);
}

function validateCandidate(input: unknown, what: string): Validation<SignalCandidate> {
  const obj = plainObject(input, what, ['candidate', 'sdpMid', 'sdpMLineIndex', 'usernameFragment']);
  if (!obj.ok) return obj;
  const { candidate, sdpMLineIndex } = obj.value;
  if (typeof candidate !== 'string' || candidate.length > SIGNAL_LIMITS.candidateMaxLength || !LINE_CHARACTERS.test(candidate)) {
    return fail(`${what}.candidate must be printable ASCII of at most ${SIGNAL_LIMITS.candidateMaxLength} characters`);
  }
  const sdpMid = optionalText(obj.value.sdpMid, `${what}.sdpMid`, SIGNAL_LIMITS.midMaxLength);
  if (!sdpMid.ok) return sdpMid;
  const usernameFragment = optionalText(obj.value.usernameFragment, `${what}.usernameFragment`, SIGNAL_LIMITS.usernameFragmentMaxLength);
  if (!usernameFragment.ok) return usernameFragment;
  if (!isAbsent(sdpMLineIndex) && (typeof sdpMLineIndex !== 'number' || !Number.isInteger(sdpMLineIndex) || sdpMLineIndex < 0 || sdpMLineIndex > MAX_MLINE_INDEX)) {
    return fail(`${what}.sdpMLineIndex must be null or a whole number in [0, ${MAX_MLINE_INDEX}]`);
  }
  const index = isAbsent(sdpMLineIndex) ? null : (sdpMLineIndex as number);
  // addIceCandidate needs one of the two to find the m-line (the end-of-candidates marker does not).
  if (candidate !== '' && sdpMid.value === null && index === null) return fail(`${what} needs sdpMid or sdpMLineIndex`);
  return ok({ candidate, sdpMid: sdpMid.value, sdpMLineIndex: index, usernameFragment: usernameFragment.value });
}

/** The kind-specific part of a signal; `description` and `candidate` are present only for their kind. */
function validateSignalBody(fields: Fields, what: string): Validation<SignalMessage> {
  const { kind, description, candidate } = fields;
  if (kind !== SignalKind.description && kind !== SignalKind.candidate && kind !== SignalKind.bye) {
    return fail(`${what}.kind must be 'description', 'candidate' or 'bye'`);
  }
  if (kind !== SignalKind.description && !isAbsent(description)) return fail(`${what}.description is only for kind 'description'`);
  if (kind !== SignalKind.candidate && !isAbsent(candidate)) return fail(`${what}.candidate is only for kind 'candidate'`);
  if (kind === SignalKind.bye) return ok({ kind });
  if (kind === SignalKind.description) {
    const checked = validateDescription(description, `${what}.description`);
    return checked.ok ? ok({ kind, description: checked.value }) : checked;
  }
  const checked = validateCandidate(candidate, `${what}.candidate`);
  return checked.ok ? ok({ kind, candidate: checked.value }) : checked;
}

/** Validates a client's `signal`: `to` a session id, and a description, candidate or bye. */
export function validateSignal(input: unknown): Validation<SignalPayload> {
  const obj = plainObject(input, 'signal', ['to', 'kind', 'description', 'candidate']);
  if (!obj.ok) return obj;
  const to = validateSessionId(obj.value.to, 'signal.to');
  if (!to.ok) return to;
  const body = validateSignalBody(obj.value, 'signal');
  return body.ok ? ok({ ...body.value, to: to.value }) : body;
}

/** Validates the server's `signal` as a client receives it (`from` instead of `to`). */
export function validateServerSignal(input: unknown): Validation<ServerSignalPayload> {
  const obj = plainObject(input, 'signal', ['from', 'kind', 'description', 'candidate']);
  if (!obj.ok) return obj;
  const from = validateSessionId(obj.value.from, 'signal.from');
  if (!from.ok) return from;
  const body = validateSignalBody(obj.value, 'signal');
  return body.ok ? ok({ ...body.value, from: from.value }) : body;
}

/** Validates a `voice` payload: `{ muted: boolean }`. */
export function validateVoice(input: unknown): Validation<VoicePayload> {
  const obj = plainObject(input, 'voice', ['muted']);
  if (!obj.ok) return obj;
  return typeof obj.value.muted === 'boolean' ? ok({ muted: obj.value.muted }) : fail('voice.muted must be true or false');
}

/** Validates a `block` payload: a session id and whether it is blocked. */
export function validateBlock(input: unknown): Validation<BlockPayload> {
  const obj = plainObject(input, 'block', ['sessionId', 'blocked']);
  if (!obj.ok) return obj;
  const sessionId = validateSessionId(obj.value.sessionId, 'block.sessionId');
  if (!sessionId.ok) return sessionId;
  const { blocked } = obj.value;
  return typeof blocked === 'boolean' ? ok({ sessionId: sessionId.value, blocked }) : fail('block.blocked must be true or false');
}
