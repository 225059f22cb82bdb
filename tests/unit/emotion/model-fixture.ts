/** Where the classifier tests find the model: models/emotion.onnx, or EMOTONE_MODEL for development. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseModelContract } from '../../../src/emotion/model-contract';

/** Absolute path of the model under test, or null (tests skip with a message). */
export const MODEL_PATH: string | null = [process.env.EMOTONE_MODEL, 'models/emotion.onnx']
  .filter((p): p is string => !!p)
  .map((p) => resolve(p))
  .find((p) => existsSync(p)) ?? null;

/** True when the model is the shipped one (accuracy cases need it; a stand-in only proves plumbing). */
export const SHIPPED_MODEL = MODEL_PATH === resolve('models/emotion.onnx');

/** The shipped contract. */
export const CONTRACT = parseModelContract(JSON.parse(readFileSync('models/labels.json', 'utf8')));

if (!MODEL_PATH) console.warn('models/emotion.onnx is absent: classifier tests are skipped (set EMOTONE_MODEL to run them on another file).');
