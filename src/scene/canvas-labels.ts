import { CanvasTexture } from 'three';

/**
 * Text drawn on canvases for the 3D scene: menu button labels (name tags: name-tag-layer.ts). Everything
 * is painted with fillText, so a display name can never become markup.
 */

/** Draws `text` (as text, never markup) centred on a rounded button; returns a texture. */
export function createLabelTexture(text: string, background: string, foreground = '#ffffff', widthPx = 256): CanvasTexture {
  const canvas = document.createElement('canvas');
  canvas.width = widthPx;
  canvas.height = 96;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.fillStyle = background;
    ctx.beginPath();
    ctx.roundRect(2, 2, canvas.width - 4, canvas.height - 4, 20);
    ctx.fill();
    ctx.fillStyle = foreground;
    ctx.font = '600 36px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, canvas.width / 2, canvas.height / 2, canvas.width - 16);
  }
  return new CanvasTexture(canvas);
}
