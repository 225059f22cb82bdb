"""The one command that regenerates the shipped model from the corpora:

  /usr/bin/python3 -m training.pipeline --config training/configs/emotone-v2.json --cv --resume

prepare (manifest) -> features (cache) -> [CV fold(s), --cv] -> train final (all non-test
speakers) -> export ONNX -> parity (onnxruntime-web in Node) -> evaluate (held-out speakers)
-> models/emotion.onnx, labels.json, eval.json, MODEL_CARD.md, plots.
A config with an `ensemble` list trains each member config and ships their average.
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
from .ensemble import average, load_member, member_configs
from .evaluate import evaluate_model
from .export import export_onnx, op_types
from .model import EmotionModel, build_model
from .prepare import build_manifest, read_manifest, write_manifest
from .settings import torch_threads, REPO_ROOT, datasets_root, load_config
from .train import run, validate
from .features import compute_features
from .verify import check_parity


def load_ema(cfg: dict, ckpt: Path) -> EmotionModel:
    return load_member(cfg, ckpt)


def ship(cfg: dict, model_or_ckpt, rows: list[dict], root: Path, out_dir: Path, extra: dict) -> dict:
    """Export + parity + evaluate + write every file in out_dir. Returns eval.json content."""
    model = model_or_ckpt if isinstance(model_or_ckpt, EmotionModel) else load_ema(cfg, model_or_ckpt)
    model.eval()
    out_dir.mkdir(parents=True, exist_ok=True)
    onnx_path = out_dir / "emotion.onnx"
    export_onnx(model, onnx_path)
    test_rows = [r for r in rows if r["split"] == "test"]
    parity = check_parity(model, onnx_path, [load_wave(root / r["path"]) for r in test_rows[:4]])
    print(f"  parity: {parity}", flush=True)
    if not parity["ok"]:
        raise RuntimeError(f"ONNX parity failed: {parity}")
    results = evaluate_model(model, rows, root, cfg)
    info = {"name": cfg["name"], "parameters": sum(p.numel() for p in model.parameters()),
            "onnxBytes": onnx_path.stat().st_size,
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


def cross_validate(cfg: dict, members: list[dict], runs: Path, resume: bool) -> tuple[dict, list]:
    """Trains every member on every CV fold; returns per-fold figures (members and their average)."""
    n_folds = max(len(c.get("cv_folds", [])) for c in cfg["corpora"].values())
    out, histories = {}, []
    rows = read_manifest(REPO_ROOT / "training" / "cache" / "manifest.jsonl")
    feats = compute_features(cfg, rows, datasets_root(), REPO_ROOT / "training" / "cache")
    for fold in range(n_folds):
        models = []
        for m in members:
            print(f"[cv] {m['name']} fold {fold}", flush=True)
            last = run(m, fold, runs / f"{m['name']}-fold{fold}", resume)
            histories.append(torch.load(last)["history"])
            models.append(load_member(m, last))
        val_idx = [i for i, r in enumerate(rows) if r["split"] == "train" and r["cv_fold"] == fold]
        out[f"fold{fold}"] = {
            "validation_speakers": {c: v["cv_folds"][fold] for c, v in cfg["corpora"].items()
                                    if fold < len(v.get("cv_folds", []))},
            "epochs": len(histories[-1]),
            "members": {m["name"]: validate(mod, feats, rows, val_idx, cfg) for m, mod in zip(members, models)},
            "final_epoch": validate(average(models), feats, rows, val_idx, cfg)}
        print(f"  fold {fold}: {json.dumps(out[f'fold{fold}'])}", flush=True)
    return out, histories


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--config", default="training/configs/emotone-v2.json")
    ap.add_argument("--cv", action="store_true", help="also train the config's CV fold(s)")
    ap.add_argument("--resume", action="store_true", help="continue (or reuse finished) runs")
    ap.add_argument("--out", default="models")
    args = ap.parse_args(argv)
    t0 = time.time()
    torch.set_num_threads(torch_threads())
    cfg = load_config(args.config)
    members = member_configs(cfg, Path(args.config), load_config) if "ensemble" in cfg else [cfg]
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
    cv_histories: list = []
    if args.cv:
        extra["cv"], cv_histories = cross_validate(cfg, members, runs, args.resume)
    finals, history = [], []
    for m in members:
        print(f"[train] {m['name']}: final model on all non-test speakers", flush=True)
        last = run(m, -1, runs / f"{m['name']}-final", args.resume)
        history = history or torch.load(last)["history"]
        finals.append(load_member(m, last))
    extra["training"] = {"config": args.config, "members": [m["name"] for m in members],
                         "epochs": [m["train"]["epochs"] for m in members]}
    print("[ship] export, parity, evaluate", flush=True)
    ev = ship(cfg, average(finals), rows, root, REPO_ROOT / args.out, extra)
    from .report import write_report
    write_report(cfg, ev, history, REPO_ROOT / args.out, cv_histories[0] if cv_histories else None)
    print(f"[done] {time.time() - t0:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
