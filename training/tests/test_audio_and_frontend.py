import unittest

import numpy as np
import torch

from training.audio import voiced_bounds, window_starts
from training.frontend import LogMelFrontEnd, factor_for, torchaudio_reference
from training.model import build_model
from training.settings import REPO_ROOT, load_config
from training.tests.synthetic import tone


class FrontEndTest(unittest.TestCase):
    def test_conv_dft_log_mel_matches_torchaudio(self):
        cfg = load_config(REPO_ROOT / "training" / "configs" / "experiments" / "emotone.json")
        fe = LogMelFrontEnd(**cfg["frontend"])
        x = torch.from_numpy(np.stack([tone(1.7, 180, 1), tone(1.7, 90, 2, 0.9)]))
        ours, ref = fe(x), torchaudio_reference(x, fe)
        self.assertEqual(ours.shape, ref.shape)
        self.assertLessEqual(float((ours - ref).abs().max()), 1e-3)

    def test_factored_and_direct_dft_agree_at_every_length(self):
        cfg = load_config(REPO_ROOT / "training" / "configs" / "experiments" / "emotone.json")
        factored = LogMelFrontEnd(**cfg["frontend"])
        direct = LogMelFrontEnd(**cfg["frontend"], dft="direct")
        self.assertEqual(factored.factor, (16, 25))
        self.assertIsNone(direct.factor)
        gen = torch.Generator().manual_seed(3)
        # whole frames, a partial last frame, one frame exactly, one sample short of a second
        for n in (32000, 32123, 400, 719, 16399):
            x = 0.1 * torch.randn(2, n, generator=gen)
            a, d = factored(x), direct(x)
            self.assertEqual(a.shape, d.shape)
            self.assertEqual(a.shape[2], factored.n_frames(n))
            self.assertLessEqual(float((a - d).abs().max()), 1e-4, f"{n} samples")
            self.assertLessEqual(float((a - torchaudio_reference(x, factored)).abs().max()), 1e-3)

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
