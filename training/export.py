"""ONNX export of EmotionModel with a dynamic batch and sample axis."""
from __future__ import annotations

from pathlib import Path

import onnx
import torch

from .model import EmotionModel

INPUT_NAME = "waveform"
PROFILE_INPUT = "speaker_profile"
OUTPUT_NAMES = ["probabilities", "logits", "arousal_valence"]
BAND_MEANS_OUTPUT = "band_means"
OPSET = 17


def io_names(model: EmotionModel) -> tuple[list[str], list[str]]:
    """The graph's input and output names (the speaker profile pair only when it is used)."""
    if model.uses_profile:
        return [INPUT_NAME, PROFILE_INPUT], OUTPUT_NAMES + [BAND_MEANS_OUTPUT]
    return [INPUT_NAME], list(OUTPUT_NAMES)


def export_onnx(model: EmotionModel, path: Path, example_samples: int = 32000) -> None:
    """Writes the model as ONNX (opset 17) and checks the graph has no STFT/DFT op.

    A speaker-profile model gets `speaker_profile` [batch, M] as a second, required input
    (onnxruntime-web does not accept feeds for initializers, so it cannot have a default in
    the graph; labels.json carries the initial profile)."""
    model = model.eval()
    path.parent.mkdir(parents=True, exist_ok=True)
    inputs, outputs = io_names(model)
    example = (torch.zeros(1, example_samples),)
    if model.uses_profile:
        example += (model.initial_profile[None].clone(),)
    torch.onnx.export(
        model, example, str(path), input_names=inputs, output_names=outputs,
        dynamic_axes={n: {0: "batch", 1: "samples"} if n == INPUT_NAME else {0: "batch"}
                      for n in inputs + outputs},
        opset_version=OPSET, do_constant_folding=True)
    graph = onnx.load(str(path))
    onnx.checker.check_model(graph)
    ops = {n.op_type for n in graph.graph.node}
    banned = ops & {"STFT", "DFT", "MelWeightMatrix"}
    if banned:
        raise RuntimeError(f"exported graph uses ops without WebGPU kernels: {sorted(banned)}")


def op_types(path: Path) -> list[str]:
    return sorted({n.op_type for n in onnx.load(str(path)).graph.node})
