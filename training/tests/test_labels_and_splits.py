import os
import tempfile
import unittest
from pathlib import Path

from training.adapters import MissingCorpusError
from training.labels import map_target
from training.prepare import build_manifest, training_indices
from training.settings import REPO_ROOT, datasets_root, load_config
from training.tests import synthetic

BASE = REPO_ROOT / "training" / "configs" / "experiments" / "emotone.json"
SLEEPY = REPO_ROOT / "training" / "configs" / "experiments" / "emotone-emovdb.json"


class LabelTest(unittest.TestCase):
    def setUp(self):
        self.cfg = load_config(BASE)

    def test_label_set_and_order_come_from_config(self):
        self.assertEqual(self.cfg["labels"][:2], ["neutral", "calm"])
        t = map_target(self.cfg, "tess", "ps", "normal")
        self.assertEqual((t.label, t.class_index), ("surprised", self.cfg["labels"].index("surprised")))

    def test_boredom_is_dimensional_only_and_low_arousal(self):
        t = map_target(self.cfg, "emodb", "boredom", "normal")
        self.assertIsNone(t.label)
        self.assertEqual(t.class_index, -1)
        self.assertLess(t.arousal, 0)
        self.assertEqual(t.arousal_group, "low")

    def test_strong_intensity_pushes_arousal_outward(self):
        normal = map_target(self.cfg, "ravdess", "angry", "normal")
        strong = map_target(self.cfg, "ravdess", "angry", "strong")
        self.assertGreater(strong.arousal, normal.arousal)
        self.assertLess(map_target(self.cfg, "ravdess", "sad", "strong").arousal,
                        map_target(self.cfg, "ravdess", "sad", "normal").arousal)

    def test_every_label_is_in_the_app_vocabulary(self):
        vocab = {"neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised", "sleepy"}
        for path in (BASE, SLEEPY):
            self.assertLessEqual(set(load_config(path)["labels"]), vocab)

    def test_emovdb_config_adds_sleepy_without_code_change(self):
        cfg = load_config(SLEEPY)
        self.assertEqual(cfg["labels"][-1], "sleepy")
        self.assertEqual(map_target(cfg, "emovdb", "sleepiness", "normal").label, "sleepy")
        self.assertEqual(map_target(cfg, "emovdb", "amused", "normal").label, "happy")
        self.assertEqual(cfg["frontend"], self.cfg["frontend"])  # inherited via "extends"
        # without the extension, sleepiness is not a class
        self.assertNotIn("sleepy", self.cfg["labels"])


class SplitTest(unittest.TestCase):
    def check_disjoint(self, rows):
        by_split = {}
        for r in rows:
            by_split.setdefault((r["corpus"], r["split"]), set()).add(r["speaker"])
        for corpus in {c for c, _ in by_split}:
            test = by_split.get((corpus, "test"), set())
            train = by_split.get((corpus, "train"), set())
            self.assertFalse(test & train, f"{corpus}: speaker in train and test")
        folds = {}
        for r in rows:
            if r["cv_fold"] >= 0:
                folds.setdefault((r["corpus"], r["speaker"]), set()).add(r["cv_fold"])
        self.assertTrue(all(len(f) == 1 for f in folds.values()))

    def test_synthetic_corpora_split_by_whole_speaker(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            for make in (synthetic.make_ravdess, synthetic.make_tess, synthetic.make_emodb,
                         synthetic.make_cremad, synthetic.make_emovdb):
                make(root)
            rows = build_manifest(load_config(SLEEPY), root)
            self.check_disjoint(rows)
            self.assertEqual({r["split"] for r in rows if r["corpus"] == "ravdess" and r["speaker"] == "19"}, {"test"})
            self.assertIn("sleepy", {r["label"] for r in rows})
            self.assertTrue(all(not os.path.isabs(r["path"]) for r in rows))

    def test_max_speakers_keeps_the_first_training_speakers_of_one_corpus(self):
        rows = [{"corpus": c, "speaker": s, "split": "train", "cv_fold": f}
                for c, s, f in (("ravdess", "01", 1), ("ravdess", "02", 1), ("ravdess", "03", 2),
                                ("ravdess", "04", 0), ("emodb", "03", 1), ("emodb", "09", 2))]
        self.assertEqual(training_indices(rows, 0), [0, 1, 2, 4, 5])
        kept = training_indices(rows, 0, {"ravdess": 2})
        self.assertEqual([(rows[i]["corpus"], rows[i]["speaker"]) for i in kept],
                         [("ravdess", "01"), ("ravdess", "02"), ("emodb", "03"), ("emodb", "09")])
        self.assertNotIn(3, training_indices(rows, 0, {"ravdess": 9}))  # validation stays out

    def test_missing_corpora_are_all_named(self):
        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaises(MissingCorpusError) as ctx:
                build_manifest(load_config(BASE), Path(tmp))
            msg = str(ctx.exception)
            for word in ("RAVDESS", "TESS", "EMO-DB", "EMOTONE_DATASETS"):
                self.assertIn(word, msg)

    @unittest.skipUnless((datasets_root() / "ravdess").is_dir(), "datasets absent (EMOTONE_DATASETS)")
    def test_real_manifest_keeps_test_speakers_out_of_training(self):
        rows = build_manifest(load_config(BASE), datasets_root())
        self.check_disjoint(rows)
        test = [r for r in rows if r["corpus"] == "ravdess" and r["split"] == "test"]
        self.assertEqual(len(test), 360)
        self.assertEqual({r["speaker"] for r in test}, {str(a) for a in range(19, 25)})
        self.assertEqual({r["speaker"] for r in rows if r["corpus"] == "emodb" and r["split"] == "test"}, {"15", "16"})


if __name__ == "__main__":
    unittest.main()
