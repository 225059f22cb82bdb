"""The new corpora's label maps (BAVED on the arousal head only), the masked valence target,
the leave-one-corpus-out folds and headline, and (when present) the real corpora's counts."""
import math
import unittest

import numpy as np

import torch

from training.adapters import ADAPTERS
from training.labels import map_target
from training.ensemble import member_configs
from training.loco import ALL, complete, fold_rows, headline, member_key, noise_rule, over_seeds, seeded, ship_rule
from training.prepare import split_of
from training.settings import REPO_ROOT, datasets_root, load_config
from training.train import losses, sample_weights

SIX = REPO_ROOT / "training" / "configs" / "experiments" / "emotone-v23-six.json"


class NewCorporaLabelsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cfg = load_config(SIX)

    def test_ased_and_nemo_categories_map_onto_ours(self):
        for corpus, raw, label in (("ased", "fearful", "fearful"), ("ased", "angry", "angry"),
                                   ("nemo", "happiness", "happy"), ("nemo", "sadness", "sad"),
                                   ("nemo", "surprised", "surprised")):
            t = map_target(self.cfg, corpus, raw, "normal")
            self.assertEqual((t.label, t.class_index), (label, self.cfg["labels"].index(label)))

    def test_baved_levels_teach_arousal_only(self):
        low, mid, high = (map_target(self.cfg, "baved", w, "normal") for w in ("low", "neutral", "high"))
        for t in (low, mid, high):
            self.assertEqual((t.label, t.class_index), (None, -1))
        self.assertLess(low.arousal, mid.arousal)
        self.assertLess(mid.arousal, high.arousal)
        self.assertEqual((low.arousal_group, mid.arousal_group, high.arousal_group), ("low", "low", "high"))
        self.assertIsNone(low.valence)
        self.assertIsNone(high.valence)

    def test_fixed_test_speakers(self):
        self.assertEqual(split_of(self.cfg, "ased", "53", "x"), ("test", -1))
        self.assertEqual(split_of(self.cfg, "ased", "52", "x")[0], "train")
        self.assertEqual(split_of(self.cfg, "baved", "100", "x"), ("test", -1))
        self.assertEqual(split_of(self.cfg, "baved", "52", "x")[0], "train")
        self.assertEqual(split_of(self.cfg, "nemo", "WR0", "x"), ("test", -1))
        self.assertEqual(split_of(self.cfg, "nemo", "EB0", "x")[0], "train")

    def test_unknown_valence_adds_no_loss_and_no_gradient(self):
        av = torch.zeros(2, 2, requires_grad=True)
        target = torch.tensor([[0.5, math.nan], [0.5, 0.2]])
        _, mse = losses(torch.zeros(2, 3), av, torch.tensor([-1, 0]), target, 0.0)
        self.assertAlmostEqual(float(mse[0]), 0.25)
        self.assertAlmostEqual(float(mse[1]), 0.25 + 0.04, places=6)
        mse.sum().backward()
        self.assertEqual(float(av.grad[0, 1]), 0.0)

    def test_speaker_balance_gives_each_speaker_of_a_corpus_the_same_share(self):
        rows = [{"corpus": "a", "speaker": s, "label": l, "raw_label": l}
                for s, l in (("1", "x"), ("1", "x"), ("1", "y"), ("2", "x"))]
        w = sample_weights(rows, {"a": 1.0}, "speakers")
        self.assertAlmostEqual(float(w[:3].sum()), 0.5)
        self.assertAlmostEqual(float(w[3]), 0.5)


class ShipRuleTest(unittest.TestCase):
    BASE = {"loco_core4_uar_mean": 0.464, "loco_core4_folds": 4, "loco_arousal_auc_mean": 0.836,
            "loco_arousal_folds": 5, "ravdess_heldout_uar_8class": 0.487}

    def test_passes_only_with_two_points_no_arousal_loss_beyond_one_and_the_ravdess_floor(self):
        good = dict(self.BASE, loco_core4_uar_mean=0.490, loco_arousal_auc_mean=0.827,
                    ravdess_heldout_uar_8class=0.61)
        self.assertEqual(ship_rule(good, self.BASE), [])
        self.assertEqual(len(ship_rule(dict(good, loco_core4_uar_mean=0.480), self.BASE)), 1)
        self.assertEqual(len(ship_rule(dict(good, loco_arousal_auc_mean=0.820), self.BASE)), 1)
        self.assertIn("floor", ship_rule(dict(good, ravdess_heldout_uar_8class=0.59), self.BASE)[0])
        self.assertEqual(len(ship_rule(self.BASE, self.BASE)), 2)

    def test_a_screen_over_some_folds_is_not_a_complete_headline(self):
        self.assertTrue(complete(self.BASE))
        self.assertFalse(complete(dict(self.BASE, loco_core4_folds=2, loco_arousal_folds=3)))
        self.assertFalse(complete(dict(self.BASE, ravdess_heldout_uar_8class=None)))


