import {
  CanvasTexture, DynamicDrawUsage, InstancedBufferAttribute, InstancedMesh, LinearFilter, Matrix4, MeshBasicMaterial, PlaneGeometry, Quaternion, Vector3, type Camera,
} from 'three';

/**
 * Every player's floating name tag in one draw call: the tags are cells of one canvas atlas,
 * drawn by one instanced plane that turns to face the viewer (as sprites do). Sprites would cost a
 * draw call each, per eye in VR. Text is painted with fillText, so a name never becomes markup.
 */

/** One player's tag in the layer. */
export interface NameTagSlot {
  /** `mark`: a ring left of the name while they speak, or a muted sign while their microphone is off. */
  setText(text: string, subtitle?: string, mark?: NameTagMark): void;
  /** Where the tag's centre is, in world space, this frame. */
  place(position: Vector3): void;
  release(): void;
}

/** What a tag shows beside the name about the player's voice. */
export type NameTagMark = '' | 'speaking' | 'muted';

/** The layer: its mesh (add it to the scene), slots, and the per-frame turn toward the camera. */
export interface NameTagLayer {
  readonly mesh: InstancedMesh;
  acquire(): NameTagSlot;
  /** Faces every tag to `camera` and uploads changed text; once per frame. */
  update(camera: Camera): void;
  dispose(): void;
}

const COLS = 4;
const ROWS = 8;
/** Most tags at once: a full space has 15 other players. */
export const NAME_TAG_CAPACITY = COLS * ROWS;
const CELL_W = 256;
const CELL_H = 64;
/** Size of a tag in the world, metres. */
const TAG_W_M = 0.6;
const TAG_H_M = 0.15;

/** Paints a tag (name, and a smaller subtitle) into the cell at (x, y). */
function paintTag(ctx: CanvasRenderingContext2D, x: number, y: number, text: string, subtitle: string, mark: NameTagMark): void {
  ctx.clearRect(x, y, CELL_W, CELL_H);
  ctx.fillStyle = 'rgba(20, 24, 32, 0.72)';
  ctx.beginPath();
  ctx.roundRect(x + 2, y + 2, CELL_W - 4, CELL_H - 4, 14);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.font = '600 24px system-ui, sans-serif';
  ctx.fillText(text, x + CELL_W / 2, y + (subtitle ? 31 : 40), CELL_W - 16);
  if (mark === 'speaking') {
    ctx.strokeStyle = '#69f0ae';
    ctx.lineWidth = 4;
    ctx.beginPath();
    ctx.arc(x + 22, y + CELL_H / 2, 9, 0, Math.PI * 2);
    ctx.stroke();
  } else if (mark === 'muted') {
    // Drawn, not an emoji: not every device has an emoji font.
    ctx.strokeStyle = '#ff8a80';
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(x + 22, y + CELL_H / 2, 10, 0, Math.PI * 2);
    ctx.moveTo(x + 15, y + CELL_H / 2 - 7);
    ctx.lineTo(x + 29, y + CELL_H / 2 + 7);
    ctx.stroke();
  }
  if (subtitle) {
    ctx.font = '16px system-ui, sans-serif';
    ctx.fillStyle = '#cfd8dc';
    ctx.fillText(subtitle, x + CELL_W / 2, y + 53, CELL_W - 16);
  }
}

/** Creates an empty layer of NAME_TAG_CAPACITY tags. */
export function createNameTagLayer(): NameTagLayer {
  const canvas = Object.assign(document.createElement('canvas'), { width: COLS * CELL_W, height: ROWS * CELL_H });
  const ctx = canvas.getContext('2d');
  const texture = new CanvasTexture(canvas);
  texture.minFilter = LinearFilter;
  const geometry = new PlaneGeometry(TAG_W_M, TAG_H_M);
  // Per tag: the atlas cell's uv offset (x, y) and size (z, w). The canvas is flipped on upload.
  const cells = new Float32Array(NAME_TAG_CAPACITY * 4);
  for (let i = 0; i < NAME_TAG_CAPACITY; i++) cells.set([(i % COLS) / COLS, 1 - (Math.floor(i / COLS) + 1) / ROWS, 1 / COLS, 1 / ROWS], i * 4);
  geometry.setAttribute('tagCell', new InstancedBufferAttribute(cells, 4));
  const material = new MeshBasicMaterial({ map: texture, transparent: true, depthWrite: false });
  material.onBeforeCompile = (shader) => {
    shader.vertexShader = `attribute vec4 tagCell;\n${shader.vertexShader}`.replace('#include <uv_vertex>', '#include <uv_vertex>\nvMapUv = tagCell.xy + vMapUv * tagCell.zw;');
  };
  const mesh = new InstancedMesh(geometry, material, NAME_TAG_CAPACITY);
  mesh.instanceMatrix.setUsage(DynamicDrawUsage);
  mesh.frustumCulled = false; // the tags stand all round the room
  mesh.count = 0;
  const positions = Array.from({ length: NAME_TAG_CAPACITY }, () => new Vector3());
  const used = new Array<boolean>(NAME_TAG_CAPACITY).fill(false);
  const tmp = { m: new Matrix4(), q: new Quaternion(), one: new Vector3(1, 1, 1), zero: new Vector3(0, 0, 0), dirty: false };

  return {
    mesh,
    acquire() {
      const index = used.indexOf(false);
      if (index < 0) throw new Error(`more than ${NAME_TAG_CAPACITY} name tags`);
      used[index] = true;
      let current = '';
      return {
        setText(text, subtitle = '', mark = '') {
          const key = `${text}\n${subtitle}\n${mark}`;
          if (key === current || !ctx) return;
          current = key;
          paintTag(ctx, (index % COLS) * CELL_W, Math.floor(index / COLS) * CELL_H, text, subtitle, mark);
          tmp.dirty = true;
        },
        place(position) {
          positions[index]?.copy(position);
        },
        release() {
          used[index] = false;
          if (ctx) ctx.clearRect((index % COLS) * CELL_W, Math.floor(index / COLS) * CELL_H, CELL_W, CELL_H);
        },
      };
    },
    update(camera) {
      camera.getWorldQuaternion(tmp.q);
      const count = used.lastIndexOf(true) + 1;
      for (let i = 0; i < count; i++) {
        tmp.m.compose(positions[i] ?? tmp.zero, tmp.q, used[i] ? tmp.one : tmp.zero);
        mesh.setMatrixAt(i, tmp.m);
      }
      mesh.count = count;
      mesh.instanceMatrix.needsUpdate = true;
      if (tmp.dirty) (texture.needsUpdate = true), (tmp.dirty = false);
    },
    dispose() {
      texture.dispose();
      geometry.dispose();
      material.dispose();
    },
  };
}
