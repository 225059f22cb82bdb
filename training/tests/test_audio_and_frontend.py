import copy
import unittest

import numpy as np
import torch

from training.audio import voiced_bounds, window_starts
from training.frontend import LogMelFrontEnd, factor_for, torchaudio_reference
from training.frontend_rounding import log_mel_rounding_bound
from training.model import build_model
from training.settings import REPO_ROOT, load_config
from training.tests.synthetic import tone


def _config_front_end(**kw) -> LogMelFrontEnd:
    cfg = load_config(REPO_ROOT / "training" / "configs" / "experiments" / "emotone.json")
    return LogMelFrontEnd(**cfg["frontend"], **kw)


def _tones() -> torch.Tensor:
    """Two vibrato tones with near-silence either side: bands 50-90 dB below a loud frame's peak
    are where float32 rounding shows most in the log-mel."""
    return torch.from_numpy(np.stack([tone(1.7, 180, 1), tone(1.7, 90, 2, 0.9)]))


def _worst_ratio(a: torch.Tensor, b: torch.Tensor, bound: torch.Tensor) -> tuple[float, tuple]:
    """The largest |a - b| / bound over the common frames, and where: (clip, mel, frame)."""
    t = min(a.shape[2], b.shape[2], bound.shape[2])
    ratio = (a[..., :t].double() - b[..., :t].double()).abs() / bound[..., :t]
    at = np.unravel_index(int(ratio.argmax()), ratio.shape)
    return float(ratio.max()), tuple(int(i) for i in at)


class FrontEndTest(unittest.TestCase):
    def assertWithinRounding(self, a, b, bound, what: str) -> None:
        worst, at = _worst_ratio(a, b, bound)
        self.assertLessEqual(worst, 1.0, f"{what}: |diff| is {worst:.3g} x the float32 rounding "
                                         f"bound at (clip, mel, frame) {at}")

    def test_conv_dft_log_mel_matches_torchaudio(self):
        # Measured: |diff| up to 8.3e-4 (weak mels of loud frames), at most 3.9 % of the bound.
        fe, x = _config_front_end(), _tones()
        ours, ref = fe(x), torchaudio_reference(x, fe)
        self.assertEqual(ours.shape, ref.shape)
        self.assertWithinRounding(ours, ref, log_mel_rounding_bound(x, fe), "vs torchaudio")

    def test_factored_and_direct_dft_agree_at_every_length(self):
        factored, direct = _config_front_end(), _config_front_end(dft="direct")
        self.assertEqual(factored.factor, (16, 25))
        self.assertIsNone(direct.factor)
        gen = torch.Generator().manual_seed(3)
        # whole frames, a partial last frame, one frame exactly, one sample short of a second
        for n in (32000, 32123, 400, 719, 16399):
            x = 0.1 * torch.randn(2, n, generator=gen)
            a, d = factored(x), direct(x)
            self.assertEqual(a.shape, d.shape)
            self.assertEqual(a.shape[2], factored.n_frames(n))
            # Measured: at most 0.5 % (vs direct) and 0.8 % (vs torchaudio) of the bound.
            self.assertWithinRounding(a, d, log_mel_rounding_bound(x, factored, direct),
                                      f"{n} samples")
            ref = torchaudio_reference(x, factored)
            self.assertWithinRounding(a, ref, log_mel_rounding_bound(x, factored),
                                      f"{n} samples, torchaudio")

    def test_parity_check_catches_real_errors(self):
        fe, x = _config_front_end(), _tones()
        ref, bound = torchaudio_reference(x, fe), log_mel_rounding_bound(x, fe)
        p, q = fe.factor
        twiddle, sign = copy.deepcopy(fe), copy.deepcopy(fe)
        stage2 = twiddle.dft_stage2.view(2, -1, p, 2)          # [part out, k2, n1, part in]
        stage2[:, 2, 5] = stage2[:, 3, 5].clone()              # phase 5, k2 = 2: k2 = 3's twiddle
        sign.dft_stage1.view(p, 2, q, q)[8, 0, 3, 12] *= -1    # [n1, part, k1, n2]: sample 200, cos
        faults = {
            "wrong twiddle": (twiddle(x), ref),
            "sign flip in one kernel entry": (sign(x), ref),
            "frames shifted by one sample": (fe(x[:, 1:]), ref),
            "no window (rectangular)": (fe(x), torchaudio_reference(x, fe, window_fn=torch.ones)),
        }
        # Each must fail by far, not just: measured 1.4e4, 4.7e3, 8.0e3 and 4.6e5 times the bound.
        for name, (ours, other) in faults.items():
            worst, at = _worst_ratio(ours, other, bound)
            print(f"{name}: |diff| reaches {worst:.3g} x the rounding bound at {at}")
            self.assertGreater(worst, 100, name)

    def test_factor_choice(self):
        self.assertEqual(factor_for(400, 320), (16, 25))
        self.assertEqual(factor_for(400, 160), (16, 25))
        self.assertEqual(factor_for(400, 100), (10, 40))
        self.assertEqual(factor_for(512, 256), (16, 32))
        self.assertIsNone(factor_for(401, 160))  # prime: only the direct DFT
        with self.assertRaises(ValueError):
            LogMelFrontEnd(dft="fft")

    def test_network_input_is_gain_invariant(self):
        cfg = load_config(REPO_ROOT / "training" / "configs" / "experiments" / "emotone.json")
        for norm in ("gain", "bands"):
            cfg["model"]["input_norm"] = norm
            model = build_model(cfg, len(cfg["labels"])).eval()
            x = torch.from_numpy(tone(2.0, 150, 3, 0.05))[None]
            with torch.no_grad():
                p1, _, av1 = model(x)
                p2, _, av2 = model(x * 12.0)
            self.assertLess(float((p1 - p2).abs().max()), 1e-3, norm)
            self.assertLess(float((av1 - av2).abs().max()), 1e-3, norm)

    def test_unknown_input_norm_is_refused(self):
        cfg = load_config(REPO_ROOT / "training" / "configs" / "experiments" / "emotone.json")
        cfg["model"]["input_norm"] = "speaker"
        with self.assertRaisesRegex(ValueError, "input_norm"):
            build_model(cfg, len(cfg["labels"]))


class WindowTest(unittest.TestCase):
    def test_voiced_bounds_trim_silence(self):
        x = tone(1.0, 150, 0)  # 0.3 s silence either side
        s, e = voiced_bounds(x, 320, -40.0)
        self.assertAlmostEqual(s / 16000, 0.3, delta=0.03)
        self.assertAlmostEqual((len(x) - e) / 16000, 0.3, delta=0.03)
        self.assertEqual(voiced_bounds(np.zeros(16000, np.float32)), (0, 16000))

    def test_window_rules(self):
        self.assertEqual(window_starts(20000, 0, 20000, 32000, 8000), [0])            # short clip
        self.assertEqual(window_starts(64000, 20000, 40000, 32000, 8000), [14000])   # centred
        self.assertEqual(window_starts(64000, 60000, 64000, 32000, 8000), [32000])   # clamped
        self.assertEqual(window_starts(64000, 0, 50000, 32000, 8000), [0, 8000, 16000, 18000])
        self.assertEqual(window_starts(64000, 0, 48000, 32000, 8000), [0, 8000, 16000])


if __name__ == "__main__":
    unittest.main()
