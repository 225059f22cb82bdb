import { readGlb, type VrmVersion } from '../shared/glb';
import { AvatarLoadError } from './avatar-load-error';

/** What a cheap look at a GLB tells before three.js parses it. */
export interface GlbSummary {
  /** The glTF JSON chunk, parsed. */
  readonly json: Readonly<Record<string, unknown>>;
  /** `1.0` for VRMC_vrm, `0.x` for the legacy VRM extension, `null` for plain glTF. */
  readonly vrmVersion: VrmVersion | null;
  readonly byteLength: number;
}

/**
 * The shared GLB reader as the loader needs it: throws {@link AvatarLoadError} `not-glb`, with the
 * reader's reason, for anything that is not a well-formed GLB.
 */
export function readGlbSummary(buffer: ArrayBuffer): GlbSummary {
  const glb = readGlb(buffer);
  if (!glb.ok) throw new AvatarLoadError('not-glb', glb.reason);
  return glb;
}
