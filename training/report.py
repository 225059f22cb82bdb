"""MODEL_CARD.md plus confusion-matrix and training-curve PNGs from eval.json and history."""
from __future__ import annotations

from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def plot_confusions(ev: dict, path: Path) -> None:
    labels = ev["labels"]
    res = {c: r for c, r in ev["results"].items() if r["window_2s"].get("confusion")}
    fig, axes = plt.subplots(1, len(res), figsize=(5.2 * len(res), 4.8))
    for ax, (corpus, r) in zip(np.atleast_1d(axes), res.items()):
        cm = np.array(r["window_2s"]["confusion"], dtype=float)
        norm = cm / np.maximum(cm.sum(1, keepdims=True), 1)
        ax.imshow(norm, cmap="Blues", vmin=0, vmax=1)
        for i in range(len(labels)):
            for j in range(len(labels)):
                if cm[i, j]:
                    ax.text(j, i, int(cm[i, j]), ha="center", va="center", fontsize=7,
                            color="white" if norm[i, j] > 0.5 else "black")
        ax.set_xticks(range(len(labels)), labels, rotation=60, fontsize=8)
        ax.set_yticks(range(len(labels)), labels, fontsize=8)
        ax.set_title(f"{corpus} 2 s windows, UAR {r['window_2s']['uar']:.3f}", fontsize=9)
        ax.set_xlabel("predicted"); ax.set_ylabel("true")
    fig.tight_layout(); fig.savefig(path, dpi=110); plt.close(fig)


def plot_history(history: list[dict], path: Path, cv_history: list[dict] | None) -> None:
    fig, ax = plt.subplots(1, 2, figsize=(10, 3.8))
    ax[0].plot([h["loss"] for h in history], label="final model")
    if cv_history:
        ax[0].plot([h["loss"] for h in cv_history], label="CV fold 0")
        for corpus, key, label, style in (("ravdess", "uar", "ravdess val UAR (fold 0)", "-"),
                                          ("emodb", "uar", "emodb val UAR (fold 0)", "-"),
                                          ("ravdess", "arousal_auc", "ravdess val arousal AUC", "--")):
            pts = [(i, h["val"][corpus][key]) for i, h in enumerate(cv_history) if corpus in h.get("val", {})]
            if pts:  # validation may run every few epochs only (train.val_every)
                ax[1].plot(*zip(*pts), label=label, linestyle=style)
    ax[0].set_xlabel("epoch"); ax[0].set_ylabel("training loss"); ax[0].legend()
    ax[1].set_xlabel("epoch"); ax[1].set_ylim(0, 1); ax[1].legend(fontsize=8)
    ax[1].set_title("validation on CV actors (not the test actors)", fontsize=9)
    fig.tight_layout(); fig.savefig(path, dpi=110); plt.close(fig)


def _ua(summary: dict | None) -> str:
    """UAR / accuracy of a summary, or a dash for a corpus without categories."""
    if not summary or summary.get("uar") is None:
        return "—"
    return f"{summary['uar']:.3f} / {summary['accuracy']:.3f}"


def _row(corpus: str, r: dict, valence_fallback: float | None = None) -> str:
    w2, ca, w1 = r["window_2s"], r["clip_average_2s"], r["window_1s"]
    auc, core = w2.get("arousal_auc"), w2.get("core")
    core_text = "—" if not core else f"{core['uar']:.3f}"
    auc_text = "n/a" if auc is None else f"{auc:.3f}"
    val = w2.get("valence_auc", valence_fallback)
    val_text = "n/a" if val is None else f"{val:.3f}"
    return (f"| {corpus} | {r['protocol']} | {r['clips']} | {_ua(w2)} | {_ua(ca)} | {_ua(w1)} "
            f"| {core_text} | {auc_text} | {val_text} |")


def _bar_text(ev: dict) -> str:
    rav = ev["results"].get("ravdess", {}).get("window_2s")
    if not rav:
        return ""
    verdict = "meets" if rav["uar"] >= 0.65 else "does NOT meet"
    auc = rav.get("arousal_auc")
    auc_text = "n/a" if auc is None else f"{auc:.3f}"
    return (f"- RAVDESS 8-class UAR on held-out actors (2 s windows) is {rav['uar']:.3f}: this "
            f"{verdict} the project's bar of 0.65 (aim 0.72). Arousal AUC {auc_text} (bar 0.90)."
            + _spread_text(rav))


