"""One adapter per corpus: parse the corpus's own file naming into records.

An adapter takes the corpus folder and returns a list of `Record`; it never decides labels
(that is configuration: `labels.map_label`) or splits (`prepare`).
"""
from __future__ import annotations

from typing import Callable

from .base import Record, MissingCorpusError, audio_files
from . import ased, baved, cremad, emodb, emogator, emovdb, nemo, nonverbal, ravdess, tess

ADAPTERS: dict[str, Callable] = {
    "ravdess": ravdess.scan, "tess": tess.scan, "emodb": emodb.scan,
    "cremad": cremad.scan, "emovdb": emovdb.scan, "ased": ased.scan, "baved": baved.scan,
    "nemo": nemo.scan, "emogator": emogator.scan, "nonverbal": nonverbal.scan,
}
DOWNLOAD_HINTS: dict[str, str] = {
    "ravdess": ravdess.DOWNLOAD, "tess": tess.DOWNLOAD, "emodb": emodb.DOWNLOAD,
    "cremad": cremad.DOWNLOAD, "emovdb": emovdb.DOWNLOAD, "ased": ased.DOWNLOAD,
    "baved": baved.DOWNLOAD, "nemo": nemo.DOWNLOAD, "emogator": emogator.DOWNLOAD,
    "nonverbal": nonverbal.DOWNLOAD,
}

__all__ = ["ADAPTERS", "DOWNLOAD_HINTS", "Record", "MissingCorpusError", "audio_files"]
