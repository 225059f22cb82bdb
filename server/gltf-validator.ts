import { Worker } from 'node:worker_threads';
import type { ValidationOptions, ValidationReport } from 'gltf-validator';

/** The Khronos glTF validator in a worker thread, one file at a time. */
export interface GltfValidator {
  /** The validator's issues for `bytes` (a GLB); rejects when it cannot read them or takes too long. */
  validate(bytes: Uint8Array, options: ValidationOptions): Promise<ValidationReport['issues']>;
  /** Stops the worker (a later validate() starts a new one). */
  close(): Promise<void>;
}

/** A file the validator has not finished in this long is refused (and the worker restarted). */
const VALIDATION_TIMEOUT_MS = 30_000;

interface Pending {
  resolve: (issues: ValidationReport['issues']) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Starts the worker on first use; it does not keep the process alive. */
export function createGltfValidator(timeoutMs = VALIDATION_TIMEOUT_MS): GltfValidator {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const [id, job] of pending) {
      clearTimeout(job.timer);
      job.reject(error);
      pending.delete(id);
    }
  };
  const start = (): Worker => {
    const started = new Worker(new URL('./gltf-validator-worker.mjs', import.meta.url));
    started.unref();
    started.on('message', (answer: { id: number; issues?: ValidationReport['issues']; error?: string }) => {
      const job = pending.get(answer.id);
      if (!job) return;
      pending.delete(answer.id);
      clearTimeout(job.timer);
      if (answer.issues) job.resolve(answer.issues);
      else job.reject(new Error(answer.error ?? 'no answer'));
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', () => {
      if (worker === started) worker = null;
      failAll(new Error('the validator stopped'));
    });
    return started;
  };

  return {
    validate(bytes, options) {
      worker ??= start();
      const id = nextId++;
      const running = worker;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`it took longer than ${timeoutMs / 1000} s`));
          // A stuck validation would hold up every later one: start afresh.
          if (worker === running) worker = null;
          void running.terminate();
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        running.postMessage({ id, bytes, options });
      });
    },
    async close() {
      const running = worker;
      worker = null;
      if (running) await running.terminate();
    },
  };
}
