"""Writes one corpus's test clips, decoded as the pipeline decodes them, for the TypeScript
recompute test: `rows.json` (path, speaker, label of each clip, in manifest order) and
`waves.f32` (the 16 kHz mono float32 samples of every clip, one after another; `rows.json` gives
each clip's sample count).

    /usr/bin/python3 -m training.dump_eval_set --corpus ased --out /tmp/ased-test
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from .adapters import MissingCorpusError
from .audio import load_wave
from .prepare import build_manifest
from .settings import datasets_root, load_config
from .shipped_eval import CORPORA_CONFIG


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--config", default=CORPORA_CONFIG)
    args = ap.parse_args(argv)
    cfg = load_config(args.config)
    try:
        rows = build_manifest(cfg, datasets_root(), [args.corpus])
    except MissingCorpusError as err:
        print(err, file=sys.stderr)
        return 2
    sel = [r for r in rows if r["split"] == "test"]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    meta = []
    with open(out / "waves.f32", "wb") as f:
        for r in sel:
            wave = load_wave(datasets_root() / r["path"])
            f.write(np.ascontiguousarray(wave, dtype="<f4").tobytes())
            meta.append({"path": r["path"], "speaker": r["speaker"], "label": r["label"], "samples": int(len(wave))})
    (out / "rows.json").write_text(json.dumps(meta))
    print(f"{len(sel)} {args.corpus} test clips -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
