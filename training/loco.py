"""loco: leave-one-corpus-out selection (the figure that says how a recipe hears voices, rooms
and languages it was never trained on), plus held-out speakers of every corpus.

  /usr/bin/python3 -m training.loco --config training/configs/experiments/emotone-v23-six.json --resume
  /usr/bin/python3 -m training.loco --config ... --epochs 40 --folds ased,nemo --resume
  /usr/bin/python3 -m training.loco --report training/results/*.json   # the table only
  /usr/bin/python3 -m training.loco --config ... --seed 2 --resume      # one seed of a recipe
  /usr/bin/python3 -m training.loco --seeds training/results/loco-*-s*.json  # mean ± sd per recipe
  /usr/bin/python3 -m training.loco --verdict <candidate -s*.json> --against <baseline -s*.json>

For each held-out corpus X: train the config's network on every other corpus (their non-test
speakers), then test on X's fixed test speakers over the classes X has. Then one run on all
corpora, tested on each corpus's test speakers (the within-corpus held-out-speaker figures;
RAVDESS over all 8 classes). Each run is a `training/runs/<name>-loco-<X>-final` folder,
checkpointed every epoch: `--resume` continues an interrupted run and skips finished ones.
Writes `training/results/loco-<name>.json` after every fold (commit it: runs/ is not kept).
The selection protocol and the ship rule: training/LOCO.md.
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from pathlib import Path

import torch

from .adapters import MissingCorpusError
from .ensemble import average, load_member, member_configs
from .evaluate import evaluate_rows
from .features import compute_features
from .prepare import build_manifest, write_manifest
from .runs import finished, run_dir
from .settings import REPO_ROOT, datasets_root, load_config, torch_threads
from .train import run

# Held-out corpora, in the order they run. TESS is not one: its two speakers have no held-out
# speakers (it stays a training corpus). BAVED has no categories: arousal AUC only.
FOLDS = ("ased", "nemo", "baved", "emodb", "ravdess")
ALL = "none"  # the run that holds out no corpus (within-corpus held-out speakers)
CORE = ("neutral", "happy", "sad", "angry")
DEFAULT_EPOCHS = 80


def fold_config(cfg: dict, held_out: str, epochs: int, manifest: Path) -> dict:
    out = copy.deepcopy(cfg)
    out["name"] = f"{cfg['name']}-loco-{held_out}"
    out["train"]["epochs"] = epochs
    out["_manifest"] = str(manifest)
    return out


def member_key(member: dict, held_out: str) -> str:
    """The run a member contributes to a fold: a member that never trains on the held-out
    corpus (its config does not list it) is the same network in every such fold, its
    all-corpora run."""
    return held_out if held_out in member["corpora"] else ALL


def fold_rows(rows: list[dict], held_out: str) -> list[dict]:
    """The manifest a fold trains from: the held-out corpus's rows kept (same order, so the
    feature cache is shared) but none of them in the training split."""
    return [dict(r, split="loco_held_out") if r["corpus"] == held_out and r["split"] == "train" else r
            for r in rows]


def test_figures(model, rows: list[dict], corpus: str, cfg: dict) -> dict:
    """2 s windows (running speaker profile, as the app) on `corpus`'s test speakers: UAR over
    the classes it has, 4-class core UAR, arousal and valence AUC, clip-average UAR."""
    sel = [r for r in rows if r["corpus"] == corpus and r["split"] == "test"]
    core = [cfg["labels"].index(c) for c in CORE]
    res = evaluate_rows(model, sel, datasets_root(), cfg, core=core, short_windows=False)
    w2 = res["window_2s"]
    classes = sorted({r["label"] for r in sel if r["label"]}, key=cfg["labels"].index)
    return {"speakers": sorted({r["speaker"] for r in sel}), "clips": len(sel), "classes": classes,
            "uar": w2["uar"] if classes else None, "core4_uar": (w2.get("core") or {}).get("uar"),
            "arousal_auc": w2["arousal_auc"], "valence_auc": w2.get("valence_auc"), "clip_uar": res["clip_average_2s"]["uar"] if classes else None,
            "confusion": w2["confusion"] if classes else None,
            "core4_confusion": (w2.get("core") or {}).get("confusion")}


def headline(folds: dict) -> dict:
    """Mean LOCO 4-class UAR (corpora with the core classes), mean LOCO arousal AUC and mean
    LOCO valence AUC (corpora with happy and angry or sad; not part of the ship rule)."""
    loco = [f["test"] for k, f in folds.items() if k != ALL and "test" in f]
    core = [t["core4_uar"] for t in loco if t["core4_uar"] is not None]
    auc = [t["arousal_auc"] for t in loco if t["arousal_auc"] is not None]
    val = [t["valence_auc"] for t in loco if t.get("valence_auc") is not None]
    within = folds.get(ALL, {}).get("tests", {})
    return {"loco_core4_uar_mean": sum(core) / len(core) if core else None, "loco_core4_folds": len(core),
            "loco_arousal_auc_mean": sum(auc) / len(auc) if auc else None, "loco_arousal_folds": len(auc),
            "loco_valence_auc_mean": sum(val) / len(val) if val else None, "loco_valence_folds": len(val),
            "ravdess_heldout_uar_8class": within.get("ravdess", {}).get("uar")}


BASELINE = "emotone-ds-cnn-v23-six"  # the shipped v23 recipe on all six corpora (LOCO.md)
RAVDESS_FLOOR = 0.60
FULL_FOLDS = {"loco_core4_folds": 4, "loco_arousal_folds": 5}


def complete(h: dict) -> bool:
    """A headline over every fold (a screen over some folds is not comparable with it)."""
    return all(h.get(k) == n for k, n in FULL_FOLDS.items()) and h.get("ravdess_heldout_uar_8class") is not None


def ship_rule(h: dict, base: dict) -> list[str]:
    """The parts of the written ship rule (LOCO.md) a complete headline fails against the
    baseline's; empty when it passes them (the size and speed budgets are checked apart)."""
    fails = []
    gain = h["loco_core4_uar_mean"] - base["loco_core4_uar_mean"]
    drop = base["loco_arousal_auc_mean"] - h["loco_arousal_auc_mean"]
    if gain < 0.02:
        fails.append(f"LOCO 4-class UAR {gain * 100:+.1f} points (needs +2)")
    if drop > 0.01:
        fails.append(f"LOCO arousal AUC {-drop * 100:+.1f} points (at most -1)")
    if h["ravdess_heldout_uar_8class"] < RAVDESS_FLOOR:
        fails.append(f"RAVDESS 8-class {h['ravdess_heldout_uar_8class']:.3f} below the {RAVDESS_FLOOR:.2f} floor")
    return fails


