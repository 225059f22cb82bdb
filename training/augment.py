"""Augmentation on cached log-mel crops, done in the mel-power domain where it is physical.

Noise and reverberation add power; microphone colouring and band-limiting multiply it; gain
scales it (the graph normalises gain, but the log floor makes very quiet input differ);
frequency warping approximates pitch/formant shift, time interpolation approximates speed;
SpecAugment masks are applied last. All operate on a batch [B, M, T] with one RNG.

The voice-chat channel (each off unless its probability is set in the config, so older recipes
train exactly as before): a codec's band limit and coarse spectrum (`codec`), lost 20 ms frames
and their concealment (`lost_frames`), automatic gain control (`agc`), and other talkers
(`babble`). They run in the order a wearer's voice meets them: room (reverb, babble, noise),
then the headset's AGC, then the codec and the network.
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


def mel_centres_hz(n_mels: int, f_min: float, f_max: float) -> torch.Tensor:
    """Centre frequency of each HTK mel band (the frontend's scale)."""
    mel = lambda f: 2595.0 * math.log10(1.0 + f / 700.0)  # noqa: E731
    pts = torch.linspace(mel(f_min), mel(f_max), n_mels + 2)[1:-1]
    return 700.0 * (10 ** (pts / 2595.0) - 1.0)


def _pick(b: int, prob: float, gen: torch.Generator) -> torch.Tensor:
    """Which crops get a step; draws nothing when the step is off, so recipes without it keep
    their random stream (and their results) as before."""
    if prob <= 0:
        return torch.zeros(b, dtype=torch.bool)
    return torch.rand(b, generator=gen) < prob


def babble(p: torch.Tensor, a: dict, gen: torch.Generator) -> torch.Tensor:
    """Other talkers: 1-4 other crops of the batch, shifted in time, at 0-20 dB SNR (power adds)."""
    b, m, t = p.shape
    use = _pick(b, a.get("babble_prob", 0.0), gen)
    if not use.any() or b < 2:
        return p
    lo, hi = a.get("babble_snr_db", [0, 20])
    out = p.clone()
    signal = p.mean(dim=(1, 2))
    for i in torch.nonzero(use)[:, 0].tolist():
        k = int(torch.randint(1, 5, (1,), generator=gen))
        others = [j for j in torch.randperm(b, generator=gen).tolist() if j != i][:k]
        mix = sum(torch.roll(p[j], int(torch.randint(0, t, (1,), generator=gen)), dims=1) for j in others)
        snr = float(_u(gen, lo, hi))
        out[i] = p[i] + mix * (signal[i] / (mix.mean() * 10 ** (snr / 10) + 1e-12))
    return out


def agc(p: torch.Tensor, a: dict, gen: torch.Generator, hop_s: float) -> torch.Tensor:
    """Automatic gain control: the level, followed with a fast attack and a slow release, is
    pulled toward its median by a random ratio (0.3-0.9 of the way, at most +20 dB), so pauses
    and breath pump up and loud syllables are flattened, as headset and WebRTC AGC do."""
    b, m, t = p.shape
    use = _pick(b, a.get("agc_prob", 0.0), gen)
    if not use.any():
        return p
    level = p.mean(dim=1) + 1e-10                                     # [B, T]
    attack = math.exp(-hop_s / 0.01)
    release = math.exp(-hop_s / float(_u(gen, 0.1, 0.5)))
    env = torch.empty_like(level)
    env[:, 0] = level[:, 0]
    for k in range(1, t):
        up = level[:, k] > env[:, k - 1]
        coef = torch.where(up, torch.full_like(level[:, k], attack), torch.full_like(level[:, k], release))
        env[:, k] = coef * env[:, k - 1] + (1 - coef) * level[:, k]
    ratio = _u(gen, 0.3, 0.9, (b, 1))
    ref = env.median(dim=1, keepdim=True).values
    gain = torch.clamp((ref / env) ** ratio, max=100.0)             # +20 dB at most
    return torch.where(use[:, None, None], p * gain[:, None, :], p)


def codec(p: torch.Tensor, a: dict, gen: torch.Generator, centres_hz: torch.Tensor) -> torch.Tensor:
    """A low-rate speech codec or phone line: narrowband (300-3400 Hz, like 8 kbit/s and mu-law
    telephony) or wideband (50-7000 Hz, like 16-24 kbit/s Opus), the spectral detail smoothed
    across bands (fewer bits for the fine structure), and quantisation noise 20-38 dB under
    each frame's level."""
    b, m, t = p.shape
    use = _pick(b, a.get("codec_prob", 0.0), gen)
    if not use.any():
        return p
    out = p.clone()
    f = centres_hz
    for i in torch.nonzero(use)[:, 0].tolist():
        narrow = float(torch.rand(1, generator=gen)) < a.get("codec_narrowband", 0.5)
        lo_hz, hi_hz = (float(_u(gen, 200, 350)), float(_u(gen, 3200, 3600))) if narrow else \
                       (float(_u(gen, 50, 120)), float(_u(gen, 6500, 7200)))
        # ~24 dB per octave outside the pass band, floored at -70 dB
        att_db = -24 * (torch.clamp(torch.log2(lo_hz / f), min=0) + torch.clamp(torch.log2(f / hi_hz), min=0))
        x = p[i] * (10 ** (torch.clamp(att_db, min=-70) / 10))[:, None]
        width = int(torch.randint(1, 4, (1,), generator=gen))         # smoothing half-width in bands
        if width > 1:
            kern = torch.ones(1, 1, 2 * width - 1) / (2 * width - 1)
            x = F.conv1d(F.pad(x.t()[:, None, :], (width - 1, width - 1), mode="replicate"), kern)[:, 0].t()
        snr = float(_u(gen, 20, 38))
        inband = ((f >= lo_hz) & (f <= hi_hz)).float()[:, None]
        floor = x.mean(dim=0, keepdim=True) * 10 ** (-snr / 10)
        out[i] = x + inband * floor * torch.exp(0.3 * torch.randn(m, t, generator=gen))
    return out


def lost_frames(p: torch.Tensor, a: dict, gen: torch.Generator) -> torch.Tensor:
    """Lost 20 ms packets (1-10 % of frames, bursts of 1-3): concealed either as silence or by
    repeating the last good frame 3 dB quieter each time, as packet-loss concealment does."""
    b, m, t = p.shape
    use = _pick(b, a.get("loss_prob", 0.0), gen)
    if not use.any():
        return p
    out = p.clone()
    for i in torch.nonzero(use)[:, 0].tolist():
        rate, silent = float(_u(gen, 0.01, 0.1)), float(torch.rand(1, generator=gen)) < 0.5
        k = 1
        while k < t:
            if float(torch.rand(1, generator=gen)) < rate / 2:
                burst = int(torch.randint(1, 4, (1,), generator=gen))
                for j in range(k, min(t, k + burst)):
                    out[i, :, j] = 0 if silent else out[i, :, j - 1] * 0.5
                k += burst
            k += 1
    return out


def augment(logmel: torch.Tensor, a: dict, gen: torch.Generator, log_floor: float,
            hop_s: float, centres_hz: torch.Tensor | None = None) -> torch.Tensor:
    """Full chain on a batch of log-mel crops [B, M, T]. `centres_hz` (the frontend's mel band
    centres) is needed only by the codec."""
    p = torch.clamp(torch.exp(logmel) - log_floor, min=0)
    p = p * (10 ** (_u(gen, -30, 10, (p.shape[0], 1, 1)) / 10))
    p = reverb(colour(p, a, gen), a, gen, hop_s)
    p = babble(p, a, gen)
    p = noise(p, a, gen)
    p = agc(p, a, gen, hop_s)
    if a.get("codec_prob", 0.0) > 0:
        if centres_hz is None:
            raise ValueError("codec augmentation needs the mel band centres (centres_hz)")
        p = codec(p, a, gen, centres_hz)
    p = lost_frames(p, a, gen)
    x = torch.log(p + log_floor)
    return spec_mask(warp(x, a, gen), a, gen)
