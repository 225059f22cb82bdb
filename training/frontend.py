"""Log-mel front end built only from Conv1d and MatMul with fixed matrices.

onnxruntime-web has no WebGPU kernel for STFT/DFT, so framing + windowed DFT is one strided
Conv1d whose kernels are Hann-windowed cosines and sines, and the mel projection is a MatMul.
The same module computes the training feature cache, so training and the exported graph agree.
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


class LogMelFrontEnd(nn.Module):
    """Waveform [B, S] -> mel power [B, n_mels, T] (power) or log-mel (log)."""

    def __init__(self, n_fft: int = 400, hop: int = 320, n_mels: int = 64,
                 f_min: float = 40.0, f_max: float = 7600.0, log_floor: float = 1e-6):
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
        dft = dft_kernels(n_fft)
        dft = torch.cat([dft[self.bin_lo: self.bin_hi], dft[all_bins + self.bin_lo: all_bins + self.bin_hi]])
        self.register_buffer("dft", dft, persistent=True)
        self.register_buffer("mel_fb", fb[self.bin_lo: self.bin_hi].t().contiguous(),
                             persistent=True)  # [n_mels, n_bins]

    def n_frames(self, n_samples: int) -> int:
        return (n_samples - self.n_fft) // self.hop + 1

    def power(self, wav: torch.Tensor) -> torch.Tensor:
        """Mel power spectrogram [B, n_mels, T] (center=False framing)."""
        spec = nn.functional.conv1d(wav.unsqueeze(1), self.dft, stride=self.hop)
        real, imag = spec[:, : self.n_bins], spec[:, self.n_bins:]
        pw = real * real + imag * imag                    # [B, bins, T]
        return torch.matmul(self.mel_fb, pw)              # [B, mels, T]

    def forward(self, wav: torch.Tensor) -> torch.Tensor:
        return torch.log(self.power(wav) + self.log_floor)


def torchaudio_reference(wav: torch.Tensor, fe: LogMelFrontEnd) -> torch.Tensor:
    """The same log-mel from torchaudio's STFT-based MelSpectrogram (for parity tests)."""
    mel = torchaudio.transforms.MelSpectrogram(
        sample_rate=SAMPLE_RATE_HZ, n_fft=fe.n_fft, hop_length=fe.hop, center=False,
        power=2.0, n_mels=fe.n_mels, f_min=fe.f_min, f_max=fe.f_max,
        norm=None, mel_scale="htk", window_fn=torch.hann_window)
    full = torch.zeros_like(mel.mel_scale.fb)
    full[fe.bin_lo: fe.bin_hi] = fe.mel_fb.t()
    mel.mel_scale.fb.copy_(full)
    return torch.log(mel(wav) + fe.log_floor)

