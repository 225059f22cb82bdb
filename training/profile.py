"""Speaker profiles: the mean log-mel spectrum of one speaker's speech.

A window's band means are the per-band time average of its gain-normalised log-mel (the
graph's own input normalisation), so they do not depend on the microphone level. A speaker's
profile is the mean of the band means of all their 2 s windows. Models with
`model.speaker_norm` subtract the profile from every window: what is left is how this window
differs from the speaker's usual voice, which is what emotion changes. The app builds the
profile as a running mean of the model's own `band_means` output over the wearer's speech.
"""
from __future__ import annotations

import hashlib

import numpy as np

from .audio import window_frames, window_starts
from .prepare import training_indices


def gain_normalised(lm: np.ndarray) -> np.ndarray:
    """[M, T] log-mel minus its mean over time then mels (as model._normalise_gain)."""
    return lm - lm.mean(axis=1, keepdims=True).mean(axis=0, keepdims=True)


def clip_band_sums(feats: dict, win: int, hop: int,
                   idx=None) -> tuple[np.ndarray, np.ndarray]:
    """Sum of the band means [N, M] of the windows of `win` frames every `hop` frames, and the
    number of those windows [N], of every clip (of the clips `idx` only, if given; the others
    stay zero)."""
    n, m = len(feats["logmel"]), feats["logmel"][0].shape[0]
    sums, counts = np.zeros((n, m), dtype=np.float64), np.zeros(n, dtype=np.int64)
    for i in range(n) if idx is None else idx:
        lm = feats["logmel"][i]
        vs, ve = (int(v) for v in feats["voiced"][i])
        for s in window_starts(lm.shape[1], vs, ve, win, hop):
            sums[i] += gain_normalised(lm[:, s: s + win]).mean(axis=1)
            counts[i] += 1
    return sums, counts


def speaker_key(row: dict) -> tuple[str, str]:
    return row["corpus"], row["speaker"]


def speaker_profiles(rows: list[dict], idx, sums: np.ndarray, counts: np.ndarray) -> dict:
    """{(corpus, speaker): profile [M] float32} over the clips `idx`."""
    acc: dict = {}
    for i in idx:
        s, c = acc.get(speaker_key(rows[i]), (0.0, 0))
        acc[speaker_key(rows[i])] = (s + sums[i], c + counts[i])
    return {k: (s / max(c, 1)).astype(np.float32) for k, (s, c) in acc.items()}


class ProfileSampler:
    """Training profiles estimated from a random handful of the speaker's clips, so the model
    learns to live with the noisy profile of a wearer who has said only a little so far."""

    def __init__(self, rows: list[dict], idx, sums: np.ndarray, counts: np.ndarray,
                 clips: tuple[int, int]):
        self.sums, self.counts, self.clips = sums, counts, clips
        self.by_speaker: dict = {}
        for i in idx:
            self.by_speaker.setdefault(speaker_key(rows[i]), []).append(i)
        self.key = {i: speaker_key(rows[i]) for i in idx}

    def __call__(self, batch_idx, rng: np.random.Generator) -> np.ndarray:
        out = np.empty((len(batch_idx), self.sums.shape[1]), dtype=np.float32)
        for j, i in enumerate(batch_idx):
            pool = self.by_speaker[self.key[int(i)]]
            k = min(len(pool), int(rng.integers(self.clips[0], self.clips[1] + 1)))
            sel = rng.choice(pool, k, replace=False)
            out[j] = self.sums[sel].sum(axis=0) / max(int(self.counts[sel].sum()), 1)
        return out


def profile_order(rows: list[dict]) -> list[int]:
    """The order in which evaluation replays each speaker's clips for a running profile:
    by speaker, then by the SHA-1 of the clip's path (a fixed shuffle, so emotions are mixed
    as in conversation rather than grouped as in the corpora's file naming). The TypeScript
    accuracy test re-implements this rule."""
    return sorted(range(len(rows)), key=lambda i: (rows[i]["corpus"], rows[i]["speaker"],
                                                   hashlib.sha1(rows[i]["path"].encode()).hexdigest()))


def running_profiles(rows: list[dict], sums: np.ndarray, counts: np.ndarray, initial: np.ndarray,
                     prior_windows: float) -> list[np.ndarray]:
    """Each clip's profile as the app would have it when the clip starts: the mean band means
    of the speaker's earlier clips (in profile_order), pulled towards `initial` with the
    weight of `prior_windows` windows - the initial profile alone for a speaker's first clip."""
    out: list = [None] * len(rows)
    acc: dict = {}
    for i in profile_order(rows):
        s, c = acc.get(speaker_key(rows[i]), (np.zeros_like(initial, dtype=np.float64), 0))
        out[i] = ((prior_windows * initial + s) / (prior_windows + c)).astype(np.float32)
        acc[speaker_key(rows[i])] = (s + sums[i], c + counts[i])
    return out


def population_profile(rows: list[dict], idx, sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The mean of the speakers' profiles over the clips `idx`: the profile a wearer starts
    with before they have said anything (each speaker weighs the same)."""
    return np.mean(list(speaker_profiles(rows, idx, sums, counts).values()), axis=0).astype(np.float32)


def initial_profile(cfg: dict, rows: list[dict], feats: dict, fe, fold: int) -> np.ndarray:
    """population_profile of the speakers a run of `fold` trains on (-1: the final model's),
    from cached features: the profile the model starts a wearer with."""
    idx = training_indices(rows, fold)
    return population_profile(rows, idx, *clip_band_sums(feats, *window_frames(cfg, fe), idx))
