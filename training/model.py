"""EmotionNet: log-mel front end + 1-D depthwise-separable CNN + statistics pooling + two heads.

Mel bins are channels and time is the only convolution axis (as in TC-ResNet for keyword
spotting): most of the cost is the in-graph DFT, the network itself is a few MMAC per window.
"""
from __future__ import annotations

from typing import Sequence

import torch
from torch import nn

from .frontend import LogMelFrontEnd


def _normalise_gain(logmel: torch.Tensor) -> torch.Tensor:
    """Removes the window's mean log-mel: a gain g shifts every value by log(g^2), so the
    network sees the same input whatever the microphone level. Mean over time, then over mels:
    one ReduceMean over thousands of same-sign values loses ~1e-4 in ONNX Runtime's float32
    accumulation (silence showed it); two short reductions are exact enough and the same maths."""
    return logmel - logmel.mean(dim=2, keepdim=True).mean(dim=1, keepdim=True)


def _normalise_bands(logmel: torch.Tensor) -> torch.Tensor:
    """Removes each mel band's mean over the window (cepstral mean normalisation in the
    log-mel domain): besides the gain, the window's long-term spectral envelope - much of
    which is the speaker's vocal tract and the microphone - is taken out, leaving how the
    spectrum moves. Gain-invariant like _normalise_gain."""
    return logmel - logmel.mean(dim=2, keepdim=True)


INPUT_NORMS = {"gain": _normalise_gain, "bands": _normalise_bands}


def _input_norm(name: str):
    if name not in INPUT_NORMS:
        raise ValueError(f"model.input_norm must be one of {sorted(INPUT_NORMS)}, not {name!r}")
    return INPUT_NORMS[name]


def _relative(x: torch.Tensor, profile: torch.Tensor | None, speaker_norm: bool) -> torch.Tensor:
    """The gain-normalised log-mel minus the speaker profile [B, M] (see profile.py) when the
    backbone was trained so; a speaker-normalised backbone cannot run without a profile."""
    if not speaker_norm:
        return x
    if profile is None:
        raise ValueError("this backbone was trained with model.speaker_norm and needs a speaker profile")
    return x - profile[:, :, None]


def _stats_pool(x: torch.Tensor) -> torch.Tensor:
    """[B, C, T] -> [B, 2C]: mean and standard deviation over time. Two-pass variance:
    E[x^2] - E[x]^2 cancels catastrophically on near-constant input (silence), where PyTorch
    and ONNX Runtime would then disagree by ~1e-3."""
    mean = x.mean(dim=2, keepdim=True)
    centred = x - mean
    return torch.cat([mean[:, :, 0], torch.sqrt((centred * centred).mean(dim=2) + 1e-5)], dim=1)


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


class _Heads(nn.Module):
    """The categorical and arousal/valence heads on a backbone's `features` embedding."""

    def heads(self, h: torch.Tensor):
        return self.cls(h), torch.tanh(self.av(h))

    def forward(self, logmel: torch.Tensor, profile: torch.Tensor | None = None):
        return self.heads(self.features(logmel, profile))


class EmotionBackbone(_Heads):
    """Log-mel [B, M, T] -> (logits [B, C], arousal_valence [B, 2])."""

    def __init__(self, n_mels: int, n_classes: int, channels: Sequence[int],
                 strides: Sequence[int], kernel: int = 9, stem_channels: int = 64,
                 hidden: int = 128, dropout: float = 0.3, input_norm: str = "gain",
                 speaker_norm: bool = False):
        super().__init__()
        self.normalise = _input_norm(input_norm)
        self.speaker_norm = speaker_norm
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

    def features(self, logmel: torch.Tensor, profile: torch.Tensor | None = None) -> torch.Tensor:
        """The pooled embedding [B, hidden] both heads read."""
        x = self.blocks(self.stem(self.in_norm(_relative(self.normalise(logmel), profile, self.speaker_norm))))
        return self.embed(_stats_pool(x))


class Block2d(nn.Module):
    """3x3 conv block on [B, C, mel, time]: depthwise-separable (dw 3x3 -> pw 1x1) or full
    3x3, BN + ReLU, residual when shapes allow."""

    def __init__(self, c_in: int, c_out: int, stride: Sequence[int], separable: bool):
        super().__init__()
        stride = tuple(stride)
        if separable:
            self.conv = nn.Sequential(
                nn.Conv2d(c_in, c_in, 3, stride=stride, padding=1, groups=c_in, bias=False),
                nn.BatchNorm2d(c_in), nn.ReLU(),
                nn.Conv2d(c_in, c_out, 1, bias=False), nn.BatchNorm2d(c_out))
        else:
            self.conv = nn.Sequential(nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1, bias=False),
                                      nn.BatchNorm2d(c_out))
        self.residual = stride == (1, 1) and c_in == c_out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.conv(x)
        return torch.relu(y + x if self.residual else y)


