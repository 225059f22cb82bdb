"""How far two computations of the same log-mel may differ through rounding alone (parity tests).

Why a fixed tolerance does not hold: a frame's DFT is a sum of N products x_n w_n e^(-i..); in
float32 each bin is off by up to about u * (sum of the magnitudes it passes through), u = 2^-24,
and that scale is set by the frame's loud content, not by the bin. A bin far below the frame's
strongest therefore carries an error that is large relative to itself, and the log (a relative
measure) shows it. On the parity test's tones (amplitude 0.9, little noise) the log-mel
differences reach ~1e-3 only in loud frames, at mels 50-90 dB below the frame's strongest (power
1e-5 to 2e-4 beside ~4e3); in quiet frames and within 40 dB of the peak they stay below 1e-5.
Where they fall depends on the summation order: oneDNN's convolution blocking (AVX2, AVX-512),
the number of threads (1 or 2 alone changes ours by up to 6e-4) and the FFT library behind
torch.stft. So a fixed 1e-3 held here (9.4e-4 against float32 torchaudio), not in CI (1.11e-3).

The bound follows the computation (float32, X, M and L exact: computed in float64):
  E      = gamma(d) * sum_n |x_n w_n| per frame bounds the error of Re X_b and Im X_b for every
           bin b and every summation order (an n-term dot product in any order is within
           gamma(n) * sum |terms|, gamma(n) = n u / (1 - n u)). d is the longest chain of
           roundings: direct DFT N + 1 (kernel rounding, N-term dot product); factored N = P Q:
           Q + 2P + 2 (two kernel roundings, a Q-term then a 2P-term dot product). Through the
           factored stages the magnitudes stay within sum |x_n w_n| since
           |cos a cos b| + |sin a sin b| <= 1.
  dP_b   = (1 + gamma(2)) * 2 E (|Re X_b| + |Im X_b| + E) + gamma(2) |X_b|^2     (Re^2 + Im^2)
  dM_m   = S + gamma(k) (M_m + S) + u * floor,  S = sum_b fb[b, m] dP_b,  k = the most nonzero
           weights of a filter (fb >= 0: the MatMul's own error is relative); u * floor: floor
           as float32
  dL_m   = dM_m / (max(M_m - dM_m, 0) + floor) + 2 u |L_m| + u   (log: 1 ulp, adding the floor: u)
The bound on |a - b| is dL(a) + dL(b); torchaudio's reference runs in float64, where Higham's FFT
bound (Accuracy and Stability of Numerical Algorithms, Thm 24.2) gives a term < 1e-8 of ours.
CPU float32 throughout (no TF32). A worst case over all summation orders is wide where float32
cannot promise much: up to 0.1-0.3 in the weak mels above, 250-330 times the measured 6e-4 to
8e-4. Elsewhere it is tight: ~1.5e-5 at loud frames' strongest mels, where the measured
difference takes its largest share of the bound (3.9 %) and an amplitude off by 1e-4 already
fails it (20 times over).
"""
from __future__ import annotations

import math

import torch

from .frontend import LogMelFrontEnd

U32 = 2.0 ** -24
U64 = 2.0 ** -53


def gamma(n: int, u: float = U32) -> float:
    """Higham's gamma_n = n u / (1 - n u): the relative bound of n chained roundings."""
    return n * u / (1 - n * u)


def rounding_depth(fe: LogMelFrontEnd) -> int:
    """The longest chain of float32 roundings that makes one DFT output of `fe`."""
    if fe.factor is None:
        return fe.n_fft + 1
    p, q = fe.factor
    return q + 2 * p + 2


def _mel_error(side: LogMelFrontEnd | None, xw: torch.Tensor, spec: torch.Tensor,
               fb: torch.Tensor, mel: torch.Tensor, floor: float) -> torch.Tensor:
    """Bound on |computed - exact| mel power [B, T, n_mels] of one side (None: float64
    torchaudio)."""
    n_fft = xw.shape[-1]
    if side is None:  # float64 FFT, normwise bound; twiddles within 2 u
        log_n, eta = math.log2(n_fft), 2 * U64 + gamma(4, U64) * (math.sqrt(2) + 2 * U64)
        e = log_n * eta / (1 - log_n * eta) * math.sqrt(n_fft) * xw.norm(dim=-1, keepdim=True)
        u = U64
    else:
        e, u = gamma(rounding_depth(side)) * xw.abs().sum(-1, keepdim=True), U32
    g2 = gamma(2, u)
    d_power = (1 + g2) * 2 * e * (spec.real.abs() + spec.imag.abs() + e) + g2 * spec.abs() ** 2
    spread = d_power @ fb
    k = int((fb > 0).sum(0).max())
    return spread + gamma(k, u) * (mel + spread) + u * floor


def log_mel_rounding_bound(wav: torch.Tensor, a: LogMelFrontEnd,
                           b: LogMelFrontEnd | None = None) -> torch.Tensor:
    """Element-wise bound [B, n_mels, T] on |a(wav) - b(wav)| from rounding alone; b None means
    torchaudio_reference (float64). a and b share framing, mel filters and floor."""
    n_fft, hop, floor = a.n_fft, a.hop, a.log_floor
    frames = wav.double()[:, : (a.n_frames(wav.shape[1]) - 1) * hop + n_fft].unfold(1, n_fft, hop)
    xw = frames * torch.hann_window(n_fft, periodic=True, dtype=torch.float64)
    spec = torch.fft.rfft(xw, dim=-1)[..., a.bin_lo: a.bin_hi]          # [B, T, bins]
    fb = a.mel_filters().double()                                       # [bins, n_mels]
    mel = spec.abs() ** 2 @ fb
    log_mel = torch.log(mel + floor)
    total = torch.zeros_like(mel)
    for side in (a, b):
        d_mel = _mel_error(side, xw, spec, fb, mel, floor)
        u = U64 if side is None else U32
        total += d_mel / ((mel - d_mel).clamp_min(0) + floor) + 2 * u * log_mel.abs() + u
    return total.transpose(1, 2)
