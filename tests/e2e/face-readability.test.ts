import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BREATHS_PER_SEC } from '../../src/avatar/breathing';
import { SHIPPED_AVATARS } from '../../src/avatar/shipped-avatars';
import { EMOTION_LABELS, EmotionLabel, manualEmotion } from '../../src/shared/emotion-labels';
import { COLYSEUS_PATH, Role } from '../../src/shared/protocol';
import { appClient, until } from '../harness/app-clients';
import { itStayedOffline, setupE2e } from '../harness/environment';
import { openSpectator, waitForHook } from '../harness/hook';
import { RESULTS_DIR } from '../harness/paths';

/**
 * Frames per held face; the per-pixel median of them removes a blink caught in one, and most of
 * the sway of hair and body that five frames (1 s) left in (neutral-to-neutral noise 3.2–4.9 on
 * the avatars with long hair, from run to run).
 */
const FRAMES = 9;
/**
 * The frames are spread over one breath: the portrait camera follows the head, so the chest and
 * collar rise and fall in the crop's lower edge. Frames over part of a breath (2 s of a 4.3 s
 * breath before) gave a median at whatever phase the face was held in, and two held neutral faces
 * differed by it: on a busy machine, whose slow frames put the phases anywhere, noise of 5.1
 * (moss) and 5.6 (pixel) against 0.5 and 1.7 idle, mostly at that edge. Spread over a whole
 * breath, every held face has the chest at the middle of its travel.
 */
const FRAME_GAP_MS = Math.ceil(1000 / BREATHS_PER_SEC / FRAMES);
/**
 * A held face must differ from neutral by this many times the noise between two held neutral
 * faces (the same kind of picture: a median of frames, so a blink caught in one frame counts in
 * neither). The difference between two single frames (blinks, gaze, light on a breathing head) is
 * printed beside it for the reader.
 */
const SIGNAL_OVER_NOISE = 2.5;

/** Smallest noise the ratio is taken against (units of {@link difference}), so an identical pair cannot make any change pass. */
const NOISE_FLOOR = 0.5;

/** Where the face sits in a gallery tile (fractions of the tile's picture). */
const FACE_BOX = { left: 0.1, right: 0.9, top: 0.15, bottom: 0.8 };
/** Pixels kept clear at the tile's edge (its DOM frame takes the label's colour in the page). */
const INSET = 4;

type Crop = { w: number; h: number; rgb: number[] };

/** `n` rendered frames of the spectator's gallery, FRAME_GAP_MS apart. */
const captureFaces = (page: Page, n: number) => page.evaluate(([frames, gap]) => window.__emotone!.captureGallery(frames, gap), [n, FRAME_GAP_MS] as const);

/** The face inside a tile as rendered: the FACE_BOX of its picture, 2×2-averaged, as RGB, top row first. */
function faceCrop(tile: { w: number; h: number; rgba: string }): Crop {
  const data = Buffer.from(tile.rgba, 'base64');
  // The picture inside the inset the old screenshot crop kept clear of the tile's DOM frame.
  const x0 = INSET + Math.round(FACE_BOX.left * (tile.w - 2 * INSET));
  const y0 = INSET + Math.round(FACE_BOX.top * (tile.h - 2 * INSET));
  const w = Math.floor((Math.round((FACE_BOX.right - FACE_BOX.left) * (tile.w - 2 * INSET)) & ~1) / 2);
  const h = Math.floor((Math.round((FACE_BOX.bottom - FACE_BOX.top) * (tile.h - 2 * INSET)) & ~1) / 2);
  const rgb: number[] = [];
  // Rows come bottom first (WebGL): row r from the top is tile.h - 1 - r.
  const at = (x: number, yFromTop: number, c: number): number => data[((tile.h - 1 - yFromTop) * tile.w + x) * 4 + c]!;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < 3; c++) {
        const [px, py] = [x0 + 2 * x, y0 + 2 * y];
        rgb.push((at(px, py, c) + at(px + 1, py, c) + at(px, py + 1, c) + at(px + 1, py + 1, c)) / 4);
      }
  return { w, h, rgb };
}

