"""The one command that regenerates the shipped model from the corpora:

  /usr/bin/python3 -m training.pipeline --config training/configs/shipped/emotone-ensemble.json --cv --resume
  /usr/bin/python3 -m training.pipeline --card-only   # MODEL_CARD.md from models/eval.json, no training

prepare (manifest) -> features (cache) -> [CV fold(s), --cv] -> train final (all non-test
speakers) -> export ONNX -> parity (onnxruntime-web in Node) -> evaluate (held-out speakers)
-> models/emotion.onnx, labels.json, eval.json, MODEL_CARD.md, plots.
A config with an `ensemble` list trains each member config and ships their average.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

import torch

from .adapters import MissingCorpusError
from .audio import load_wave
from .contract import write_labels
from .ensemble import average, load_member, member_configs
from .evaluate import evaluate_model
from .compact import compact_model, fold_batchnorm, store_fp16
from .export import export_onnx, op_types
from .model import EmotionModel, build_model
from .runs import finished, fold_models, n_folds, run_dir, train_parallel
from .prepare import build_manifest, read_manifest, validation_indices, write_manifest
from .settings import torch_threads, REPO_ROOT, datasets_root, load_config
from .profile import initial_profile
from .train import validate
from .features import compute_features
from .verify import check_parity


SHIPPED_CONFIG = "training/configs/shipped/emotone-ensemble.json"


def load_ema(cfg: dict, ckpt: Path) -> EmotionModel:
    return load_member(cfg, ckpt)


def ship(cfg: dict, model_or_ckpt, rows: list[dict], root: Path, out_dir: Path, extra: dict) -> dict:
    """Export + parity + evaluate + write every file in out_dir. Returns eval.json content."""
    model = model_or_ckpt if isinstance(model_or_ckpt, EmotionModel) else load_ema(cfg, model_or_ckpt)
    if model.uses_profile and model.initial_profile is None:
        # the profile a wearer starts with: the mean of the training speakers' profiles
        feats = compute_features(cfg, rows, root, Path(cfg.get("_cache") or REPO_ROOT / "training" / "cache"))
        model.initial_profile = torch.from_numpy(initial_profile(cfg, rows, feats, model.frontend, -1))
    n_params = sum(p.numel() for p in model.parameters())
    fp16 = cfg.get("export", {}).get("weights", "float32") == "float16"
    # What ships, and what is evaluated: BatchNorm folded, weights on the float16 grid if so
    # configured (see compact.py); the figures below are those of exactly these weights.
    model = (compact_model(model) if fp16 else fold_batchnorm(model)).eval()
    out_dir.mkdir(parents=True, exist_ok=True)
    onnx_path = out_dir / "emotion.onnx"
    export_onnx(model, onnx_path)
    if fp16:
        print(f"  float16 storage: {store_fp16(onnx_path)}", flush=True)
    test_rows = [r for r in rows if r["split"] == "test"]
    parity = check_parity(model, onnx_path, [load_wave(root / r["path"]) for r in test_rows[:4]])
    print(f"  parity: {parity}", flush=True)
    if not parity["ok"]:
        raise RuntimeError(f"ONNX parity failed: {parity}")
    results = evaluate_model(model, rows, root, cfg)
    info = {"name": cfg["name"], "parameters": n_params,
            "weights": "float16 storage, float32 compute" if fp16 else "float32",
            "onnxBytes": onnx_path.stat().st_size,
            "sha256": hashlib.sha256(onnx_path.read_bytes()).hexdigest(), "opset": 17,
            "ops": op_types(onnx_path)}
    write_labels(cfg, info, out_dir / "labels.json", model.initial_profile if model.uses_profile else None)
    ev = {"model": info, "labels": cfg["labels"], "protocol": {
        "test_speakers": {c: v.get("test_speakers", []) for c, v in cfg["corpora"].items()},
        "windows": cfg["windows"], "trim": cfg["trim"], "speaker_profile": cfg.get("speaker_profile"),
        "note": "Windows of windowMs every hopMs across the voiced span of each clip "
                "(frames within trim.threshold_db of the loudest frame); see training/audio.py."},
        "results": results, "parity": parity, **extra}
    ev.update(_cross_corpus_figures(out_dir))
    (out_dir / "eval.json").write_text(json.dumps(ev, indent=1) + "\n")
    return ev


def cross_validate(cfg: dict, members: list[tuple[Path, dict]], jobs: int) -> tuple[dict, list]:
    """Trains every member on every CV fold (in parallel); returns per-fold figures (members
    and their average) and the training histories."""
    train_parallel([(p, m, k) for k in range(n_folds(cfg)) for p, m in members], jobs)
    out, histories = {}, []
    rows = read_manifest(REPO_ROOT / "training" / "cache" / "manifest.jsonl")
    feats = compute_features(cfg, rows, datasets_root(), REPO_ROOT / "training" / "cache")
    for fold in range(n_folds(cfg)):
        models = fold_models([m for _, m in members], fold)
        histories += [json.loads((run_dir(m, fold) / "history.json").read_text()) for _, m in members]
        val_idx = validation_indices(rows, fold)
        out[f"fold{fold}"] = {
            "validation_speakers": {c: v["cv_folds"][fold] for c, v in cfg["corpora"].items()
                                    if fold < len(v.get("cv_folds", []))},
            "epochs": len(histories[-1]),
            "members": {m["name"]: validate(mod, feats, rows, val_idx, cfg)
                        for (_, m), mod in zip(members, models)},
            "final_epoch": validate(average(models), feats, rows, val_idx, cfg)}
        print(f"  fold {fold}: {json.dumps(out[f'fold{fold}'])}", flush=True)
    return out, histories


def _cross_corpus_figures(out_dir: Path) -> dict:
    """training/results' figures for this very model (matched by the ONNX file's SHA-256) on the
    corpora it never saw, and the LOCO candidates' headlines: what eval.json and the card report
    beside the within-corpus figures."""
    import hashlib
    results = REPO_ROOT / "training" / "results"
    out: dict = {}
    shipped = results / "shipped-ensemble.json"
    onnx = out_dir / "emotion.onnx"
    if shipped.exists() and onnx.exists():
        sr = json.loads(shipped.read_text())
        if sr.get("sha256") == hashlib.sha256(onnx.read_bytes()).hexdigest():
            keep = ("speakers", "clips", "classes", "uar", "core4_uar", "arousal_auc", "valence_auc", "clip_uar")
            out["unseen_corpora"] = {"protocol": sr["protocol"], "trained_on": sr["trained_on"],
                                     "tests": {c: {k: r.get(k) for k in keep} for c, r in sr["tests"].items()
                                               if c not in sr["trained_on"]}}
            # the same 2 s windows and running profile as eval.json's results, through onnxruntime-web:
            # fills in valence AUC for a model whose results were written before that figure existed
            out["heldout_valence_auc"] = {c: r.get("valence_auc") for c, r in sr["tests"].items()
                                          if c in sr["trained_on"] and r.get("valence_auc") is not None}
    from .loco import complete
    loco = {}
    for path in sorted(results.glob("loco-*.json")):
        r = json.loads(path.read_text())
        if complete(r.get("headline") or {}):  # screens over some folds are not comparable
            loco[r["name"]] = r["headline"]
    if loco:
        out["loco"] = loco
    return out


def write_card_only(config: str, out_dir: Path) -> int:
    """The model card from eval.json as it stands (the plots need the training runs' histories,
    so they stay as they are). eval.json records the config path the card's regenerate command
    names, updated here when the config has moved."""
    from .report import write_card
    ev_path = out_dir / "eval.json"
    ev = json.loads(ev_path.read_text())
    if ev.get("training", {}).get("config") not in (None, config):
        ev["training"]["config"] = config
    ev.update(_cross_corpus_figures(out_dir))
    ev_path.write_text(json.dumps(ev, indent=1) + "\n")
    write_card(load_config(config), ev, out_dir, Path(config).parent)
    print(f"[card] {out_dir / 'MODEL_CARD.md'} from {ev_path}", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--config", default=SHIPPED_CONFIG)
    ap.add_argument("--cv", action="store_true", help="also train the config's CV fold(s)")
    ap.add_argument("--resume", action="store_true", help="continue (or reuse finished) runs")
    ap.add_argument("--out", default="models")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("EMOTONE_TRAIN_JOBS", "2")),
                    help="training processes at a time (one torch thread each)")
    ap.add_argument("--card-only", action="store_true",
                    help="only rewrite MODEL_CARD.md from the out folder's eval.json and the configs "
                         "(no training, the model files stay as they are)")
    args = ap.parse_args(argv)
    if args.card_only:
        return write_card_only(args.config, REPO_ROOT / args.out)
    t0 = time.time()
    torch.set_num_threads(torch_threads())
    cfg = load_config(args.config)
    configs = member_configs(cfg, Path(args.config).parent)
    paths = ([Path(args.config).resolve().parent / name for name in cfg["ensemble"]] if "ensemble" in cfg
             else [Path(args.config).resolve()])
    members = list(zip(paths, configs))
    root = datasets_root()
    try:
        rows = build_manifest(cfg, root)
    except MissingCorpusError as err:
        print(err, file=sys.stderr)
        return 2
    write_manifest(rows, REPO_ROOT / "training" / "cache" / "manifest.jsonl")
    print(f"[prepare] {len(rows)} utterances from {root}", flush=True)
    compute_features(cfg, rows, root, REPO_ROOT / "training" / "cache")  # once, before the workers
    if not args.resume:
        for _, m in members:
            for k in range(-1, n_folds(cfg)):
                shutil.rmtree(run_dir(m, k), ignore_errors=True)
    for _, m in members:
        if m["corpora"].keys() != cfg["corpora"].keys():
            # a member trained on fewer corpora (its config lists them) gets its own rows
            m["_manifest"] = str(REPO_ROOT / "training" / "cache" / f"manifest-{m['name']}.jsonl")
            write_manifest(build_manifest(m, root), Path(m["_manifest"]))
            print(f"[prepare] {m['name']} trains on {'/'.join(m['corpora'])} only", flush=True)
    extra: dict = {"cv": {}}
    cv_histories: list = []
    if args.cv:
        extra["cv"], cv_histories = cross_validate(cfg, members, args.jobs)
    print(f"[train] final model(s) on all non-test speakers: {', '.join(m['name'] for m in configs)}",
          flush=True)
    to_train = sum(not finished(m, -1) for _, m in members)
    t_train = time.time()
    train_parallel([(p, m, -1) for p, m in members], args.jobs)
    finals = fold_models(configs, -1)
    history = json.loads((run_dir(configs[0], -1) / "history.json").read_text())
    extra["training"] = {"config": args.config, "members": [m["name"] for m in configs],
                         "epochs": [m["train"]["epochs"] for m in configs],
                         "runs_trained": to_train, "train_seconds": round(time.time() - t_train)}
    print("[ship] export, parity, evaluate", flush=True)
    ev = ship(cfg, average(finals), rows, root, REPO_ROOT / args.out, extra)
    from .report import write_report
    write_report(cfg, ev, history, REPO_ROOT / args.out, Path(args.config).parent,
                 cv_histories[0] if cv_histories else None)
    print(f"[done] {time.time() - t0:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
