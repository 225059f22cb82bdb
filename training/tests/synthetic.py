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
    """16-bit PCM, or Ogg Opus for `.opus` (as the team copies of ASED, BAVED and nEMO)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".opus":
        sf.write(str(path), x, rate, format="OGG", subtype="OPUS")
    else:
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


def make_ased(root: Path) -> None:
    """Speakers 01 (female) and 53 (male, a test speaker); one file spells its letter in upper case."""
    for spk, gender in (("01", "01"), ("53", "02")):
        for i, (folder, code) in enumerate((("01Neutral", "n1"), ("02Fearful", "f2"), ("03Happy", "h3"),
                                            ("04Sad", "s4"), ("05Angry", "a5"))):
            write(root / "ased" / folder / f"{code}-01-01-{gender}-{spk}.opus", tone(1.2, 130 + 20 * i, i))
    write(root / "ased" / "04Sad" / "S4-02-01-01-01.opus", tone(1.2, 150, 9))


def make_baved(root: Path) -> None:
    for spk, gender, age in (("0", "m", "21"), ("48", "f", "20")):
        for level in ("0", "1", "2"):
            for word in ("0", "6"):
                write(root / "baved" / word / f"{spk}-{gender}-{age}-{word}-{level}-1{level}{word}.opus",
                      tone(1.1, 120 + 40 * int(level), int(level), 0.1 + 0.1 * int(level)))
    (root / "baved" / "speakers_info.json").write_text('{"0": {"age": 21, "gender": "m"}, "48": {"age": 20, "gender": "f"}}')


def make_nemo(root: Path) -> None:
    rows = ["file_id\temotion\traw_text\tnormalized_text\tspeaker_id\tgender\tage"]
    for spk, gender in (("EB0", "female"), ("WR0", "male")):
        for i, emo in enumerate(("anger", "fear", "happiness", "neutral", "sadness", "surprised")):
            write(root / "nemo" / "samples" / f"{spk}_{emo}_{i + 1}.opus", tone(1.2, 140 + 15 * i, i))
            rows.append(f"{spk}_{emo}_{i + 1}.wav\t{emo}\tZdanie {i}.\tzdanie {i}\t        {spk}\t{gender}\t25")
    (root / "nemo" / "data.tsv").write_text("\n".join(rows) + "\n")


def make_emogator(root: Path) -> None:
    """Contributors 000001 (training) and 000250 (held out): amusement, relief, elation; one stray name."""
    for spk in ("000001", "000250"):
        for i, category in enumerate(("02", "22", "13")):
            write(root / "emogator" / "mp3" / f"{spk}-{category}-1.opus", tone(1.4, 200 + 40 * i, i))
    write(root / "emogator" / "mp3" / "000001-31-1.opus", tone(1.4, 150, 7))  # no category 31


def make_nonverbal(root: Path) -> None:
    """Speakers AAAA, BBBB, CCCC, DDDD and ZZZZ (the last sorts into the held-out 20 %)."""
    meta = {}
    for k, (spk, cls) in enumerate((("AAAA", "laughing"), ("BBBB", "yawning"), ("CCCC", "coughing"),
                                    ("DDDD", "sighing"), ("ZZZZ", "laughing"))):
        write(root / "nonverbal" / cls / f"{spk}_12_1_0_30_0_0_0.opus", tone(1.4, 180 + 30 * k, k))
        meta[spk] = {"sex": "Female" if k % 2 else "Male", "age": 30, "class": [cls]}
    write(root / "nonverbal" / "humming" / "EEEE_99_1_0_30_0_0_0.opus", tone(1.4, 150, 9))  # not a class
    import json
    (root / "nonverbal" / "Nonverbal_Vocalization_metadata.json").write_text(json.dumps(meta))
