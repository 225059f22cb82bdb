import { Color, Mesh, MeshBasicMaterial, TorusGeometry } from 'three';
import { EMOTION_COLOURS } from '../shared/emotion-colours';
import type { EmotionLabel } from '../shared/emotion-labels';

/** A ring above a head in the emotion's colour (the app's one colour table), as bright as the emotion is sure. */
export interface EmotionCue {
  readonly mesh: Mesh;
  /** Sets colour and strength; allocation-free, call per frame. */
  update(label: EmotionLabel, confidence: number, visible: boolean): void;
  dispose(): void;
}

/** Creates the ring, lying flat, ~18 cm across. */
export function createEmotionCue(): EmotionCue {
  const geometry = new TorusGeometry(0.09, 0.012, 8, 32);
  const material = new MeshBasicMaterial({ color: EMOTION_COLOURS.neutral, transparent: true, opacity: 0.5, depthWrite: false });
  const mesh = new Mesh(geometry, material);
  mesh.rotation.x = Math.PI / 2;
  const colours = new Map<EmotionLabel, Color>(Object.entries(EMOTION_COLOURS).map(([label, hex]) => [label as EmotionLabel, new Color(hex)]));
  return {
    mesh,
    update(label, confidence, visible) {
      mesh.visible = visible;
      if (!visible) return;
      const colour = colours.get(label);
      if (colour) material.color.copy(colour);
      material.opacity = 0.25 + 0.7 * Math.min(1, Math.max(0, confidence));
    },
    dispose() {
      geometry.dispose();
      material.dispose();
    },
  };
}
