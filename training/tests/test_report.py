"""Model card text (an ensemble's recipe per member when the members differ) and the
per-speaker spread of a pooled figure."""
import unittest

from training.metrics import speaker_spread, summary
from training.report import _epochs_text, _shares_text, _spread_text, _warp_text
from training.settings import REPO_ROOT, load_config

CONFIGS = REPO_ROOT / "training" / "configs"
SHIPPED, EXPERIMENTS = CONFIGS / "shipped", CONFIGS / "experiments"


class ReportTextTest(unittest.TestCase):
    def test_shared_settings_are_stated_once(self):
        members = [load_config(SHIPPED / "emotone-v23.json"), load_config(SHIPPED / "emotone-v24.json")]
        self.assertEqual(_epochs_text(members), "80 epochs")
        self.assertEqual(_shares_text(members), "ravdess 1.0, tess 0.2, emodb 1.0")
        self.assertNotIn("`", _warp_text(members))

    def test_differing_settings_are_named_per_member(self):
        members = [load_config(EXPERIMENTS / "emotone-v2.json"), load_config(EXPERIMENTS / "emotone-v19.json"),
                   load_config(EXPERIMENTS / "emotone-v7.json")]
        self.assertEqual(_epochs_text(members), "`emotone-ds-cnn-v2`: 40 epochs; "
                         "`emotone-ds-cnn-v19`: 80 epochs; `emotone-ds-cnn-v7`: 40 epochs")
        warp = _warp_text(members)
        self.assertIn("`emotone-ds-cnn-v7`: warp 0.85–1.15 (p 0.8)", warp)
        self.assertIn("`emotone-ds-cnn-v2`: warp 0.9–1.1 (p 0.4)", warp)


class SpeakerSpreadTest(unittest.TestCase):
    def test_per_speaker_uar_and_bootstrap_interval(self):
        # speaker a: all 4 right; speaker b: 1 of 4 right (classes 0,1 twice each)
        yt = [0, 0, 1, 1, 0, 0, 1, 1]
        yp = [0, 0, 1, 1, 0, 1, 0, 0]
        spk = ["a"] * 4 + ["b"] * 4
        out = speaker_spread(yt, yp, spk, 2)
        self.assertEqual(out["per_speaker"], {"a": 1.0, "b": 0.25})
        lo, hi = out["speaker_bootstrap_95"]
        # resamples are {a,a} (1.0), {a,b} (pooled 0.625) or {b,b} (0.25)
        self.assertAlmostEqual(lo, 0.25)
        self.assertAlmostEqual(hi, 1.0)
        self.assertAlmostEqual(summary(yt, yp, 2)["uar"], 0.625)

    def test_card_sentence_names_extremes_and_interval(self):
        fig = {"per_speaker": {"19": 0.6, "21": 0.44, "24": 0.73}, "speaker_bootstrap_95": [0.55, 0.68]}
        text = _spread_text(fig)
        self.assertIn("0.440 (actor 21) to 0.730 (actor 24)", text)
        self.assertIn("between 0.550 and 0.680", text)
        self.assertEqual(_spread_text({"uar": 0.6}), "")


if __name__ == "__main__":
    unittest.main()
