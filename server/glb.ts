/**
 * Structural check of an uploaded avatar: a GLB (read by the shared reader) with a glTF asset
 * description and a VRM extension. It does not load the model; clients do that (and fall back
 * to a shipped avatar on failure).
 */
import { readGlb, type VrmVersion } from '../src/shared/glb';

/** Result of {@link inspectVrmGlb}. */
export type GlbInspection = { ok: true; vrmVersion: VrmVersion } | { ok: false; reason: string };

/** Accepts a well-formed GLB that declares VRMC_vrm (1.0) or VRM (0.x); otherwise says why not. */
export function inspectVrmGlb(bytes: Uint8Array): GlbInspection {
  const glb = readGlb(bytes);
  if (!glb.ok) return glb;
  if (typeof glb.json.asset !== 'object' || glb.json.asset === null) return { ok: false, reason: 'The GLB JSON has no glTF "asset" description.' };
  if (!glb.vrmVersion) return { ok: false, reason: 'The GLB is not a VRM avatar: it declares neither the VRMC_vrm (VRM 1.0) nor the VRM (0.x) extension.' };
  return { ok: true, vrmVersion: glb.vrmVersion };
}
