import { beforeAll, describe, expect, it } from 'vitest';
import { Vector3 } from 'three';
import { createAvatarController, loadVrm, SHIPPED_AVATARS, type LoadedAvatar } from '../../../src/avatar';
import { createSeededRandom } from '../../fixtures/seeded-random';
import { drive, frameInput, shippedBytes, targetAt } from '../../fixtures/avatars';

const loaded = new Map<string, LoadedAvatar>();

beforeAll(async () => {
  for (const a of SHIPPED_AVATARS) loaded.set(a.id, await loadVrm(shippedBytes(a.id)));
});

/** A controller on a freshly loaded copy of `id` (controllers mutate their model). */
async function controllerFor(id = 'sunny', seed = 1) {
  const { vrm } = await loadVrm(shippedBytes(id));
  return createAvatarController(vrm, { random: createSeededRandom(seed) });
}

describe('avatar controller on the shipped VRMs', () => {
  it('loads every shipped avatar as VRM 1.0 with expressions, humanoid and look-at', () => {
    for (const [id, { vrm, vrmVersion }] of loaded) {
      expect(vrmVersion, id).toBe('1.0');
      expect(vrm.expressionManager?.getExpression('surprised'), id).not.toBeNull();
      expect(vrm.humanoid.getRawBoneNode('leftEye'), id).not.toBeNull();
      expect(vrm.lookAt, id).toBeTruthy();
    }
  });

  it.each(SHIPPED_AVATARS.map((a) => a.id))('%s: angry rises above 0.5 within 0.5 s and returns near 0 on neutral', async (id) => {
    const c = await controllerFor(id);
    const input = frameInput();
    input.emotion.label = 'angry';
    input.emotion.confidence = 1;
    drive(c, input, 0.5);
    expect(c.getExpressionWeight('angry')).toBeGreaterThan(0.5);
    input.emotion.label = 'neutral';
    drive(c, input, 0.5);
    expect(c.getExpressionWeight('angry')).toBeLessThan(0.05);
    expect(c.getExpressionWeight('neutral')).toBeGreaterThan(0.9);
  });

  it('scales the expression with confidence and moves the face mesh', async () => {
    const c = await controllerFor('mint');
    const input = frameInput();
    input.emotion.label = 'happy';
    input.emotion.confidence = 0.7; // a sure reading: the recipe, scaled by confidence
    drive(c, input, 1, undefined, 90);
    expect(c.getExpressionWeight('happy')).toBeCloseTo(0.7, 2);
    const face = c.vrm.scene.getObjectByName('Face_1') ?? c.vrm.scene.getObjectByName('Face');
    const influences = (face as unknown as { morphTargetInfluences?: number[] }).morphTargetInfluences;
    expect(influences?.[0]).toBeCloseTo(0.7, 2); // morph 0 is `happy`
  });

  it('shows labels without a preset through their documented mixes', async () => {
    const c = await controllerFor('ember');
    const input = frameInput();
    input.emotion.label = 'fearful';
    drive(c, input, 1);
    expect(c.getExpressionWeight('surprised')).toBeGreaterThan(0.5);
    expect(c.getExpressionWeight('sad')).toBeGreaterThan(0.4);
    input.emotion.label = 'sleepy';
    drive(c, input, 1);
    expect(c.getExpressionWeight('relaxed')).toBeGreaterThan(0.4);
    expect(c.getExpressionWeight('blink')).toBeGreaterThan(0.35);
  });

  it('blinks on its own every few seconds, and not while happy closes the eyes', async () => {
    const c = await controllerFor('luna', 4);
    const input = frameInput();
    const blinks = drive(c, input, 20, () => c.getExpressionWeight('blink'));
    const closings = blinks.filter((w, i) => w > 0.8 && (blinks[i - 1] ?? 0) <= 0.8).length;
    expect(closings).toBeGreaterThanOrEqual(3);
    expect(closings).toBeLessThanOrEqual(10);
    input.emotion.label = 'happy';
    drive(c, input, 1);
    const before = c.vrm.expressionManager!.getValue('blink');
    const during = drive(c, input, 20, () => c.vrm.expressionManager!.getValue('blink') ?? 0);
    expect(before).toBe(0);
    expect(Math.max(...during)).toBe(0);
  });

  it('moves the mouth with the speaking level, and surprised (overrideMouth) suppresses it', async () => {
    const c = await controllerFor('moss');
    const input = frameInput();
    const mouth = (): number => c.getExpressionWeight('aa') + c.getExpressionWeight('oh');
    const silent = drive(c, input, 1, mouth);
    expect(Math.max(...silent)).toBe(0);
    input.speakingLevel = 0.9;
    const talking = drive(c, input, 2, mouth);
    expect(Math.max(...talking)).toBeGreaterThan(0.6);
    input.emotion.label = 'surprised';
    drive(c, input, 1);
    const suppressed = drive(c, input, 1, mouth);
    expect(Math.max(...suppressed)).toBeLessThan(0.05);
    input.emotion.confidence = 0.5; // half an override: half the lips
    drive(c, input, 1);
    const half = drive(c, input, 2, mouth);
    expect(Math.max(...half)).toBeGreaterThan(0.2);
    expect(Math.max(...half)).toBeLessThan(Math.max(...talking) * 0.7);
  });

  it('turns the eyes toward a look-at target and back to the front without one', async () => {
    const c = await controllerFor('pixel');
    const input = frameInput();
    c.vrm.scene.updateMatrixWorld(true);
    input.lookAtTarget = targetAt(2, 1.2, 1);
    drive(c, input, 0.5);
    const yaw = c.vrm.lookAt!.yaw;
    expect(yaw).toBeGreaterThan(20); // target to the model's left (+X) while it faces +Z
    const eye = c.vrm.humanoid.getNormalizedBoneNode('leftEye')!;
    expect(Math.abs(eye.rotation.y)).toBeGreaterThan(0.05);
    input.lookAtTarget = null;
    drive(c, input, 2);
    expect(Math.abs(c.vrm.lookAt!.yaw)).toBeLessThan(1);
  });

  it('breathes: the chest moves slowly while idle, and the arms are lowered from the T-pose', async () => {
    const c = await controllerFor('coral');
    const input = frameInput();
    const chest = c.vrm.humanoid.getRawBoneNode('chest')!;
    const pitches = drive(c, input, 5, () => chest.rotation.x, 30);
    expect(Math.max(...pitches) - Math.min(...pitches)).toBeGreaterThan(0.02);
    expect(Math.max(...pitches.map(Math.abs))).toBeLessThan(0.1);
    const hand = new Vector3();
    c.vrm.scene.updateMatrixWorld(true);
    c.vrm.humanoid.getRawBoneNode('leftHand')!.getWorldPosition(hand);
    const shoulder = new Vector3();
    c.vrm.humanoid.getRawBoneNode('leftUpperArm')!.getWorldPosition(shoulder);
    expect(hand.y).toBeLessThan(shoulder.y - 0.2);
  });

  it('adds heavy eyelids from the drowsiness input on any label', async () => {
    const c = await controllerFor('sunny', 5);
    const input = frameInput();
    input.drowsiness = 1;
    const closure = drive(c, input, 3, () => c.getExpressionWeight('blink'));
    expect(Math.min(...closure.slice(72))).toBeGreaterThan(0.35);
    expect(c.getExpressionWeight('relaxed')).toBeGreaterThan(0.25);
  });

  it('leaves the body alone with idle: false', async () => {
    const { vrm } = await loadVrm(shippedBytes('moss'));
    const c = createAvatarController(vrm, { idle: false, random: createSeededRandom(2) });
    drive(c, frameInput(), 1);
    expect(vrm.humanoid.getNormalizedBoneNode('leftUpperArm')!.rotation.z).toBe(0);
    expect(vrm.humanoid.getNormalizedBoneNode('chest')!.rotation.x).toBe(0);
  });

  it('stops driving the model after dispose', async () => {
    const c = await controllerFor();
    const input = frameInput();
    input.emotion.label = 'sad';
    drive(c, input, 0.5);
    c.dispose();
    expect(c.getExpressionWeight('sad')).toBe(0);
    drive(c, input, 0.2);
    expect(c.getExpressionWeight('sad')).toBe(0);
  });
});
