"""Speaker profiles: the running rule the app follows, and the model's band means agreeing
with the profile arithmetic used in training."""
import hashlib
import unittest

import numpy as np
import torch

from training.model import build_model
from training.profile import (ProfileSampler, clip_band_sums, population_profile, profile_order,
                              running_profiles, speaker_profiles)
from training.settings import REPO_ROOT, load_config


def _rows():
    return [{"corpus": "ravdess", "speaker": s, "path": f"ravdess/Actor_{s}/clip{i}.flac"}
            for s in ("01", "02") for i in range(4)]


class ProfileTest(unittest.TestCase):
    def test_running_profile_uses_only_earlier_clips_in_hash_order(self):
        rows = _rows()
        sums = np.arange(8, dtype=np.float64)[:, None] * np.array([[1.0, -1.0]])
        counts = np.full(8, 2)
        initial = np.array([10.0, 10.0])
        prof = running_profiles(rows, sums, counts, initial, prior_windows=4)
        for spk in ("01", "02"):
            idx = [i for i in range(8) if rows[i]["speaker"] == spk]
            order = sorted(idx, key=lambda i: hashlib.sha1(rows[i]["path"].encode()).hexdigest())
            self.assertEqual([i for i in profile_order(rows) if rows[i]["speaker"] == spk], order)
            np.testing.assert_allclose(prof[order[0]], initial)
            seen = order[:2]
            want = (4 * initial + sums[seen].sum(0)) / (4 + 2 * len(seen))
            np.testing.assert_allclose(prof[order[2]], want, rtol=1e-6)

    def test_population_profile_weighs_speakers_alike(self):
        rows = _rows()[:5]  # speaker 01 has 4 clips, 02 has 1
        sums = np.array([[1.0], [1.0], [1.0], [1.0], [5.0]])
        counts = np.ones(5, dtype=np.int64)
        self.assertAlmostEqual(float(population_profile(rows, range(5), sums, counts)[0]), 3.0, places=6)
        self.assertAlmostEqual(float(speaker_profiles(rows, range(5), sums, counts)[("ravdess", "01")][0]), 1.0)

    def test_sampler_draws_from_the_same_speaker_only(self):
        rows = _rows()
        sums = np.array([[0.0]] * 4 + [[100.0]] * 4)
        counts = np.ones(8, dtype=np.int64)
        sampler = ProfileSampler(rows, range(8), sums, counts, (1, 3))
        out = sampler(np.array([0, 5, 2, 7]), np.random.default_rng(0))
        np.testing.assert_allclose(out[:, 0], [0.0, 100.0, 0.0, 100.0])

    def test_model_band_means_match_the_training_profile_arithmetic(self):
        cfg = load_config(REPO_ROOT / "training" / "configs" / "experiments" / "emotone.json")
        cfg["model"]["speaker_norm"] = True
        torch.manual_seed(0)
        model = build_model(cfg, len(cfg["labels"])).eval()
        model.initial_profile = torch.zeros(model.frontend.n_mels)
        wave = torch.from_numpy(np.random.default_rng(3).normal(0, 0.1, 32000).astype(np.float32))[None]
        with torch.no_grad():
            outs = model(wave)
            lm = model.frontend(wave)[0].numpy()
        self.assertEqual(len(outs), 4)
        feats = {"logmel": [lm], "voiced": np.array([[0, lm.shape[1]]])}
        sums, counts = clip_band_sums(feats, lm.shape[1], 25)
        self.assertEqual(int(counts[0]), 1)
        np.testing.assert_allclose(outs[3][0].numpy(), sums[0], atol=1e-4)
        # the profile changes the scores; the band means do not depend on it
        with torch.no_grad():
            shifted = model(wave, 3 * torch.linspace(-1, 1, model.frontend.n_mels)[None])
        np.testing.assert_allclose(shifted[3].numpy(), outs[3].numpy())
        self.assertGreater(float((shifted[1] - outs[1]).abs().max()), 1e-6)

    def test_speaker_normalised_backbone_refuses_to_run_without_a_profile(self):
        cfg = load_config(REPO_ROOT / "training" / "configs" / "experiments" / "emotone.json")
        cfg["model"]["speaker_norm"] = True
        model = build_model(cfg, len(cfg["labels"])).eval()
        with self.assertRaisesRegex(ValueError, "initial_profile"):
            model(torch.zeros(1, 16000))
        with self.assertRaisesRegex(ValueError, "speaker profile"):
            model.backbone(torch.zeros(1, 64, 50))


if __name__ == "__main__":
    unittest.main()
