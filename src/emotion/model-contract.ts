/**
 * The classifier's contract, read from models/labels.json at run time (labels are never
 * duplicated in code). Validates the file so a mismatched model fails loudly, not silently.
 */
import { isEmotionLabel, type EmotionLabel } from '../shared/emotion-labels';

/** How a model that uses a speaker profile wants it kept (labels.json `speakerProfile`). */
export interface SpeakerProfileSpec {
  /** Input tensor [batch, size] the profile is fed to. */
  inputName: string;
  /** Output tensor [batch, size]: the window's band means the profile averages. */
  outputName: string;
  size: number;
  /** The profile before the wearer has spoken (the training speakers' mean). */
  initial: Float32Array;
  /** Weight of `initial`, in windows, against the wearer's own windows. */
  priorWindows: number;
}

/** What the app needs from models/labels.json. */
export interface ModelContract {
  sampleRateHz: number;
  /** Length of one analysis window. */
  windowMs: number;
  /** Time between analyses. */
  hopMs: number;
  /** Shortest input the model accepts. */
  minInputMs: number;
  /** Name of the waveform input tensor. */
  inputName: string;
  /** Output order of `probabilities`. */
  labels: readonly EmotionLabel[];
  /** Output tensor names. */
  probabilitiesOutput: string;
  arousalValenceOutput: string | null;
  /** Every output the file declares, with its shape ('batch' for the batch dimension). */
  outputShapes: Readonly<Record<string, readonly (string | number)[]>>;
  /** Present when the model takes the wearer's speaker profile as a second input. */
  speakerProfile: SpeakerProfileSpec | null;
}

function positive(json: Record<string, unknown>, key: string): number {
  const value = json[key];
  if (typeof value !== 'number' || !(value > 0)) throw new Error(`labels.json: ${key} must be a positive number`);
  return value;
}

function parseSpeakerProfile(raw: unknown, outputs: Record<string, unknown>): SpeakerProfileSpec | null {
  if (raw === undefined) return null;
  const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const { input, output, size, initial, priorWindows } = p;
  if (typeof input !== 'string' || typeof output !== 'string') throw new Error('labels.json: speakerProfile needs input and output names');
  if (!(output in outputs)) throw new Error(`labels.json: speakerProfile output ${output} is not among outputs`);
  if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) throw new Error('labels.json: speakerProfile.size must be a positive integer');
  if (!Array.isArray(initial) || initial.length !== size || !initial.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new Error(`labels.json: speakerProfile.initial must be ${size} finite numbers`);
  }
  if (typeof priorWindows !== 'number' || !(priorWindows > 0)) throw new Error('labels.json: speakerProfile.priorWindows must be a positive number');
  return { inputName: input, outputName: output, size, initial: Float32Array.from(initial as number[]), priorWindows };
}

function parseOutputShapes(outputs: Record<string, unknown>): Record<string, readonly (string | number)[]> {
  const shapes: Record<string, readonly (string | number)[]> = {};
  for (const [name, raw] of Object.entries(outputs)) {
    const shape = (typeof raw === 'object' && raw !== null ? (raw as { shape?: unknown }).shape : undefined);
    if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'string' || (typeof d === 'number' && Number.isInteger(d) && d > 0))) {
      throw new Error(`labels.json: outputs.${name}.shape must list dimensions (names or positive integers)`);
    }
    shapes[name] = Object.freeze([...shape]);
  }
  return shapes;
}

/** Parses and validates the JSON of models/labels.json. */
export function parseModelContract(raw: unknown): ModelContract {
  if (typeof raw !== 'object' || raw === null) throw new Error('labels.json: not an object');
  const json = raw as Record<string, unknown>;
  const labels = json.labels;
  if (!Array.isArray(labels) || labels.length === 0) throw new Error('labels.json: labels must be a non-empty array');
  for (const label of labels) {
    if (!isEmotionLabel(label)) throw new Error(`labels.json: unknown label ${JSON.stringify(label)}`);
  }
  const input = json.input as { name?: unknown } | undefined;
  const outputs = (json.outputs ?? {}) as Record<string, unknown>;
  if (!('probabilities' in outputs)) throw new Error('labels.json: outputs.probabilities missing');
  const contract: ModelContract = {
    sampleRateHz: positive(json, 'sampleRateHz'),
    windowMs: positive(json, 'windowMs'),
    hopMs: positive(json, 'hopMs'),
    minInputMs: positive(json, 'minInputMs'),
    inputName: typeof input?.name === 'string' ? input.name : 'waveform',
    labels: labels as EmotionLabel[],
    probabilitiesOutput: 'probabilities',
    arousalValenceOutput: 'arousal_valence' in outputs ? 'arousal_valence' : null,
    outputShapes: parseOutputShapes(outputs),
    speakerProfile: parseSpeakerProfile(json.speakerProfile, outputs),
  };
  if (contract.minInputMs > contract.windowMs) throw new Error('labels.json: minInputMs exceeds windowMs');
  return contract;
}

/** Samples in `ms` milliseconds at the contract's rate. */
export function samplesFor(contract: ModelContract, ms: number): number {
  return Math.round((contract.sampleRateHz * ms) / 1000);
}
