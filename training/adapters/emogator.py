"""EmoGator vocal bursts: mp3/NNNNNN-EE-I.opus (contributor, category 01-30, instance 1-3), 2 s each.

No speech: laughs, sighs, gasps, growls... recorded by each contributor on their own computer.
`raw_label` is EmoGator's category name in lower case; the burst class it stands for is
configuration (training/bursts.py), not the adapter's business.
"""
from __future__ import annotations

from pathlib import Path

from .base import Record, scan_files

CATEGORIES = (
    "adoration", "amusement", "anger", "awe", "confusion", "contempt", "contentment", "desire",
    "disappointment", "disgust", "distress", "ecstasy", "elation", "embarrassment", "fear", "guilt",
    "interest", "neutral", "pain", "pride", "realization", "relief", "romantic love", "sadness",
    "serenity", "shame", "surprise (negative)", "surprise (positive)", "sympathy", "triumph",
)
DOWNLOAD = ("EmoGator: download the EmoGator vocal-burst dataset (Apache-2.0; Buhl 2023, "
            "https://github.com/fredbuhl/EmoGator) and place its audio files NNNNNN-EE-I.(mp3→opus|flac|wav) "
            "under <EMOTONE_DATASETS>/emogator/mp3/.")


def parse(path: Path) -> Record | None:
    parts = path.stem.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 6:
        return None
    contributor, category, instance = parts
    index = int(category)
    if not 1 <= index <= len(CATEGORIES) or instance not in ("1", "2", "3"):
        return None
    return Record(str(path), "emogator", contributor, "unknown", "none", CATEGORIES[index - 1], "normal", "")


def scan(root: Path) -> list[Record]:
    return scan_files(root, DOWNLOAD, parse)