function median(crops: Crop[]): Crop {
  const out = crops[0]!.rgb.map((_, i) => {
    const v = crops.map((c) => c.rgb[i]!).sort((a, b) => a - b);
    return v[v.length >> 1]!;
  });
  return { w: crops[0]!.w, h: crops[0]!.h, rgb: out };
}

/** A crop with its overall brightness and contrast taken out (mean 0, standard deviation 1). */
function standardise(c: Crop): number[] {
  const n = c.rgb.length;
  const mean = c.rgb.reduce((a, v) => a + v, 0) / n;
  const sd = Math.sqrt(c.rgb.reduce((a, v) => a + (v - mean) ** 2, 0) / n) || 1;
  return c.rgb.map((v) => (v - mean) / sd);
}

/**
 * How far apart two faces are: the mean absolute difference of the standardised crops, ×100. A
 * head that breathes under a fixed light gets brighter and darker as a whole; that is not an
 * expression, so brightness and contrast are taken out first and shapes are what count.
 */
function difference(a: Crop, b: Crop): number {
  const x = standardise(a);
  const y = standardise(b);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]! - y[i]!);
  return (100 * sum) / x.length;
}

/** Writes the held faces as one picture: a row per avatar, a column per label. */
async function saveSheet(decoder: Page, path: string, rows: { name: string; faces: Crop[] }[], labels: readonly string[]): Promise<void> {
  const b64 = await decoder.evaluate(
    async ([sheet, heads]) => {
      const { w, h } = sheet[0]!.faces[0]!;
      const left = 70;
      const top = 18;
      const canvas = new OffscreenCanvas(left + heads.length * w, top + sheet.length * h);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#1b1f27';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = '#e8ecf2';
      ctx.font = '11px sans-serif';
      heads.forEach((label, i) => ctx.fillText(label, left + i * w + 4, 13));
      sheet.forEach((row, r) => {
        ctx.fillText(row.name, 4, top + r * h + h / 2);
        row.faces.forEach((face, i) => {
          const img = ctx.createImageData(w, h);
          for (let p = 0; p < w * h; p++) {
            for (let c = 0; c < 3; c++) img.data[p * 4 + c] = face.rgb[p * 3 + c]!;
            img.data[p * 4 + 3] = 255;
          }
          ctx.putImageData(img, left + i * w, top + r * h);
        });
      });
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const buf = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (const b of buf) s += String.fromCharCode(b);
      return btoa(s);
    },
    [rows, labels] as const,
  );
  writeFileSync(path, Buffer.from(b64, 'base64'));
}

