/**
 * The sentences of the voice panel: the voice pipeline reports codes and figures, these words
 * say what they mean and what to do. Pure.
 */
import { MicReason, type MicStatusDetail } from '../audio/mic-status';
import { VadFallbackReason, type VoiceStatus } from '../voice/voice-pipeline';

const MIC_REASON_TEXT: Readonly<Record<MicReason, string>> = {
  [MicReason.refused]: 'Microphone access was refused.',
  [MicReason.revoked]: 'Microphone permission was revoked.',
  [MicReason.notFound]: 'No microphone found.',
  [MicReason.failed]: 'The microphone could not start.',
  [MicReason.deviceEnded]: 'The microphone stopped (device removed or headset slept); reconnecting.',
  [MicReason.deviceChanged]: 'The microphone changed; reconnecting.',
  [MicReason.regranted]: 'Microphone permission granted again.',
};

/** One line about the microphone's state, or '' when there is nothing to say. */
export function describeMic(detail: MicStatusDetail): string {
  if (!detail.reason) return '';
  const base = MIC_REASON_TEXT[detail.reason];
  const info = detail.reason === MicReason.failed && detail.info ? ` (${detail.info})` : '';
  return `${base}${info}${detail.retrying ? ' Still trying…' : ''}`;
}

const STAGE_TEXT: Readonly<Record<NonNullable<VoiceStatus['loadStage']>, string>> = {
  starting: 'Starting',
  runtime: 'Loading the inference runtime',
  model: 'Loading the emotion model',
  session: 'Preparing the model',
  measure: 'Measuring WebGPU vs WASM',
};

/** What the model is doing or why it cannot run, or '' when it runs. */
export function describeModel(status: VoiceStatus): string {
  switch (status.model) {
    case 'loading':
      return STAGE_TEXT[status.loadStage ?? 'starting'];
    case 'unavailable':
      return 'This build has no emotion model; use the picker.';
    case 'failed':
      return `The emotion model could not load (${status.modelError}). Use the picker.`;
    default:
      return status.classifyError ? `Classification failed: ${status.classifyError}` : '';
  }
}

/** e.g. "wasm, 2 threads (WASM: software WebGPU adapter)", or '' before the model is ready. */
export function describeBackend(status: VoiceStatus): string {
  if (status.fallback) return `wasm (fell back from ${status.fallback.from}: ${status.fallback.reason})`;
  const b = status.backend;
  if (!b) return '';
  const threads = b.backend === 'wasm' ? `, ${b.threads} thread${b.threads === 1 ? '' : 's'}` : '';
  return `${b.backend}${threads} (${b.reason})`;
}

const VAD_FALLBACK_TEXT: Readonly<Record<VadFallbackReason, string>> = {
  [VadFallbackReason.modelFailed]: 'the Silero model could not load',
  [VadFallbackReason.noSharedMemory]: 'this page is not cross-origin isolated, so the worker cannot read the microphone audio',
  [VadFallbackReason.stopped]: 'the Silero detector stopped',
  [VadFallbackReason.noModel]: 'this build has no Silero model',
};

/** e.g. "Silero" or "energy (fallback: the Silero model could not load: …)", or '' before the voice starts. */
export function describeVad(status: VoiceStatus): string {
  const { active, fallback, detail } = status.vad;
  if (!active) return '';
  if (active === 'silero') return 'Silero';
  if (!fallback) return 'energy';
  return `energy (fallback: ${VAD_FALLBACK_TEXT[fallback]}${detail ? `: ${detail}` : ''})`;
}
