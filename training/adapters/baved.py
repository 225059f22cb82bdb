"""BAVED (Arabic): <word>/<speaker>-<gender>-<age>-<word>-<level>-<record>.opus, e.g. 0/0-m-21-0-1-105.

Levels are intensity, not categories: 0 low ("like feeling tired or feeling down"), 1 the
speaker's daily, neutral speech, 2 high emotion of any kind. The raw labels are `low`,
`neutral` and `high`; the config maps them to the arousal head only. Gender is in the name
(m/f); speakers_info.json beside it repeats it with the age.
"""
from __future__ import annotations

from pathlib import Path

from .base import Record, scan_files

LEVELS = {"0": "low", "1": "neutral", "2": "high"}
GENDERS = {"m": "male", "f": "female"}
DOWNLOAD = ("BAVED: download the Basic Arabic Vocal Emotions Dataset (research use only; "
            "https://www.kaggle.com/a13x10/basic-arabic-vocal-emotions-dataset) and place its word "
            "folders 0 ... 6 (and speakers_info.json) under <EMOTONE_DATASETS>/baved/.")


def parse(path: Path) -> Record | None:
    parts = path.stem.split("-")
    if len(parts) != 6:
        return None
    speaker, gender, _age, word, level, _record = parts
    if not speaker.isdigit() or gender.lower() not in GENDERS or level not in LEVELS:
        return None
    return Record(str(path), "baved", speaker, GENDERS[gender.lower()], "ar", LEVELS[level],
                  LEVELS[level], f"word{word}")


def scan(root: Path) -> list[Record]:
    return scan_files(root, DOWNLOAD, parse)