# The noise-aware rule (LOCO.md, "Selection over seeds"): every recipe as the mean of at least
# MIN_SEEDS trainings that differ only in their seed.
MIN_SEEDS = 3
MIN_GAIN = 0.01  # a gain must also be worth shipping: one point of 4-class UAR
AROUSAL_FALL_CAP = 0.01


def seeded(cfg: dict, seed: int) -> dict:
    """The config trained with `seed`: named `<name>-s<seed>` (its run folders and results
    file apart from every other seed's), with the seed recorded beside the recipe's name."""
    out = copy.deepcopy(cfg)
    out["recipe"] = cfg.get("recipe", cfg["name"])
    out["name"] = f"{out['recipe']}-s{seed}"
    out["seed"] = seed
    return out


def mean_sd(values: list[float]) -> tuple[float, float, int]:
    """Mean, sample standard deviation (0 for one value) and count."""
    n = len(values)
    m = sum(values) / n
    sd = (sum((v - m) ** 2 for v in values) / (n - 1)) ** 0.5 if n > 1 else 0.0
    return m, sd, n


SEED_FIGURES = ("loco_core4_uar_mean", "loco_arousal_auc_mean", "ravdess_heldout_uar_8class")


def over_seeds(headlines: list[dict]) -> dict:
    """Mean, spread and count over a recipe's complete per-seed headlines, per headline figure."""
    done = [h for h in headlines if complete(h)]
    return {k: mean_sd([h[k] for h in done]) if done else None for k in SEED_FIGURES} | {"seeds": len(done)}


