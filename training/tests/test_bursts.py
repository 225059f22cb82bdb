import tempfile
import unittest
from pathlib import Path

import numpy as np

from training.adapters import ADAPTERS, MissingCorpusError
from training.bursts import BURSTS, burst_class, burst_rows, burst_split, events_per_hour, laugh_threshold
from training.settings import datasets_root
from training.tests import synthetic


class BurstCorporaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.root = Path(cls.tmp.name)
        synthetic.make_emogator(cls.root)
        synthetic.make_nonverbal(cls.root)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_emogator_names_give_contributor_and_category(self):
        recs = ADAPTERS["emogator"](self.root / "emogator")
        self.assertEqual(len(recs), 6)  # the category-31 file is not the corpus's
        got = {(r.speaker, r.raw_label) for r in recs}
        self.assertIn(("000001", "amusement"), got)
        self.assertIn(("000250", "relief"), got)
        self.assertIn(("000250", "elation"), got)

    def test_nonverbal_class_from_folder_and_sex_from_metadata(self):
        recs = ADAPTERS["nonverbal"](self.root / "nonverbal")
        self.assertEqual({r.speaker for r in recs}, {"AAAA", "BBBB", "CCCC", "DDDD", "ZZZZ"})  # not the humming folder
        self.assertEqual({r.speaker: r.gender for r in recs}["BBBB"], "female")
        self.assertEqual({r.speaker: r.raw_label for r in recs}["BBBB"], "yawning")

    def test_rows_map_classes_leave_out_mixtures_and_hold_out_fixed_speakers(self):
        rows = burst_rows(self.root)
        self.assertNotIn("elation", {r["raw_label"] for r in rows})  # left out: cheers and cries mixed
        by = {(r["corpus"], r["speaker"], r["raw_label"]): (r["burst"], r["split"]) for r in rows}
        self.assertEqual(by[("emogator", "000001", "amusement")], ("laugh", "train"))
        self.assertEqual(by[("emogator", "000250", "relief")], ("sigh", "test"))
        self.assertEqual(by[("nonverbal", "ZZZZ", "laughing")], ("laugh", "test"))
        self.assertEqual(by[("nonverbal", "CCCC", "coughing")], ("none", "train"))
        self.assertTrue(all(r["burst_index"] == BURSTS.index(r["burst"]) for r in rows))

    def test_absent_corpus_says_what_to_fetch(self):
        with tempfile.TemporaryDirectory() as empty:
            with self.assertRaises(MissingCorpusError) as ctx:
                burst_rows(Path(empty))
            self.assertIn("EmoGator", str(ctx.exception))


class RealBurstCorporaTest(unittest.TestCase):
    """The team's copies, when present: counts from ../shared/datasets/README.md, and splits by speaker."""

    def setUp(self):
        for corpus in ("emogator", "nonverbal"):
            if not (datasets_root() / corpus).is_dir():
                self.skipTest(f"{corpus} absent at {datasets_root() / corpus}: set EMOTONE_DATASETS (see training/adapters/{corpus}.py)")

    def test_counts_and_speaker_disjoint_splits(self):
        self.assertEqual(len(ADAPTERS["emogator"](datasets_root() / "emogator")), 11661)
        nonverbal = ADAPTERS["nonverbal"](datasets_root() / "nonverbal")
        self.assertEqual((len(nonverbal), len({r.speaker for r in nonverbal})), (727, 410))
        rows = burst_rows(datasets_root())
        for corpus in ("emogator", "nonverbal"):
            train = {r["speaker"] for r in rows if r["corpus"] == corpus and r["split"] == "train"}
            test = {r["speaker"] for r in rows if r["corpus"] == corpus and r["split"] == "test"}
            self.assertTrue(train and test)
            self.assertFalse(train & test)
        self.assertEqual(len({r["speaker"] for r in rows if r["corpus"] == "emogator" and r["split"] == "test"}), 50)


class BurstNetworkTest(unittest.TestCase):
    """training.train on the burst config, then `bursts evaluate` on its held-out protocol (synthetic corpora)."""

    def test_train_a_fold_then_evaluate(self):
        import json
        import os
        from unittest import mock
        from training.bursts import evaluate_checkpoint
        from training.prepare import build_manifest, write_manifest
        from training.settings import REPO_ROOT, load_config
        from training.train import run
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            root = tmp / "data"
            synthetic.make_ravdess(root)
            synthetic.make_emogator(root)
            synthetic.make_nonverbal(root)
            cfg = load_config(REPO_ROOT / "training" / "configs" / "experiments" / "bursts-v1.json")
            cfg["corpora"] = {c: v for c, v in cfg["corpora"].items() if c in ("ravdess", "emogator", "nonverbal")}
            cfg["corpora"]["nonverbal"]["test_speakers"] = ["ZZZZ"]
            rows = build_manifest(cfg, root)
            write_manifest(rows, tmp / "manifest.jsonl")
            self.assertTrue(any(r["corpus"] == "ravdess" and r["cv_fold"] == 1 for r in rows))  # actors 01, 02
            cfg.update(_manifest=str(tmp / "manifest.jsonl"), _datasets=str(root), _cache=str(tmp / "cache"))
            cfg["train"].update(steps_per_epoch=2, batch_size=8)
            ckpt = run(cfg, 1, tmp / "runs" / "bursts-fold1", resume=False, epochs=1)
            (tmp / "bursts.json").write_text(json.dumps({k: v for k, v in cfg.items() if not k.startswith("_")}))
            out = tmp / "bursts-eval.json"
            with mock.patch.dict(os.environ, {"EMOTONE_DATASETS": str(root)}):
                self.assertEqual(evaluate_checkpoint(str(tmp / "bursts.json"), str(ckpt), str(tmp / "manifest.jsonl"), 1, out), 0)
                with self.assertRaises(SystemExit):  # no unseen speech to choose the operating point from
                    evaluate_checkpoint(str(tmp / "bursts.json"), str(ckpt), str(tmp / "manifest.jsonl"), -1, out)
            got = json.loads(out.read_text())
            self.assertEqual(sum(v["clips"] for v in got["per_class"].values()), len([r for r in rows if r["split"] == "test" and r["corpus"] != "ravdess"]))
            self.assertIn("ravdess", got["false_per_hour"])
            self.assertGreaterEqual(got["laugh_threshold"], 0.5)
            self.assertTrue(out.with_suffix(".png").is_file())


