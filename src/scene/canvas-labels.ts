import { CanvasTexture, LinearFilter, Sprite, SpriteMaterial } from 'three';

/**
 * Text drawn on canvases for the 3D scene: menu button labels and floating name tags. Everything
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

/** A floating label drawn on a canvas. Names are painted as text; nothing is parsed as markup. */
export interface NameTag {
  readonly sprite: Sprite;
  setText(text: string, subtitle?: string): void;
  dispose(): void;
}

/** Creates a name tag sprite ~0.6 m wide. */
export function createNameTag(): NameTag {
  const canvas = document.createElement('canvas');
  canvas.width = 512;
  canvas.height = 128;
  const ctx = canvas.getContext('2d');
  const texture = new CanvasTexture(canvas);
  texture.minFilter = LinearFilter;
  const material = new SpriteMaterial({ map: texture, transparent: true, depthWrite: false });
  const sprite = new Sprite(material);
  sprite.scale.set(0.6, 0.15, 1);
  let current = '';
  return {
    sprite,
    setText(text, subtitle = '') {
      const key = `${text}\n${subtitle}`;
      if (key === current || !ctx) return;
      current = key;
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = 'rgba(20, 24, 32, 0.72)';
      ctx.beginPath();
      ctx.roundRect(4, 4, canvas.width - 8, canvas.height - 8, 28);
      ctx.fill();
      ctx.fillStyle = '#ffffff';
      ctx.textAlign = 'center';
      ctx.font = '600 48px system-ui, sans-serif';
      ctx.fillText(text, canvas.width / 2, subtitle ? 62 : 80, canvas.width - 32);
      if (subtitle) {
        ctx.font = '32px system-ui, sans-serif';
        ctx.fillStyle = '#cfd8dc';
        ctx.fillText(subtitle, canvas.width / 2, 106, canvas.width - 32);
      }
      texture.needsUpdate = true;
    },
    dispose() {
      texture.dispose();
      material.dispose();
    },
  };
}