class NoiseRuleTest(unittest.TestCase):
    """The rule over seeds (LOCO.md, "Selection over seeds"): a gain must beat twice the standard
    error of the difference of the means and be at least a point; arousal may not fall beyond
    noise nor by more than a point; the RAVDESS floor holds on the mean; three seeds each."""

    @staticmethod
    def runs(core4: list[float], auc: list[float], rav: list[float]) -> list[dict]:
        return [dict(ShipRuleTest.BASE, loco_core4_uar_mean=c, loco_arousal_auc_mean=a, ravdess_heldout_uar_8class=r)
                for c, a, r in zip(core4, auc, rav)]

    def setUp(self):
        self.base = self.runs([0.460, 0.470, 0.450], [0.830, 0.840, 0.835], [0.62, 0.61, 0.63])

    def test_a_clear_gain_over_quiet_seeds_ships(self):
        cand = self.runs([0.490, 0.495, 0.485], [0.835, 0.840, 0.830], [0.62, 0.62, 0.62])
        self.assertEqual(noise_rule(cand, self.base), [])

    def test_the_same_mean_gain_with_noisy_seeds_does_not(self):
        # Mean gain +3 points, but the candidate's seeds spread over 14 points: SE ~4.2 points.
        cand = self.runs([0.420, 0.490, 0.560], [0.835, 0.840, 0.830], [0.62, 0.62, 0.62])
        fails = noise_rule(cand, self.base)
        self.assertEqual(len(fails), 1)
        self.assertIn("4-class", fails[0])

    def test_a_significant_gain_under_a_point_does_not(self):
        base = self.runs([0.460, 0.460, 0.460], [0.83] * 3, [0.62] * 3)
        cand = self.runs([0.468, 0.468, 0.468], [0.83] * 3, [0.62] * 3)  # +0.8 points, no spread at all
        self.assertIn("at least 1 point", noise_rule(cand, base)[0])

    def test_arousal_may_not_fall_beyond_noise_nor_by_more_than_a_point(self):
        ok = self.runs([0.490, 0.495, 0.485], [0.828, 0.833, 0.830], [0.62] * 3)  # -0.5 points, within noise
        self.assertEqual(noise_rule(ok, self.base), [])
        falls = self.runs([0.490, 0.495, 0.485], [0.815, 0.816, 0.814], [0.62] * 3)  # -2 points, clear
        self.assertTrue(any("arousal" in f for f in noise_rule(falls, self.base)))

    def test_the_ravdess_floor_is_on_the_mean_over_seeds(self):
        cand = self.runs([0.490, 0.495, 0.485], [0.835] * 3, [0.65, 0.58, 0.55])  # mean 0.593
        self.assertIn("floor", noise_rule(cand, self.base)[-1])

    def test_fewer_than_three_complete_seeds_is_no_verdict(self):
        cand = self.runs([0.50, 0.51], [0.84] * 2, [0.62] * 2)
        self.assertIn("2 complete seeds", noise_rule(cand, self.base)[0])
        partial = cand + [dict(cand[0], loco_core4_folds=2)]  # a screen over some folds does not count
        self.assertEqual(over_seeds(partial)["seeds"], 2)

    def test_a_seeded_config_names_its_runs_apart_and_keeps_its_recipe(self):
        cfg = seeded({"name": "emotone-x", "seed": 4321, "train": {}}, 7)
        self.assertEqual((cfg["name"], cfg["recipe"], cfg["seed"]), ("emotone-x-s7", "emotone-x", 7))
        self.assertEqual(seeded(cfg, 8)["name"], "emotone-x-s8")