class OverSeedsTest(unittest.TestCase):
    def test_mean_and_spread_of_two_results(self):
        import json
        from training.bursts import over_seeds, score_held_out
        rng = np.random.default_rng(1)
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for seed in range(2):
                clip_y = np.arange(24) % len(BURSTS)
                clip_p = np.eye(len(BURSTS))[clip_y] * (0.4 + 0.2 * seed) + rng.uniform(0, 0.3, (24, len(BURSTS)))
                speech_p = rng.dirichlet(np.ones(len(BURSTS)), 40)
                scored = score_held_out(clip_p / clip_p.sum(1, keepdims=True), clip_y, speech_p, np.arange(40) // 4,
                                        np.array(["ravdess"] * 40), 0.5, 0.5)
                paths.append(str(Path(tmp) / f"s{seed}.json"))
                Path(paths[-1]).write_text(json.dumps(scored, default=float))
            out = Path(tmp) / "seeds.json"
            self.assertEqual(over_seeds(paths, out), 0)
            got = json.loads(out.read_text())
            a, b = (json.loads(Path(p).read_text()) for p in paths)
            self.assertAlmostEqual(got["per_class"]["sigh"]["recall"]["mean"], (a["per_class"]["sigh"]["recall"] + b["per_class"]["sigh"]["recall"]) / 2)
            self.assertAlmostEqual(got["false_per_hour"]["ravdess"]["laugh"]["sd"],
                                   abs(a["false_per_hour"]["ravdess"]["laugh"] - b["false_per_hour"]["ravdess"]["laugh"]) / np.sqrt(2))
            self.assertTrue(out.with_suffix(".png").is_file())
            with self.assertRaises(SystemExit):
                over_seeds(paths[:1], out)


class BurstRulesTest(unittest.TestCase):
    def test_split_rules(self):
        self.assertEqual(burst_split("emogator", "000249", []), "train")
        self.assertEqual(burst_split("emogator", "000250", []), "test")
        ids = [f"S{i:02d}" for i in range(10)]
        self.assertEqual([burst_split("nonverbal", s, ids) for s in ids], ["train"] * 8 + ["test"] * 2)
        with self.assertRaises(ValueError):
            burst_split("ravdess", "01", [])

    def test_class_map(self):
        self.assertEqual(burst_class("nonverbal", "screaming"), "scream")
        self.assertEqual(burst_class("emogator", "surprise (positive)"), "scream")
        self.assertIsNone(burst_class("emogator", "sadness"))

    def test_events_count_runs_within_clips(self):
        positive = np.array([0, 1, 1, 0, 1, 1, 1, 0], bool)
        clips = np.array([0, 0, 0, 0, 1, 1, 2, 2])
        # runs: clip 0 one, clip 1 one (from its first window), clip 2 one (a new clip starts a new run)
        self.assertAlmostEqual(events_per_hour(positive, clips, hop_s=450.0), 3 / 1.0)

    def test_laugh_threshold_meets_the_rate_on_the_speech_it_is_chosen_on(self):
        rng = np.random.default_rng(0)
        p = rng.uniform(0, 1, 3600)
        clips = np.arange(3600)  # one window per clip: every positive is an event
        t = laugh_threshold(p, clips, hop_s=1.0, per_hour=1.0)
        self.assertLessEqual(events_per_hour(p >= t, clips, 1.0), 1.0)
        lower = p[p < t].max()  # the next lower threshold it could have chosen
        self.assertGreater(events_per_hour(p >= lower, clips, 1.0), 1.0)
        self.assertEqual(t, np.sort(p)[-1])  # one window an hour allowed: only the highest passes

    def test_laugh_threshold_counts_a_run_of_windows_once(self):
        p = np.array([0.9, 0.95, 0.9, 0.2, 0.6, 0.1])
        clips = np.zeros(6, int)
        # Two hours of windows. At 0.5 four windows pass but they make two runs (0-2 and 4): one an
        # hour, allowed at 1/h; at 0.5/h only the run of three windows at 0.9 is.
        self.assertEqual(laugh_threshold(p, clips, hop_s=1200.0, per_hour=1.0), 0.5)
        self.assertEqual(laugh_threshold(p, clips, hop_s=1200.0, per_hour=0.5), 0.9)


if __name__ == "__main__":
    unittest.main()
