/**
 * Where each face of the spectator's gallery goes: a row of tiles along the bottom-left of the
 * view (wrapping to a second row), the same numbers for the 3D viewports and the DOM captions.
 * Pure; CSS pixels with the origin at the bottom-left, as WebGL viewports count them.
 */

/** Size of one face tile, CSS px (tall enough to read a face: at least 150 px). */
export const TILE_W = 150;
export const TILE_H = 170;
/** Caption strip under each tile. */
export const CAPTION_H = 38;
const GAP = 8;
const LEFT = 12;
/** Clear of the spectator's action bar at the bottom. */
const BOTTOM = 62;
/** At most this many rows of faces. */
const MAX_ROWS = 2;

/** One tile: its viewport (x, y from the bottom-left) and size. */
export interface GalleryTile {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** How many tiles fit in a view of this width. */
export function tilesPerRow(viewWidth: number): number {
  return Math.max(1, Math.floor((viewWidth - LEFT) / (TILE_W + GAP)));
}

/** The tile of face `index`, or null when it does not fit. */
export function galleryTile(index: number, viewWidth: number): GalleryTile | null {
  const perRow = tilesPerRow(viewWidth);
  const row = Math.floor(index / perRow);
  if (row >= MAX_ROWS) return null;
  const col = index % perRow;
  return { x: LEFT + col * (TILE_W + GAP), y: BOTTOM + CAPTION_H + row * (TILE_H + CAPTION_H + GAP), w: TILE_W, h: TILE_H };
}
