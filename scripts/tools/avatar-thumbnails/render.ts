/**
 * The browser half of scripts/tools/avatar-thumbnails.ts: renders one shipped VRM, with the app's
 * own loader, as a head-and-shoulders portrait on the landing page's card colour, and returns it
 * as a WebP data URL.
 */
import { AmbientLight, Box3, Color, DirectionalLight, PerspectiveCamera, Scene, SRGBColorSpace, Vector3, WebGLRenderer } from 'three';
import { disposeVrm, loadVrm } from '../../../src/avatar/load-vrm';

declare global {
  interface Window {
    renderAvatar?: (url: string, sizePx: number, quality: number) => Promise<string>;
  }
}

window.renderAvatar = async (url, sizePx, quality) => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = sizePx;
  const renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  renderer.outputColorSpace = SRGBColorSpace;
  const scene = new Scene();
  scene.background = new Color('#263238');
  scene.add(new AmbientLight('#ffffff', 1.6));
  const key = new DirectionalLight('#ffffff', 2.2);
  key.position.set(0.6, 1.8, 1.6);
  scene.add(key);
  const { vrm } = await loadVrm(url);
  scene.add(vrm.scene);
  vrm.update(0);
  vrm.scene.updateMatrixWorld(true);
  const head = vrm.humanoid.getNormalizedBoneNode('head');
  const headAt = head ? head.getWorldPosition(new Vector3()) : new Box3().setFromObject(vrm.scene).getCenter(new Vector3());
  // Head and shoulders, from the front (avatars face +Z): the head bone sits at the neck, so aim above it.
  const target = new Vector3(0, headAt.y + 0.08, headAt.z);
  const camera = new PerspectiveCamera(24, 1, 0.05, 20);
  camera.position.set(0, target.y + 0.05, target.z + 1.6);
  camera.lookAt(target);
  renderer.render(scene, camera);
  const dataUrl = canvas.toDataURL('image/webp', quality);
  disposeVrm(vrm);
  renderer.dispose();
  return dataUrl;
};
