"""ASED v1 (Amharic): <n><Emotion>/<x><n>-<yy>-<aa>-<gg>-<bb>.opus, e.g. 01Neutral/n1-01-01-01-01.

x emotion letter (n neutral, f fearful, h happy, s sad, a angry; one file of the release spells
it in upper case) and n its folder number; yy sentence; aa repetition; gg gender (01 female,
02 male); bb speaker 01-65.
"""
from __future__ import annotations

from pathlib import Path

from .base import Record, scan_files

EMOTIONS = {"n": "neutral", "f": "fearful", "h": "happy", "s": "sad", "a": "angry"}
GENDERS = {"01": "female", "02": "male"}
DOWNLOAD = ("ASED: download the Amharic Speech Emotional Dataset v1 (research use only; the link "
            "is in Retta et al., https://arxiv.org/abs/2201.02710) and place its folders 01Neutral "
            "... 05Angry under <EMOTONE_DATASETS>/ased/ (16 kHz mono; .opus, .flac or .wav).")


def parse(path: Path) -> Record | None:
    parts = path.stem.split("-")
    if len(parts) != 5 or len(parts[0]) != 2 or parts[0][0].lower() not in EMOTIONS:
        return None
    code, sentence, repetition, gender, speaker = parts
    if gender not in GENDERS or not speaker.isdigit():
        return None
    emotion = EMOTIONS[code[0].lower()]
    return Record(str(path), "ased", speaker, GENDERS[gender], "am", emotion, "normal",
                  f"{emotion}-{sentence}")


def scan(root: Path) -> list[Record]:
    return scan_files(root, DOWNLOAD, parse)
