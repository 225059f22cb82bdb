"""nEMO (Polish): samples/<speaker>_<emotion>_<n>.opus, e.g. samples/EB0_anger_1.

Emotions anger, fear, happiness, neutral, sadness, surprised. data.tsv (file_id, emotion,
raw_text, normalized_text, speaker_id, gender, age; file_id names the original .wav) gives
the gender and the sentence when it sits beside samples/.
"""
from __future__ import annotations

import csv
from pathlib import Path

from .base import Record, scan_files

EMOTIONS = {"anger", "fear", "happiness", "neutral", "sadness", "surprised"}
DOWNLOAD = ("nEMO: download the corpus described at https://aclanthology.org/2024.lrec-main.1059 "
            "(CC BY-NC-SA 4.0) and place its samples/ folder and data.tsv under "
            "<EMOTONE_DATASETS>/nemo/.")


def metadata(root: Path) -> dict[str, dict]:
    """{file stem: {gender, text}} from data.tsv, or {} when it is absent."""
    table = root / "data.tsv"
    if not table.is_file():
        return {}
    with open(table, newline="", encoding="utf-8") as f:
        return {Path(row["file_id"].strip()).stem: {"gender": row["gender"].strip().lower(),
                                                    "text": row["normalized_text"].strip()}
                for row in csv.DictReader(f, delimiter="\t")}


def parse(path: Path, meta: dict[str, dict]) -> Record | None:
    parts = path.stem.split("_")
    if len(parts) != 3 or parts[1] not in EMOTIONS or not parts[2].isdigit():
        return None
    speaker, emotion, n = parts
    info = meta.get(path.stem, {})
    gender = info.get("gender", "unknown")
    return Record(str(path), "nemo", speaker, gender if gender in ("female", "male") else "unknown",
                  "pl", emotion, "normal", info.get("text") or f"sentence{n}")


def scan(root: Path) -> list[Record]:
    meta = metadata(root)
    return scan_files(root, DOWNLOAD, lambda p: parse(p, meta))
