"""Audio loading, silence trimming and the evaluation windowing rule.

The windowing rule is the contract the TypeScript contract test re-implements
(tests/model/windows.ts): keep both in step.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf
import torch
import torchaudio

SAMPLE_RATE_HZ = 16000


def load_wave(path: str | Path) -> np.ndarray:
    """Mono float32 at 16 kHz (int16 files scale by 1/32768, as sox does)."""
    data, rate = sf.read(str(path), dtype="float32", always_2d=True)
    mono = data.mean(axis=1) if data.shape[1] > 1 else data[:, 0]
    if rate != SAMPLE_RATE_HZ:
        mono = torchaudio.functional.resample(torch.from_numpy(mono), rate, SAMPLE_RATE_HZ).numpy()
    return np.ascontiguousarray(mono, dtype=np.float32)


def voiced_bounds(wave: np.ndarray, frame_samples: int = 320, threshold_db: float = -40.0) -> tuple[int, int]:
    """[start, end) samples between the first and last frame whose RMS is within
    `threshold_db` of the loudest frame (non-overlapping frames). Whole clip if silent."""
    n_frames = len(wave) // frame_samples
    if n_frames == 0:
        return 0, len(wave)
    frames = wave[: n_frames * frame_samples].astype(np.float64).reshape(n_frames, frame_samples)
    rms = np.sqrt((frames * frames).mean(axis=1))
    peak = rms.max()
    if peak <= 0:
        return 0, len(wave)
    above = np.nonzero(rms >= peak * 10 ** (threshold_db / 20))[0]
    return int(above[0]) * frame_samples, (int(above[-1]) + 1) * frame_samples


def window_starts(n: int, start: int, end: int, window: int, hop: int) -> list[int]:
    """Window start samples covering the voiced span [start, end) of a clip of n samples.

    Clip shorter than the window: one window, the whole clip. Voiced span shorter than the
    window: one window centred on it, shifted to stay inside the clip. Otherwise windows every
    `hop` from `start`, plus one ending at `end` if the last does not reach it.
    """
    if n <= window:
        return [0]
    if end - start <= window:
        centre = (start + end) // 2
        return [min(max(centre - window // 2, 0), n - window)]
    starts = list(range(start, end - window + 1, hop))
    if starts[-1] + window < end:
        starts.append(end - window)
    return starts


def cut(wave: np.ndarray, begin: int, window: int, min_samples: int) -> np.ndarray:
    """wave[begin:begin+window], zero-padded at the end to at least `min_samples`."""
    seg = wave[begin: begin + window]
    if len(seg) < min_samples:
        seg = np.concatenate([seg, np.zeros(min_samples - len(seg), dtype=np.float32)])
    return seg


def window_frames(cfg: dict, fe) -> tuple[int, int]:
    """The app's window and its hop, in frames of the front end `fe`."""
    return fe.n_frames(cfg["windows"]["window_ms"] * 16), cfg["windows"]["hop_ms"] * 16 // fe.hop
