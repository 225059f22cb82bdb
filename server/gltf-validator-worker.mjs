/**
 * Worker thread of the upload check (server/gltf-validator.ts): runs the Khronos glTF validator,
 * which is synchronous compiled Dart, away from the room server's event loop, so a 10 MB upload
 * does not hold up every room's patches. Plain JavaScript: Node starts it without a loader.
 */
import { parentPort } from 'node:worker_threads';
import { validateBytes } from 'gltf-validator';

parentPort?.on('message', async ({ id, bytes, options }) => {
  try {
    const report = await validateBytes(bytes, options);
    parentPort?.postMessage({ id, issues: report.issues });
  } catch (error) {
    parentPort?.postMessage({ id, error: String(error).slice(0, 300) });
  }
});
