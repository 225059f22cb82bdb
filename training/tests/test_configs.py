"""The configs resolve to exactly what they resolved to before the shipped recipe was flattened
into configs/shipped/ and the candidates moved to configs/experiments/.

`fixtures/resolved-configs.json` holds every config as it resolved from the old six-deep
`extends` chains (keyed by its new path). Order inside a setting matters (corpora are scanned,
and corpus shares printed, in the order written), so values are compared as ordered JSON text.
"""
import json
import unittest

from training.ensemble import member_configs
from training.settings import REPO_ROOT, load_config

CONFIGS = REPO_ROOT / "training" / "configs"
BEFORE = json.loads((REPO_ROOT / "training" / "tests" / "fixtures" / "resolved-configs.json").read_text())
# An ensemble config trains nothing itself: each member brings its own seed, network and
# training recipe (pipeline, runs and report read those from the members only).
MEMBER_ONLY = ("seed", "model", "train")


def ordered(cfg: dict) -> dict:
    return {key: json.dumps(value) for key, value in cfg.items()}


class ResolvedConfigTest(unittest.TestCase):
    def test_every_config_resolves_as_before(self):
        # the shipped folder holds exactly the shipped recipe; new experiments may be added
        self.assertEqual(sorted(p.name for p in (CONFIGS / "shipped").glob("*.json")),
                         ["emotone-base.json", "emotone-ensemble.json", "emotone-v23.json",
                          "emotone-v24.json", "emotone-v25.json"])
        for rel, before in BEFORE.items():
            if rel == "shipped/emotone-ensemble.json":
                continue
            with self.subTest(config=rel):
                self.assertEqual(ordered(load_config(CONFIGS / rel)), ordered(before))

    def test_shipped_members_are_unchanged_and_one_extends_deep(self):
        path = CONFIGS / "shipped" / "emotone-ensemble.json"
        cfg = load_config(path)
        members = member_configs(cfg, path.parent)
        self.assertEqual([m["name"] for m in members],
                         ["emotone-ds-cnn-v23", "emotone-cnn2d-v24", "emotone-ds-cnn-v25"])
        for name, member in zip(cfg["ensemble"], members):
            self.assertEqual(ordered(member), ordered(BEFORE[f"shipped/{name}"]))
            raw = json.loads((path.parent / name).read_text())
            self.assertEqual(raw["extends"], "emotone-base.json")
            self.assertNotIn("extends", json.loads((path.parent / raw["extends"]).read_text()))

    def test_ensemble_settings_are_unchanged(self):
        cfg = load_config(CONFIGS / "shipped" / "emotone-ensemble.json")
        before = {k: v for k, v in BEFORE["shipped/emotone-ensemble.json"].items() if k not in MEMBER_ONLY}
        self.assertEqual(ordered(cfg), ordered(before))
        self.assertEqual(cfg["export"], {"weights": "float16"})
        self.assertEqual(list(cfg["corpora"]), ["ravdess", "tess", "emodb"])

    def test_shipped_recipe_in_explicit_values(self):
        v23, v24, v25 = (load_config(CONFIGS / "shipped" / f"emotone-{v}.json") for v in ("v23", "v24", "v25"))
        for m in (v23, v24, v25):
            self.assertEqual(m["train"]["epochs"], 80)
            self.assertEqual(m["train"]["corpus_weights"], {"ravdess": 1.0, "tess": 0.2, "emodb": 1.0})
        self.assertEqual((v23["seed"], v24["seed"], v25["seed"]), (4321, 4321, 7171))
        self.assertTrue(v23["model"]["speaker_norm"])
        self.assertEqual(v24["model"]["type"], "cnn2d")
        self.assertEqual(v25["train"]["augment"]["warp"], [0.85, 1.15])


if __name__ == "__main__":
    unittest.main()
