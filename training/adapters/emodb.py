"""EMO-DB: wav/SSTTTEv, SS speaker, TTT text, E emotion letter (German), v version."""
from __future__ import annotations

from pathlib import Path

from .base import Record, scan_files

EMOTIONS = {"W": "anger", "L": "boredom", "E": "disgust", "A": "fear", "F": "happiness",
            "T": "sadness", "N": "neutral"}
MALE_SPEAKERS = {"03", "10", "11", "12", "15"}
DOWNLOAD = ("EMO-DB: download http://emodb.bilderbar.info/download/download.zip (free for "
            "research) and place its wav/ folder at <EMOTONE_DATASETS>/emodb/wav/.")


def parse(path: Path) -> Record | None:
    stem = path.stem
    if len(stem) < 7 or stem[5] not in EMOTIONS or not stem[:2].isdigit():
        return None
    speaker = stem[:2]
    return Record(str(path), "emodb", speaker, "male" if speaker in MALE_SPEAKERS else "female",
                  "de", EMOTIONS[stem[5]], "normal", stem[2:5])


def scan(root: Path) -> list[Record]:
    return scan_files(root, DOWNLOAD, parse)
