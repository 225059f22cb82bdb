/**
 * The classifier's contract, read from models/labels.json at run time (labels are never
 * duplicated in code). Validates the file so a mismatched model fails loudly, not silently.
 */
import { isEmotionLabel, type EmotionLabel } from '../shared/emotion-labels';

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
}

function positive(json: Record<string, unknown>, key: string): number {
  const value = json[key];
  if (typeof value !== 'number' || !(value > 0)) throw new Error(`labels.json: ${key} must be a positive number`);
  return value;
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
  };
  if (contract.minInputMs > contract.windowMs) throw new Error('labels.json: minInputMs exceeds windowMs');
  return contract;
}

/** Samples in `ms` milliseconds at the contract's rate. */
export function samplesFor(contract: ModelContract, ms: number): number {
  return Math.round((contract.sampleRateHz * ms) / 1000);
}
