/**
 * Pictures of the shipped avatars for the landing page's cards: small WebP files rendered from
 * each VRM at build time by `npx tsx scripts/tools/avatar-thumbnails.ts` and committed beside the
 * avatars (assets/avatars/thumbnails/<id>.webp, with a manifest of the VRM hashes they show).
 * Resolved by Vite like the VRMs; no three.js is needed to show them.
 */
const urlsByPath = import.meta.glob<string>('../../assets/avatars/thumbnails/*.webp', {
  query: '?url',
  import: 'default',
  eager: true,
});

/** URL of the shipped avatar's picture, or `null` when it has none. */
export function shippedAvatarThumbnailUrl(id: string): string | null {
  return urlsByPath[`../../assets/avatars/thumbnails/${id}.webp`] ?? null;
}
