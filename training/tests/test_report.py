"""Model card text: an ensemble's recipe is described per member when the members differ."""
import unittest

from training.report import _epochs_text, _shares_text, _warp_text
from training.settings import REPO_ROOT, load_config

CONFIGS = REPO_ROOT / "training" / "configs"


class ReportTextTest(unittest.TestCase):
    def test_shared_settings_are_stated_once(self):
        members = [load_config(CONFIGS / "emotone-v23.json"), load_config(CONFIGS / "emotone-v24.json")]
        self.assertEqual(_epochs_text(members), "80 epochs")
        self.assertEqual(_shares_text(members), "ravdess 1.0, tess 0.2, emodb 1.0")
        self.assertNotIn("`", _warp_text(members))

    def test_differing_settings_are_named_per_member(self):
        members = [load_config(CONFIGS / "emotone-v2.json"), load_config(CONFIGS / "emotone-v19.json"),
                   load_config(CONFIGS / "emotone-v7.json")]
        self.assertEqual(_epochs_text(members), "`emotone-ds-cnn-v2`: 40 epochs; "
                         "`emotone-ds-cnn-v19`: 80 epochs; `emotone-ds-cnn-v7`: 40 epochs")
        warp = _warp_text(members)
        self.assertIn("`emotone-ds-cnn-v7`: warp 0.85–1.15 (p 0.8)", warp)
        self.assertIn("`emotone-ds-cnn-v2`: warp 0.9–1.1 (p 0.4)", warp)


if __name__ == "__main__":
    unittest.main()
