/**
 * How the canvas renders on this device. A machine without a graphics chip draws WebGL in
 * software (SwiftShader, llvmpipe): there 4× multisampling multiplies the per-pixel work that
 * already bounds its frame rate, and a high pixel ratio does too, so such a renderer draws
 * without multisampling at one pixel per CSS pixel. A player's own view there draws at half that
 * in each direction: the lounge's lit surfaces cover the whole canvas, so the frame time is the
 * pixel count (measured on a 2-core machine, one player page at 1024×640: 8.6 frames/s at one
 * pixel per CSS pixel, 21.8 at half), and a player needs frames for walking and head motion more
 * than sharp edges. The spectator keeps one pixel per CSS pixel: the face gallery's tiles are the
 * reason to spectate, and a face a quarter the pixels loses its expression. Headsets (XR sizes its
 * own framebuffer) and GPUs keep full quality.
 */

/** Renderer names of software WebGL implementations. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software/i;

/** Canvas settings for a renderer. */
export interface RenderQuality {
  readonly antialias: boolean;
  /** Device pixel ratio range handed to the canvas. */
  readonly dpr: number | [number, number];
}

/** Who looks at the canvas: a player's own view, or a spectator's (with the face gallery). */
export type CanvasViewer = 'player' | 'spectator';

/** The settings for the WebGL renderer named `renderer` (null when unknown: full quality). */
export function renderQualityFor(renderer: string | null, viewer: CanvasViewer): RenderQuality {
  if (renderer === null || !SOFTWARE_RENDERER.test(renderer)) return { antialias: true, dpr: [1, 2] };
  return { antialias: false, dpr: viewer === 'spectator' ? 1 : 0.5 };
}

/** The WebGL renderer's name on this page (a throwaway context), or null when the browser hides it. */
export function webglRendererName(doc: Document = document): string | null {
  const gl = doc.createElement('canvas').getContext('webgl2') ?? doc.createElement('canvas').getContext('webgl');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}
