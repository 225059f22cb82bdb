import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAvatarController, loadVrm } from '../../../src/avatar';
import { createSeededRandom } from '../../fixtures/seeded-random';
import { drive, frameInput, rewriteGlbJson } from '../../fixtures/avatars';

/** Third-party VRMs live outside the repo (never committed): ../shared/avatars. */
const sharedDir = join(import.meta.dirname, '../../../../shared/avatars');
const available = existsSync(join(sharedDir, 'godette-vrm0.vrm'));
if (!available) console.warn(`third-party VRM tests skipped: ${sharedDir} is absent`);

/** Removes every texture reference recursively: Node has no image decoder, rigs need none. */
function stripTextures(value: unknown): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const isTextureInfo = child && typeof child === 'object' && typeof (child as { index?: unknown }).index === 'number' && /texture/i.test(key);
    if (isTextureInfo || key === 'textureProperties' || key === 'thumbnailImage' || key === 'texture') {
      delete (value as Record<string, unknown>)[key];
    } else stripTextures(child);
  }
}

function load(file: string) {
  const buf = readFileSync(join(sharedDir, file));
  const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  return loadVrm(
    rewriteGlbJson(bytes, (json) => {
      stripTextures(json);
      delete json.images;
      delete json.textures;
      delete json.samplers;
      json.extensionsUsed = (json.extensionsUsed ?? []).filter((e: string) => e !== 'EXT_texture_webp');
    }),
  );
}

describe.skipIf(!available)('third-party VRMs (../shared/avatars, textures stripped for Node)', () => {
  it.each(['valid-asian-f-2.vrm', 'valid-aian-m-1.vrm'])('%s (meshopt VRM 1.0) loads, shows angry and talks', async (file) => {
    const { vrm, vrmVersion } = await load(file);
    expect(vrmVersion).toBe('1.0');
    const c = createAvatarController(vrm, { random: createSeededRandom(9) });
    const input = frameInput();
    input.emotion.label = 'angry';
    drive(c, input, 0.5);
    expect(c.getExpressionWeight('angry')).toBeGreaterThan(0.5);
    input.emotion.label = 'neutral';
    input.speakingLevel = 0.8;
    const mouth = drive(c, input, 8, () => c.getExpressionWeight('aa'));
    expect(Math.max(...mouth)).toBeGreaterThan(0.4);
    expect(c.getExpressionWeight('angry')).toBeLessThan(0.05);
  }, 60_000);

  it('godette (VRM 0.x) is rotated to face +Z and falls back for the missing surprised preset', async () => {
    const { vrm, vrmVersion } = await load('godette-vrm0.vrm');
    expect(vrmVersion).toBe('0.x');
    expect(Math.abs(vrm.scene.rotation.y)).toBeCloseTo(Math.PI, 5);
    expect(vrm.expressionManager?.getExpression('surprised')).toBeNull();
    const c = createAvatarController(vrm, { random: createSeededRandom(9) });
    const input = frameInput();
    input.emotion.label = 'surprised';
    drive(c, input, 0.6);
    expect(c.getExpressionWeight('surprised')).toBe(0);
    expect(c.getExpressionWeight('happy')).toBeGreaterThan(0.3);
    input.emotion.label = 'sad';
    drive(c, input, 0.6);
    expect(c.getExpressionWeight('sad')).toBeGreaterThan(0.9);
    input.emotion.label = 'neutral';
    const blinks = drive(c, input, 15, () => c.getExpressionWeight('blink'));
    expect(Math.max(...blinks)).toBeGreaterThan(0.8);
  }, 60_000);
});
