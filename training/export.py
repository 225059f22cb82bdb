"""ONNX export of EmotionModel with a dynamic batch and sample axis."""
from __future__ import annotations

from pathlib import Path

import onnx
import torch

from .model import EmotionModel

INPUT_NAME = "waveform"
OUTPUT_NAMES = ["probabilities", "logits", "arousal_valence"]
OPSET = 17


def export_onnx(model: EmotionModel, path: Path, example_samples: int = 32000) -> None:
    """Writes the model as ONNX (opset 17) and checks the graph has no STFT/DFT op."""
    model = model.eval()
    path.parent.mkdir(parents=True, exist_ok=True)
    example = torch.zeros(1, example_samples)
    torch.onnx.export(
        model, (example,), str(path), input_names=[INPUT_NAME], output_names=OUTPUT_NAMES,
        dynamic_axes={INPUT_NAME: {0: "batch", 1: "samples"},
                      **{n: {0: "batch"} for n in OUTPUT_NAMES}},
        opset_version=OPSET, do_constant_folding=True)
    graph = onnx.load(str(path))
    onnx.checker.check_model(graph)
    ops = {n.op_type for n in graph.graph.node}
    banned = ops & {"STFT", "DFT", "MelWeightMatrix"}
    if banned:
        raise RuntimeError(f"exported graph uses ops without WebGPU kernels: {sorted(banned)}")


def op_types(path: Path) -> list[str]:
    return sorted({n.op_type for n in onnx.load(str(path)).graph.node})
