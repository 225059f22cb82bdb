"""Where the corpora live and how configs load: settings, not code constants."""
from __future__ import annotations

import json
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATASETS_ENV = "EMOTONE_DATASETS"
DEFAULT_DATASETS = "../shared/datasets"


def datasets_root() -> Path:
    """EMOTONE_DATASETS, or ../shared/datasets relative to the repository root."""
    raw = os.environ.get(DATASETS_ENV, DEFAULT_DATASETS)
    path = Path(raw)
    return path if path.is_absolute() else (REPO_ROOT / path).resolve()


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_config(path: str | Path) -> dict:
    """Loads a JSON config; `"extends": "other.json"` deep-merges onto a base config."""
    path = Path(path)
    with open(path, encoding="utf-8") as f:
        cfg = json.load(f)
    base = cfg.pop("extends", None)
    return _merge(load_config(path.parent / base), cfg) if base else cfg


def torch_threads() -> int:
    """EMOTONE_TORCH_THREADS (default 1): on a shared 2-core machine, OpenMP threads that
    spin-wait for each other cost more than they gain; one thread per process is faster."""
    return max(1, int(os.environ.get("EMOTONE_TORCH_THREADS", "1")))
