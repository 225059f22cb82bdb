import { describe, expect, it } from 'vitest';
import { BUTTON_GAP, BUTTON_H, BUTTON_W, emotionButtonAt, emotionButtonOffset } from '../../../src/xr/menu-layout';

describe('the emotion grid of the wrist menu', () => {
  it('finds each button at its centre and near its corners', () => {
    for (let i = 0; i < 9; i++) {
      const [x, y] = emotionButtonOffset(i);
      expect(emotionButtonAt(x, y)).toBe(i);
      expect(emotionButtonAt(x - BUTTON_W / 2 + 0.002, y + BUTTON_H / 2 - 0.002)).toBe(i);
      expect(emotionButtonAt(x + BUTTON_W / 2 - 0.002, y - BUTTON_H / 2 + 0.002)).toBe(i);
    }
  });

  it('finds no button in the gaps or outside the grid', () => {
    const [x0, y0] = emotionButtonOffset(0);
    expect(emotionButtonAt(x0 + BUTTON_W / 2 + BUTTON_GAP / 2, y0)).toBe(-1);
    expect(emotionButtonAt(x0, y0 - BUTTON_H / 2 - BUTTON_GAP / 2)).toBe(-1);
    expect(emotionButtonAt(x0 - BUTTON_W, y0)).toBe(-1);
    expect(emotionButtonAt(0, 1)).toBe(-1);
  });
});
