"""evaluate: the full waveform model (front end included) on held-out speakers, per corpus.

Figures per corpus: 2 s windows, clip average of the 2 s windows' probabilities, 1 s windows;
UAR, accuracy, confusion; arousal ROC AUC (low vs high energy groups) on 2 s windows.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from .audio import cut, load_wave, voiced_bounds, window_starts
from .metrics import arousal_auc, summary
from .model import EmotionModel

EVAL_SETS = (("ravdess", "test", "held-out speakers: RAVDESS actors 19-24"),
             ("emodb", "test", "held-out speakers: EMO-DB speakers 15, 16"),
             ("tess", "test_sd", "SPEAKER-DEPENDENT: TESS OAF/YAF, held-out words only"))


def clip_windows(wave: np.ndarray, cfg: dict, window_ms: int) -> list[np.ndarray]:
    """The app-style windows of one clip (see audio.window_starts)."""
    w, hop = window_ms * 16, cfg["windows"]["hop_ms"] * 16
    s, e = voiced_bounds(wave, cfg["trim"]["frame_samples"], cfg["trim"]["threshold_db"])
    min_samples = cfg["windows"]["min_input_ms"] * 16
    return [cut(wave, b, w, min_samples) for b in window_starts(len(wave), s, e, w, hop)]


@torch.no_grad()
def run_windows(model: EmotionModel, windows: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities [N, C] and arousal_valence [N, 2]; equal-length windows batch together."""
    probs, avs = [None] * len(windows), [None] * len(windows)
    by_len: dict[int, list[int]] = {}
    for i, w in enumerate(windows):
        by_len.setdefault(len(w), []).append(i)
    for idx in by_len.values():
        p, _, av = model(torch.from_numpy(np.stack([windows[i] for i in idx])))
        for k, i in enumerate(idx):
            probs[i], avs[i] = p[k].numpy(), av[k].numpy()
    return np.stack(probs), np.stack(avs)


def evaluate_rows(model: EmotionModel, rows: list[dict], root: Path, cfg: dict) -> dict:
    n_cls = len(cfg["labels"])
    res = {}
    for name, window_ms in (("window_2s", cfg["windows"]["window_ms"]),
                            ("window_1s", cfg["windows"]["short_window_ms"])):
        yt, yp, ar, groups, clip_t, clip_p, clip_ar, clip_g = [], [], [], [], [], [], [], []
        for row in rows:
            probs, av = run_windows(model, clip_windows(load_wave(root / row["path"]), cfg, window_ms))
            if row["class_index"] >= 0:
                yt += [row["class_index"]] * len(probs)
                yp += probs.argmax(1).tolist()
                clip_t.append(row["class_index"])
                clip_p.append(int(probs.mean(0).argmax()))
            ar += av[:, 0].tolist()
            groups += [row["arousal_group"]] * len(probs)
            clip_ar.append(float(av[:, 0].mean()))
            clip_g.append(row["arousal_group"])
        res[name] = summary(yt, yp, n_cls)
        res[name]["arousal_auc"] = arousal_auc(np.array(ar), groups)
        if name == "window_2s":
            res["clip_average_2s"] = summary(clip_t, clip_p, n_cls)
            res["clip_average_2s"]["arousal_auc"] = arousal_auc(np.array(clip_ar), clip_g)
    return res


def evaluate_model(model: EmotionModel, rows: list[dict], root: Path, cfg: dict) -> dict:
    """{corpus: {protocol, clips, window_2s, clip_average_2s, window_1s}} for each eval set."""
    model.eval()
    out = {}
    for corpus, split, protocol in EVAL_SETS:
        sel = [r for r in rows if r["corpus"] == corpus and r["split"] == split]
        if not sel:
            continue
        out[corpus] = {"protocol": protocol, "split": split, "clips": len(sel),
                       "speakers": sorted({r["speaker"] for r in sel}),
                       **evaluate_rows(model, sel, root, cfg)}
        w2 = out[corpus]["window_2s"]
        print(f"  {corpus:8s} 2 s: UAR {w2['uar']:.3f} acc {w2['accuracy']:.3f} "
              f"arousal AUC {w2['arousal_auc']}  | clip-avg UAR {out[corpus]['clip_average_2s']['uar']:.3f}"
              f" | 1 s UAR {out[corpus]['window_1s']['uar']:.3f}", flush=True)
    return out
