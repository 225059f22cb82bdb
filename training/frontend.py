"""Log-mel front end built only from Conv1d, Reshape and MatMul with fixed matrices.

onnxruntime-web has no WebGPU kernel for STFT/DFT, so the windowed DFT is built from
convolutions with fixed kernels, and the mel projection is a MatMul. The same module computes
the training feature cache, so training and the exported graph agree.

The DFT is factored (Cooley-Tukey, N = P * Q): the waveform is split into P phases (a Reshape),
a grouped strided Conv1d does a windowed Q-point DFT per phase with the twiddle factors folded
in, and a 1x1 Conv1d combines the phases. For N = 400, P = 16, Q = 25 that is ~32 k multiply-adds
per frame instead of ~152 k for one 400-tap Conv1d per bin (`direct`, kept for other sizes).
"""
from __future__ import annotations

import math

import torch
from torch import nn
import torchaudio

SAMPLE_RATE_HZ = 16000


def dft_kernels(n_fft: int) -> torch.Tensor:
    """Hann-windowed real/imaginary DFT kernels, shape [2 * (n_fft // 2 + 1), 1, n_fft]."""
    n_bins = n_fft // 2 + 1
    n = torch.arange(n_fft, dtype=torch.float64)
    k = torch.arange(n_bins, dtype=torch.float64)[:, None]
    window = torch.hann_window(n_fft, periodic=True, dtype=torch.float64)
    angle = 2 * math.pi * k * n / n_fft
    real = torch.cos(angle) * window
    imag = -torch.sin(angle) * window
    return torch.cat([real, imag], 0).float().unsqueeze(1)


