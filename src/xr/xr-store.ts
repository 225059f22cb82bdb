import { createXRStore, type XRStore } from '@react-three/xr';

/**
 * Creates the app's XR store. Emulation is off (Chromium has its own navigator.xr; tests install
 * IWER before this runs) and controller/hand models are off: they would be fetched from a CDN.
 * The controllers keep their ray pointers, which operate the in-world menu. Controller layouts
 * come from public/xr-input-profiles (same origin) instead of the default jsDelivr CDN.
 */
export function createEmotoneXRStore(): XRStore {
  return createXRStore({
    emulate: false,
    controller: { model: false },
    hand: { model: false },
    offerSession: false,
    frameRate: 'high',
    baseAssetPath: new URL('/xr-input-profiles/', location.href).href,
  });
}
