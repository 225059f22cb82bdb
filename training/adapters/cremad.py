"""CREMA-D: AudioWAV/<actor>_<sentence>_<emotion>_<level>, e.g. 1001_DFA_ANG_XX.wav.

Gender comes from VideoDemographics.csv (ActorID,Age,Sex,...) when it sits next to AudioWAV.
"""
from __future__ import annotations

import csv
from pathlib import Path

from .base import Record, scan_files

EMOTIONS = {"ANG": "anger", "DIS": "disgust", "FEA": "fear", "HAP": "happy", "NEU": "neutral",
            "SAD": "sad"}
LEVELS = {"LO": "low", "MD": "medium", "HI": "strong", "XX": "unspecified"}
DOWNLOAD = ("CREMA-D: clone https://github.com/CheyneyComputerScience/CREMA-D (Open Database "
            "License) with git-lfs and place AudioWAV/ (and VideoDemographics.csv) under "
            "<EMOTONE_DATASETS>/cremad/.")


def genders(root: Path) -> dict[str, str]:
    table = root / "VideoDemographics.csv"
    if not table.is_file():
        return {}
    with open(table, newline="", encoding="utf-8") as f:
        return {row["ActorID"]: row["Sex"].strip().lower() for row in csv.DictReader(f)}


def parse(path: Path, sexes: dict[str, str]) -> Record | None:
    parts = path.stem.split("_")
    if len(parts) != 4 or not parts[0].isdigit() or parts[2] not in EMOTIONS:
        return None
    actor, sentence, emo, level = parts
    return Record(str(path), "cremad", actor, sexes.get(actor, "unknown"), "en", EMOTIONS[emo],
                  LEVELS.get(level, level.lower()), sentence)


def scan(root: Path) -> list[Record]:
    sexes = genders(root)
    return scan_files(root, DOWNLOAD, lambda p: parse(p, sexes))
