"""evaluate: the full waveform model (front end included) on held-out speakers, per corpus.

Figures per corpus: 2 s windows, clip average of the 2 s windows' probabilities, 1 s windows;
UAR, accuracy, confusion; arousal ROC AUC (low vs high energy groups) on 2 s windows; on
windows also UAR per speaker and a speaker-bootstrap interval (metrics.speaker_spread).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from .audio import cut, load_wave, voiced_bounds, window_starts
from .metrics import arousal_auc, speaker_spread, summary, valence_auc
from .model import EmotionModel
from .profile import running_profiles, speaker_key, speaker_profiles

EVAL_SETS = (("ravdess", "test", "held-out speakers: RAVDESS actors 19-24"),
             ("emodb", "test", "held-out speakers: EMO-DB speakers 15, 16"),
             ("tess", "test_sd", "SPEAKER-DEPENDENT: TESS OAF/YAF, held-out words only"),
             ("ased", "test", "held-out speakers: ASED speakers 53-65"),
             ("nemo", "test", "held-out speakers: nEMO speakers TP0, WR0"),
             ("baved", "test", "held-out speakers: BAVED 48-51, 53-56, 100-103 (levels: arousal only)"))
# The 4-class core every corpus with categories is also scored on (see training/LOCO.md).
CORE = ("neutral", "happy", "sad", "angry")


def clip_windows(wave: np.ndarray, cfg: dict, window_ms: int) -> list[np.ndarray]:
    """The app-style windows of one clip (see audio.window_starts)."""
    w, hop = window_ms * 16, cfg["windows"]["hop_ms"] * 16
    s, e = voiced_bounds(wave, cfg["trim"]["frame_samples"], cfg["trim"]["threshold_db"])
    min_samples = cfg["windows"]["min_input_ms"] * 16
    return [cut(wave, b, w, min_samples) for b in window_starts(len(wave), s, e, w, hop)]


@torch.no_grad()
def run_windows(model: EmotionModel, windows: list[np.ndarray],
                profile: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Probabilities [N, C], arousal_valence [N, 2] and, for a speaker-profile model, band
    means [N, M]; equal-length windows batch together. `profile` [M]: the speaker profile
    (None: the model's initial profile)."""
    probs, avs, bands = [None] * len(windows), [None] * len(windows), [None] * len(windows)
    by_len: dict[int, list[int]] = {}
    for i, w in enumerate(windows):
        by_len.setdefault(len(w), []).append(i)
    for idx in by_len.values():
        prof = None if profile is None else torch.from_numpy(np.repeat(profile[None], len(idx), 0))
        out = model(torch.from_numpy(np.stack([windows[i] for i in idx])), prof)
        for k, i in enumerate(idx):
            probs[i], avs[i] = out[0][k].numpy(), out[2][k].numpy()
            bands[i] = out[3][k].numpy() if len(out) > 3 else None
    return np.stack(probs), np.stack(avs), (np.stack(bands) if bands[0] is not None else None)


def _figures(model: EmotionModel, rows: list[dict], waves: list[np.ndarray], cfg: dict,
             window_ms: int, profiles: list | None,
             core: list[int] | None = None) -> tuple[dict, dict, np.ndarray | None, np.ndarray]:
    """(window summary, clip-average summary, per-clip sums of the windows' band means [N, M]
    or None, windows per clip [N]) over the rows with their profiles. With `core` (class
    indices), the window summary also has `core`: the windows whose class is one of them,
    each read as the most probable of those classes only."""
    n_cls = len(cfg["labels"])
    yt, yp, spk, ar, groups, clip_t, clip_p, clip_ar, clip_g = [], [], [], [], [], [], [], [], []
    va, va_label, clip_va, clip_label = [], [], [], []
    core_t, core_p = [], []
    band_sums, counts = [], []
    for k, (row, wave) in enumerate(zip(rows, waves)):
        probs, av, bands = run_windows(model, clip_windows(wave, cfg, window_ms),
                                       None if profiles is None else profiles[k])
        if row["class_index"] >= 0:
            yt += [row["class_index"]] * len(probs)
            yp += probs.argmax(1).tolist()
            spk += [row["speaker"]] * len(probs)
            clip_t.append(row["class_index"])
            clip_p.append(int(probs.mean(0).argmax()))
        if core and row["class_index"] in core:
            core_t += [core.index(row["class_index"])] * len(probs)
            core_p += probs[:, core].argmax(1).tolist()
        ar += av[:, 0].tolist()
        groups += [row["arousal_group"]] * len(probs)
        clip_ar.append(float(av[:, 0].mean()))
        clip_g.append(row["arousal_group"])
        va += av[:, 1].tolist()
        va_label += [row.get("label")] * len(probs)
        clip_va.append(float(av[:, 1].mean()))
        clip_label.append(row.get("label"))
        band_sums.append(None if bands is None else bands.astype(np.float64).sum(0))
        counts.append(len(probs))
    # a corpus without categories (intensity levels only) has arousal figures only
    windows = summary(yt, yp, n_cls) if yt else {"n": 0, "uar": None, "accuracy": None, "confusion": None}
    clips = summary(clip_t, clip_p, n_cls) if clip_t else dict(windows)
    windows["arousal_auc"] = arousal_auc(np.array(ar), groups)
    windows["valence_auc"] = valence_auc(np.array(va), va_label)
    windows.update(speaker_spread(yt, yp, spk, n_cls) if yt else {})
    if core:
        windows["core"] = summary(core_t, core_p, len(core)) if core_t else None
    clips["arousal_auc"] = arousal_auc(np.array(clip_ar), clip_g)
    clips["valence_auc"] = valence_auc(np.array(clip_va), clip_label)
    sums = np.stack(band_sums) if band_sums and band_sums[0] is not None else None
    return windows, clips, sums, np.array(counts, dtype=np.int64)


