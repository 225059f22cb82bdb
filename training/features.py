"""Feature cache: log-mel of every manifest clip, computed by the model's own front end."""
from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import numpy as np
import torch

from .audio import load_wave, voiced_bounds
from .frontend import LogMelFrontEnd


def cache_key(cfg: dict, rows: list[dict]) -> str:
    blob = json.dumps([cfg["frontend"], cfg["trim"], [r["path"] for r in rows]], sort_keys=True)
    return hashlib.sha1(blob.encode()).hexdigest()[:12]


def compute_features(cfg: dict, rows: list[dict], root: Path, cache_dir: Path) -> dict:
    """{'logmel': list of float32 [M, T], 'voiced': int32 [N, 2] frame span}; cached on disk."""
    path = cache_dir / f"features-{cache_key(cfg, rows)}.pt"
    if path.is_file():
        return torch.load(path)
    fe = LogMelFrontEnd(**cfg["frontend"]).eval()
    logmels, voiced, t0 = [], [], time.time()
    with torch.no_grad():
        for i, row in enumerate(rows):
            wave = load_wave(root / row["path"])
            if len(wave) < fe.n_fft:
                wave = np.pad(wave, (0, fe.n_fft - len(wave)))
            s, e = voiced_bounds(wave, cfg["trim"]["frame_samples"], cfg["trim"]["threshold_db"])
            lm = fe(torch.from_numpy(wave)[None])[0].numpy().astype(np.float32)
            voiced.append((s // fe.hop, max(s // fe.hop + 1, min(lm.shape[1], e // fe.hop))))
            logmels.append(lm)
            if (i + 1) % 500 == 0:
                print(f"  features {i + 1}/{len(rows)} ({time.time() - t0:.0f} s)", flush=True)
    feats = {"logmel": logmels, "voiced": np.asarray(voiced, dtype=np.int32)}
    cache_dir.mkdir(parents=True, exist_ok=True)
    torch.save(feats, path)
    return feats
