/** The microphone's state as codes: the capture reports them, the UI words them. */

/** Where the microphone stands. */
export type MicStatus = 'idle' | 'requesting' | 'running' | 'muted' | 'reacquiring' | 'denied' | 'unavailable' | 'error';

/** Why the microphone is in its status; the UI turns these codes into sentences. */
export const MicReason = {
  /** The browser (or the user) refused access. */
  refused: 'refused',
  /** Access was granted, then revoked in the site settings. */
  revoked: 'revoked',
  /** No microphone exists, or none matches the constraints. */
  notFound: 'not-found',
  /** getUserMedia failed for another reason (see the error text). */
  failed: 'failed',
  /** The track ended: device removed or the headset slept. */
  deviceEnded: 'device-ended',
  /** The device in use disappeared from the list. */
  deviceChanged: 'device-changed',
  /** Access was granted again after a refusal. */
  regranted: 'regranted',
} as const;
/** One of {@link MicReason}. */
export type MicReason = (typeof MicReason)[keyof typeof MicReason];

/** What changed, beside the status: a reason code, a retry flag, and the browser's own words. */
export interface MicStatusDetail {
  readonly reason: MicReason | null;
  /** True when re-acquisition failed at least once and is being retried. */
  readonly retrying: boolean;
  /** The browser's error message, or the track label while running (technical, not a sentence of ours). */
  readonly info: string;
}
