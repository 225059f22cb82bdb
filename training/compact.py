"""Compact storage for the shipped graph: BatchNorm folded into convolutions, then backbone
weights rounded to float16 and stored as float16 with a Cast back to float32 in the graph.

The arithmetic stays float32 everywhere (onnxruntime folds the Casts into float32 constants
when the session loads, for WASM and WebGPU alike). Rounding happens on the PyTorch side
first, so the PyTorch model that is evaluated and the ONNX graph hold exactly the same
numbers: parity is unaffected, and the held-out figures are those of the shipped weights.
The front end's fixed DFT and mel matrices stay float32 (they are not learned, and the
front-end parity bound against torchaudio is tight).
"""
from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import onnx
from onnx import helper, numpy_helper
import torch
from torch import nn

from .model import EmotionModel

MIN_ELEMENTS = 256  # smaller tensors (biases, the input BatchNorm) stay float32


def _fold(conv: nn.Module, bn: nn.Module) -> None:
    """conv <- bn(conv(.)) in place (eval statistics)."""
    scale = bn.weight.detach() / torch.sqrt(bn.running_var + bn.eps)
    shape = (-1,) + (1,) * (conv.weight.dim() - 1)
    bias = conv.bias.detach() if conv.bias is not None else torch.zeros_like(bn.running_mean)
    conv.weight = nn.Parameter(conv.weight.detach() * scale.reshape(shape))
    conv.bias = nn.Parameter((bias - bn.running_mean) * scale + bn.bias.detach())


def fold_batchnorm(model: EmotionModel) -> EmotionModel:
    """A copy in which every Conv followed by its BatchNorm is one Conv (BN -> Identity)."""
    model = copy.deepcopy(model).eval()
    convs = (nn.Conv1d, nn.Conv2d)
    bns = (nn.BatchNorm1d, nn.BatchNorm2d)
    for module in model.modules():
        if isinstance(module, nn.Sequential):
            for i in range(len(module) - 1):
                if isinstance(module[i], convs) and isinstance(module[i + 1], bns):
                    _fold(module[i], module[i + 1])
                    module[i + 1] = nn.Identity()
        for conv_name, bn_name in (("dw", "bn1"), ("pw", "bn2")):
            conv, bn = getattr(module, conv_name, None), getattr(module, bn_name, None)
            if isinstance(conv, convs) and isinstance(bn, bns):
                _fold(conv, bn)
                setattr(module, bn_name, nn.Identity())
    return model


@torch.no_grad()
def round_backbone_fp16(model: EmotionModel) -> EmotionModel:
    """Rounds every backbone tensor of >= MIN_ELEMENTS to the nearest float16 (kept float32)."""
    for t in list(model.backbone.parameters()) + list(model.backbone.buffers()):
        if t.dtype == torch.float32 and t.numel() >= MIN_ELEMENTS:
            t.copy_(t.half().float())
    return model


def compact_model(model: EmotionModel) -> EmotionModel:
    """What ships: BN folded, backbone weights on the float16 grid."""
    return round_backbone_fp16(fold_batchnorm(model))


def store_fp16(path: Path) -> dict:
    """Rewrites float32 initializers that are exactly float16-representable (and large) as
    float16 + Cast. Returns {'tensors': n, 'bytesBefore': b0, 'bytesAfter': b1}."""
    before = path.stat().st_size
    graph_model = onnx.load(str(path))
    g = graph_model.graph
    keep, casts, n = [], [], 0
    for init in g.initializer:
        arr = numpy_helper.to_array(init)
        if (init.data_type == onnx.TensorProto.FLOAT and arr.size >= MIN_ELEMENTS
                and np.all(np.isfinite(arr))
                and np.array_equal(arr.astype(np.float16).astype(np.float32), arr)):
            half = numpy_helper.from_array(arr.astype(np.float16), init.name + "_fp16")
            keep.append(half)
            casts.append(helper.make_node("Cast", [half.name], [init.name], to=onnx.TensorProto.FLOAT,
                                          name=init.name + "_to_fp32"))
            n += 1
        else:
            keep.append(init)
    del g.initializer[:]
    g.initializer.extend(keep)
    nodes = list(g.node)
    del g.node[:]
    g.node.extend(casts + nodes)
    onnx.checker.check_model(graph_model)
    onnx.save(graph_model, str(path))
    return {"tensors": n, "bytesBefore": before, "bytesAfter": path.stat().st_size}