class Spectro2dBackbone(_Heads):
    """Log-mel [B, M, T] -> (logits, arousal_valence) with 2-D convolutions over mel x time.

    2-D kernels see a harmonic pattern the same wherever pitch puts it on the mel axis; the
    remaining mel rows are kept (flattened into channels, then projected) so absolute pitch
    and spectral balance still reach the head. Statistics pooling over time as in the 1-D net.
    """

    def __init__(self, n_mels: int, n_classes: int, channels: Sequence[int],
                 strides: Sequence[Sequence[int]], stem_channels: int = 24,
                 stem_stride: Sequence[int] = (2, 2), separable: bool = True, proj: int = 192,
                 hidden: int = 128, dropout: float = 0.3, input_norm: str = "gain",
                 speaker_norm: bool = False):
        super().__init__()
        self.normalise = _input_norm(input_norm)
        self.speaker_norm = speaker_norm
        self.in_norm = nn.BatchNorm1d(n_mels)
        self.stem = nn.Sequential(
            nn.Conv2d(1, stem_channels, 3, stride=tuple(stem_stride), padding=1, bias=False),
            nn.BatchNorm2d(stem_channels), nn.ReLU())
        blocks, c, m = [], stem_channels, -(-n_mels // stem_stride[0])
        for c_out, s in zip(channels, strides):
            blocks.append(Block2d(c, c_out, s, separable))
            c, m = c_out, -(-m // s[0])
        self.blocks = nn.Sequential(*blocks)
        self.proj = nn.Sequential(nn.Conv1d(c * m, proj, 1, bias=False), nn.BatchNorm1d(proj), nn.ReLU())
        self.embed = nn.Sequential(nn.Dropout(dropout), nn.Linear(2 * proj, hidden), nn.ReLU(),
                                   nn.Dropout(dropout))
        self.cls = nn.Linear(hidden, n_classes)
        self.av = nn.Linear(hidden, 2)

    def features(self, logmel: torch.Tensor, profile: torch.Tensor | None = None) -> torch.Tensor:
        """The pooled embedding [B, hidden] both heads read."""
        x = self.in_norm(_relative(self.normalise(logmel), profile, self.speaker_norm)).unsqueeze(1)
        x = self.blocks(self.stem(x))                       # [B, C, M', T']
        x = self.proj(x.flatten(1, 2))                      # [B, proj, T']
        return self.embed(_stats_pool(x))


def uses_profile(backbone: nn.Module) -> bool:
    """True when the backbone (or any ensemble member) subtracts a speaker profile."""
    return any(getattr(m, "speaker_norm", False) for m in backbone.modules())


class EmotionModel(nn.Module):
    """Raw 16 kHz waveform [B, S] -> probabilities, logits, arousal_valence (the ONNX graph).

    A model with speaker-normalised backbones also takes `profile` [B, M] (see profile.py;
    `initial_profile`, the training speakers' mean, when not given) and also returns the
    window's `band_means` [B, M], from which the app builds the wearer's profile.
    """

    def __init__(self, frontend: LogMelFrontEnd, backbone: nn.Module):
        super().__init__()
        self.frontend, self.backbone = frontend, backbone
        self.uses_profile = uses_profile(backbone)
        self.initial_profile: torch.Tensor | None = None

    def forward(self, waveform: torch.Tensor, profile: torch.Tensor | None = None):
        logmel = self.frontend(waveform)
        if not self.uses_profile:
            logits, av = self.backbone(logmel)
            return torch.softmax(logits, dim=1), logits, av
        if profile is None:
            if self.initial_profile is None:
                raise ValueError("no speaker profile given and no initial_profile set")
            profile = self.initial_profile[None].expand(waveform.shape[0], -1)
        logits, av = self.backbone(logmel, profile)
        return torch.softmax(logits, dim=1), logits, av, _normalise_gain(logmel).mean(dim=2)


def load_weights(model: nn.Module, state: dict) -> None:
    """Loads learned weights; the front end's fixed matrices come from the config, not the
    checkpoint (so a checkpoint survives a change in how they are laid out)."""
    own = {k: v for k, v in model.state_dict().items() if k.startswith("frontend.")}
    model.load_state_dict({**{k: v for k, v in state.items() if not k.startswith("frontend.")}, **own})


def build_model(cfg: dict, n_classes: int) -> EmotionModel:
    """Builds the full model from the `frontend` and `model` sections of a config."""
    fe = LogMelFrontEnd(**cfg["frontend"])
    m = cfg["model"]
    if m.get("type") == "cnn2d":
        bb2 = Spectro2dBackbone(fe.n_mels, n_classes, m["channels"], m["strides"],
                                m.get("stem_channels", 24), m.get("stem_stride", (2, 2)),
                                m.get("separable", True), m.get("proj", 192), m.get("hidden", 128),
                                m.get("dropout", 0.3), m.get("input_norm", "gain"),
                                m.get("speaker_norm", False))
        return EmotionModel(fe, bb2)
    bb = EmotionBackbone(fe.n_mels, n_classes, m["channels"], m["strides"], m.get("kernel", 9),
                         m.get("stem_channels", 64), m.get("hidden", 128), m.get("dropout", 0.3),
                         m.get("input_norm", "gain"), m.get("speaker_norm", False))
    return EmotionModel(fe, bb)


class MeanBackbone(nn.Module):
    """Averages the logits and arousal/valence of several backbones on one shared front end.

    The front end (most of the run time) is computed once, so a two-member ensemble costs
    far less than two models.
    """

    def __init__(self, backbones: Sequence[EmotionBackbone]):
        super().__init__()
        self.members = nn.ModuleList(backbones)

    def forward(self, logmel: torch.Tensor, profile: torch.Tensor | None = None):
        outs = [m(logmel, profile) for m in self.members]
        logits = torch.stack([o[0] for o in outs]).mean(dim=0)
        av = torch.stack([o[1] for o in outs]).mean(dim=0)
        return logits, av