describe('faces you can read: every label against neutral on every shipped avatar', () => {
  const env = setupE2e({ viewport: { width: 680, height: 520 } });

  it('each label changes each avatar’s face crop well beyond the noise between two neutral crops (face sheet saved)', { timeout: 720_000 }, async () => {
    const started = Date.now();
    const spectator = await env.browser.newPage('spectator');
    await openSpectator(spectator, env.server.url);
    const decoder = await env.browser.newPage('decoder');
    const endpoint = `${env.server.url}${COLYSEUS_PATH}`;
    // The players are real room clients of the app's own network code, one per shipped avatar.
    const players = SHIPPED_AVATARS.map((a) => ({ avatar: a.id, ...appClient(endpoint, Role.player, a.id, undefined, a.id) }));
    try {
      await Promise.all(players.map((p) => p.client.connect()));
      await Promise.all(players.map((p) => until(p.store, (s) => s.connection.kind === 'connected', 20_000, `${p.avatar} connected`)));
      await waitForHook(spectator, (h) => h.galleryTiles === players.length && h.placeholderCount === 0, 90_000, `${players.length} faces in the gallery`);
      // The faces are read from the rendered frames themselves (the gallery's pixels as drawn),
      // not from screenshots of the page: a screenshot waits for the compositor and a PNG round trip.
      const names = (await captureFaces(spectator, 1))[0]!.map((t) => t.name);
      const rects = names.map((name) => ({ name }));
      expect(new Set(names)).toEqual(new Set(players.map((p) => p.avatar)));

      // Neutral at the start, in the middle and at the end: the noise is how far apart those are.
      const others = EMOTION_LABELS.filter((l) => l !== EmotionLabel.neutral);
      const half = others.length >> 1;
      const phases = [EmotionLabel.neutral, ...others.slice(0, half), EmotionLabel.neutral, ...others.slice(half), EmotionLabel.neutral];
      const neutralAt = phases.flatMap((l, i) => (l === EmotionLabel.neutral ? [i] : []));
      const held: Crop[][] = []; // [phase][tile]
      const frameNoise: number[][] = rects.map(() => []);
      for (const [phase, label] of phases.entries()) {
        for (const p of players) p.store.setSelfEmotion(manualEmotion(label));
        await waitForHook(spectator, (h) => players.every((p) => h.peerLabels[p.avatar] === label), 20_000, `every face ${label}`);
        await spectator.waitForTimeout(1200); // the face eases in over a few hundred ms
        const frames: Crop[][] = (await captureFaces(spectator, FRAMES)).map((frame) => {
          expect(frame.map((t) => t.name)).toEqual(names);
          return frame.map(faceCrop);
        });
        if (label === EmotionLabel.neutral) {
          rects.forEach((_, t) => {
            for (let f = 1; f < FRAMES; f++) frameNoise[t]!.push(difference(frames[f - 1]![t]!, frames[f]![t]!));
          });
        }
        held[phase] = rects.map((_, t) => median(frames.map((fr) => fr[t]!)));
      }

      const first = held[0]!;
      const last = held[phases.length - 1]!;
      const shown = phases.flatMap((l, i) => (l === EmotionLabel.neutral ? [] : [{ label: l, i }]));
      const lines: string[] = [`| avatar | noise (neutral vs neutral) | frame-to-frame (median) | ${shown.map((p) => p.label).join(' | ')} |`, `|---|---|---|${shown.map(() => '---').join('|')}|`];
      const failures: string[] = [];
      rects.forEach((r, t) => {
        // The median of the three neutral-to-neutral differences.
        const pairs = [[0, 1], [0, 2], [1, 2]].map(([a, b]) => difference(held[neutralAt[a!]!]![t]!, held[neutralAt[b!]!]![t]!)).sort((a, b) => a - b);
        const noise = pairs[1]!;
        const ff = [...frameNoise[t]!].sort((a, b) => a - b)[frameNoise[t]!.length >> 1]!;
        const ref = Math.max(noise, NOISE_FLOOR);
        const cells = shown.map(({ label, i }) => {
          const signal = difference(held[i]![t]!, first[t]!);
          if (signal < SIGNAL_OVER_NOISE * ref) failures.push(`${r.name} ${label}: ${signal.toFixed(2)} against noise ${noise.toFixed(2)} (frame to frame ${ff.toFixed(2)})`);
          return `${signal.toFixed(1)} (${(signal / ref).toFixed(0)}×)`;
        });
        lines.push(`| ${r.name} | ${noise.toFixed(2)} | ${ff.toFixed(2)} | ${cells.join(' | ')} |`);
      });
      console.log(`face crops against neutral (mean |Δ| of brightness-standardised crops ×100), and as a multiple of the neutral noise:\n${lines.join('\n')}`);
      mkdirSync(RESULTS_DIR, { recursive: true });
      const sheet = join(RESULTS_DIR, 'face-sheet.png');
      // The last column shows where two neutral faces differ (×4): what the noise is made of.
      const noiseImage = (a: Crop, b: Crop): Crop => ({ ...a, rgb: a.rgb.map((v, i) => Math.min(255, 4 * Math.abs(v - b.rgb[i]!))) });
      await saveSheet(decoder, sheet, rects.map((r, t) => ({ name: r.name, faces: [first[t]!, ...shown.map(({ i }) => held[i]![t]!), noiseImage(first[t]!, last[t]!)] })), ['neutral', ...shown.map((p) => p.label), 'noise ×4']);
      console.log(`face sheet saved: ${sheet} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      expect(failures, 'labels too close to neutral').toEqual([]);
    } finally {
      await Promise.all(players.map((p) => p.client.leave()));
    }
  });

  itStayedOffline(env);
});
