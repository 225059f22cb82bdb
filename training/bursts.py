"""bursts: laughs, yawns, sighs, cries and screams, and how well the shipped network's own embeddings tell them apart.

  /usr/bin/python3 -m training.bursts probe   # -> training/results/bursts-probe.json, bursts-probe.png
  /usr/bin/python3 -m training.bursts splits  # counts per class and split (no audio read)
  /usr/bin/python3 -m training.prepare --config training/configs/experiments/bursts-v1.json --out training/cache/bursts-manifest.jsonl
  /usr/bin/python3 -m training.train --config training/configs/experiments/bursts-v1.json --fold 0 --manifest training/cache/bursts-manifest.jsonl
  /usr/bin/python3 -m training.bursts evaluate   # that network -> training/results/bursts-v1.json, .png
  (--seed N on training.train, --checkpoint/--out on evaluate for each seed, then
   /usr/bin/python3 -m training.bursts seeds <results> --out <file>: mean ± sd over seeds)

The question before building a burst detector: is a head on the shipped emotion network enough
(one graph, one run per window, a few kB of weights), or does it need a second model of its own?
The probe answers it with frozen features: the three members' embeddings (the inputs of their
classifier layers, as in training/enrolment.py) of the shipped models/emotion.onnx, run as the app
runs it (onnxruntime-web WASM through Node), one vector per 2 s window, a multinomial logistic
regression on top. Nothing here is shipped; the figures decide what is built.

Classes and sources (fixed before any result; BURST_SOURCES below):
- laugh: EmoGator "amusement", Nonverbal "laughing"
- yawn: Nonverbal "yawning" (EmoGator has no yawns)
- sigh: Nonverbal "sighing", EmoGator "relief" (its relief bursts are sighs and "phew"s)
- cry: Nonverbal "crying"
- scream: Nonverbal "screaming", EmoGator "fear", "surprise (negative)", "surprise (positive)"
  (screams and gasps: the face for both is surprise/fear)
- none: every other Nonverbal class (coughs, throat-clearing, sneezes, nose-blowing, lip and
  tongue sounds, teeth, panting, moaning), EmoGator "neutral", "anger", "disgust", "pain",
  "contentment", and ordinary speech (the speech corpora's training speakers)
- left out: EmoGator "elation", "distress", "sadness" (each mixes cheers, cries, sighs and groans)

Speakers: EmoGator contributors 250-299 and the Nonverbal speakers whose ids sort last (20 %) are
held out (../shared/datasets/README.md); the speech corpora keep their own fixed test speakers
(training/configs). The operating point for laughs (the probability a window needs to count as
one) is chosen on training speakers' speech that the regression did not see, so that it fires at
most once per hour there; then, and only then, the held-out figures are read.
Nonverbal's 48 yawns come from 9 speakers, none among its held-out ids, and its 24 cries from 23
speakers of whom 4 are: so the probe also reports a speaker-grouped 5-fold cross-validation over
Nonverbal's other speakers (each fold's speakers unseen by the regression that scores them). It is
speaker-disjoint, but not the fixed held-out set: the figures say which is which.

Figures on held-out speakers: per-class recall and precision over burst clips (argmax of the
clip's mean probability), the confusion matrix, the shipped model's own emotion for each burst
class, and false bursts per hour of speech on each speech corpus's held-out speakers (a run of
consecutive positive windows counts once; each window stands for one hop of speech, as in the app).
Seeds: the regression is fitted SEEDS times on different draws of the speech negatives; every
figure is their mean and standard deviation.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import torch

BURSTS = ("laugh", "yawn", "sigh", "cry", "scream", "none")
BURST_SOURCES: dict[tuple[str, str], str] = {
    ("emogator", "amusement"): "laugh",
    ("emogator", "relief"): "sigh",
    ("emogator", "fear"): "scream",
    ("emogator", "surprise (negative)"): "scream",
    ("emogator", "surprise (positive)"): "scream",
    ("emogator", "neutral"): "none",
    ("emogator", "anger"): "none",
    ("emogator", "disgust"): "none",
    ("emogator", "pain"): "none",
    ("emogator", "contentment"): "none",
    ("nonverbal", "laughing"): "laugh",
    ("nonverbal", "yawning"): "yawn",
    ("nonverbal", "sighing"): "sigh",
    ("nonverbal", "crying"): "cry",
    ("nonverbal", "screaming"): "scream",
    **{("nonverbal", c): "none" for c in (
        "coughing", "lip-popping", "lip-smacking", "moaning", "nose-blowing", "panting", "sneezing",
        "teeth-chattering", "teeth-grinding", "throat-clearing", "tongue-clicking")},
}
BURST_CORPORA = ("emogator", "nonverbal")
PLURAL = {"cry": "cries"}
SPEECH_CORPORA = ("ravdess", "emodb", "ased", "nemo", "baved")
SEEDS = 5
SPEECH_NEGATIVES = 1500   # training speech windows drawn per seed
FALSE_LAUGHS_PER_HOUR = 1.0
LAUGH_CURVE = tuple(float(1 - 0.5 * 10 ** -e) for e in np.linspace(0, 4, 17))  # 0.5 … 0.99995


def burst_class(corpus: str, raw_label: str) -> str | None:
    """The burst class a corpus label stands for, or None when it is left out."""
    return BURST_SOURCES.get((corpus, raw_label))


def burst_split(corpus: str, speaker: str, nonverbal_ids: list[str]) -> str:
    """'test' or 'train' for a burst corpus speaker (the dataset README's fixed rules)."""
    if corpus == "emogator":
        return "test" if int(speaker) >= 250 else "train"
    if corpus == "nonverbal":
        ids = sorted(nonverbal_ids)
        return "test" if ids.index(speaker) >= len(ids) - round(0.2 * len(ids)) else "train"
    raise ValueError(f"not a burst corpus: {corpus}")


def burst_rows(root: Path) -> list[dict]:
    """Every burst clip that has a class, with its split; raises MissingCorpusError when a corpus is absent."""
    from .adapters import ADAPTERS
    rows = []
    for corpus in BURST_CORPORA:
        records = ADAPTERS[corpus](root / corpus)
        ids = sorted({r.speaker for r in records}) if corpus == "nonverbal" else []
        for rec in records:
            cls = burst_class(corpus, rec.raw_label)
            if cls is None:
                continue
            row = rec.to_dict()
            row["path"] = str(Path(rec.path).relative_to(root))
            row.update(burst=cls, burst_index=BURSTS.index(cls), split=burst_split(corpus, rec.speaker, ids))
            rows.append(row)
    return rows


def _run_starts(clip_ids: np.ndarray) -> np.ndarray:
    """True where a window is the first of its clip (windows of a clip are consecutive)."""
    first = np.ones(len(clip_ids), bool)
    first[1:] = clip_ids[1:] != clip_ids[:-1]
    return first


def events_per_hour(positive: np.ndarray, clip_ids: np.ndarray, hop_s: float) -> float:
    """Runs of consecutive positive windows within a clip, per hour of the speech the windows stand for."""
    positive = np.asarray(positive, bool)
    hours = len(positive) * hop_s / 3600
    if hours <= 0:
        return float("nan")
    before = np.concatenate([[False], positive[:-1]]) & ~_run_starts(clip_ids)
    return float(np.sum(positive & ~before)) / hours


def laugh_threshold(p_laugh: np.ndarray, clip_ids: np.ndarray, hop_s: float, per_hour: float) -> float:
    """The lowest laugh probability (at least 0.5) at which the windows give at most `per_hour` false laughs an hour."""
    p = np.asarray(p_laugh, float)
    # A window starts a run at threshold t when p >= t and the window before it in its clip is below t.
    prev = np.where(_run_starts(clip_ids), -np.inf, np.concatenate([[-np.inf], p[:-1]]))
    candidates = np.unique(np.concatenate([[0.5], p[p >= 0.5]]))
    limit = per_hour * len(p) * hop_s / 3600
    for chunk in np.array_split(candidates, max(1, len(candidates) // 256)):
        events = ((p[None, :] >= chunk[:, None]) & (prev[None, :] < chunk[:, None])).sum(1)
        ok = np.flatnonzero(events <= limit)
        if len(ok):
            return float(chunk[ok[0]])
    return 1.0


def decide(p: np.ndarray, threshold: float) -> np.ndarray:
    """argmax, except that a laugh also needs `threshold` (the chosen operating point)."""
    laugh = BURSTS.index("laugh")
    q = p.copy()
    q[:, laugh] = np.where(p[:, laugh] >= threshold, p[:, laugh], 0.0)
    return np.argmax(q, 1)


def score_held_out(clip_p: np.ndarray, clip_y: np.ndarray, speech_p: np.ndarray, speech_clip: np.ndarray,
                   speech_corpus: np.ndarray, threshold: float, hop_s: float) -> dict:
    """Figures on held-out speakers at the laugh threshold chosen elsewhere: the confusion of burst
    clips (each by its mean probability over windows), recall and precision per class, false bursts
    per hour of held-out speech per corpus (every window decides), and the whole laugh trade-off
    (read, never chosen from)."""
    laugh = BURSTS.index("laugh")
    confusion = np.zeros((len(BURSTS), len(BURSTS)), int)
    for y, pred in zip(clip_y, decide(clip_p, threshold)):
        confusion[y, pred] += 1
    per_class = {cls: {"recall": confusion[k, k] / max(1, confusion[k].sum()),
                       "precision": confusion[k, k] / max(1, confusion[:, k].sum()),
                       "clips": int(confusion[k].sum())} for k, cls in enumerate(BURSTS)}
    pred = decide(speech_p, threshold)
    false = {}
    for corpus in SPEECH_CORPORA:
        m = speech_corpus == corpus
        if m.any():
            false[corpus] = {cls: events_per_hour(pred[m] == k, speech_clip[m], hop_s) for k, cls in enumerate(BURSTS) if cls != "none"}
            false[corpus]["hours"] = int(m.sum()) * hop_s / 3600
    is_laugh = clip_y == laugh
    curve = []
    for thr in LAUGH_CURVE:
        hit = (clip_p[:, laugh] >= thr) & (np.argmax(clip_p, 1) == laugh)
        fire = (speech_p[:, laugh] >= thr) & (np.argmax(speech_p, 1) == laugh)
        curve.append({"threshold": thr, "recall": float(hit[is_laugh].mean()) if is_laugh.any() else float("nan"),
                      "false_per_hour": events_per_hour(fire, speech_clip, hop_s)})
    return {"laugh_threshold": threshold, "confusion": confusion.tolist(), "per_class": per_class,
            "false_per_hour": false, "laugh_curve": curve}


def ms(values) -> dict:
    """{"mean", "sd"} of a figure over seeds (training/loco.py's mean_sd)."""
    from .loco import mean_sd
    m, sd, _ = mean_sd([float(v) for v in values])
    return {"mean": m, "sd": sd}


def _windows(model, emb_names, waves, cfg, profile, batch=32):
    """Per window of each wave: (clip index, member embeddings concatenated, emotion probabilities)."""
    from .evaluate import clip_windows
    items = [(i, w) for i, wave in enumerate(waves) for w in clip_windows(wave, cfg, cfg["windows"]["window_ms"])]
    by_len: dict[int, list[int]] = {}
    for k, (_, w) in enumerate(items):
        by_len.setdefault(len(w), []).append(k)
    embs = [None] * len(items)
    probs = [None] * len(items)
    done = 0
    with torch.no_grad():
        for idx in by_len.values():
            for s in range(0, len(idx), batch):
                chunk = idx[s: s + batch]
                x = torch.from_numpy(np.stack([items[k][1] for k in chunk]).astype(np.float32))
                out = model(x, torch.from_numpy(np.repeat(profile[None], len(chunk), 0)))
                e = np.concatenate([model.last_outputs[n].numpy().reshape(len(chunk), -1) for n in emb_names], 1)
                for j, k in enumerate(chunk):
                    embs[k] = e[j]
                    probs[k] = out[0][j].numpy()
                done += len(chunk)
                if done % 1024 < batch:
                    print(f"[bursts]   {done}/{len(items)} windows", flush=True)
    return np.array([i for i, _ in items]), np.stack(embs), np.stack(probs)


def _fit(x: np.ndarray, y: np.ndarray, seed: int):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    clf = make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=2000, class_weight="balanced", random_state=seed))
    return clf.fit(x, y)


def _plot(confusion: np.ndarray, per_class: dict, curves: list[list[dict]], path: Path, title: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (a, b, c) = plt.subplots(1, 3, figsize=(17, 4.8), gridspec_kw={"width_ratios": [1, 1.2, 1.1]})
    for k, curve in enumerate(curves):
        c.plot([max(q["false_per_hour"], 0.1) for q in curve], [q["recall"] for q in curve], marker=".", alpha=0.7, label=f"seed {k}")
    c.set_xscale("log")
    c.axvline(FALSE_LAUGHS_PER_HOUR, color="grey", lw=0.8, ls="--")
    c.axhline(0.85, color="grey", lw=0.8, ls="--")
    c.text(FALSE_LAUGHS_PER_HOUR * 1.1, 0.87, "goal: ≥ 0.85 at ≤ 1/h", fontsize=8, color="grey")
    c.set_xlabel("false laughs per hour of held-out speech (0 drawn at 0.1)")
    c.set_ylabel("held-out laugh recall")
    c.set_ylim(0, 1)
    c.set_title("laugh threshold swept (read, not chosen)")
    c.legend(fontsize=7)
    rows = confusion / np.maximum(confusion.sum(1, keepdims=True), 1)
    a.imshow(rows, cmap="Blues", vmin=0, vmax=1)
    a.set_xticks(range(len(BURSTS)), BURSTS, rotation=45)
    a.set_yticks(range(len(BURSTS)), BURSTS)
    a.set_xlabel("predicted")
    a.set_ylabel("true (held-out speakers)")
    for i in range(len(BURSTS)):
        for j in range(len(BURSTS)):
            if confusion[i, j]:
                a.text(j, i, f"{rows[i, j]:.2f}", ha="center", va="center", fontsize=8, color="white" if rows[i, j] > 0.5 else "black")
    a.set_title("confusion, row-normalised" + (f" (mean of {len(curves)} seeds)" if len(curves) > 1 else ""))
    names = [c for c in BURSTS if c != "none"]
    xs = np.arange(len(names))
    for off, key in ((-0.2, "recall"), (0.2, "precision")):
        b.bar(xs + off, [per_class[c][key]["mean"] for c in names], 0.4, yerr=[per_class[c][key]["sd"] for c in names], label=key, capsize=3)
    b.set_xticks(xs, names)
    b.set_ylim(0, 1)
    b.axhline(0.85, color="grey", lw=0.8, ls="--")
    b.text(len(names) - 0.5, 0.86, "laugh goal 0.85", ha="right", fontsize=8, color="grey")
    b.legend()
    b.set_title(f"held-out speakers, mean ± sd over {len(curves)} seeds" if len(curves) > 1 else "held-out speakers, one training")
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def probe(model_path: str, out_path: Path, cache: Path | None = None) -> int:
    from .adapters import MissingCorpusError
    from .audio import load_wave
    from .enrolment import with_embeddings
    from .prepare import build_manifest
    from .settings import REPO_ROOT, datasets_root, load_config
    from .shipped_eval import CORPORA_CONFIG, OnnxModel

    torch.set_num_threads(1)
    cfg = load_config(REPO_ROOT / CORPORA_CONFIG)
    root = datasets_root()
    try:
        bursts = burst_rows(root)
        speech = build_manifest(cfg, root, list(SPEECH_CORPORA))
    except MissingCorpusError as err:
        print(err, file=sys.stderr)
        return 2
    rng = np.random.default_rng(20261207)
    speech_train = [r for r in speech if r["split"] != "test"]
    speech_train = [speech_train[i] for i in rng.permutation(len(speech_train))[: SEEDS * SPEECH_NEGATIVES // 2]]
    speech_test = [r for r in speech if r["split"] == "test"]
    hop_s = cfg["windows"]["hop_ms"] / 1000
    print(f"[bursts] {len(bursts)} burst clips {dict(Counter((r['burst'], r['split']) for r in bursts))}; "
          f"speech: {len(speech_train)} training clips drawn, {len(speech_test)} held-out", flush=True)
    feats = {}
    if cache and cache.is_file():
        with np.load(cache) as z:
            feats = {name: (z[f"{name}_clip"], z[f"{name}_x"], z[f"{name}_p"]) for name in ("bursts", "speech_train", "speech_test")}
        print(f"[bursts] window features from {cache}", flush=True)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            graph = Path(tmp) / "with-embeddings.onnx"
            emb_names = with_embeddings(REPO_ROOT / model_path, graph)
            model = OnnxModel(graph, REPO_ROOT / Path(model_path).parent / "labels.json")
            profile = model.initial_profile.numpy() if model.initial_profile is not None else np.zeros(0, np.float32)
            try:
                for name, rows in (("bursts", bursts), ("speech_train", speech_train), ("speech_test", speech_test)):
                    print(f"[bursts] {name}: decoding {len(rows)} clips", flush=True)
                    waves = [load_wave(root / r["path"]) for r in rows]
                    feats[name] = _windows(model, emb_names, waves, cfg, profile)
            finally:
                model.close()
        if cache:
            np.savez(cache, **{f"{name}_{k}": v for name, f in feats.items() for k, v in zip(("clip", "x", "p"), f)})
    emotion_labels = cfg["labels"]
    b_clip, b_x, b_p = feats["bursts"]
    st_clip, st_x, _ = feats["speech_train"]
    sx_clip, sx_x, _ = feats["speech_test"]
    b_y = np.array([bursts[i]["burst_index"] for i in b_clip])
    b_split = np.array([bursts[i]["split"] for i in b_clip])
    none = BURSTS.index("none")
    laugh = BURSTS.index("laugh")

    # What the shipped model calls each burst class today (held-out speakers, argmax per clip).
    shipped = {}
    test_clips = sorted({i for i in b_clip[b_split == "test"]})
    for cls in BURSTS:
        clips = [i for i in test_clips if bursts[i]["burst"] == cls]
        calls = Counter(emotion_labels[int(np.argmax(b_p[b_clip == i].mean(0)))] for i in clips)
        shipped[cls] = {k: round(v / max(1, len(clips)), 3) for k, v in calls.most_common()}

    per_seed = []
    st_clip_ids = np.unique(st_clip)
    for seed in range(SEEDS):
        r = np.random.default_rng(seed)
        # Half the drawn speech clips train, the other half set the operating point (validation).
        order = r.permutation(st_clip_ids)
        fit_clips, val_clips = order[: len(order) // 2], order[len(order) // 2:]
        fit_speech = np.isin(st_clip, fit_clips)
        keep = np.flatnonzero(fit_speech)
        keep = keep[r.permutation(len(keep))[:SPEECH_NEGATIVES]]
        train = b_split == "train"
        x = np.concatenate([b_x[train], st_x[keep]])
        y = np.concatenate([b_y[train], np.full(len(keep), none)])
        clf = _fit(x, y, seed)
        val_speech = np.isin(st_clip, val_clips)
        t = laugh_threshold(clf.predict_proba(st_x[val_speech])[:, laugh], st_clip[val_speech], hop_s, FALSE_LAUGHS_PER_HOUR)

        clip_p = np.stack([clf.predict_proba(b_x[b_clip == i]).mean(0) for i in test_clips])
        clip_y = np.array([bursts[i]["burst_index"] for i in test_clips])
        sx_corpus = np.array([speech_test[i]["corpus"] for i in sx_clip])
        scored = score_held_out(clip_p, clip_y, clf.predict_proba(sx_x), sx_clip, sx_corpus, t, hop_s)
        per_class, false = scored["per_class"], scored["false_per_hour"]
        # Nonverbal, speaker-grouped 5-fold CV over its training speakers (yawns and cries have
        # too few held-out clips): each fold scored by a regression that never saw its speakers.
        nv = [i for i in sorted(set(b_clip[train].tolist())) if bursts[i]["corpus"] == "nonverbal"]
        nv_speakers = sorted({bursts[i]["speaker"] for i in nv})
        fold_of = {spk: k % 5 for k, spk in enumerate(r.permutation(nv_speakers))}
        cv = np.zeros((len(BURSTS), len(BURSTS)), int)
        for fold in range(5):
            held = np.array([train[w] and bursts[c]["corpus"] == "nonverbal" and fold_of[bursts[c]["speaker"]] == fold for w, c in enumerate(b_clip)])
            fit = train & ~held
            fold_clf = _fit(np.concatenate([b_x[fit], st_x[keep]]), np.concatenate([b_y[fit], np.full(len(keep), none)]), seed)
            for i in sorted(set(b_clip[held].tolist())):
                p = fold_clf.predict_proba(b_x[b_clip == i]).mean(0, keepdims=True)
                cv[bursts[i]["burst_index"], decide(p, t)[0]] += 1
        cv_recall = {cls: cv[k, k] / cv[k].sum() for k, cls in enumerate(BURSTS) if cv[k].sum()}
        per_seed.append({"seed": seed, **scored, "nonverbal_cv_confusion": cv.tolist(), "nonverbal_cv_recall": cv_recall})
        print(f"[bursts] seed {seed}: laugh threshold {t:.3f}; recall " + ", ".join(f"{c} {per_class[c]['recall']:.2f}" for c in BURSTS)
              + "; false laughs/h " + ", ".join(f"{c} {false[c]['laugh']:.1f}" for c in false), flush=True)

    summary_class = {cls: {key: ms([s["per_class"][cls][key] for s in per_seed]) for key in ("recall", "precision")} | {"clips": per_seed[0]["per_class"][cls]["clips"]} for cls in BURSTS}
    summary_false = {c: {cls: ms([s["false_per_hour"][c][cls] for s in per_seed]) for cls in BURSTS if cls != "none"} | {"hours": per_seed[0]["false_per_hour"][c]["hours"]}
                     for c in per_seed[0]["false_per_hour"]}
    confusion = np.mean([s["confusion"] for s in per_seed], 0)
    cv_recall = {cls: ms([s["nonverbal_cv_recall"][cls] for s in per_seed]) | {"clips": int(np.sum(per_seed[0]["nonverbal_cv_confusion"][k]))}
                 for k, cls in enumerate(BURSTS) if cls in per_seed[0]["nonverbal_cv_recall"]}
    out = {
        "model": model_path, "protocol": __doc__.split("\n\n", 1)[1].strip(), "seeds": SEEDS,
        "classes": BURSTS, "per_class": summary_class, "false_per_hour_of_speech": summary_false,
        "confusion_mean": confusion.tolist(), "shipped_model_calls": shipped,
        "nonverbal_speaker_cv_recall": cv_recall,
        "laugh_threshold": ms([s["laugh_threshold"] for s in per_seed]), "per_seed": per_seed,
        "feature_size": int(b_x.shape[1]),
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(out, indent=1, default=float) + "\n")
    _plot(confusion, summary_class, [s["laugh_curve"] for s in per_seed], out_path.with_suffix(".png"),
          f"linear probe on the shipped network's embeddings ({b_x.shape[1]} features), {SEEDS} seeds")
    lines = ["| class | held-out clips | recall | precision |", "|---|---|---|---|"]
    for cls in BURSTS:
        s = summary_class[cls]
        lines.append(f"| {cls} | {s['clips']} | {s['recall']['mean']:.2f} ± {s['recall']['sd']:.2f} | {s['precision']['mean']:.2f} ± {s['precision']['sd']:.2f} |")
    best = [max((q["recall"] for q in s["laugh_curve"] if q["false_per_hour"] <= FALSE_LAUGHS_PER_HOUR), default=0.0) for s in per_seed]
    at_argmax = [s["laugh_curve"][0] for s in per_seed]
    lines += ["", f"laugh, plain argmax: recall {np.mean([q['recall'] for q in at_argmax]):.2f}, "
              f"{np.mean([q['false_per_hour'] for q in at_argmax]):.0f} false laughs per hour of held-out speech; "
              f"the best recall any threshold reaches at ≤ {FALSE_LAUGHS_PER_HOUR:g}/h on held-out speech (an upper bound: read on the test set): "
              f"{np.mean(best):.2f} ± {np.std(best, ddof=1):.2f}"]
    lines += ["", "Nonverbal, speaker-grouped 5-fold CV over its training speakers (not the held-out set): "
              + ", ".join(f"{cls} {v['mean']:.2f} ± {v['sd']:.2f} of {v['clips']}" for cls, v in cv_recall.items())]
    lines += ["", "| speech corpus (held-out) | hours | false laughs/h | false yawns/h | false sighs/h | false cries/h | false screams/h |", "|---|---|---|---|---|---|---|"]
    for c, s in summary_false.items():
        lines.append(f"| {c} | {s['hours']:.2f} | " + " | ".join(f"{s[k]['mean']:.1f} ± {s[k]['sd']:.1f}" for k in BURSTS if k != "none") + " |")
    lines += ["", "the shipped model's own emotion for each held-out burst class: "
              + "; ".join(f"{cls}: " + ", ".join(f"{k} {v:.0%}" for k, v in list(calls.items())[:4]) for cls, calls in shipped.items())]
    print("\n".join(lines), flush=True)
    print(f"-> {out_path} and {out_path.with_suffix('.png')}", flush=True)
    return 0


def evaluate_checkpoint(config: str, checkpoint: str, manifest: str, fold: int, out_path: Path) -> int:
    """A trained burst network (a checkpoint of training.train on a burst config) on the same held-out
    protocol as the probe. It must have been trained with `--fold k` (k >= 0): the speech
    corpora's fold-k speakers, which it never saw, set the laugh operating point."""
    from .audio import load_wave
    from .ensemble import load_member
    from .evaluate import clip_windows, run_windows
    from .prepare import read_manifest
    from .settings import REPO_ROOT, datasets_root, load_config

    torch.set_num_threads(1)
    cfg = load_config(config)
    if tuple(cfg["labels"]) != BURSTS:
        raise SystemExit(f"{config} does not predict {BURSTS}")
    if fold < 0:
        raise SystemExit("a model trained on every training speaker leaves no unseen speech to choose its operating point: train it with --fold k")
    rows = read_manifest(Path(manifest))
    root = datasets_root()
    model = load_member(cfg, REPO_ROOT / checkpoint)
    hop_s = cfg["windows"]["hop_ms"] / 1000
    sets = {
        "bursts": [r for r in rows if r["split"] == "test" and r["corpus"] in BURST_CORPORA],
        "speech": [r for r in rows if r["split"] == "test" and r["corpus"] in SPEECH_CORPORA],
        "choose": [r for r in rows if r["split"] == "train" and r["corpus"] in SPEECH_CORPORA and r["cv_fold"] == fold],
    }
    if not sets["choose"]:
        raise SystemExit(f"no speech corpus has fold-{fold} speakers in {manifest}")
    probs = {}
    for name, chosen in sets.items():
        print(f"[bursts] {name}: {len(chosen)} clips", flush=True)
        clip_ids, out = [], []
        for i, r in enumerate(chosen):
            windows = clip_windows(load_wave(root / r["path"]), cfg, cfg["windows"]["window_ms"])
            out.append(run_windows(model, windows)[0])
            clip_ids += [i] * len(windows)
            if (i + 1) % 1000 == 0:
                print(f"[bursts]   {i + 1}/{len(chosen)}", flush=True)
        probs[name] = (np.array(clip_ids), np.concatenate(out))
    laugh = BURSTS.index("laugh")
    c_clip, c_p = probs["choose"]
    t = laugh_threshold(c_p[:, laugh], c_clip, hop_s, FALSE_LAUGHS_PER_HOUR)
    b_clip, b_p = probs["bursts"]
    clip_p = np.stack([b_p[b_clip == i].mean(0) for i in range(len(sets["bursts"]))])
    clip_y = np.array([BURSTS.index(r["label"]) for r in sets["bursts"]])
    s_clip, s_p = probs["speech"]
    s_corpus = np.array([sets["speech"][i]["corpus"] for i in s_clip])
    scored = score_held_out(clip_p, clip_y, s_p, s_clip, s_corpus, t, hop_s)
    out = {"config": config, "checkpoint": checkpoint, "fold": fold, "protocol": evaluate_checkpoint.__doc__.strip(),
           "operating_point_speech_hours": len(c_clip) * hop_s / 3600, **scored}
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(out, indent=1, default=float) + "\n")
    one = {cls: {k: {"mean": v[k], "sd": 0.0} for k in ("recall", "precision")} for cls, v in scored["per_class"].items()}
    _plot(np.array(scored["confusion"], float), one, [scored["laugh_curve"]], out_path.with_suffix(".png"),
          f"{cfg['name']} (one training, fold {fold}), held-out speakers")
    lines = [f"laugh threshold {t:.3f} (chosen on {out['operating_point_speech_hours']:.2f} h of unseen training-speaker speech)",
             "| class | held-out clips | recall | precision |", "|---|---|---|---|"]
    lines += [f"| {cls} | {v['clips']} | {v['recall']:.2f} | {v['precision']:.2f} |" for cls, v in scored["per_class"].items()]
    lines += ["", "| speech corpus (held-out) | hours | " + " | ".join(f"false {PLURAL.get(c, c + 's')}/h" for c in BURSTS if c != "none") + " |",
              "|---|---|" + "---|" * (len(BURSTS) - 1)]
    lines += [f"| {c} | {v['hours']:.2f} | " + " | ".join(f"{v[k]:.1f}" for k in BURSTS if k != "none") + " |" for c, v in scored["false_per_hour"].items()]
    print("\n".join(lines), flush=True)
    print(f"-> {out_path} and {out_path.with_suffix('.png')}", flush=True)
    return 0


def over_seeds(paths: list[str], out_path: Path) -> int:
    """Mean ± sd over several `evaluate` results of one recipe (trainings that differ in their seed)."""
    runs = [json.loads(Path(p).read_text()) for p in paths]
    if len(runs) < 2:
        raise SystemExit("give two or more evaluate results (one per seed)")

    per_class = {cls: {k: ms([r["per_class"][cls][k] for r in runs]) for k in ("recall", "precision")} | {"clips": runs[0]["per_class"][cls]["clips"]}
                 for cls in BURSTS}
    false = {c: {cls: ms([r["false_per_hour"][c][cls] for r in runs]) for cls in BURSTS if cls != "none"} | {"hours": runs[0]["false_per_hour"][c]["hours"]}
             for c in runs[0]["false_per_hour"]}
    out = {"runs": paths, "seeds": len(runs), "per_class": per_class, "false_per_hour": false,
           "laugh_threshold": ms([r["laugh_threshold"] for r in runs]),
           "confusion_mean": np.mean([r["confusion"] for r in runs], 0).tolist()}
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(out, indent=1) + "\n")
    _plot(np.array(out["confusion_mean"]), per_class, [r["laugh_curve"] for r in runs], out_path.with_suffix(".png"),
          f"{len(runs)} trainings differing in their seed, held-out speakers")
    lines = [f"{len(runs)} seeds; laugh threshold {out['laugh_threshold']['mean']:.3f} ± {out['laugh_threshold']['sd']:.3f}",
             "| class | held-out clips | recall | precision |", "|---|---|---|---|"]
    lines += [f"| {cls} | {v['clips']} | {v['recall']['mean']:.2f} ± {v['recall']['sd']:.2f} | {v['precision']['mean']:.2f} ± {v['precision']['sd']:.2f} |" for cls, v in per_class.items()]
    lines += ["", "| speech corpus (held-out) | hours | " + " | ".join(f"false {PLURAL.get(c, c + 's')}/h" for c in BURSTS if c != "none") + " |",
              "|---|---|" + "---|" * (len(BURSTS) - 1)]
    lines += [f"| {c} | {v['hours']:.2f} | " + " | ".join(f"{v[k]['mean']:.1f} ± {v[k]['sd']:.1f}" for k in BURSTS if k != "none") + " |" for c, v in false.items()]
    print("\n".join(lines), flush=True)
    print(f"-> {out_path} and {out_path.with_suffix('.png')}", flush=True)
    return 0


def splits() -> int:
    from .adapters import MissingCorpusError
    from .settings import datasets_root
    try:
        rows = burst_rows(datasets_root())
    except MissingCorpusError as err:
        print(err, file=sys.stderr)
        return 2
    counts = Counter((r["burst"], r["split"]) for r in rows)
    speakers = Counter((r["corpus"], r["split"]) for r in {(r["corpus"], r["speaker"], r["split"]): r for r in rows}.values())
    print("| class | train | test |\n|---|---|---|")
    for cls in BURSTS:
        print(f"| {cls} | " + " | ".join(str(counts[(cls, s)]) for s in ("train", "test")) + " |")
    print("speakers: " + ", ".join(f"{c} {s} {n}" for (c, s), n in sorted(speakers.items())))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("probe", "splits", "evaluate", "seeds"))
    ap.add_argument("results", nargs="*", help="seeds: the evaluate results to combine")
    ap.add_argument("--config", default="training/configs/experiments/bursts-v1.json", help="evaluate: the burst network's config")
    ap.add_argument("--checkpoint", default="training/runs/bursts-v1-fold0/last.pt", help="evaluate: its checkpoint")
    ap.add_argument("--manifest", default="training/cache/bursts-manifest.jsonl", help="evaluate: rows of the burst config (training.prepare)")
    ap.add_argument("--fold", type=int, default=0, help="evaluate: the fold it was trained without")
    ap.add_argument("--model", default="models/emotion.onnx")
    ap.add_argument("--out", default="training/results/bursts-probe.json")
    ap.add_argument("--cache", default=None, help="an .npz of the window features: written after extraction, read instead of it when present")
    args = ap.parse_args(argv)
    if args.what == "splits":
        return splits()
    from .settings import REPO_ROOT
    if args.what == "seeds":
        return over_seeds(args.results, REPO_ROOT / args.out)
    if args.what == "evaluate":
        out = args.out if args.out != "training/results/bursts-probe.json" else f"training/results/{Path(args.config).stem}.json"
        return evaluate_checkpoint(args.config, args.checkpoint, args.manifest, args.fold, REPO_ROOT / out)
    return probe(args.model, REPO_ROOT / args.out, Path(args.cache) if args.cache else None)


if __name__ == "__main__":
    sys.exit(main())
