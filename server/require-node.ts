/**
 * Imported first by server/main.ts, before any module that may fail on an old Node: says which
 * Node is needed and exits, instead of a stack trace from deep inside a dependency.
 */
import { unsupportedNode } from './node-support';

const problem = unsupportedNode(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(1);
}
