"""enrolment: would a few labelled clips of a wearer's own voice help? Measured before any UI.

  /usr/bin/python3 -m training.enrolment            # -> training/results/enrolment.json + table
  /usr/bin/python3 -m training.enrolment --prompts  # only the four prompts' classes enrolled
                                                    # -> training/results/enrolment-prompts.json

The shipped models/emotion.onnx, run as the app runs it (onnxruntime-web WASM through Node), on
each corpus's fixed held-out speakers. Per speaker, k = 1, 2, 4 clips of each class it has are the
enrolment (as "Teach EmoTone your voice" would record them); the speaker's other clips are scored
with and without a per-wearer adapter, and the gain in that speaker's UAR is kept. With --prompts,
only the classes of the four prompts the lobby would ask for are enrolled (calm, or neutral where the
speaker has no calm; happy; angry for "annoyed"; sad), and every other clip of the speaker, of any
class, is scored: the product's case. Each k is drawn
DRAWS times per speaker (a different enrolment each time) and averaged; the figure is the median
over speakers of those mean gains.

Adapters (both fitted on the device from the enrolment alone, the generic head kept as the prior):
- `embedding`: the three members' embeddings (inputs of their classifier layers, exposed as extra
  outputs of a copy of the graph), L2-normalised; the wearer's class means of them; a class the
  wearer enrolled gets β × (cosine to its mean − the mean cosine over enrolled classes) added to
  its generic log-probability.
- `logits`: the same on the generic 8 logits themselves (a bias that learns the wearer's habits).
β is never chosen on the corpus it is scored on: for each corpus, the β (of BETAS) with the best
median gain on the other corpora is used (leave one corpus out), and the table says which.

Clip figures: each clip's 2 s windows (every 0.5 s over the voiced span), with the speaker's mean
profile (the app's running profile after it has heard the speaker), averaged over the clip.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
import torch

from .adapters import MissingCorpusError
from .audio import load_wave
from .evaluate import _figures, clip_windows
from .metrics import summary
from .prepare import build_manifest
from .profile import speaker_key, speaker_profiles
from .settings import REPO_ROOT, datasets_root, load_config
from .shipped_eval import CORPORA_CONFIG, OnnxModel

CORPORA = ("ravdess", "emodb", "ased", "nemo")  # held-out speakers with categories
KS = (1, 2, 4)
DRAWS = 20
BETAS = (0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0)
PROMPTS = ("happy", "angry", "sad")  # plus calm, or neutral where the speaker has no calm
ADAPTERS = ("embedding", "logits")


def with_embeddings(onnx_path: Path, out_path: Path) -> list[str]:
    """A copy of the graph that also outputs each member's embedding (its classifier's input)."""
    m = onnx.load(str(onnx_path))
    names = []
    for node in m.graph.node:
        if node.op_type == "Gemm" and node.name.endswith("/cls/Gemm"):
            names.append(node.input[0])
    if not names:
        raise ValueError("no member classifier (…/cls/Gemm) in the graph: cannot expose embeddings")
    for n in names:
        m.graph.output.append(onnx.helper.make_tensor_value_info(n, onnx.TensorProto.FLOAT, None))
    onnx.save(m, str(out_path))
    return names


def clip_vectors(model: OnnxModel, emb_names: list[str], rows: list[dict], waves: list[np.ndarray], cfg: dict,
                 profiles: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Per clip: mean logits [N, C] and mean concatenated embedding [N, D] over its 2 s windows."""
    logits, embs = [], []
    w2 = cfg["windows"]["window_ms"]
    with torch.no_grad():
        for wave, prof in zip(waves, profiles):
            windows = clip_windows(wave, cfg, w2)
            lg, em = [], []
            for w in windows:  # windows of a clip differ in length at its end: one at a time
                out = model(torch.from_numpy(w[None].astype(np.float32)), torch.from_numpy(prof[None]))
                lg.append(out[1][0].numpy())
                em.append(np.concatenate([model.last_outputs[n][0].numpy().ravel() for n in emb_names]))
            logits.append(np.mean(lg, 0))
            embs.append(np.mean(em, 0))
    return np.stack(logits), np.stack(embs)


def log_softmax(x: np.ndarray) -> np.ndarray:
    z = x - x.max(-1, keepdims=True)
    return z - np.log(np.exp(z).sum(-1, keepdims=True))


def unit(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-8)


def adapted_scores(logp: np.ndarray, feats: np.ndarray, enrol_feats: np.ndarray, enrol_y: np.ndarray, beta: float) -> np.ndarray:
    """Generic log-probabilities plus β × centred cosine to the wearer's class means (enrolled classes only)."""
    classes = np.unique(enrol_y)
    means = unit(np.stack([unit(enrol_feats[enrol_y == c]).mean(0) for c in classes]))
    cos = unit(feats) @ means.T  # [N, enrolled]
    out = logp.copy()
    out[:, classes] += beta * (cos - cos.mean(1, keepdims=True))
    return out


def prompt_classes(labels: list[str], present: np.ndarray) -> set[int]:
    """The class indices the four lobby prompts stand for, for a speaker who has `present`."""
    calm = labels.index("calm")
    first = calm if calm in present else labels.index("neutral")
    return {first, *(labels.index(p) for p in PROMPTS)}