def noise_rule(candidate: list[dict], baseline: list[dict]) -> list[str]:
    """The parts of the noise-aware ship rule (LOCO.md, "Selection over seeds") that a recipe's
    per-seed headlines fail against the baseline's; empty when it passes them all."""
    c, b = over_seeds(candidate), over_seeds(baseline)
    short = [f"{who} has {s['seeds']} complete seeds (needs {MIN_SEEDS})" for who, s in (("candidate", c), ("baseline", b))
             if s["seeds"] < MIN_SEEDS]
    if short:
        return short
    fails = []

    def diff(key: str) -> tuple[float, float]:
        (mc, sc, nc), (mb, sb, nb) = c[key], b[key]
        return mc - mb, (sc ** 2 / nc + sb ** 2 / nb) ** 0.5

    gain, se = diff("loco_core4_uar_mean")
    if gain <= 2 * se or gain < MIN_GAIN:
        fails.append(f"LOCO 4-class UAR {gain * 100:+.1f} points, standard error of the difference {se * 100:.1f} "
                     f"(needs more than twice that and at least {MIN_GAIN * 100:.0f} point)")
    fall, se_a = diff("loco_arousal_auc_mean")
    if fall < -2 * se_a or fall < -AROUSAL_FALL_CAP:
        fails.append(f"LOCO arousal AUC {fall * 100:+.1f} points, standard error {se_a * 100:.1f} "
                     f"(may fall by neither more than twice that nor more than {AROUSAL_FALL_CAP * 100:.0f} point)")
    rav = c["ravdess_heldout_uar_8class"][0]
    if rav < RAVDESS_FLOOR:
        fails.append(f"RAVDESS 8-class {rav:.3f} (mean over seeds) below the {RAVDESS_FLOOR:.2f} floor")
    return fails


