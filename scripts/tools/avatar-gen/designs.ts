/** The shipped avatars' designs: colours, proportions, hair and accessories. */

export const HairStyle = { bob: 'bob', spiky: 'spiky', ponytail: 'ponytail', buns: 'buns', long: 'long', short: 'short', mohawk: 'mohawk' } as const;
export type HairStyle = (typeof HairStyle)[keyof typeof HairStyle];

export const Accessory = {
  catEars: 'catEars', beanie: 'beanie', glasses: 'glasses', antenna: 'antenna',
  horns: 'horns', bow: 'bow', headphones: 'headphones', none: 'none',
} as const;
export type Accessory = (typeof Accessory)[keyof typeof Accessory];

export const Bottom = { pants: 'pants', skirt: 'skirt', shorts: 'shorts' } as const;
export type Bottom = (typeof Bottom)[keyof typeof Bottom];

/** One avatar's look. Colours are sRGB hex; sizes are multipliers of the base body. */
export interface AvatarDesign {
  id: string;
  name: string;
  /** Main (top) colour, also the index colour for name tags. */
  top: string;
  bottom: string;
  shoes: string;
  skin: string;
  hair: string;
  eyes: string;
  accent: string;
  hairStyle: HairStyle;
  accessories: readonly Accessory[];
  bottomStyle: Bottom;
  /** Overall height multiplier. */
  height: number;
  /** Head radius multiplier. */
  head: number;
  /** Torso width multiplier. */
  build: number;
}

export const DESIGNS: readonly AvatarDesign[] = [
  { id: 'sunny', name: 'Sunny', top: '#f59e0b', bottom: '#1e3a8a', shoes: '#f8fafc', skin: '#f6d3b3', hair: '#facc15',
    eyes: '#3b2414', accent: '#ef4444', hairStyle: 'bob', accessories: ['headphones'], bottomStyle: 'pants', height: 1, head: 1, build: 1 },
  { id: 'mint', name: 'Mint', top: '#14b8a6', bottom: '#334155', shoes: '#0f172a', skin: '#e8b894', hair: '#5b3a29',
    eyes: '#1e3a5f', accent: '#0f172a', hairStyle: 'ponytail', accessories: ['glasses'], bottomStyle: 'skirt', height: 0.96, head: 1.02, build: 0.9 },
  { id: 'ember', name: 'Ember', top: '#dc2626', bottom: '#111827', shoes: '#7f1d1d', skin: '#c98e6b', hair: '#1f1f1f',
    eyes: '#2a1208', accent: '#fbbf24', hairStyle: 'spiky', accessories: ['horns'], bottomStyle: 'pants', height: 1.05, head: 0.95, build: 1.12 },
  { id: 'luna', name: 'Luna', top: '#7c3aed', bottom: '#312e81', shoes: '#1e1b4b', skin: '#f3dccb', hair: '#c4b5fd',
    eyes: '#4c1d95', accent: '#f9a8d4', hairStyle: 'long', accessories: ['catEars'], bottomStyle: 'skirt', height: 0.93, head: 1.08, build: 0.88 },
  { id: 'moss', name: 'Moss', top: '#4d7c0f', bottom: '#78350f', shoes: '#292524', skin: '#8d5a3b', hair: '#292524',
    eyes: '#1c1917', accent: '#eab308', hairStyle: 'short', accessories: ['beanie'], bottomStyle: 'shorts', height: 1.02, head: 1, build: 1.25 },
  { id: 'pixel', name: 'Pixel', top: '#2563eb', bottom: '#94a3b8', shoes: '#1e293b', skin: '#d9e2ec', hair: '#38bdf8',
    eyes: '#0c4a6e', accent: '#22d3ee', hairStyle: 'mohawk', accessories: ['antenna'], bottomStyle: 'pants', height: 0.98, head: 1.05, build: 1 },
  { id: 'coral', name: 'Coral', top: '#fb7185', bottom: '#3b82c4', shoes: '#be123c', skin: '#f0c8a8', hair: '#9a3412',
    eyes: '#3f1d0b', accent: '#fde047', hairStyle: 'buns', accessories: ['bow'], bottomStyle: 'shorts', height: 0.9, head: 1.1, build: 0.95 },
];

/** sRGB hex → linear RGB (glTF vertex colours are linear). */
export function linearRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  const ch = (v: number): number => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return [ch((n >> 16) & 255), ch((n >> 8) & 255), ch(n & 255)];
}

/** Multiplies a hex colour's channels (darken < 1 < lighten), clamped. */
export function shade(hex: string, factor: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const c = (v: number): string => Math.max(0, Math.min(255, Math.round(v * factor))).toString(16).padStart(2, '0');
  return `#${c((n >> 16) & 255)}${c((n >> 8) & 255)}${c(n & 255)}`;
}