def evaluate_rows(model: EmotionModel, rows: list[dict], root: Path, cfg: dict,
                  core: list[int] | None = None, short_windows: bool = True) -> dict:
    """Figures on 2 s windows, their clip average and 1 s windows. A speaker-profile model is
    scored as the app runs it (running profile from the speaker's earlier clips, see
    profile.running_profiles); its figures with the initial profile only (`window_2s_cold`,
    the pass whose band means build the profiles) and with the speaker's mean over all their
    windows (`window_2s_speaker_mean`) are added. `core`: see _figures (2 s windows);
    `short_windows` False skips the 1 s windows."""
    waves = [load_wave(root / row["path"]) for row in rows]
    w2, w1 = cfg["windows"]["window_ms"], cfg["windows"]["short_window_ms"]
    res: dict = {}
    profiles = None
    if model.uses_profile:
        res["window_2s_cold"], _, sums, counts = _figures(model, rows, waves, cfg, w2, None)
        initial = model.initial_profile.numpy().astype(np.float64)
        profiles = running_profiles(rows, sums, counts, initial, cfg["speaker_profile"]["prior_windows"])
        means = speaker_profiles(rows, range(len(rows)), sums, counts)
        res["window_2s_speaker_mean"], *_ = _figures(model, rows, waves, cfg, w2,
                                                     [means[speaker_key(r)] for r in rows])
    res["window_2s"], res["clip_average_2s"], *_ = _figures(model, rows, waves, cfg, w2, profiles, core)
    if short_windows:
        res["window_1s"], *_ = _figures(model, rows, waves, cfg, w1, profiles)
    return res


def evaluate_model(model: EmotionModel, rows: list[dict], root: Path, cfg: dict) -> dict:
    """{corpus: {protocol, clips, window_2s, clip_average_2s, window_1s}} for each eval set."""
    model.eval()
    out = {}
    for corpus, split, protocol in EVAL_SETS:
        sel = [r for r in rows if r["corpus"] == corpus and r["split"] == split]
        if not sel:
            continue
        core = [cfg["labels"].index(c) for c in CORE]
        out[corpus] = {"protocol": protocol, "split": split, "clips": len(sel),
                       "speakers": sorted({r["speaker"] for r in sel}),
                       **evaluate_rows(model, sel, root, cfg, core=core)}
        w2 = out[corpus]["window_2s"]
        if w2.get("uar") is None:
            print(f"  {corpus:8s} 2 s: arousal AUC {w2['arousal_auc']}", flush=True)
            continue
        print(f"  {corpus:8s} 2 s: UAR {w2['uar']:.3f} acc {w2['accuracy']:.3f} "
              f"arousal AUC {w2['arousal_auc']}  | clip-avg UAR {out[corpus]['clip_average_2s']['uar']:.3f}"
              f" | 1 s UAR {out[corpus]['window_1s']['uar']:.3f}"
              + (f" | cold {out[corpus]['window_2s_cold']['uar']:.3f}, speaker mean "
                 f"{out[corpus]['window_2s_speaker_mean']['uar']:.3f}" if model.uses_profile else ""),
              flush=True)
    return out
