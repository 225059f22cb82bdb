import { useFrame } from '@react-three/fiber';
import { useMemo } from 'react';
import { PerspectiveCamera, Vector3, type WebGLRenderer } from 'three';
import { useSceneServices } from '../scene/scene-services';
import type { AppState } from '../state';
import { galleryTile, TILE_H, TILE_W, type GalleryTile } from './gallery-layout';

/** Players in roster order (who joined first). */
export function galleryOrder(state: AppState): string[] {
  return Object.values(state.peers)
    .sort((a, b) => a.joinedAt - b.joinedAt || a.sessionId.localeCompare(b.sessionId))
    .map((p) => p.sessionId);
}

/** A tile's pixels as just rendered (drawing-buffer pixels, bottom row first). Only when a capture is asked for. */
function readTile(gl: WebGLRenderer, tile: GalleryTile, name: string): { name: string; w: number; h: number; rgba: Uint8Array } {
  const ratio = gl.getPixelRatio();
  const [x, y, w, h] = [tile.x, tile.y, tile.w, tile.h].map((v) => Math.round(v * ratio)) as [number, number, number, number];
  const rgba = new Uint8Array(w * h * 4);
  const ctx = gl.getContext();
  ctx.readPixels(x, y, w, h, ctx.RGBA, ctx.UNSIGNED_BYTE, rgba);
  return { name, w, h, rgba };
}

/** The portrait camera sits this far in front of the eyes. */
const PORTRAIT_DISTANCE_M = 0.66;

/**
 * The spectator's faces gallery, drawn in the same canvas: after the orbit view, every player's
 * face is rendered again through a portrait camera in front of their head into a tile along the
 * bottom (like a video-call grid). Captions are DOM (GalleryCaptions). Allocation-free per frame.
 */
export function FaceGallery() {
  const { store, directory, stats } = useSceneServices();
  const tmp = useMemo(() => ({
    camera: new PerspectiveCamera(26, TILE_W / TILE_H, 0.05, 20),
    head: new Vector3(),
    forward: new Vector3(),
    up: new Vector3(),
    // The order is worked out again only when the peer records change, not every frame.
    peers: null as AppState['peers'] | null,
    order: [] as string[],
  }), []);

  // Priority 1: this callback renders the frame itself (the orbit view, then the tiles).
  useFrame(({ gl, scene, camera, size }) => {
    gl.setScissorTest(false);
    gl.setViewport(0, 0, size.width, size.height);
    gl.render(scene, camera);
    const state = store.getState();
    if (state.peers !== tmp.peers) [tmp.peers, tmp.order] = [state.peers, galleryOrder(state)];
    const order = tmp.order;
    let drawn = 0;
    const capture = stats.galleryCapture.wanted > 0 ? [] as { name: string; w: number; h: number; rgba: Uint8Array }[] : null;
    for (let i = 0; i < order.length; i++) {
      const entry = directory.get(order[i] as string);
      const tile = galleryTile(i, size.width);
      if (!entry || !tile) continue;
      // Locked to the rendered face (it breathes and tilts), like a face-tracking video call: the
      // face holds still in its tile and the expression is what moves.
      entry.avatar.faceFrame(tmp.head, tmp.forward, tmp.up);
      tmp.camera.position.copy(tmp.head).addScaledVector(tmp.forward, PORTRAIT_DISTANCE_M);
      tmp.camera.up.copy(tmp.up);
      tmp.camera.lookAt(tmp.head.x - 0.01 * tmp.up.x, tmp.head.y - 0.01 * tmp.up.y, tmp.head.z - 0.01 * tmp.up.z);
      gl.setViewport(tile.x, tile.y, tile.w, tile.h);
      gl.setScissor(tile.x, tile.y, tile.w, tile.h);
      gl.setScissorTest(true);
      gl.render(scene, tmp.camera);
      if (capture) capture.push(readTile(gl, tile, entry.name));
      drawn++;
    }
    if (capture) {
      stats.galleryCapture.frames.push(capture);
      stats.galleryCapture.wanted--;
    }
    gl.setScissorTest(false);
    gl.setViewport(0, 0, size.width, size.height);
    stats.galleryTiles = drawn;
  }, 1);
  return null;
}
