import type { AvatarDesign } from './designs';

/** Licence of the shipped avatars (SPDX id) and where its text lives. */
export const AVATAR_LICENCE = 'CC0-1.0';
export const AVATAR_LICENCE_URL = 'https://creativecommons.org/publicdomain/zero/1.0/';

/**
 * How each emotion expression overrides procedural blink/mouth/lookAt. `blend` scales them down
 * in proportion to the expression's weight (three-vrm does the arithmetic).
 * happy/surprised reshape the eyes, so a blink on top would fold them; surprised holds the mouth
 * in an O, so lip movement fades out under it.
 */
export const EXPRESSION_OVERRIDES: Readonly<Record<string, { overrideBlink?: string; overrideMouth?: string; overrideLookAt?: string }>> = {
  happy: { overrideBlink: 'blend' },
  surprised: { overrideBlink: 'blend', overrideMouth: 'blend' },
  angry: {},
  sad: {},
  relaxed: {},
  neutral: {},
};

/** The VRMC_vrm 1.0 extension object for one avatar. */
export function vrmExtension(
  d: AvatarDesign,
  humanBones: Record<string, number>,
  faceNode: number,
  bodyNode: number,
  targetNames: readonly string[],
  lookAtOffset: [number, number, number],
): Record<string, unknown> {
  const preset: Record<string, unknown> = {};
  targetNames.forEach((name, index) => {
    preset[name] = {
      morphTargetBinds: [{ node: faceNode, index, weight: 1 }],
      isBinary: false,
      overrideBlink: 'none',
      overrideLookAt: 'none',
      overrideMouth: 'none',
      ...EXPRESSION_OVERRIDES[name],
    };
  });
  return {
    specVersion: '1.0',
    meta: {
      name: d.name,
      version: '1.0',
      authors: ['EmoTone contributors'],
      copyrightInformation: `Dedicated to the public domain under ${AVATAR_LICENCE} by the EmoTone contributors.`,
      licenseUrl: 'https://vrm.dev/licenses/1.0/',
      avatarPermission: 'everyone',
      allowExcessivelyViolentUsage: false,
      allowExcessivelySexualUsage: false,
      commercialUsage: 'corporation',
      allowPoliticalOrReligiousUsage: false,
      allowAntisocialOrHateUsage: false,
      creditNotation: 'unnecessary',
      allowRedistribution: true,
      modification: 'allowModificationRedistribution',
      otherLicenseUrl: AVATAR_LICENCE_URL,
    },
    humanoid: { humanBones: Object.fromEntries(Object.entries(humanBones).map(([name, node]) => [name, { node }])) },
    firstPerson: {
      meshAnnotations: [
        { node: bodyNode, type: 'auto' },
        { node: faceNode, type: 'thirdPersonOnly' },
      ],
    },
    lookAt: {
      offsetFromHeadBone: lookAtOffset,
      type: 'bone',
      rangeMapHorizontalInner: { inputMaxValue: 90, outputScale: 9 },
      rangeMapHorizontalOuter: { inputMaxValue: 90, outputScale: 11 },
      rangeMapVerticalDown: { inputMaxValue: 90, outputScale: 8 },
      rangeMapVerticalUp: { inputMaxValue: 90, outputScale: 8 },
    },
    expressions: { preset },
  };
}
