"""shipped_eval: the shipped models/emotion.onnx, exactly as the app runs it (onnxruntime-web,
WASM, through Node), on every corpus's fixed test speakers, with the LOCO figures.

  /usr/bin/python3 -m training.shipped_eval   # -> training/results/shipped-ensemble.json

The shipped ensemble never heard ASED, BAVED or nEMO: on their test speakers these are its
leave-one-corpus-out figures. On RAVDESS and EMO-DB it is the within-corpus held-out figure.
Same protocol as training.loco (2 s windows, running speaker profile, 4-class core).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import torch

from .adapters import MissingCorpusError
from .loco import test_figures
from .prepare import build_manifest
from .settings import REPO_ROOT, datasets_root, load_config

CORPORA_CONFIG = "training/configs/experiments/emotone-v23-six.json"
TRAINED_ON = ["ravdess", "tess", "emodb"]  # the shipped ensemble's training corpora


class OnnxModel:
    """Enough of EmotionModel for evaluate.evaluate_rows: call(waves, profile) -> (probabilities,
    logits, arousal_valence[, band_means]) as tensors, served by training/onnx-serve.mjs."""

    def __init__(self, onnx_path: Path, labels_json: Path):
        contract = json.loads(labels_json.read_text())
        sp = contract.get("speakerProfile")
        self.uses_profile = sp is not None
        self.initial_profile = torch.tensor(sp["initial"], dtype=torch.float32) if sp else None
        self.proc = subprocess.Popen(["node", str(REPO_ROOT / "training" / "onnx-serve.mjs"), str(onnx_path)],
                                     cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.names = json.loads(self.proc.stdout.readline())["outputNames"]

    def eval(self):
        return self

    def __call__(self, x: torch.Tensor, profile: torch.Tensor | None = None):
        waves = x.numpy().astype("<f4")
        head = {"shape": list(waves.shape)}
        payload = [waves.tobytes()]
        if self.uses_profile:
            prof = (self.initial_profile[None].repeat(len(waves), 1) if profile is None else profile).numpy()
            head["profileShape"] = list(prof.shape)
            payload.append(prof.astype("<f4").tobytes())
        h = json.dumps(head).encode()
        self.proc.stdin.write(len(h).to_bytes(4, "little") + h + b"".join(payload))
        self.proc.stdin.flush()
        n = int.from_bytes(self._read(4), "little")
        outs = json.loads(self._read(n))["outputs"]
        res = {}
        for o in outs:
            size = int(np.prod(o["dims"]))
            res[o["name"]] = torch.from_numpy(np.frombuffer(self._read(4 * size), "<f4").reshape(o["dims"]).copy())
        self.last_outputs = res  # every output by name, extra ones included (training/enrolment.py)
        order = ["probabilities", "logits", "arousal_valence"] + (["band_means"] if "band_means" in res else [])
        return tuple(res[k] for k in order)

    def _read(self, n: int) -> bytes:
        data = self.proc.stdout.read(n)
        if len(data) != n:
            raise RuntimeError("onnx-serve.mjs stopped (is onnxruntime-web installed? npm install)")
        return data

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="models/emotion.onnx")
    ap.add_argument("--config", default=CORPORA_CONFIG, help="the corpora, label maps and test speakers")
    ap.add_argument("--corpora", default="ased,baved,nemo,ravdess,emodb")
    ap.add_argument("--out", default="training/results/shipped-ensemble.json")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    cfg = load_config(args.config)
    corpora = args.corpora.split(",")
    try:
        rows = build_manifest(cfg, datasets_root(), corpora)
    except MissingCorpusError as err:
        print(err, file=sys.stderr)
        return 2
    model = OnnxModel(REPO_ROOT / args.model, REPO_ROOT / Path(args.model).parent / "labels.json")
    out = {"model": args.model, "sha256": json.loads((REPO_ROOT / Path(args.model).parent / "eval.json")
                                                     .read_text())["model"]["sha256"],
           "protocol": "as training.loco: 2 s windows, running speaker profile, onnxruntime-web WASM",
           "trained_on": json.loads((REPO_ROOT / Path(args.model).parent / "eval.json").read_text())
           .get("trained_on", TRAINED_ON),
           "tests": {}}
    try:
        for corpus in corpora:
            out["tests"][corpus] = test_figures(model, rows, corpus, cfg)
            t = out["tests"][corpus]
            print(f"[shipped] {corpus}: UAR {t['uar']} core4 {t['core4_uar']} arousal AUC {t['arousal_auc']} "
                  f"valence AUC {t['valence_auc']}",
                  flush=True)
            path = REPO_ROOT / args.out
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(out, indent=1) + "\n")
    finally:
        model.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
