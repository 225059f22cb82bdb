/**
 * Full check of an uploaded avatar before anyone else's browser loads it: the GLB container (the
 * shared reader), the Khronos glTF validator (every accessor, buffer view, index and reference),
 * then what a VRM needs on top: its extension, the humanoid bones three-vrm poses, nothing
 * fetched from elsewhere, and no required extension our loader cannot read.
 */
import type { ValidationMessage } from 'gltf-validator';
import { readGlb, type VrmVersion } from '../src/shared/glb';
import { createGltfValidator, type GltfValidator } from './gltf-validator';

/** Result of {@link VrmInspector.inspect}. */
export type GlbInspection = { ok: true; vrmVersion: VrmVersion } | { ok: false; reason: string };

/** Validator messages quoted to the uploader. */
const QUOTED_ISSUES = 3;

/** Bones VRM 1.0 requires (VRM 0.x names them the same); three-vrm poses an avatar through them. */
export const REQUIRED_HUMAN_BONES = [
  'hips', 'spine', 'head',
  'leftUpperArm', 'leftLowerArm', 'leftHand', 'rightUpperArm', 'rightLowerArm', 'rightHand',
  'leftUpperLeg', 'leftLowerLeg', 'leftFoot', 'rightUpperLeg', 'rightLowerLeg', 'rightFoot',
] as const;

/** Extensions the app's GLTFLoader reads (src/avatar/load-vrm.ts sets the meshopt decoder). */
const READABLE_REQUIRED_EXTENSIONS: ReadonlySet<string> = new Set([
  'KHR_mesh_quantization', 'KHR_texture_transform', 'KHR_materials_unlit', 'KHR_materials_emissive_strength',
  'EXT_meshopt_compression', 'EXT_texture_webp', 'VRMC_vrm', 'VRMC_materials_mtoon', 'VRMC_springBone', 'VRMC_node_constraint',
]);

type Json = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const refuse = (reason: string): GlbInspection => ({ ok: false, reason });

/** Runs the Khronos validator; a sentence with the first few errors, or null when there are none. */
async function validatorErrors(validator: GltfValidator, bytes: Uint8Array): Promise<string | null> {
  let issues: Awaited<ReturnType<GltfValidator['validate']>>;
  try {
    issues = await validator.validate(bytes, { format: 'glb', maxIssues: 64, writeTimestamp: false });
  } catch (error) {
    return `the glTF validator could not check it (${error instanceof Error ? error.message : String(error)})`;
  }
  if (issues.numErrors === 0) return null;
  const errors = issues.messages.filter((m: ValidationMessage) => m.severity === 0);
  // Quoted as `CODE at /pointer: message`.
  const quoted = errors.slice(0, QUOTED_ISSUES).map((m) => `${m.code}${m.pointer ? ` at ${m.pointer}` : ''}: ${m.message.replace(/\.$/, '')}`);
  const more = issues.numErrors - quoted.length;
  return `${issues.numErrors} glTF error${issues.numErrors === 1 ? '' : 's'}: ${quoted.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`;
}

/** The human bones a VRM declares, as bone name → node index (either generation's layout). */
function humanBones(json: Json, version: VrmVersion): Map<string, unknown> | null {
  const extensions = isObject(json.extensions) ? json.extensions : {};
  const vrm = extensions[version === '1.0' ? 'VRMC_vrm' : 'VRM'];
  if (!isObject(vrm) || !isObject(vrm.humanoid)) return null;
  const bones = vrm.humanoid.humanBones;
  if (version === '1.0') {
    if (!isObject(bones)) return null;
    return new Map(Object.entries(bones).map(([name, bone]) => [name, isObject(bone) ? bone.node : undefined]));
  }
  if (!Array.isArray(bones)) return null;
  return new Map(bones.filter(isObject).map((bone) => [String(bone.bone), bone.node]));
}

/** The VRM-level checks on a glTF the validator passed; a reason, or null. */
export function vrmProblem(json: Json, version: VrmVersion): string | null {
  const extension = version === '1.0' ? 'VRMC_vrm' : 'VRM';
  const bones = humanBones(json, version);
  if (!bones) return `its ${extension} extension has no humanoid bone list.`;
  const nodeCount = Array.isArray(json.nodes) ? json.nodes.length : 0;
  const missing = REQUIRED_HUMAN_BONES.filter((name) => !bones.has(name));
  if (missing.length > 0) return `the humanoid lacks required bones: ${missing.join(', ')}.`;
  const seen = new Set<number>();
  for (const name of REQUIRED_HUMAN_BONES) {
    const node = bones.get(name);
    if (typeof node !== 'number' || !Number.isInteger(node) || node < 0 || node >= nodeCount) return `the humanoid bone ${name} names no node of the file.`;
    if (seen.has(node)) return `the humanoid bone ${name} shares its node with another bone.`;
    seen.add(node);
  }
  const external = [...(Array.isArray(json.buffers) ? json.buffers : []), ...(Array.isArray(json.images) ? json.images : [])]
    .filter(isObject).map((item) => item.uri).find((uri) => typeof uri === 'string' && !uri.startsWith('data:'));
  if (external !== undefined) return `it refers to a file outside itself (${String(external).slice(0, 80)}); a VRM must carry everything inside.`;
  const required = Array.isArray(json.extensionsRequired) ? json.extensionsRequired.map(String) : [];
  const unreadable = required.filter((name) => !READABLE_REQUIRED_EXTENSIONS.has(name));
  if (unreadable.length > 0) return `it requires glTF extensions the app cannot read: ${unreadable.join(', ')}.`;
  return null;
}

/** Checks uploads; owns the validator's worker thread. */
export interface VrmInspector {
  /** Accepts a valid VRM 1.0 or 0.x GLB; otherwise says why not, quoting the validator's first errors. */
  inspect(bytes: Uint8Array): Promise<GlbInspection>;
  close(): Promise<void>;
}

/** Creates an inspector (the validator's worker starts on the first upload). */
export function createVrmInspector(validator: GltfValidator = createGltfValidator()): VrmInspector {
  return {
    async inspect(bytes) {
      const glb = readGlb(bytes);
      if (!glb.ok) return glb;
      if (!isObject(glb.json.asset)) return refuse('The GLB JSON has no glTF "asset" description.');
      if (!glb.vrmVersion) return refuse('The GLB is not a VRM avatar: it declares neither the VRMC_vrm (VRM 1.0) nor the VRM (0.x) extension.');
      const errors = await validatorErrors(validator, bytes);
      if (errors) return refuse(`The file is not a valid glTF: ${errors}.`);
      const problem = vrmProblem(glb.json, glb.vrmVersion);
      if (problem) return refuse(`The file is not a usable VRM ${glb.vrmVersion} avatar: ${problem}`);
      return { ok: true, vrmVersion: glb.vrmVersion };
    },
    close: () => validator.close(),
  };
}
