/**
 * The Node versions the room server runs on. The project declares `engines.node >= 20`
 * (package.json): the suite runs on Node 20 here and in CI, although @colyseus/core 0.18 and the
 * Redis packages declare >= 22 (see the top-level README for why 20 is kept and what 22 changes).
 */

/** Oldest major version the server is tested on. */
export const MIN_NODE_MAJOR = 20;

/** Null when `version` (e.g. process.versions.node, "20.20.0") is supported; otherwise the sentence to print. */
export function unsupportedNode(version: string): string | null {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? NaN);
  if (major >= MIN_NODE_MAJOR) return null;
  return `EmoTone's room server needs Node ${MIN_NODE_MAJOR} or newer (22 recommended); this is Node ${version}. `
    + 'Install a current Node (https://nodejs.org) and run `npm ci` again, since native modules are built for one Node version.';
}