def seed_report(paths: list[str]) -> str:
    """Markdown: per recipe (results of one config at one epoch count, whatever their seed or
    name: a rerun under another name counts too), each headline figure as mean ± standard
    deviation over its complete runs, with their seeds named ('?': a run from before seeds were
    recorded, trained with its config's seed)."""
    groups: dict[tuple, list[dict]] = {}
    for path in paths:
        res = json.loads(Path(path).read_text())
        if "headline" in res:
            groups.setdefault((res.get("config") or res.get("name") or Path(path).stem, res.get("epochs")), []).append(res)
    lines = ["| recipe | seeds | LOCO 4-class UAR | LOCO arousal AUC | RAVDESS 8-class (held-out speakers) |", "|---|---|---|---|---|"]
    for runs in groups.values():
        recipe = min((r.get("recipe") or r.get("name") or "?" for r in runs), key=len)
        s = over_seeds([r["headline"] for r in runs])
        seeds = ", ".join(str(r.get("seed", "?")) for r in runs if complete(r["headline"]))
        cells = ["-" if s[k] is None else f"{s[k][0]:.3f} ± {s[k][1]:.3f}" for k in SEED_FIGURES]
        lines.append(f"| {recipe} | {s['seeds']} ({seeds or 'none complete'}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict(candidate_paths: list[str], baseline_paths: list[str]) -> str:
    """The rule's verdict in words, from the per-seed results files of a candidate and the baseline."""
    heads = lambda paths: [json.loads(Path(p).read_text()).get("headline") or {} for p in paths]  # noqa: E731
    fails = noise_rule(heads(candidate_paths), heads(baseline_paths))
    return "ships by the rule (budgets checked apart)" if not fails else "does not ship: " + "; ".join(fails)


def _f(v) -> str:
    return "-" if v is None else f"{v:.3f}"


def report(paths: list[str]) -> str:
    """Markdown: per result file, LOCO figures per held-out corpus, the headline and the
    within-corpus held-out-speaker figures (a shipped_eval file has only the latter kind for
    corpora it was trained on, and LOCO figures for those it never heard)."""
    lines = ["| result | figure | " + " | ".join(FOLDS) + " | mean |", "|---" * (len(FOLDS) + 3) + "|"]
    for path in paths:
        res = json.loads(Path(path).read_text())
        name = res.get("name") or Path(path).stem
        if "folds" in res:
            loco = {k: f.get("test", {}) for k, f in res["folds"].items() if k != ALL}
            within = res["folds"].get(ALL, {}).get("tests", {})
        else:  # a shipped model: corpora it never trained on are its LOCO figures
            loco = {c: t for c, t in res["tests"].items() if c not in res["trained_on"]}
            within = {c: t for c, t in res["tests"].items() if c in res["trained_on"]}
        for key, label in (("core4_uar", "LOCO 4-class UAR"), ("arousal_auc", "LOCO arousal AUC"),
                           ("valence_auc", "LOCO valence AUC (happy vs angry+sad)")):
            vals = [t[key] for t in loco.values() if t.get(key) is not None]
            if vals:  # a figure no fold has (valence, in results older than it) gets no row
                lines.append(f"| {name} | {label} | " + " | ".join(_f(loco.get(c, {}).get(key)) for c in FOLDS)
                             + f" | {_f(sum(vals) / len(vals)) if vals else '-'} (n={len(vals)}) |")
        for key, label in (("uar", "held-out speakers, UAR over its classes"),
                           ("core4_uar", "held-out speakers, 4-class UAR"),
                           ("arousal_auc", "held-out speakers, arousal AUC"),
                           ("valence_auc", "held-out speakers, valence AUC")):
            if any(t.get(key) is not None for t in within.values()):
                lines.append(f"| {name} | {label} | " + " | ".join(_f(within.get(c, {}).get(key)) for c in FOLDS)
                             + " | |")
    return "\n".join(lines)


class Progress:
    """Prints fold, epoch, seconds per epoch and the time left for the fold and the run."""

    def __init__(self, n_runs: int, done_before: int, epochs: int):
        self.n_runs, self.done, self.epochs, self.secs = n_runs, done_before, epochs, []
        self.label = ""

    def start(self, label: str) -> None:
        self.label = label

    def __call__(self, entry: dict, n_epochs: int) -> None:
        self.secs.append(entry["seconds"])
        per = sum(self.secs[-10:]) / len(self.secs[-10:])
        left_fold = (n_epochs - entry["epoch"] - 1) * per
        left_all = left_fold + (self.n_runs - self.done - 1) * self.epochs * per
        print(f"[loco] {self.label} epoch {entry['epoch'] + 1}/{n_epochs} loss {entry['loss']:.3f} "
              f"{per:.1f} s/epoch; fold ETA {left_fold / 60:.1f} min, all ETA {left_all / 60:.1f} min",
              flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config")
    ap.add_argument("--report", nargs="+", metavar="RESULTS_JSON", help="only print the table of these results")
    ap.add_argument("--epochs", type=int, default=DEFAULT_EPOCHS)
    ap.add_argument("--folds", default=",".join(FOLDS + (ALL,)),
                    help=f"held-out corpora, comma-separated ('{ALL}': hold out no corpus)")
    ap.add_argument("--resume", action="store_true", help="continue (or reuse finished) runs")
    ap.add_argument("--out", default=None, help="results JSON (default training/results/loco-<name>.json)")
    ap.add_argument("--seed", type=int, default=None,
                    help="train with this seed: runs and results named <name>-s<seed> (the rule wants 3 or more)")
    ap.add_argument("--seeds", nargs="+", metavar="RESULTS_JSON", help="only print each recipe's figures over its seeds")
    ap.add_argument("--verdict", nargs="+", metavar="RESULTS_JSON", help="a candidate's per-seed results: print the rule's verdict")
    ap.add_argument("--against", nargs="+", metavar="RESULTS_JSON", help="the baseline's per-seed results (with --verdict)")
    args = ap.parse_args(argv)
    if args.report:
        print(report(args.report))
        return 0
    if args.seeds:
        print(seed_report(args.seeds))
        return 0
    if args.verdict:
        if not args.against:
            ap.error("--verdict needs --against (the baseline's per-seed results)")
        print(seed_report(args.verdict + args.against))
        print(f"\nverdict: {verdict(args.verdict, args.against)}")
        return 0
    if not args.config:
        ap.error("--config is required")
    torch.set_num_threads(torch_threads())
    cfg = load_config(args.config)
    if args.seed is not None:
        cfg = seeded(cfg, args.seed)
    folds = args.folds.split(",")
    out = Path(args.out) if args.out else REPO_ROOT / "training" / "results" / f"loco-{cfg['name']}.json"
    try:
        rows = build_manifest(cfg, datasets_root())
    except MissingCorpusError as err:
        print(err, file=sys.stderr)
        return 2
    cache = REPO_ROOT / "training" / "cache"
    print(f"[loco] {len(rows)} utterances from {datasets_root()}; features (cached after the first time)", flush=True)
    compute_features(cfg, rows, datasets_root(), cache)
    results = json.loads(out.read_text()) if args.resume and out.is_file() else {}
    results.update(config=args.config, name=cfg["name"], recipe=cfg.get("recipe", cfg["name"]), seed=cfg.get("seed"),
                   epochs=args.epochs, protocol=(
        "Leave one corpus out: train on every other corpus (non-test speakers), test on the held-out "
        "corpus's fixed test speakers. 2 s windows every 0.5 s over the voiced span, running speaker "
        "profile as in the app. core4: windows of neutral/happy/sad/angry read as the most probable "
        "of those four. Arousal AUC: low (neutral, calm, sad, boredom, BAVED levels 0-1) against high "
        "(angry, happy, fearful, surprised, BAVED level 2). Fold 'none': trained on all corpora, "
        "tested on each corpus's test speakers."))
    results.setdefault("folds", {})
    todo = [f for f in folds if not (args.resume and f in results["folds"] and "done" in results["folds"][f])]
    progress = Progress(len(folds), len(folds) - len(todo), args.epochs)
    t0 = time.time()
    members = member_configs(cfg, Path(args.config).parent)
    if args.seed is not None and "ensemble" in cfg:
        members = [seeded(m, args.seed) for m in members]
    member_rows = {m["name"]: rows if m["corpora"].keys() == cfg["corpora"].keys()
                   else build_manifest(m, datasets_root()) for m in members}
    if len(members) > 1:
        print(f"[loco] ensemble of {len(members)}: " + ", ".join(
            f"{m['name']} ({'/'.join(m['corpora'])})" for m in members), flush=True)
    for held_out in todo:
        label = f"fold {progress.done + 1}/{len(folds)} (held out: {held_out})"
        progress.start(label)
        frows = fold_rows(rows, held_out)
        fcfg = fold_config(cfg, held_out, args.epochs, Path("-"))
        nets = []
        for m in members:
            key = member_key(m, held_out)
            rd = REPO_ROOT / "training" / "runs" / f"{m['name']}-loco-{key}-final"
            rd.mkdir(parents=True, exist_ok=True)
            mcfg = fold_config(m, key, args.epochs, rd / "manifest.jsonl")
            assert run_dir(mcfg, -1) == rd
            if not (args.resume and finished(mcfg, -1)):
                write_manifest(fold_rows(member_rows[m["name"]], key), rd / "manifest.jsonl")
                if not args.resume:
                    (rd / "last.pt").unlink(missing_ok=True)
                print(f"[loco] {label}: training {m['name']} {args.epochs} epochs -> {rd}", flush=True)
                run(mcfg, -1, rd, resume=args.resume, on_epoch=progress)
            nets.append(load_member(mcfg, rd / "last.pt"))
        model = average(nets)
        if model.uses_profile:
            from .profile import initial_profile
            feats = compute_features(cfg, frows, datasets_root(), cache)
            model.initial_profile = torch.from_numpy(initial_profile(fcfg, frows, feats, model.frontend, -1))
        print(f"[loco] {label}: testing", flush=True)
        entry = {"trained_on": sorted({r["corpus"] for r in frows if r["split"] == "train"})}
        if len(members) > 1:
            entry["members"] = {m["name"]: sorted(c for c in m["corpora"] if c != held_out) for m in members}
        if held_out == ALL:
            entry["tests"] = {c: test_figures(model, frows, c, fcfg) for c in cfg["corpora"]
                              if any(r["corpus"] == c and r["split"] == "test" for r in frows)}
        else:
            entry["test"] = test_figures(model, frows, held_out, fcfg)
        entry["done"] = time.strftime("%Y-%m-%d %H:%M:%S")
        results["folds"][held_out] = entry
        results["headline"] = headline(results["folds"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=1) + "\n")
        figs = entry.get("test") or entry["tests"]
        print(f"[loco] {label} done ({(time.time() - t0) / 60:.1f} min so far): "
              f"{json.dumps(figs if held_out == ALL else {k: figs[k] for k in ('uar', 'core4_uar', 'arousal_auc')}, default=str)[:600]}",
              flush=True)
        progress.done += 1
    print(f"[loco] headline: {json.dumps(results.get('headline'))} -> {out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
