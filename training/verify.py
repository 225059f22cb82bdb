"""verify parity: PyTorch model vs the exported ONNX run by onnxruntime-web (WASM) under Node."""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import torch

from .export import PROFILE_INPUT, io_names
from .model import EmotionModel
from .settings import REPO_ROOT

PROB_TOL = 1e-4


def parity_cases(waves: list[np.ndarray]) -> list[np.ndarray]:
    """Real clips plus edge cases: 1 s, odd length, silence, clipped, a batch of two."""
    rng = np.random.default_rng(0)
    cases = [w[None].astype(np.float32) for w in waves]
    cases.append(np.zeros((1, 16000), np.float32))
    loud = np.clip(rng.standard_normal(24001).astype(np.float32) * 3, -1, 1)
    cases.append(loud[None])
    cases.append(rng.uniform(-0.1, 0.1, (2, 32000)).astype(np.float32))
    return cases


def case_profiles(model: EmotionModel, cases: list[np.ndarray]) -> list[np.ndarray | None]:
    """Speaker profiles for the parity cases: the initial profile for the first, shifted
    copies of it for the rest, so the input is really exercised."""
    if not model.uses_profile:
        return [None] * len(cases)
    rng = np.random.default_rng(1)
    base = model.initial_profile.numpy()
    return [np.repeat((base + (rng.normal(0, 0.5, base.shape) if k else 0))[None], len(x), 0).astype(np.float32)
            for k, x in enumerate(cases)]


@torch.no_grad()
def check_parity(model: EmotionModel, onnx_path: Path, waves: list[np.ndarray]) -> dict:
    """Returns {'maxDiff': {...}, 'argmaxMismatches': n, 'ok': bool}; runs node parity.mjs."""
    model.eval()
    names = io_names(model)[1]
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir, cases = Path(tmp), []
        inputs = parity_cases(waves)
        for i, (x, prof) in enumerate(zip(inputs, case_profiles(model, inputs))):
            outs = model(torch.from_numpy(x), None if prof is None else torch.from_numpy(prof))
            (tmpdir / f"in{i}.f32").write_bytes(x.astype("<f4").tobytes())
            expected = {}
            for name, t in zip(names, outs):
                (tmpdir / f"{name}{i}.f32").write_bytes(t.numpy().astype("<f4").tobytes())
                expected[name] = f"{name}{i}.f32"
            case = {"input": f"in{i}.f32", "shape": list(x.shape), "expected": expected}
            if prof is not None:
                (tmpdir / f"profile{i}.f32").write_bytes(prof.astype("<f4").tobytes())
                case["profile"] = {"name": PROFILE_INPUT, "file": f"profile{i}.f32", "shape": list(prof.shape)}
            cases.append(case)
        spec = tmpdir / "cases.json"
        spec.write_text(json.dumps({"model": str(onnx_path.resolve()), "cases": cases}))
        out = subprocess.run(["node", str(REPO_ROOT / "training" / "parity.mjs"), str(spec)],
                             cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise RuntimeError(f"parity.mjs failed: {out.stderr[-2000:]}")
    res = json.loads(out.stdout.strip().splitlines()[-1])
    res["ok"] = (res["maxDiff"]["probabilities"] <= PROB_TOL and res["argmaxMismatches"] == 0
                 and res["maxDiff"].get("band_means", 0.0) <= 1e-3)
    res["tolerance"] = PROB_TOL
    return res