def _spread_text(rav: dict) -> str:
    """How far the pooled RAVDESS figure rests on which few test actors there are."""
    per = rav.get("per_speaker")
    if not per:
        return ""
    lo, hi = min(per, key=per.get), max(per, key=per.get)
    b_lo, b_hi = rav["speaker_bootstrap_95"]
    return (f"\n- That figure rests on {len(per)} actors: per actor the UAR runs from {per[lo]:.3f} "
            f"(actor {lo}) to {per[hi]:.3f} (actor {hi}), and resampling the actors with replacement "
            f"puts the pooled UAR between {b_lo:.3f} and {b_hi:.3f} (2.5th-97.5th percentile). "
            "Model choices are therefore made by cross-validation over three times as many actors, "
            "never by this figure.")


def _profile_text(ev: dict) -> str:
    if "band_means" not in ev["parity"].get("outputNames", []):
        return ""
    return ("\nIt also takes the wearer's **speaker profile** (`speaker_profile`, 64 values: the mean "
            "gain-normalised log-mel spectrum of their speech) and returns each window's `band_means`, "
            "from which the app keeps that profile as a running mean over the wearer's speech windows "
            "(`src/emotion/speaker-profile.ts`). The speaker-normalised members subtract the profile "
            "from every window, so they judge how this window differs from this person's usual voice. "
            "Until the wearer has spoken, the profile is the training speakers' mean (`speakerProfile.initial` "
            "in labels.json). Only these 64 averages are kept; they stay on the device like the audio.\n")


def _profile_protocol_text(ev: dict) -> str:
    rows = [(c, r) for c, r in ev["results"].items()
            if "window_2s_cold" in r and r["window_2s"].get("uar") is not None]
    if not rows:
        return ""
    prior = ev["protocol"].get("speaker_profile", {}).get("prior_windows")
    lines = ["",
             "Speaker profile during evaluation, as the app builds it: each test speaker's clips are "
             "replayed in a fixed shuffled order (SHA-1 of the path) and every clip is classified with "
             "the running mean of the band means of that speaker's *earlier* clips, pulled towards the "
             f"initial profile with the weight of {prior} windows (`training/profile.py`). No labels are "
             "involved. The table below uses that running profile; for comparison, 2 s windows with the "
             "initial profile only (a wearer who has not spoken yet) and with the speaker's mean over all "
             "their windows (a wearer heard for a long time):",
             "",
             "| corpus | initial profile only | running profile (shipped behaviour) | speaker's full mean |",
             "|---|---|---|---|"]
    for c, r in rows:
        lines.append(f"| {c} | {r['window_2s_cold']['uar']:.3f} | {r['window_2s']['uar']:.3f} "
                     f"| {r['window_2s_speaker_mean']['uar']:.3f} |")
    return "\n".join(lines) + "\n"


def _parity_text(p: dict) -> str:
    d = p["maxDiff"]
    return (f"max |difference| probabilities {d['probabilities']:.1e}, logits {d['logits']:.1e}, "
            f"arousal_valence {d['arousal_valence']:.1e}"
            + (f", band_means {d['band_means']:.1e}" if "band_means" in d else "")
            + f" over {p['cases']} inputs (real test clips, "
            f"1 s silence, clipped noise, a batch of two); tolerance {p['tolerance']:g}; "
            f"argmax mismatches {p['argmaxMismatches']}")


def _weights_text(m: dict) -> str:
    if m.get("weights", "float32") == "float32":
        return "Weights are stored as float32."
    return ("BatchNorm is folded into the convolutions and the learned weights are stored as "
            "float16 (each followed by a Cast to float32 that onnxruntime folds at load), so "
            "arithmetic is float32; the figures below are those of these exact rounded weights. "
            "The fixed DFT and mel matrices stay float32.")


def _member_line(m: dict) -> str:
    arch = m["model"]
    if arch.get("type") == "cnn2d":
        kind = "depthwise-separable" if arch.get("separable", True) else "full"
        return (f"`{m['name']}` (2-D over mel x time): stem stride {arch.get('stem_stride', [2, 2])}, "
                f"{kind} 3x3 blocks, channels {arch['channels']}, strides {arch['strides']}, "
                f"remaining mel rows projected to {arch.get('proj', 192)} channels{_seed_norm(m)}")
    return (f"`{m['name']}` (1-D over time, mel bins as channels): channels {arch['channels']}, "
            f"strides {arch['strides']}, depthwise kernel {arch.get('kernel', 9)}{_seed_norm(m)}")


