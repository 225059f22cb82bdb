"""The one command that regenerates the shipped model from the corpora:

  /usr/bin/python3 -m training.pipeline --config training/configs/emotone.json

prepare (manifest) -> features (cache) -> [CV fold(s), --cv] -> train final (all non-test
speakers) -> evaluate (held-out speakers) -> export ONNX -> parity (onnxruntime-web in Node)
-> models/emotion.onnx, labels.json, eval.json, MODEL_CARD.md, plots.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import torch

from .adapters import MissingCorpusError
from .audio import load_wave
from .contract import write_labels
from .evaluate import evaluate_model
from .export import export_onnx, op_types
from .model import build_model
from .prepare import build_manifest, write_manifest
from .settings import REPO_ROOT, datasets_root, load_config
from .train import run
from .verify import check_parity


def load_ema(cfg: dict, ckpt: Path):
    model = build_model(cfg, len(cfg["labels"]))
    model.load_state_dict(torch.load(ckpt)["ema"])
    return model.eval()


def ship(cfg: dict, ckpt: Path, rows: list[dict], root: Path, out_dir: Path, extra: dict) -> dict:
    """Evaluate + export + parity + write every file in models/. Returns eval.json content."""
    model = load_ema(cfg, ckpt)
    out_dir.mkdir(parents=True, exist_ok=True)
    onnx_path = out_dir / "emotion.onnx"
    export_onnx(model, onnx_path)
    test_rows = [r for r in rows if r["split"] == "test"]
    parity = check_parity(model, onnx_path, [load_wave(root / r["path"]) for r in test_rows[:4]])
    print(f"  parity: {parity}", flush=True)
    if not parity["ok"]:
        raise RuntimeError(f"ONNX parity failed: {parity}")
    results = evaluate_model(model, rows, root, cfg)
    n_params = sum(p.numel() for p in model.backbone.parameters())
    info = {"name": cfg["name"], "parameters": n_params, "onnxBytes": onnx_path.stat().st_size,
            "sha256": hashlib.sha256(onnx_path.read_bytes()).hexdigest(), "opset": 17,
            "ops": op_types(onnx_path)}
    write_labels(cfg, info, out_dir / "labels.json")
    ev = {"model": info, "labels": cfg["labels"], "protocol": {
        "test_speakers": {c: v.get("test_speakers", []) for c, v in cfg["corpora"].items()},
        "windows": cfg["windows"], "trim": cfg["trim"],
        "note": "Windows of windowMs every hopMs across the voiced span of each clip "
                "(frames within trim.threshold_db of the loudest frame); see training/audio.py."},
        "results": results, "parity": parity, **extra}
    (out_dir / "eval.json").write_text(json.dumps(ev, indent=1) + "\n")
    return ev


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--config", default="training/configs/emotone.json")
    ap.add_argument("--cv", action="store_true", help="also train the config's CV fold(s) first")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--out", default="models")
    ap.add_argument("--skip-train", action="store_true", help="ship an existing final checkpoint")
    args = ap.parse_args(argv)
    t0 = time.time()
    torch.set_num_threads(2)
    cfg = load_config(args.config)
    root = datasets_root()
    try:
        rows = build_manifest(cfg, root)
    except MissingCorpusError as err:
        print(err, file=sys.stderr)
        return 2
    runs = REPO_ROOT / "training" / "runs"
    write_manifest(rows, REPO_ROOT / "training" / "cache" / "manifest.jsonl")
    print(f"[prepare] {len(rows)} utterances from {root}", flush=True)
    extra: dict = {"cv": {}}
    if args.cv:
        n_folds = max(len(c.get("cv_folds", [])) for c in cfg["corpora"].values())
        for fold in range(n_folds):
            print(f"[cv] fold {fold}", flush=True)
            last = run(cfg, fold, runs / f"{cfg['name']}-fold{fold}", args.resume)
            extra["cv"][f"fold{fold}"] = torch.load(last)["history"][-1].get("val")
    final = runs / f"{cfg['name']}-final"
    print("[train] final model on all non-test speakers", flush=True)
    ckpt = final / "last.pt" if args.skip_train else run(cfg, -1, final, args.resume)
    history = torch.load(ckpt)["history"]
    extra["training"] = {"epochs": len(history), "config": args.config}
    print("[ship] export, parity, evaluate", flush=True)
    ev = ship(cfg, ckpt, rows, root, REPO_ROOT / args.out, extra)
    from .report import write_report
    write_report(cfg, ev, history, REPO_ROOT / args.out)
    print(f"[done] {time.time() - t0:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
