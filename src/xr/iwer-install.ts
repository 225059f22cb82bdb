import type { XRDevice } from 'iwer';

declare global {
  interface Window {
    /** The emulated headset, present only with ?xremulate; tests move its controllers like hands. */
    __iwerDevice?: XRDevice;
  }
}

/**
 * Installs the IWER WebXR emulator as a Meta Quest 3, replacing the browser's navigator.xr.
 * Imported lazily so production bundles only fetch the emulator when the URL asks for it.
 * Must run before the XR store is created.
 */
export async function installQuest3Emulator(): Promise<void> {
  const { XRDevice, metaQuest3 } = await import('iwer');
  const device = new XRDevice(metaQuest3);
  device.installRuntime({ forceInstall: true });
  Object.defineProperty(window, '__iwerDevice', { value: device, configurable: false });
}
