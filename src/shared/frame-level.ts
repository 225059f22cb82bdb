/**
 * No headset microphone carries speech below this level (RMS, dBFS): the energy detector's
 * absolute floor, and the level under which the neural detector does not run its model.
 */
export const SPEECH_FLOOR_DBFS = -60;

/** Mean power of `samples[start, end)` in dB full scale (−120 for digital silence). Allocates nothing. */
export function frameDbfs(samples: Float32Array, start = 0, end = samples.length): number {
  let energy = 0;
  for (let i = start; i < end; i++) energy += samples[i]! * samples[i]!;
  return 10 * Math.log10(energy / (end - start) + 1e-12);
}
