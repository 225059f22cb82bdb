/** Browser-only: starts the classifier worker (a separate chunk, so ORT loads only when needed). */

/** Creates a fresh classifier worker; each call is independent. */
export function spawnClassifierWorker(): Worker {
  return new Worker(new URL('./worker-entry.ts', import.meta.url), { type: 'module', name: 'emotone-classifier' });
}
