"""Tiny synthetic corpora named exactly like the real releases (for adapter and smoke tests)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

RATE = 16000


def tone(seconds: float, freq: float, seed: int, level: float = 0.3) -> np.ndarray:
    """A vibrato tone with a little noise, framed by 0.3 s of near-silence."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    voiced = level * np.sin(2 * np.pi * (freq + 15 * np.sin(2 * np.pi * 5 * t)) * t)
    pad = np.zeros(int(0.3 * RATE))
    x = np.concatenate([pad, voiced, pad]) + 1e-3 * rng.standard_normal(len(t) + 2 * len(pad))
    return x.astype(np.float32)


def write(path: Path, x: np.ndarray, rate: int = RATE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(str(path), x, rate, subtype="PCM_16")


def make_ravdess(root: Path, actors=(1, 2, 19), emotions=range(1, 9), ext=".flac") -> None:
    for a in actors:
        for e in emotions:
            for inten in (1, 2):
                if e == 1 and inten == 2:
                    continue  # RAVDESS has no strong neutral
                name = f"03-01-{e:02d}-{inten:02d}-01-01-{a:02d}{ext}"
                write(root / "ravdess" / f"Actor_{a:02d}" / name, tone(1.6, 100 + 40 * e, a * 100 + e, 0.1 + 0.05 * e))
    write(root / "ravdess" / "Actor_01" / "03-02-01-01-01-01-01.flac", tone(1.0, 200, 1))  # song: skipped


def make_tess(root: Path) -> None:
    for spk, folder in (("OAF", "OAF"), ("YAF", "YAF"), ("OA", "OA")):
        for i, emo in enumerate(("angry", "disgust", "fear", "happy", "neutral", "ps", "sad")):
            for word in ("back", "bite"):
                write(root / "tess" / folder / f"{spk}_{word}_{emo}.flac", tone(1.3, 150 + 30 * i, i))


def make_emodb(root: Path) -> None:
    for spk in ("03", "15"):
        for i, letter in enumerate("WLEAFTN"):
            write(root / "emodb" / "wav" / f"{spk}a01{letter}a.flac", tone(1.4, 120 + 25 * i, i))


def make_cremad(root: Path) -> None:
    for actor in ("1001", "1091"):
        for i, emo in enumerate(("ANG", "DIS", "FEA", "HAP", "NEU", "SAD")):
            write(root / "cremad" / "AudioWAV" / f"{actor}_DFA_{emo}_XX.wav", tone(1.2, 130 + 20 * i, i), 16000)
    (root / "cremad" / "VideoDemographics.csv").write_text(
        "ActorID,Age,Sex,Race,Ethnicity\n1001,51,Male,Caucasian,Not Hispanic\n1091,29,Female,Asian,Not Hispanic\n")


def make_emovdb(root: Path) -> None:
    for spk in ("bea", "sam"):
        for folder, prefix in (("Amused", "amused"), ("Angry", "anger"), ("Disgusted", "disgust"),
                               ("Neutral", "neutral"), ("Sleepy", "sleepiness")):
            write(root / "emovdb" / spk / folder / f"{prefix}_1-28_0001.wav", tone(1.2, 140, 3), 44100)