class LocoFoldTest(unittest.TestCase):
    def test_a_member_that_never_trains_on_the_held_out_corpus_uses_its_all_corpora_run(self):
        path = REPO_ROOT / "training" / "configs" / "experiments" / "emotone-ensemble-studio-chat.json"
        members = member_configs(load_config(path), path.parent)
        studio, chat = members[0], members[-1]
        self.assertEqual(sorted(studio["corpora"]), ["emodb", "ravdess", "tess"])
        self.assertEqual(len(chat["corpora"]), 6)
        self.assertEqual([member_key(studio, c) for c in ("ased", "nemo", "baved", "emodb", "ravdess", ALL)],
                         [ALL, ALL, ALL, "emodb", "ravdess", ALL])
        self.assertEqual([member_key(chat, c) for c in ("ased", "emodb")], ["ased", "emodb"])

    def test_fold_keeps_rows_in_order_and_none_of_the_held_out_corpus_trains(self):
        rows = [{"corpus": "ased", "split": "train"}, {"corpus": "ased", "split": "test"},
                {"corpus": "nemo", "split": "train"}]
        out = fold_rows(rows, "ased")
        self.assertEqual([r["split"] for r in out], ["loco_held_out", "test", "train"])
        self.assertEqual(rows[0]["split"], "train")  # the manifest itself is untouched
        self.assertEqual(fold_rows(rows, ALL), rows)

    def test_headline_means_over_folds_with_the_core_classes(self):
        folds = {"ased": {"test": {"core4_uar": 0.4, "arousal_auc": 0.7}},
                 "baved": {"test": {"core4_uar": None, "arousal_auc": 0.8}},
                 "nemo": {"test": {"core4_uar": 0.6, "arousal_auc": 0.9}},
                 ALL: {"tests": {"ravdess": {"uar": 0.61}}}}
        h = headline(folds)
        self.assertAlmostEqual(h["loco_core4_uar_mean"], 0.5)
        self.assertEqual(h["loco_core4_folds"], 2)
        self.assertAlmostEqual(h["loco_arousal_auc_mean"], 0.8)
        self.assertEqual(h["ravdess_heldout_uar_8class"], 0.61)
        self.assertIsNone(h["loco_valence_auc_mean"])  # results without the valence figure
        folds["ased"]["test"]["valence_auc"], folds["nemo"]["test"]["valence_auc"] = 0.55, 0.65
        h = headline(folds)
        self.assertAlmostEqual(h["loco_valence_auc_mean"], 0.6)
        self.assertEqual(h["loco_valence_folds"], 2)

    def test_valence_auc_is_happy_against_angry_and_sad_only(self):
        from training.metrics import valence_auc
        labels = ["happy", "happy", "angry", "sad", "neutral", "fearful", None]
        # perfectly ordered on the scored labels; the others (any value) are ignored
        self.assertEqual(valence_auc(np.array([0.9, 0.8, 0.1, 0.2, 5.0, -5.0, 9.0]), labels), 1.0)
        self.assertEqual(valence_auc(np.array([0.1, 0.2, 0.9, 0.8, 0.0, 0.0, 0.0]), labels), 0.0)
        self.assertAlmostEqual(valence_auc(np.array([0.5, 0.1, 0.3, 0.3, 0, 0, 0]), labels), 0.5)
        self.assertIsNone(valence_auc(np.array([0.1, 0.2]), ["happy", "neutral"]))  # one side only


class RealCorporaTest(unittest.TestCase):
    """Counts of the team's copies (datasets README); skipped, saying so, when absent."""

    def test_real_counts_and_test_speakers(self):
        cfg = load_config(SIX)
        expected = {"ased": (2474, 65, 13), "baved": (1935, 60, 12), "nemo": (4481, 9, 2)}
        for corpus, (n_files, n_speakers, n_test) in expected.items():
            folder = datasets_root() / corpus
            if not folder.is_dir():
                self.skipTest(f"{corpus} absent at {folder}: set EMOTONE_DATASETS (see the adapters' "
                              "download hints); real-corpus checks skipped")
            with self.subTest(corpus=corpus):
                recs = ADAPTERS[corpus](folder)
                speakers = {r.speaker for r in recs}
                self.assertEqual((len(recs), len(speakers)), (n_files, n_speakers))
                self.assertEqual(len(speakers & set(cfg["corpora"][corpus]["test_speakers"])), n_test)


if __name__ == "__main__":
    unittest.main()
