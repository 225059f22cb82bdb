"""TESS: OAF/OAF_<word>_<emotion>, YAF/YAF_<word>_<emotion> (one file in the release uses OA_)."""
from __future__ import annotations

from pathlib import Path

from .base import Record, scan_files

EMOTIONS = {"angry", "disgust", "fear", "happy", "neutral", "ps", "sad"}
SPEAKERS = {"OAF": "OAF", "OA": "OAF", "YAF": "YAF"}
DOWNLOAD = ("TESS: download the Toronto Emotional Speech Set from "
            "https://doi.org/10.5683/SP2/E8H2MF (CC BY-NC-ND 4.0) and place the OAF_* and YAF_* "
            "files under <EMOTONE_DATASETS>/tess/OAF/ and <EMOTONE_DATASETS>/tess/YAF/.")


def parse(path: Path) -> Record | None:
    parts = path.stem.split("_")
    if len(parts) != 3:
        return None
    prefix, word, emotion = parts[0].upper(), parts[1].lower(), parts[2].lower()
    if prefix not in SPEAKERS or emotion not in EMOTIONS:
        return None
    return Record(str(path), "tess", SPEAKERS[prefix], "female", "en", emotion, "normal", word)


def scan(root: Path) -> list[Record]:
    return scan_files(root, DOWNLOAD, parse)