def factor_for(n_fft: int, hop: int) -> tuple[int, int] | None:
    """(P, Q) with P * Q = n_fft and P dividing hop (so every frame starts on phase 0): the
    largest P with P < Q. The two stages then cost about the same (2 N Q + 4 P bins multiply-adds
    per frame), and keeping P below Q keeps float32 error low: a bin far weaker than the frame's
    strongest emerges in stage 2 by cancellation among the P phases, so fewer phases are more
    exact (P = Q = 20 missed torchaudio by 1.9e-3 on a pure harmonic tone, P = 16 by 9e-4, the
    direct DFT by 6e-4; on speech all are within 3.5e-4). None if no such P exists."""
    best = None
    for p in range(2, n_fft):
        if n_fft % p == 0 and hop % p == 0 and p * p < n_fft:
            best = p
    return (best, n_fft // best) if best else None


def factored_kernels(n_fft: int, p: int, n_bins_needed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Stage 1: [P * 2Q, 1, Q] grouped-conv kernels; output channel n1 * 2Q + part * Q + k1 is
    the real (part 0) or imaginary (part 1) value of sum_n2 w[P n2 + n1] x[P n2 + n1]
    exp(-2 pi i (k1 n2 / Q + k1 n1 / N)) - a Q-point DFT of phase n1 with its twiddle factor.
    Stage 2: [2 * K2, 2P, 1]; combines phases: bin k1 + Q k2 = sum_n1 Y[n1, k1] exp(-2 pi i n1 k2 / P),
    output channel part * K2 + k2, for the K2 = ceil(n_bins_needed / Q) values of k2 needed."""
    q = n_fft // p
    window = torch.hann_window(n_fft, periodic=True, dtype=torch.float64)
    n1 = torch.arange(p, dtype=torch.float64)[:, None, None]
    k1 = torch.arange(q, dtype=torch.float64)[None, :, None]
    n2 = torch.arange(q, dtype=torch.float64)[None, None, :]
    phi = 2 * math.pi * (k1 * n2 / q + k1 * n1 / n_fft)                  # [P, Q(k1), Q(n2)]
    w = window[(p * n2 + n1).long()]                                     # [P, 1, Q(n2)]
    stage1 = torch.stack([torch.cos(phi) * w, -torch.sin(phi) * w], 1)   # [P, 2, Q, Q]
    k2_count = -(-n_bins_needed // q)
    k2 = torch.arange(k2_count, dtype=torch.float64)[:, None]
    theta = 2 * math.pi * torch.arange(p, dtype=torch.float64)[None, :] * k2 / p  # [K2, P]
    cos, sin = torch.cos(theta), torch.sin(theta)
    stage2 = torch.zeros(2, k2_count, p, 2, dtype=torch.float64)         # [part_out, k2, n1, part_in]
    stage2[0, :, :, 0], stage2[0, :, :, 1] = cos, sin                    # re = Yr cos + Yi sin
    stage2[1, :, :, 0], stage2[1, :, :, 1] = -sin, cos                   # im = Yi cos - Yr sin
    return (stage1.reshape(p * 2 * q, 1, q).float(),
            stage2.reshape(2 * k2_count, 2 * p, 1).float())


class LogMelFrontEnd(nn.Module):
    """Waveform [B, S] -> mel power [B, n_mels, T] (power) or log-mel (log)."""

    def __init__(self, n_fft: int = 400, hop: int = 320, n_mels: int = 64,
                 f_min: float = 40.0, f_max: float = 7600.0, log_floor: float = 1e-6,
                 dft: str = "factored"):
        super().__init__()
        self.n_fft, self.hop, self.n_mels, self.log_floor = n_fft, hop, n_mels, log_floor
        self.f_min, self.f_max = f_min, f_max
        all_bins = n_fft // 2 + 1
        fb = torchaudio.functional.melscale_fbanks(
            all_bins, f_min, f_max, n_mels, SAMPLE_RATE_HZ, norm=None, mel_scale="htk")
        # Only the DFT bins some mel filter weighs are computed (the others would be multiplied
        # by zero): same log-mel, fewer multiply-adds and a smaller graph.
        used = torch.nonzero(fb.sum(dim=1) > 0)[:, 0]
        self.bin_lo, self.bin_hi = int(used.min()), int(used.max()) + 1
        self.n_bins = self.bin_hi - self.bin_lo
        if dft not in ("factored", "direct"):
            raise ValueError(f"frontend dft must be 'factored' or 'direct', not {dft!r}")
        self.factor = factor_for(n_fft, hop) if dft == "factored" else None
        if self.factor:
            stage1, stage2 = factored_kernels(n_fft, self.factor[0], self.bin_hi)
            self.register_buffer("dft_stage1", stage1, persistent=True)
            self.register_buffer("dft_stage2", stage2, persistent=True)
            # Stage 2 yields bins 0 .. K2 * Q - 1 in order; the mel matrix covers them all,
            # zero outside the filters' span.
            n_out = stage2.shape[0] // 2 * self.factor[1]
            mel = torch.zeros(n_out, n_mels)
            mel[self.bin_lo: self.bin_hi] = fb[self.bin_lo: self.bin_hi]
        else:
            full = dft_kernels(n_fft)
            self.register_buffer("dft", torch.cat([full[self.bin_lo: self.bin_hi],
                                                   full[all_bins + self.bin_lo: all_bins + self.bin_hi]]),
                                 persistent=True)
            mel = fb[self.bin_lo: self.bin_hi]
        self.register_buffer("mel_fb", mel.t().contiguous(), persistent=True)  # [n_mels, bins]

    def mel_filters(self) -> torch.Tensor:
        """The mel filters over DFT bins bin_lo .. bin_hi - 1: [n_bins, n_mels]."""
        lo = 0 if self.factor is None else self.bin_lo
        return self.mel_fb[:, lo: lo + self.n_bins].t()

    def n_frames(self, n_samples: int) -> int:
        return (n_samples - self.n_fft) // self.hop + 1

    def power(self, wav: torch.Tensor) -> torch.Tensor:
        """Mel power spectrogram [B, n_mels, T] (center=False framing)."""
        if self.factor is None:
            spec = nn.functional.conv1d(wav.unsqueeze(1), self.dft, stride=self.hop)
            real, imag = spec[:, : self.n_bins], spec[:, self.n_bins:]
            return torch.matmul(self.mel_fb, real * real + imag * imag)    # [B, mels, T]
        p, b = self.factor[0], wav.shape[0]
        x = wav[:, : (self.n_frames(wav.shape[1]) - 1) * self.hop + self.n_fft]  # a multiple of P
        x = x.reshape(b, -1, p).transpose(1, 2)                            # [B, P phases, S / P]
        y = nn.functional.conv1d(x, self.dft_stage1, stride=self.hop // p, groups=p)  # [B, P*2Q, T]
        y = y.reshape(b, 2 * p, -1)                                        # [B, (n1, part), Q*T]
        z = nn.functional.conv1d(y, self.dft_stage2)                       # [B, 2*K2, Q*T]
        z = z.reshape(b, 2, self.mel_fb.shape[1], -1)                      # [B, part, bin, T]
        pw = z[:, 0] * z[:, 0] + z[:, 1] * z[:, 1]                         # bin = k2 * Q + k1
        return torch.matmul(self.mel_fb, pw)

    def forward(self, wav: torch.Tensor) -> torch.Tensor:
        return torch.log(self.power(wav) + self.log_floor)


def torchaudio_reference(wav: torch.Tensor, fe: LogMelFrontEnd, dtype: torch.dtype = torch.float64,
                         window_fn=torch.hann_window) -> torch.Tensor:
    """The same log-mel from torchaudio's STFT-based MelSpectrogram (for parity tests), in float64
    by default so that only our float32 rounding is left to bound (frontend_rounding.py); the mel
    filters are ours (float32 values), so they are no source of difference."""
    mel = torchaudio.transforms.MelSpectrogram(
        sample_rate=SAMPLE_RATE_HZ, n_fft=fe.n_fft, hop_length=fe.hop, center=False,
        power=2.0, n_mels=fe.n_mels, f_min=fe.f_min, f_max=fe.f_max,
        norm=None, mel_scale="htk", window_fn=window_fn, wkwargs={"dtype": dtype}).to(dtype)
    full = torch.zeros_like(mel.mel_scale.fb)
    full[fe.bin_lo: fe.bin_hi] = fe.mel_filters()
    mel.mel_scale.fb.copy_(full)
    return torch.log(mel(wav.to(dtype)) + fe.log_floor)
