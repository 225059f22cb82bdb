"""Deeply Nonverbal Vocalization set: <class>/<spk>_<class#>_<trial>_<sex>_<age>_<loc>_<quality>_<noise>.opus.

Members of the public on their own Android phones. The class is the folder's name (coughing,
crying, laughing, ..., yawning); the speaker is the first field of the name; sex and age come from
`Nonverbal_Vocalization_metadata.json` beside the folders when it names the speaker.
"""
from __future__ import annotations

import json
from pathlib import Path

from .base import Record, scan_files

CLASSES = (
    "coughing", "crying", "laughing", "lip-popping", "lip-smacking", "moaning", "nose-blowing", "panting",
    "screaming", "sighing", "sneezing", "teeth-chattering", "teeth-grinding", "throat-clearing",
    "tongue-clicking", "yawning",
)
METADATA = "Nonverbal_Vocalization_metadata.json"
DOWNLOAD = ("Nonverbal: download the Deeply Nonverbal Vocalization sample set (CC BY-NC-ND 4.0; "
            "https://www.openslr.org/99/) and place its class folders (coughing ... yawning) and "
            f"{METADATA} under <EMOTONE_DATASETS>/nonverbal/.")


def _genders(root: Path) -> dict[str, str]:
    meta = root / METADATA
    if not meta.is_file():
        return {}
    out = {}
    for spk, info in json.loads(meta.read_text(encoding="utf-8")).items():
        sex = str(info.get("sex", "")).lower()
        out[spk] = sex if sex in ("female", "male") else "unknown"
    return out


def scan(root: Path) -> list[Record]:
    genders = _genders(root)

    def parse(path: Path) -> Record | None:
        cls = path.parent.name
        fields = path.stem.split("_")
        if cls not in CLASSES or len(fields) != 8 or not fields[0]:
            return None
        spk = fields[0]
        return Record(str(path), "nonverbal", spk, genders.get(spk, "unknown"), "none", cls, "normal", "")

    return scan_files(root, DOWNLOAD, parse)
