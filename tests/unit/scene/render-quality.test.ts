import { describe, expect, it } from 'vitest';
import { renderQualityFor } from '../../../src/scene/render-quality';

const SOFTWARE = ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', 'llvmpipe (LLVM 15.0.6, 256 bits)', 'Google SwiftShader'];

describe('render quality', () => {
  it('draws software WebGL without multisampling: a player at half a pixel per CSS pixel, a spectator at one', () => {
    for (const name of SOFTWARE) {
      expect(renderQualityFor(name, 'player')).toEqual({ antialias: false, dpr: 0.5 });
      expect(renderQualityFor(name, 'spectator')).toEqual({ antialias: false, dpr: 1 });
    }
  });

  it('keeps multisampling and high pixel ratios on graphics chips, and when the name is hidden', () => {
    for (const name of ['Adreno (TM) 740', 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)', 'Apple GPU', null]) {
      for (const viewer of ['player', 'spectator'] as const) expect(renderQualityFor(name, viewer)).toEqual({ antialias: true, dpr: [1, 2] });
    }
  });
});
