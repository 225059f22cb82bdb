"""EmoV-DB (sorted release): <speaker>/<Emotion>/<emotion>_<a>-<b>_<nnnn>.wav.

Speakers bea, jenie (female), josh, sam (male); emotions amused, anger, disgust, neutral,
sleepiness. The speaker is the path component naming one of the four speakers.
"""
from __future__ import annotations

from pathlib import Path

from .base import Record, scan_files

EMOTIONS = {"amused": "amused", "anger": "anger", "angry": "anger", "disgust": "disgust",
            "disgusted": "disgust", "neutral": "neutral", "sleepiness": "sleepiness",
            "sleepy": "sleepiness"}
SPEAKERS = {"bea": "female", "jenie": "female", "josh": "male", "sam": "male"}
DOWNLOAD = ("EmoV-DB: download the sorted release (https://github.com/numediart/EmoV-DB, "
            "openslr.org/115) and place the speaker folders bea/, jenie/, josh/, sam/ under "
            "<EMOTONE_DATASETS>/emovdb/.")


def parse(path: Path, root: Path) -> Record | None:
    rel = path.relative_to(root).parts
    speaker = next((p.lower() for p in rel[:-1] if p.lower() in SPEAKERS), None)
    emotion = EMOTIONS.get(path.stem.split("_")[0].lower())
    if speaker is None or emotion is None:
        return None
    return Record(str(path), "emovdb", speaker, SPEAKERS[speaker], "en", emotion, "normal",
                  path.stem.split("_", 1)[1] if "_" in path.stem else path.stem)


def scan(root: Path) -> list[Record]:
    return scan_files(root, DOWNLOAD, lambda p: parse(p, root))
