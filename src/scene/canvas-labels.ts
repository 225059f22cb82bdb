import { CanvasTexture } from 'three';

/**
 * Text drawn on canvases for the 3D scene: menu button labels (name tags: name-tag-layer.ts).
 * Everything is painted with fillText, so a display name can never become markup.
 */

/** Height of a label in canvas pixels. */
export const LABEL_H_PX = 96;

/** Paints `text` (as text, never markup) centred on a rounded button at (x, y) of the canvas. */
export function paintLabel(ctx: CanvasRenderingContext2D, x: number, y: number, widthPx: number, text: string, background: string, foreground = '#ffffff'): void {
  ctx.clearRect(x, y, widthPx, LABEL_H_PX);
  ctx.fillStyle = background;
  ctx.beginPath();
  ctx.roundRect(x + 2, y + 2, widthPx - 4, LABEL_H_PX - 4, 20);
  ctx.fill();
  ctx.fillStyle = foreground;
  ctx.font = '600 36px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + widthPx / 2, y + LABEL_H_PX / 2, widthPx - 16);
}

/** Draws `text` centred on a rounded button; returns a texture. */
export function createLabelTexture(text: string, background: string, foreground = '#ffffff', widthPx = 256): CanvasTexture {
  const canvas = Object.assign(document.createElement('canvas'), { width: widthPx, height: LABEL_H_PX });
  const ctx = canvas.getContext('2d');
  if (ctx) paintLabel(ctx, 0, 0, widthPx, text, background, foreground);
  return new CanvasTexture(canvas);
}