def speaker_gains(y: np.ndarray, logits: np.ndarray, embs: np.ndarray, n_cls: int, k: int, rng: np.random.Generator,
                  enrol_only: set[int] | None = None) -> dict | None:
    """{adapter: {beta: mean gain over DRAWS}} for one speaker, or None when it has too few clips
    (every enrolled class needs k enrolment clips and at least one to score). `enrol_only`: enrol
    just these classes and score every other clip, of any class."""
    present = np.unique(y)
    wanted = present if enrol_only is None else [c for c in present if c in enrol_only]
    classes = [c for c in wanted if (y == c).sum() > k]
    if len(classes) < 2:
        return None
    if enrol_only is None:
        keep = np.isin(y, classes)
        y, logits, embs = y[keep], logits[keep], embs[keep]
    logp = log_softmax(logits)
    gains: dict = {a: {b: [] for b in BETAS} for a in ADAPTERS}
    for _ in range(DRAWS):
        enrol = np.concatenate([rng.choice(np.flatnonzero(y == c), k, replace=False) for c in classes])
        test = np.setdiff1d(np.arange(len(y)), enrol)
        base = summary(y[test].tolist(), logp[test].argmax(1).tolist(), n_cls)["uar"]
        for adapter, feats in (("embedding", embs), ("logits", logits)):
            for beta in BETAS:
                s = adapted_scores(logp[test], feats[test], feats[enrol], y[enrol], beta)
                gains[adapter][beta].append(summary(y[test].tolist(), s.argmax(1).tolist(), n_cls)["uar"] - base)
    return {a: {b: float(np.mean(v)) for b, v in bs.items()} for a, bs in gains.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="models/emotion.onnx")
    ap.add_argument("--corpora", default=",".join(CORPORA))
    ap.add_argument("--prompts", action="store_true", help="enrol only the four prompts' classes; score every other clip")
    ap.add_argument("--out", default=None, help="default training/results/enrolment[-prompts].json")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    cfg = load_config(REPO_ROOT / CORPORA_CONFIG)
    corpora = args.corpora.split(",")
    try:
        rows = [r for r in build_manifest(cfg, datasets_root(), corpora) if r["split"] == "test" and r["class_index"] >= 0]
    except MissingCorpusError as err:
        print(err, file=sys.stderr)
        return 2
    n_cls = len(cfg["labels"])
    with tempfile.TemporaryDirectory() as tmp:
        graph = Path(tmp) / "with-embeddings.onnx"
        emb_names = with_embeddings(REPO_ROOT / args.model, graph)
        model = OnnxModel(graph, REPO_ROOT / Path(args.model).parent / "labels.json")
        try:
            print(f"[enrolment] {len(rows)} held-out clips of {len({speaker_key(r) for r in rows})} speakers; "
                  f"embeddings {emb_names}", flush=True)
            waves = [load_wave(datasets_root() / r["path"]) for r in rows]
            # The speaker's mean profile: what the app's running profile settles on.
            _, _, sums, counts = _figures(model, rows, waves, cfg, cfg["windows"]["window_ms"], None)
            means = speaker_profiles(rows, range(len(rows)), sums, counts)
            print("[enrolment] profiles done; per-clip logits and embeddings", flush=True)
            logits, embs = clip_vectors(model, emb_names, rows, waves, cfg, [means[speaker_key(r)] for r in rows])
        finally:
            model.close()
    rng = np.random.default_rng(20261207)
    per = {}  # corpus -> k -> speaker -> gains
    for corpus in corpora:
        per[corpus] = {}
        for k in KS:
            per[corpus][k] = {}
            for spk in sorted({r["speaker"] for r in rows if r["corpus"] == corpus}):
                idx = [i for i, r in enumerate(rows) if r["corpus"] == corpus and r["speaker"] == spk]
                y = np.array([rows[i]["class_index"] for i in idx])
                only = prompt_classes(cfg["labels"], y) if args.prompts else None
                g = speaker_gains(y, logits[idx], embs[idx], n_cls, k, rng, only)
                if g is not None:
                    per[corpus][k][spk] = g
    table = {}
    lines = ["| corpus | speakers | adapter | k=1 | k=2 | k=4 | β (chosen on the other corpora) |", "|---|---|---|---|---|---|---|"]
    for corpus in corpora:
        table[corpus] = {}
        for adapter in ADAPTERS:
            def median_gain(c: str, k: int, beta: float) -> float | None:
                v = [g[adapter][beta] for g in per[c][k].values()]
                return float(np.median(v)) if v else None
            others = [c for c in corpora if c != corpus]
            chosen = {}
            for k in KS:
                score = lambda b: np.mean([m for c in others if (m := median_gain(c, k, b)) is not None] or [0.0])  # noqa: E731
                beta = max(BETAS, key=score)
                chosen[k] = {"beta": beta, "median_gain": median_gain(corpus, k, beta), "speakers": len(per[corpus][k])}
            table[corpus][adapter] = chosen
            cells = ["-" if chosen[k]["median_gain"] is None else f"{chosen[k]['median_gain'] * 100:+.1f}" for k in KS]
            lines.append(f"| {corpus} | {chosen[1]['speakers']} | {adapter} | " + " | ".join(cells)
                         + " | " + ", ".join(f"k={k}: {chosen[k]['beta']:g}" for k in KS) + " |")
    out = {"model": args.model, "enrolled": "the four prompts' classes" if args.prompts else "every class the speaker has", "protocol": __doc__.split("\n\n", 1)[1].strip(), "draws": DRAWS, "betas": BETAS,
           "median_gain_points": table, "per_speaker": per}
    path = REPO_ROOT / (args.out or f"training/results/enrolment{'-prompts' if args.prompts else ''}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=1, default=float) + "\n")
    print("median per-speaker gain in UAR, points (clip average, held-out speakers):\n" + "\n".join(lines), flush=True)
    print(f"-> {path}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
