"""Shared record type and file discovery for corpus adapters."""
from __future__ import annotations

from dataclasses import dataclass, asdict
from pathlib import Path
from typing import Callable

AUDIO_SUFFIXES = (".flac", ".wav", ".opus")


class MissingCorpusError(FileNotFoundError):
    """Raised when a corpus folder is absent or holds no audio; the message says what to fetch."""


@dataclass(frozen=True)
class Record:
    """One utterance as the corpus names it (labels are the corpus's own words)."""
    path: str
    corpus: str
    speaker: str
    gender: str          # "female" | "male" | "unknown"
    language: str
    raw_label: str
    intensity: str       # "normal" | "strong" | corpus-specific level
    text: str

    def to_dict(self) -> dict:
        return asdict(self)


def audio_files(folder: Path, hint: str) -> list[Path]:
    """All .flac/.wav/.opus files below `folder`, sorted; raises with `hint` when there are none."""
    if not folder.is_dir():
        raise MissingCorpusError(f"{folder} not found.\n{hint}")
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in AUDIO_SUFFIXES)
    if not files:
        raise MissingCorpusError(f"{folder} holds no .flac/.wav/.opus files.\n{hint}")
    return files


def scan_files(root: Path, hint: str, parse: "Callable[[Path], Record | None]") -> list[Record]:
    """Every audio file below `root` that `parse` recognises (the others are not the corpus's)."""
    return [r for p in audio_files(root, hint) if (r := parse(p)) is not None]
