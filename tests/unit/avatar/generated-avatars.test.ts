import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESIGNS } from '../../../scripts/tools/avatar-gen/designs';
import { buildVrm } from '../../../scripts/tools/avatar-gen/vrm-file';
import { ALL_VRM_PRESETS, SHIPPED_AVATARS } from '../../../src/avatar';
import { findProblems, parseGlb } from '../../fixtures/glb-validation';

const dir = join(import.meta.dirname, '../../../assets/avatars');
const read = (file: string): Uint8Array => new Uint8Array(readFileSync(join(dir, file)));
const REQUIRED_BONES = [
  'hips', 'spine', 'chest', 'neck', 'head',
  'leftUpperArm', 'leftLowerArm', 'leftHand', 'rightUpperArm', 'rightLowerArm', 'rightHand',
  'leftUpperLeg', 'leftLowerLeg', 'leftFoot', 'rightUpperLeg', 'rightLowerLeg', 'rightFoot',
];

describe('shipped avatar files', () => {
  it('ships at least 6 avatars with distinct ids, names, colours and contents', () => {
    expect(SHIPPED_AVATARS.length).toBeGreaterThanOrEqual(6);
    for (const key of ['id', 'name', 'colour', 'file'] as const) {
      expect(new Set(SHIPPED_AVATARS.map((a) => a[key])).size).toBe(SHIPPED_AVATARS.length);
    }
    const hashes = SHIPPED_AVATARS.map((a) => createHash('sha256').update(read(a.file)).digest('hex'));
    expect(new Set(hashes).size).toBe(SHIPPED_AVATARS.length);
    for (const a of SHIPPED_AVATARS) {
      expect(a.colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(a.licence).toBe('CC0-1.0');
    }
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toContain('CC0');
  });

  it('are exactly what the generator produces now (committed files are up to date)', () => {
    expect(DESIGNS.map((d) => d.id)).toEqual(SHIPPED_AVATARS.map((a) => a.id));
    for (const design of DESIGNS) {
      expect(Buffer.from(buildVrm(design)).equals(Buffer.from(read(`${design.id}.vrm`))), design.id).toBe(true);
    }
  });

  describe.each(SHIPPED_AVATARS.map((a) => [a.id, a] as const))('%s', (_id, avatar) => {
    const bytes = read(avatar.file);
    const glb = parseGlb(bytes);
    const vrm = glb.json.extensions?.VRMC_vrm;

    it('is a GLB of at most 250 KB with consistent accessors and bufferViews', () => {
      expect(bytes.byteLength).toBeLessThanOrEqual(250 * 1024);
      expect(findProblems(glb)).toEqual([]);
      expect(glb.json.images ?? []).toEqual([]);
    });

    it('declares VRMC_vrm 1.0 with meta and licence', () => {
      expect(glb.json.extensionsUsed).toContain('VRMC_vrm');
      expect(vrm.specVersion).toBe('1.0');
      expect(vrm.meta.name).toBe(avatar.name);
      expect(vrm.meta.authors.length).toBeGreaterThan(0);
      expect(vrm.meta.licenseUrl).toBe('https://vrm.dev/licenses/1.0/');
      expect(vrm.meta.avatarPermission).toBe('everyone');
      expect(vrm.meta.otherLicenseUrl).toContain('publicdomain/zero/1.0');
    });

    it('has a humanoid with the required bones (and eyes for look-at), all skin joints', () => {
      const bones = vrm.humanoid.humanBones as Record<string, { node: number }>;
      for (const name of [...REQUIRED_BONES, 'leftEye', 'rightEye']) {
        const node = bones[name]?.node;
        expect(node, name).toBeTypeOf('number');
        expect(glb.json.nodes[node as number]?.name).toBe(name);
        expect(glb.json.skins[0]?.joints).toContain(node);
      }
      expect(vrm.lookAt.type).toBe('bone');
    });

    it('binds every VRM 1.0 preset to an existing face morph target that moves vertices', () => {
      const presets = vrm.expressions.preset as Record<string, { morphTargetBinds: { node: number; index: number }[] }>;
      expect(Object.keys(presets).sort()).toEqual([...ALL_VRM_PRESETS].sort());
      for (const [name, expression] of Object.entries(presets)) {
        const bind = expression.morphTargetBinds[0];
        expect(bind, name).toBeDefined();
        const mesh = glb.json.meshes[glb.json.nodes[bind!.node]?.mesh ?? -1];
        expect(mesh?.extras?.targetNames?.[bind!.index]).toBe(name);
        const target = glb.json.accessors[mesh!.primitives[0]!.targets![bind!.index]!.POSITION!]!;
        const extent = Math.max(...target.max!.map(Math.abs), ...target.min!.map(Math.abs));
        if (name === 'neutral') expect(extent).toBe(0);
        else expect(extent, name).toBeGreaterThan(0.001);
      }
      expect(presets.happy).toMatchObject({ overrideBlink: 'blend' });
      expect(presets.surprised).toMatchObject({ overrideMouth: 'blend' });
    });
  });
});