def _seed_norm(m: dict) -> str:
    norm = m["model"].get("input_norm", "gain")
    return (f"; seed {m['seed']}" + ("; per-band mean removed from its input" if norm == "bands" else "")
            + ("; **speaker-normalised** (subtracts the speaker profile from its input)"
               if m["model"].get("speaker_norm") else ""))


def _per_member(members: list[dict], text) -> str:
    """`text(member)` once when every member gives the same, else per member by name."""
    texts = [text(m) for m in members]
    if len(set(texts)) == 1:
        return texts[0]
    return "; ".join(f"`{m['name']}`: {t}" for m, t in zip(members, texts))


def _shares_text(members: list[dict]) -> str:
    """Corpus sampling shares."""
    return _per_member(members, lambda m: ", ".join(f"{c} {w}" for c, w in m["train"]["corpus_weights"].items()))


def _warp_text(members: list[dict]) -> str:
    """Mel-axis warp and time-stretch ranges and how often each is applied."""
    def text(m: dict) -> str:
        a = m["train"]["augment"]
        return (f"warp {a['warp'][0]:g}–{a['warp'][1]:g} (p {a['warp_prob']:g}), "
                f"stretch {a['stretch'][0]:g}–{a['stretch'][1]:g} (p {a['stretch_prob']:g})")
    return _per_member(members, text)


def _epochs_text(members: list[dict]) -> str:
    return _per_member(members, lambda m: f"{m['train']['epochs']} epochs")



# What the card says of each corpus: its name, language, licence and how it was recorded.
CORPORA = {
    "ravdess": ("RAVDESS", "English", "CC BY-NC-SA 4.0 (Livingstone & Russo 2018)", "acted, studio"),
    "tess": ("TESS", "English", "CC BY-NC-ND 4.0 (Dupuis & Pichora-Fuller 2010)", "acted, studio"),
    "emodb": ("EMO-DB", "German", "free for research (Burkhardt et al. 2005)", "acted, studio"),
    "ased": ("ASED", "Amharic", "no licence stated by its authors: research use only",
             "acted, recorded by the speakers on their own devices"),
    "baved": ("BAVED", "Arabic", "no licence stated; its README advises against commercial use",
              "acted words at three intensity levels, self-recorded"),
    "nemo": ("nEMO", "Polish", "CC BY-NC-SA 4.0 (Christop 2024)", "acted, studio"),
}


def _corpus_name(c: str) -> str:
    return CORPORA.get(c, (c,))[0]


def _trained_corpora(members: list[dict]) -> list[str]:
    seen: list[str] = []
    for m in members:
        seen += [c for c in m["corpora"] if c not in seen]
    return seen


def _data_text(cfg: dict, members: list[dict]) -> str:
    """Which corpora, which speakers held out, and (when members differ) which member trains on what."""
    parts = []
    for c in _trained_corpora(members):
        spec = cfg["corpora"].get(c) or next(m["corpora"][c] for m in members if c in m["corpora"])
        held = spec.get("test_speakers") or []
        name, lang = CORPORA.get(c, (c, "?"))[:2]
        parts.append(f"{name} ({lang}; " + (f"test speakers {', '.join(held)} held out" if held
                                             else "held-out words excepted") + ")")
    text = ", ".join(parts) + "."
    if len({tuple(m["corpora"]) for m in members}) > 1:
        text += " " + "; ".join(f"`{m['name']}` trains on " + ", ".join(_corpus_name(c) for c in m["corpora"])
                               for m in members) + "."
    return text


def _chat_text(members: list[dict]) -> str:
    """The voice-chat channel augmentations (training/augment.py) a member uses, if any."""
    def text(m: dict) -> str:
        a = m["train"]["augment"]
        bits = []
        if a.get("babble_prob"):
            lo, hi = a.get("babble_snr_db", [0, 20])
            bits.append(f"other talkers at {lo}–{hi} dB (p {a['babble_prob']:g})")
        if a.get("codec_prob"):
            bits.append(f"a narrowband or wideband codec (p {a['codec_prob']:g})")
        if a.get("loss_prob"):
            bits.append(f"lost 20 ms frames (p {a['loss_prob']:g})")
        if a.get("agc_prob"):
            bits.append(f"automatic gain control (p {a['agc_prob']:g})")
        bits.append(f"room tail on {a.get('reverb_prob', 0):g} of the crops")
        return ", ".join(bits)
    if not any(m["train"]["augment"].get(k) for m in members for k in ("babble_prob", "codec_prob", "loss_prob", "agc_prob")):
        return ""
    return " Voice-chat channel: " + _per_member(members, text) + "."


