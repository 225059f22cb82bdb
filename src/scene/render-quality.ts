/**
 * How the canvas renders on this device. A machine without a graphics chip draws WebGL in
 * software (SwiftShader, llvmpipe): there 4× multisampling multiplies the per-pixel work that
 * already bounds its frame rate, and a high pixel ratio does too, so such a renderer draws
 * without multisampling at one pixel per CSS pixel. Headsets and GPUs keep both.
 */

/** Renderer names of software WebGL implementations. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software/i;

/** Canvas settings for a renderer. */
export interface RenderQuality {
  readonly antialias: boolean;
  /** Device pixel ratio range handed to the canvas. */
  readonly dpr: number | [number, number];
}

/** The settings for the WebGL renderer named `renderer` (null when unknown: full quality). */
export function renderQualityFor(renderer: string | null): RenderQuality {
  return renderer !== null && SOFTWARE_RENDERER.test(renderer) ? { antialias: false, dpr: 1 } : { antialias: true, dpr: [1, 2] };
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
