"""prepare: scan the corpora named in the config -> manifest (JSON lines) with targets and splits.

Splits are by whole speaker: `test` (config test_speakers, never trained on or selected with),
`train` (everything else). `cv_fold` marks the validation fold a speaker belongs to (-1 none).
TESS has two speakers only, so its held-out words form `test_sd` (speaker-dependent).
"""
from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path

from .adapters import ADAPTERS, MissingCorpusError
from .labels import map_target
from .settings import datasets_root, load_config


def split_of(cfg: dict, corpus: str, speaker: str, text: str) -> tuple[str, int]:
    c = cfg["corpora"][corpus]
    if speaker in c.get("test_speakers", []):
        return "test", -1
    frac = c.get("speaker_dependent_eval_fraction", 0.0)
    if frac and (zlib.crc32(text.encode()) % 1000) / 1000 < frac:
        return "test_sd", -1  # same speakers, unseen words
    fold = next((i for i, f in enumerate(c.get("cv_folds", [])) if speaker in f), -1)
    return "train", fold


def build_manifest(cfg: dict, root: Path, corpora: list[str] | None = None) -> list[dict]:
    """Rows for every usable utterance; raises MissingCorpusError naming what to download."""
    rows, missing = [], []
    for corpus in corpora or list(cfg["corpora"]):
        try:
            records = ADAPTERS[corpus](root / corpus)
        except MissingCorpusError as err:
            missing.append(str(err))
            continue
        for rec in records:
            target = map_target(cfg, corpus, rec.raw_label, rec.intensity)
            if target is None:
                continue
            split, fold = split_of(cfg, corpus, rec.speaker, rec.text)
            if split != "train" and cfg["corpora"][corpus].get("unlabelled"):
                continue  # nothing to score an unlabelled clip against: its held-out speakers stay unheard
            row = rec.to_dict()
            row["path"] = str(Path(rec.path).relative_to(root))
            row.update(label=target.label, class_index=target.class_index,
                       arousal=target.arousal, valence=target.valence,
                       arousal_group=target.arousal_group, split=split, cv_fold=fold)
            rows.append(row)
    if missing:
        raise MissingCorpusError("Missing corpora (set EMOTONE_DATASETS to their parent folder):\n"
                                 + "\n".join(missing))
    return rows


def write_manifest(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")


def read_manifest(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def training_indices(rows: list[dict], fold: int, max_speakers: dict | None = None) -> list[int]:
    """Rows a run of CV fold `fold` trains on: the non-test speakers outside the fold (all
    non-test speakers for the final model, fold < 0). `max_speakers` {corpus: n} keeps only
    the first n of a corpus's speakers in id order (a learning curve over speakers)."""
    idx = [i for i, r in enumerate(rows) if r["split"] == "train" and (fold < 0 or r["cv_fold"] != fold)]
    keep = {c: set(sorted({rows[i]["speaker"] for i in idx if rows[i]["corpus"] == c})[:n])
            for c, n in (max_speakers or {}).items()}
    return [i for i in idx if rows[i]["corpus"] not in keep or rows[i]["speaker"] in keep[rows[i]["corpus"]]]


def validation_indices(rows: list[dict], fold: int) -> list[int]:
    """Rows of CV fold `fold`'s validation speakers (none for the final model, fold < 0)."""
    return [i for i, r in enumerate(rows) if fold >= 0 and r["split"] == "train" and r["cv_fold"] == fold]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--config", default="training/configs/shipped/emotone-ensemble.json")
    ap.add_argument("--out", default="training/cache/manifest.jsonl")
    args = ap.parse_args(argv)
    cfg = load_config(args.config)
    try:
        rows = build_manifest(cfg, datasets_root())
    except MissingCorpusError as err:
        print(err, file=sys.stderr)
        return 2
    write_manifest(rows, Path(args.out))
    print(f"manifest: {len(rows)} utterances -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
