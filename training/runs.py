"""Run folders and folds shared by the pipeline and the experiment runner.

A run is one (config, fold) training: `training/runs/<name>-fold<k>` for a CV fold, or
`training/runs/<name>-final` for the model trained on every non-test speaker. Each run trains
in its own `training.train --resume` process (one torch thread), so an interrupted run
continues from its `last.pt`.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from .ensemble import load_member
from .settings import REPO_ROOT


def n_folds(cfg: dict) -> int:
    return max(len(c.get("cv_folds", [])) for c in cfg["corpora"].values())


def run_dir(cfg: dict, fold: int) -> Path:
    """The run folder train.py and the pipeline use: <name>-fold<k>, or <name>-final."""
    return REPO_ROOT / "training" / "runs" / f"{cfg['name']}-{'final' if fold < 0 else f'fold{fold}'}"


def finished(cfg: dict, fold: int) -> bool:
    hist = run_dir(cfg, fold) / "history.json"
    return hist.is_file() and len(json.loads(hist.read_text())) >= cfg["train"]["epochs"]


def train_parallel(jobs: list[tuple[str, dict, int]], n_jobs: int) -> None:
    """Runs `training.train --config path --fold k --resume` for each unfinished (path, cfg, k),
    at most n_jobs at a time, one torch thread each; logs in training/runs/logs/. Raises if
    any run fails (its log names the cause)."""
    queue = [(p, c, k) for p, c, k in jobs if not finished(c, k)]
    running: list[tuple[subprocess.Popen, str, Path]] = []
    logs = REPO_ROOT / "training" / "runs" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "EMOTONE_TORCH_THREADS": "1"}
    t0, failed = time.time(), []
    print(f"[train] {len(queue)} run(s) to do, {len(jobs) - len(queue)} already finished; "
          f"{n_jobs} at a time", flush=True)
    while queue or running:
        while queue and len(running) < n_jobs:
            path, cfg, k = queue.pop(0)
            name = run_dir(cfg, k).name
            log = logs / f"{name}.log"
            print(f"[train {time.time() - t0:5.0f} s] start {name} (log: {log})", flush=True)
            manifest = ["--manifest", str(cfg["_manifest"])] if cfg.get("_manifest") else []
            proc = subprocess.Popen(
                [sys.executable, "-m", "training.train", "--config", str(path), "--fold", str(k),
                 "--run", name, "--resume", *manifest],
                cwd=REPO_ROOT, env=env, stdout=open(log, "a"), stderr=subprocess.STDOUT)
            running.append((proc, name, log))
        time.sleep(2)
        for proc, name, log in list(running):
            if proc.poll() is None:
                continue
            running.remove((proc, name, log))
            if proc.returncode == 0:
                print(f"[train {time.time() - t0:5.0f} s] {name} done", flush=True)
            else:
                failed.append(name)
                print(f"[train {time.time() - t0:5.0f} s] {name} FAILED (exit {proc.returncode}); "
                      f"see {log}", flush=True)
    if failed:
        raise RuntimeError(f"training failed: {', '.join(failed)}")


def fold_models(configs: list[dict], fold: int) -> list:
    """The configs' trained models of one CV fold (EMA weights of each run's last epoch)."""
    return [load_member(c, run_dir(c, fold) / "last.pt") for c in configs]