def _languages_text(members: list[dict]) -> str:
    langs = []
    for c in _trained_corpora(members):
        lang = CORPORA.get(c, (c, "?"))[1]
        if lang not in langs:
            langs.append(lang)
    return ", ".join(langs)


def _acted_text(members: list[dict]) -> str:
    return "; ".join(f"{_corpus_name(c)} {CORPORA.get(c, (c, '', '', '?'))[3]}" for c in _trained_corpora(members))


def _licence_text(members: list[dict]) -> str:
    return "; ".join(f"{_corpus_name(c)} {CORPORA.get(c, (c, '', '?'))[2]}" for c in _trained_corpora(members))


def _never_heard_text(ev: dict) -> str:
    """How the model does on voices, languages and devices it never heard, from its LOCO
    headline if it has one, else from the corpora it never saw."""
    h = (ev.get("loco") or {}).get(ev["model"]["name"])
    if h:
        return (f"with each corpus left out of training in turn (LOCO), the categories reach a mean "
                f"4-class core UAR of {h['loco_core4_uar_mean']:.3f} (chance 0.25) and arousal a mean "
                f"AUC of {h['loco_arousal_auc_mean']:.3f}: far below the within-corpus figures")
    tests = [t for t in (ev.get("unseen_corpora") or {}).get("tests", {}).values()]
    core = [t["core4_uar"] for t in tests if t.get("core4_uar") is not None]
    auc = [t["arousal_auc"] for t in tests if t.get("arousal_auc") is not None]
    if not core or not auc:
        return "not measured for this model"
    return (f"on corpora it never saw the categories are barely above chance (4-class core UAR "
            f"{min(core):.2f}–{max(core):.2f} against 0.25), while arousal still separates low from "
            f"high energy (AUC {min(auc):.2f}–{max(auc):.2f})")


def _regenerate_text(ev: dict) -> str:
    t = ev.get("training", {})
    if not t.get("train_seconds"):
        return ""
    return (f" This model's pipeline run trained {t.get('runs_trained', '?')} of its "
            f"{len(t.get('members', []))} final network(s) from scratch and took "
            f"{t['train_seconds'] / 60:.0f} minutes of training on this 2-core machine, two runs at a time.")


def _members_text(members: list[dict]) -> str:
    lines = [_member_line(m) for m in members]
    if len(members) == 1:
        return "The network: " + lines[0] + "."
    return (f"An ensemble of {len(members)} networks on one shared front end (computed once); "
            "their logits and arousal/valence are averaged:\n"
            + "\n".join(f"  - {line}" for line in lines))


def _cv_text(cv: dict) -> str:
    if not cv:
        return "not run for this model"

    def figs(val: dict) -> str:
        return "; ".join(f"{c} UAR {v['uar']:.3f}, arousal AUC {v['arousal_auc']:.3f}"
                         for c, v in (val or {}).items())

    parts = []
    folds = {k: v for k, v in cv.items() if k.startswith("fold")}
    for fold, info in folds.items():
        spk = "; ".join(f"{c} {', '.join(s)}" for c, s in info["validation_speakers"].items() if s)
        parts.append(f"- {fold} (validation speakers: {spk}; {info['epochs']} epochs; 2 s windows): "
                     f"shipped combination: {figs(info.get('final_epoch'))}")
        for name, val in (info.get("members") or {}).items():
            parts.append(f"  - member `{name}` alone: {figs(val)}")
    means = {}
    for info in folds.values():
        for c, v in (info.get("final_epoch") or {}).items():
            means.setdefault(c, []).append(v["uar"])
    if len(folds) > 1:
        parts.append("- mean over folds, shipped combination: "
                     + "; ".join(f"{c} UAR {sum(v) / len(v):.3f}" for c, v in means.items()))
    return "\n".join(parts)


def _verdict(name: str, h: dict, loco: dict, shipped: str) -> str:
    """What the written ship rule (training/LOCO.md) says of a candidate's LOCO headline."""
    from .loco import BASELINE, ship_rule
    if name == BASELINE:
        return "the baseline the rule compares with"
    fails = ship_rule(h, loco[BASELINE]) if BASELINE in loco else ["no baseline run"]
    if fails:
        return "no: " + "; ".join(fails)
    return "**yes: this model**" if name == shipped else "passes the LOCO rule; not this file"


