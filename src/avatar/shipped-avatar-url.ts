import { findShippedAvatar } from './shipped-avatars';

/**
 * URLs of the shipped VRM files, resolved by Vite: in development they are served from the
 * source tree, in a build they are copied (content-hashed) into dist/assets. No server route and
 * no CDN is involved. Works in the browser bundle and under Vitest; plain Node has no
 * `import.meta.glob`, so Node scripts read `assets/avatars/<file>` from disk instead.
 */
const urlsByPath = import.meta.glob<string>('../../assets/avatars/*.vrm', {
  query: '?url',
  import: 'default',
  eager: true,
});

/** URL from which the browser can fetch a shipped avatar's VRM, or `null` for an unknown id. */
export function shippedAvatarUrl(id: string): string | null {
  const avatar = findShippedAvatar(id);
  if (!avatar) return null;
  return urlsByPath[`../../assets/avatars/${avatar.file}`] ?? null;
}
