"""Augmentation on cached log-mel crops, done in the mel-power domain where it is physical.

Noise and reverberation add power; microphone colouring and band-limiting multiply it; gain
scales it (the graph normalises gain, but the log floor makes very quiet input differ);
frequency warping approximates pitch/formant shift, time interpolation approximates speed;
SpecAugment masks are applied last. All operate on a batch [B, M, T] with one RNG.
"""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F


def _u(gen: torch.Generator, lo: float, hi: float, shape=(1,)) -> torch.Tensor:
    return lo + (hi - lo) * torch.rand(shape, generator=gen)


def colour(p: torch.Tensor, a: dict, gen: torch.Generator) -> torch.Tensor:
    """Random spectral tilt, a smooth bump, and optional headset-like band-limiting."""
    b, m, _ = p.shape
    pos = torch.linspace(0, 1, m)[None, :]
    db = torch.zeros(b, m)
    use = (torch.rand(b, generator=gen) < a["eq_prob"]).float()[:, None]
    tilt = _u(gen, -8, 8, (b, 1))
    centre, width, height = _u(gen, 0, 1, (b, 1)), _u(gen, 0.05, 0.3, (b, 1)), _u(gen, -6, 6, (b, 1))
    db += use * (tilt * (pos - 0.5) + height * torch.exp(-((pos - centre) / width) ** 2))
    lp = (torch.rand(b, generator=gen) < a["lowpass_prob"]).float()[:, None]
    cut_pos = _u(gen, 0.6, 0.9, (b, 1))  # roughly 3.3-6 kHz on this mel axis
    db -= lp * torch.clamp((pos - cut_pos) * 300, 0, 60)
    hp_cut = _u(gen, 0.0, 0.08, (b, 1))
    db -= lp * torch.clamp((hp_cut - pos) * 300, 0, 40)
    return p * (10 ** (db / 10))[:, :, None]


def reverb(p: torch.Tensor, a: dict, gen: torch.Generator, hop_s: float) -> torch.Tensor:
    """Exponentially decaying power tail (late reverberation), RT60 0.2-0.9 s."""
    b, m, t = p.shape
    use = torch.rand(b, generator=gen) < a["reverb_prob"]
    if not use.any():
        return p
    out = p.clone()
    k = torch.arange(40, dtype=torch.float32)
    for i in torch.nonzero(use)[:, 0].tolist():
        rt60 = float(_u(gen, 0.2, 0.9))
        kernel = 10 ** (-6 * k * hop_s / rt60)
        kernel[0] = 0
        kernel = kernel / kernel.sum() * float(10 ** (_u(gen, -12, 0) / 10))
        x = F.pad(p[i][:, None, :], (len(k) - 1, 0))
        out[i] = p[i] + F.conv1d(x, kernel.flip(0)[None, None])[:, 0]
    return out


def noise(p: torch.Tensor, a: dict, gen: torch.Generator) -> torch.Tensor:
    """Coloured noise (1/f^beta on the mel axis) at a random SNR against the crop's power."""
    b, m, t = p.shape
    use = (torch.rand(b, generator=gen) < a["noise_prob"]).float()[:, None, None]
    beta = _u(gen, 0, 2, (b, 1, 1))
    pos = torch.linspace(0.02, 1, m)[None, :, None]
    shape = pos ** (-beta) * torch.exp(0.3 * torch.randn(b, m, t, generator=gen))
    signal = p.mean(dim=(1, 2), keepdim=True)
    snr_db = _u(gen, a["snr_db"][0], a["snr_db"][1], (b, 1, 1))
    scale = signal / (shape.mean(dim=(1, 2), keepdim=True) * 10 ** (snr_db / 10))
    return p + use * shape * scale


def warp(x: torch.Tensor, a: dict, gen: torch.Generator) -> torch.Tensor:
    """Frequency warp (mel axis) and time stretch by linear interpolation; keeps [B, M, T]."""
    b, m, t = x.shape
    out = x
    if float(torch.rand(1, generator=gen)) < a["warp_prob"]:
        f = float(_u(gen, *a["warp"]))
        src = torch.clamp(torch.arange(m) / f, 0, m - 1)
        lo = src.floor().long()
        hi = torch.clamp(lo + 1, max=m - 1)
        w = (src - lo)[None, :, None]
        out = out[:, lo] * (1 - w) + out[:, hi] * w
    if float(torch.rand(1, generator=gen)) < a["stretch_prob"]:
        r = float(_u(gen, *a["stretch"]))
        n = max(8, int(round(t * r)))
        out = F.interpolate(out, size=n, mode="linear", align_corners=False)
        out = out[:, :, :t] if n >= t else F.pad(out, (0, t - n), mode="replicate")
    return out


def spec_mask(x: torch.Tensor, a: dict, gen: torch.Generator) -> torch.Tensor:
    """SpecAugment: time and mel-band masks filled with each crop's mean."""
    b, m, t = x.shape
    keep = torch.ones(b, m, t, dtype=torch.bool)
    for axis, size, count, width in ((2, t, a["time_masks"], a["time_mask_frames"]),
                                     (1, m, a["freq_masks"], a["freq_mask_bins"])):
        pos = torch.arange(size)
        for _ in range(count):
            w = torch.randint(0, width + 1, (b, 1), generator=gen)
            s = (torch.rand(b, 1, generator=gen) * (size - w).clamp(min=1)).long()
            hit = (pos[None] >= s) & (pos[None] < s + w)
            keep &= ~(hit[:, None, :] if axis == 2 else hit[:, :, None])
    fill = x.mean(dim=(1, 2), keepdim=True)
    return torch.where(keep, x, fill)


def augment(logmel: torch.Tensor, a: dict, gen: torch.Generator, log_floor: float,
            hop_s: float) -> torch.Tensor:
    """Full chain on a batch of log-mel crops [B, M, T]."""
    p = torch.clamp(torch.exp(logmel) - log_floor, min=0)
    p = p * (10 ** (_u(gen, -30, 10, (p.shape[0], 1, 1)) / 10))
    p = reverb(colour(p, a, gen), a, gen, hop_s)
    p = noise(p, a, gen)
    x = torch.log(p + log_floor)
    return spec_mask(warp(x, a, gen), a, gen)
