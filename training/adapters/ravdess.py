"""RAVDESS speech: Actor_NN/03-01-EE-II-SS-RR-AA.(flac|wav)."""
from __future__ import annotations

from pathlib import Path

from .base import Record, scan_files

EMOTIONS = {"01": "neutral", "02": "calm", "03": "happy", "04": "sad", "05": "angry",
            "06": "fearful", "07": "disgust", "08": "surprised"}
INTENSITY = {"01": "normal", "02": "strong"}
DOWNLOAD = ("RAVDESS: download Audio_Speech_Actors_01-24.zip from https://zenodo.org/records/1188976 "
            "(CC BY-NC-SA 4.0), unzip so the folders Actor_01 ... Actor_24 sit directly in "
            "<EMOTONE_DATASETS>/ravdess/. WAV at any rate works; 16 kHz mono FLAC is what the "
            "team copy holds (sox in.wav -r 16000 -c 1 out.flac).")


def parse(path: Path) -> Record | None:
    parts = path.stem.split("-")
    if len(parts) != 7 or parts[0] != "03" or parts[1] not in ("01",):
        return None  # 03 = audio-only, 01 = speech (song files are skipped)
    _, _, emo, inten, statement, _, actor = parts
    if emo not in EMOTIONS:
        return None
    return Record(str(path), "ravdess", actor, "male" if int(actor) % 2 else "female",
                  "en", EMOTIONS[emo], INTENSITY.get(inten, inten), f"statement{statement}")


def scan(root: Path) -> list[Record]:
    return scan_files(root, DOWNLOAD, parse)
