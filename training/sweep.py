"""sweep: cross-validate candidate configs over every CV fold, two training processes at a time.

  python3 -m training.sweep training/configs/experiments/emotone-v2.json training/configs/experiments/emotone-v5.json
  python3 -m training.sweep --jobs 2 --folds 0,1,2 CONFIG...
  python3 -m training.sweep --report --ensemble CONFIG...   # the configs' average as one model
  python3 -m training.sweep --report --ensemble --app-protocol CONFIG...  # + running speaker profile

Each (config, fold) trains with `training.train --fold k --resume` in its own process (one
torch thread each: on a 2-core machine two single-threaded runs beat one two-threaded run),
so an interrupted sweep continues where it stopped. Prints, per config, validation UAR per
corpus at the final epoch (the weights a final run ships) and the mean over folds. Test
speakers are never touched: this is how candidates are compared.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .runs import finished, fold_models, n_folds, run_dir, train_parallel
from .settings import REPO_ROOT, load_config


def table(configs: list[tuple[str, dict]], folds: list[int]) -> str:
    lines = []
    for path, cfg in configs:
        per_corpus: dict[str, list[float]] = {}
        cells = []
        for k in folds:
            hist = run_dir(cfg, k) / "history.json"
            if not hist.is_file():
                cells.append(f"fold{k}: -")
                continue
            h = json.loads(hist.read_text())
            val = h[-1].get("val", {})
            done = len(h) >= cfg["train"]["epochs"]
            cells.append(f"fold{k}: " + " ".join(f"{c} {v['uar']:.3f}" for c, v in sorted(val.items()))
                         + ("" if done else f" (epoch {len(h)})"))
            if done:
                for c, v in val.items():
                    per_corpus.setdefault(c, []).append(v["uar"])
        lines.append(f"{cfg['name']}  [{path}]\n  " + "\n  ".join(cells) + f"\n  mean: {_mean(per_corpus)}")
    return "\n".join(lines)


def _mean(per_corpus: dict[str, list[float]]) -> str:
    return " ".join(f"{c} {sum(v) / len(v):.3f} (n={len(v)})" for c, v in sorted(per_corpus.items()))


def app_protocol_line(model, rows: list[dict], feats: dict, fold: int, cfg: dict) -> str:
    """A speaker-profile model's fold figures as the app runs it: the waveform model on the
    fold's validation clips, each speaker's running profile (see evaluate.evaluate_rows), the
    initial profile from the fold's training speakers."""
    import torch
    from .evaluate import evaluate_rows
    from .prepare import validation_indices
    from .profile import initial_profile
    from .settings import datasets_root
    model.initial_profile = torch.from_numpy(initial_profile(cfg, rows, feats, model.frontend, fold))
    val = [rows[i] for i in validation_indices(rows, fold)]
    cells = []
    for corpus in sorted({r["corpus"] for r in val}):
        res = evaluate_rows(model, [r for r in val if r["corpus"] == corpus], datasets_root(), cfg)
        cells.append(f"{corpus} running {res['window_2s']['uar']:.3f} (initial only "
                     f"{res['window_2s_cold']['uar']:.3f}, full mean {res['window_2s_speaker_mean']['uar']:.3f})")
    return f"  fold{fold}, app protocol: " + "; ".join(cells)


def ensemble_table(configs: list[tuple[str, dict]], folds: list[int], app_protocol: bool = False) -> str:
    """Validation figures of the members' average (logits and arousal/valence), per fold and
    the mean over folds: the figure an ensemble config is selected by. With `app_protocol`,
    a speaker-profile ensemble is also scored as the app runs it (slower: the waveform model)."""
    import torch
    from .ensemble import average
    from .features import compute_features
    from .prepare import read_manifest, validation_indices
    from .settings import datasets_root
    from .train import validate
    torch.set_num_threads(1)
    cache = REPO_ROOT / "training" / "cache"
    rows = read_manifest(cache / "manifest.jsonl")
    feats = compute_features(configs[0][1], rows, datasets_root(), cache)
    per_corpus: dict[str, list[float]] = {}
    lines = [" + ".join(c["name"] for _, c in configs)]
    for k in folds:
        missing = [c["name"] for _, c in configs if not finished(c, k)]
        if missing:
            lines.append(f"  fold{k}: - (unfinished: {', '.join(missing)})")
            continue
        model = average(fold_models([c for _, c in configs], k))
        val = validate(model, feats, rows, validation_indices(rows, k), configs[0][1])
        lines.append(f"  fold{k}: " + " ".join(f"{c} {v['uar']:.3f}" for c, v in sorted(val.items())))
        if app_protocol and model.uses_profile:
            lines.append(app_protocol_line(model, rows, feats, k, configs[0][1]))
        for c, v in val.items():
            per_corpus.setdefault(c, []).append(v["uar"])
    lines.append(f"  mean: {_mean(per_corpus)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("configs", nargs="+")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--folds", default=None, help="comma-separated fold indices (default: all)")
    ap.add_argument("--report", action="store_true", help="only print the table")
    ap.add_argument("--ensemble", action="store_true",
                    help="also print the CV figures of the configs' average (one model)")
    ap.add_argument("--app-protocol", action="store_true",
                    help="with --ensemble: also score a speaker-profile ensemble with the running "
                         "profile the app keeps (the waveform model on the validation clips)")
    args = ap.parse_args(argv)
    configs = [(p, load_config(p)) for p in args.configs]
    folds = ([int(f) for f in args.folds.split(",")] if args.folds
             else list(range(min(n_folds(c) for _, c in configs))))
    if not args.report:
        train_parallel([(p, c, k) for p, c in configs for k in folds], args.jobs)
    print(table(configs, folds))
    if args.ensemble:
        print(ensemble_table(configs, folds, args.app_protocol))
    return 0


if __name__ == "__main__":
    sys.exit(main())