def _unseen_text(ev: dict) -> str:
    """The shipped model on corpora it never saw (their held-out speakers), and the leave-one-
    corpus-out figures of the candidates, from eval.json's `unseen_corpora` and `loco`."""
    unseen = ev.get("unseen_corpora") or {}
    if not unseen:
        return "Not measured for this model (`python3 -m training.shipped_eval` writes the figures)."
    fmt = lambda v: "—" if v is None else f"{v:.3f}"
    rows = ["| corpus (never trained on) | test speakers | clips | classes it has | UAR over its classes | 4-class core UAR | arousal AUC | valence AUC |",
            "|---|---|---|---|---|---|---|---|"]
    for corpus, r in unseen["tests"].items():
        rows.append(f"| {corpus} | {len(r['speakers'])} | {r['clips']} | {', '.join(r['classes']) or 'levels only'} "
                    f"| {fmt(r['uar'])} | {fmt(r['core4_uar'])} | {fmt(r['arousal_auc'])} | {fmt(r.get('valence_auc'))} |")
    loco = ev.get("loco") or {}
    lines = ["\n".join(rows), "",
             "Chance is 0.25 on the 4-class core (neutral, happy, sad, angry, read from the 8-class output). "
             "BAVED's levels are intensity, not categories: it counts for arousal only. Valence AUC is the "
             "valence output separating happy from angry and sad windows (0.5 is chance)."]
    if loco:
        lines += ["", "Leave-one-corpus-out candidates (each corpus left out of training in turn, tested on its "
                  "held-out speakers; selection rule and per-fold figures in "
                  "[`training/LOCO.md`](../training/LOCO.md)):", "",
                  "| candidate | mean LOCO 4-class UAR (folds) | mean LOCO arousal AUC (folds) | mean LOCO valence AUC (folds) | RAVDESS 8-class held-out UAR | shipped? |",
                  "|---|---|---|---|---|---|"]
        for name, h in loco.items():
            val = (f"{h['loco_valence_auc_mean']:.3f} ({h['loco_valence_folds']})"
                   if h.get("loco_valence_auc_mean") is not None else "not measured")
            lines.append(f"| {name} | {h['loco_core4_uar_mean']:.3f} ({h['loco_core4_folds']}) | "
                         f"{h['loco_arousal_auc_mean']:.3f} ({h['loco_arousal_folds']}) | {val} | {h['ravdess_heldout_uar_8class']:.3f} | "
                         f"{_verdict(name, h, loco, ev['model']['name'])} |")
    return "\n".join(lines)


def write_report(cfg: dict, ev: dict, history: list[dict], out_dir: Path,
                 configs_dir: Path | None = None, cv_history: list[dict] | None = None) -> None:
    """The plots and the model card; `configs_dir` is the folder the config's ensemble
    members are named relative to."""
    plot_confusions(ev, out_dir / "confusion.png")
    plot_history(history, out_dir / "training-curve.png", cv_history)
    write_card(cfg, ev, out_dir, configs_dir)


def write_card(cfg: dict, ev: dict, out_dir: Path, configs_dir: Path | None = None) -> None:
    """MODEL_CARD.md from eval.json's content and the trained networks' own configs."""
    from .ensemble import member_configs
    template = (Path(__file__).parent / "MODEL_CARD.template.md").read_text()
    table = "\n".join(_row(c, r, (ev.get("heldout_valence_auc") or {}).get(c)) for c, r in ev["results"].items())
    m = ev["model"]
    members = member_configs(cfg, Path(configs_dir or Path(__file__).parent / "configs" / "shipped"))
    text = template.format(
        table=table, labels=", ".join(cfg["labels"]), params=m["parameters"],
        size_mb=m["onnxBytes"] / 1e6, ops=", ".join(m["ops"]), parity=_parity_text(ev["parity"]),
        mixup=", mixup" if any(x["train"].get("mixup_alpha", 0) > 0 for x in members) else "",
        shares=_shares_text(members),
        members=_members_text(members), bar=_bar_text(ev),
        frontend=cfg["frontend"], epochs=_epochs_text(members), warp=_warp_text(members),
        config=ev.get("training", {}).get("config", "training/configs/<config>.json"),
        weights=_weights_text(m),
        cv=_cv_text(ev.get("cv") or {}), profile=_profile_text(ev),
        profile_protocol=_profile_protocol_text(ev), unseen=_unseen_text(ev),
        data=_data_text(cfg, members), chat=_chat_text(members), languages=_languages_text(members),
        acted=_acted_text(members), licences=_licence_text(members), never_heard=_never_heard_text(ev),
        regenerate=_regenerate_text(ev))
    (out_dir / "MODEL_CARD.md").write_text(text)
