"""EmotionNet: log-mel front end + 1-D depthwise-separable CNN + statistics pooling + two heads.

Mel bins are channels and time is the only convolution axis (as in TC-ResNet for keyword
spotting): most of the cost is the in-graph DFT, the network itself is a few MMAC per window.
"""
from __future__ import annotations

from typing import Sequence

import torch
from torch import nn

from .frontend import LogMelFrontEnd


class SeparableBlock(nn.Module):
    """Depthwise conv over time -> pointwise conv, BN + ReLU, residual when shapes allow."""

    def __init__(self, c_in: int, c_out: int, kernel: int, stride: int):
        super().__init__()
        self.dw = nn.Conv1d(c_in, c_in, kernel, stride=stride, padding=kernel // 2,
                            groups=c_in, bias=False)
        self.bn1 = nn.BatchNorm1d(c_in)
        self.pw = nn.Conv1d(c_in, c_out, 1, bias=False)
        self.bn2 = nn.BatchNorm1d(c_out)
        self.residual = stride == 1 and c_in == c_out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = torch.relu(self.bn1(self.dw(x)))
        y = self.bn2(self.pw(y))
        return torch.relu(y + x if self.residual else y)


class EmotionBackbone(nn.Module):
    """Log-mel [B, M, T] -> (logits [B, C], arousal_valence [B, 2])."""

    def __init__(self, n_mels: int, n_classes: int, channels: Sequence[int],
                 strides: Sequence[int], kernel: int = 9, stem_channels: int = 64,
                 hidden: int = 128, dropout: float = 0.3):
        super().__init__()
        self.in_norm = nn.BatchNorm1d(n_mels)
        self.stem = nn.Sequential(
            nn.Conv1d(n_mels, stem_channels, 5, stride=2, padding=2, bias=False),
            nn.BatchNorm1d(stem_channels), nn.ReLU())
        blocks, c = [], stem_channels
        for c_out, s in zip(channels, strides):
            blocks.append(SeparableBlock(c, c_out, kernel, s))
            c = c_out
        self.blocks = nn.Sequential(*blocks)
        self.embed = nn.Sequential(nn.Dropout(dropout), nn.Linear(2 * c, hidden), nn.ReLU(),
                                   nn.Dropout(dropout))
        self.cls = nn.Linear(hidden, n_classes)
        self.av = nn.Linear(hidden, 2)

    def forward(self, logmel: torch.Tensor):
        # Gain normalisation: a gain g shifts every log-mel value by log(g^2); remove the
        # per-window mean so the network sees the same input whatever the microphone level.
        # Mean over time, then over mels: one ReduceMean over thousands of same-sign values
        # loses ~1e-4 in ONNX Runtime's float32 accumulation (silence showed it); two short
        # reductions are exact enough and mathematically the same.
        x = logmel - logmel.mean(dim=2, keepdim=True).mean(dim=1, keepdim=True)
        x = self.blocks(self.stem(self.in_norm(x)))
        mean = x.mean(dim=2, keepdim=True)
        # Two-pass variance: E[x^2] - E[x]^2 cancels catastrophically on near-constant input
        # (silence), where PyTorch and ONNX Runtime would then disagree by ~1e-3.
        centred = x - mean
        std = torch.sqrt((centred * centred).mean(dim=2) + 1e-5)
        h = self.embed(torch.cat([mean[:, :, 0], std], dim=1))
        return self.cls(h), torch.tanh(self.av(h))


class EmotionModel(nn.Module):
    """Raw 16 kHz waveform [B, S] -> probabilities, logits, arousal_valence (the ONNX graph)."""

    def __init__(self, frontend: LogMelFrontEnd, backbone: EmotionBackbone):
        super().__init__()
        self.frontend, self.backbone = frontend, backbone

    def forward(self, waveform: torch.Tensor):
        logits, av = self.backbone(self.frontend(waveform))
        return torch.softmax(logits, dim=1), logits, av


def build_model(cfg: dict, n_classes: int) -> EmotionModel:
    """Builds the full model from the `frontend` and `model` sections of a config."""
    fe = LogMelFrontEnd(**cfg["frontend"])
    m = cfg["model"]
    bb = EmotionBackbone(fe.n_mels, n_classes, m["channels"], m["strides"], m.get("kernel", 9),
                         m.get("stem_channels", 64), m.get("hidden", 128), m.get("dropout", 0.3))
    return EmotionModel(fe, bb)


class MeanBackbone(nn.Module):
    """Averages the logits and arousal/valence of several backbones on one shared front end.

    The front end (most of the run time) is computed once, so a two-member ensemble costs
    far less than two models.
    """

    def __init__(self, backbones: Sequence[EmotionBackbone]):
        super().__init__()
        self.members = nn.ModuleList(backbones)

    def forward(self, logmel: torch.Tensor):
        outs = [m(logmel) for m in self.members]
        logits = torch.stack([o[0] for o in outs]).mean(dim=0)
        av = torch.stack([o[1] for o in outs]).mean(dim=0)
        return logits, av
