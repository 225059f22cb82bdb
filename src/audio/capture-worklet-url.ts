/** URL of the bundled capture AudioWorklet (Vite builds it like a module worker). Browser-only. */
import workletUrl from './capture-worklet.ts?worker&url';

/** Pass to `createMicCapture({ workletUrl })`. */
export const CAPTURE_WORKLET_URL: string = workletUrl;
