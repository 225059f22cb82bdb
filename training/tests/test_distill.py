"""Distillation: a student trained on a frozen teacher's judgement moves towards the teacher.

A tiny teacher is trained for a few steps on synthetic corpora; two students start from the same
seed and train the same steps, one on the labels only and one on the teacher only
(hard_weight 0). The distilled one must end closer to the teacher (KL on fixed inputs) than the
one that saw labels; and a teacher with other labels is refused.
"""
import copy
import tempfile
import unittest
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from training.model import build_model, load_weights
from training.prepare import build_manifest, write_manifest
from training.settings import REPO_ROOT, load_config
from training.tests import synthetic
from training.train import distill_losses, load_teacher, run, teacher_targets


class DistillTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = Path(cls.tmp.name)
        root = tmp / "data"
        for make in (synthetic.make_ravdess, synthetic.make_tess, synthetic.make_emodb):
            make(root)
        cfg = load_config(REPO_ROOT / "training" / "configs" / "experiments" / "emotone.json")
        rows = build_manifest(cfg, root)
        write_manifest(rows, tmp / "manifest.jsonl")
        cfg.update(_manifest=str(tmp / "manifest.jsonl"), _datasets=str(root), _cache=str(tmp / "cache"))
        cfg["train"].update(steps_per_epoch=6, batch_size=16, mixup_alpha=0.0)
        cls.cfg, cls.tmp_path = cfg, tmp
        trained = torch.load(run(copy.deepcopy(cfg), -1, tmp / "runs" / "teacher", resume=False, epochs=1))
        # A few steps leave any network near uniform: sharpen the teacher's opinion (a valid, if
        # overconfident, teacher) so that agreeing with it is something a student has to learn.
        sharp = {k: v * 40 if ".cls." in k else v for k, v in trained["ema"].items()}
        cls.teacher_ckpt = tmp / "teacher.pt"
        torch.save({"ema": sharp, "config": trained["config"]}, cls.teacher_ckpt)
        # Fixed inputs: 1.2 s log-mel crops of the synthetic corpora's own clips.
        import soundfile as sf
        model = build_model(cfg, len(cfg["labels"]))
        waves = [sf.read(str(root / r["path"]), dtype="float32")[0][:19200] for r in rows[::3]]
        with torch.no_grad():
            cls.inputs = model.frontend(torch.from_numpy(np.stack([w for w in waves if len(w) == 19200])))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def student(self, name: str, distill: dict | None) -> torch.nn.Module:
        cfg = copy.deepcopy(self.cfg)
        cfg["seed"] = cfg["seed"] + 1  # not the teacher's own start
        cfg["train"].update(steps_per_epoch=30)
        if distill:
            cfg["train"]["distill"] = distill
        ck = torch.load(run(cfg, -1, self.tmp_path / "runs" / name, resume=False, epochs=1))
        model = build_model(cfg, len(cfg["labels"]))
        load_weights(model, ck["model"])  # the trained weights (the EMA barely moves in 30 steps)
        return model.eval()

    def test_distilled_student_ends_closer_to_the_teacher(self):
        teacher, _ = load_teacher({**self.cfg, "train": {**self.cfg["train"], "distill": {"teachers": [str(self.teacher_ckpt)]}}})
        labels_only = self.student("labels", None)
        distilled = self.student("distilled", {"teachers": [str(self.teacher_ckpt)], "hard_weight": 0.0, "temperature": 1.0})
        x = self.inputs
        with torch.no_grad():
            p_t, _ = teacher_targets(teacher, x, None, 1.0)

            def gap(model):
                logits, _ = model.backbone(x)
                return float(F.kl_div(F.log_softmax(logits, 1), p_t, reduction="batchmean"))
            print(f"KL to the teacher: distilled {gap(distilled):.4f}, labels only {gap(labels_only):.4f}")
            self.assertLess(gap(distilled), 0.5 * gap(labels_only))

    def test_targets_average_members_and_losses_vanish_on_agreement(self):
        teacher, _ = load_teacher({**self.cfg, "train": {**self.cfg["train"], "distill": {"teachers": [str(self.teacher_ckpt)] * 2}}})
        x = self.inputs[:4]
        p2, av2 = teacher_targets(teacher, x, None, 2.0)
        p1, av1 = teacher_targets(teacher[:1], x, None, 2.0)
        torch.testing.assert_close(p2, p1)
        torch.testing.assert_close(p2.sum(1), torch.ones(len(x)))
        with torch.no_grad():
            logits, av = teacher[0].backbone(x)
        kl, gap = distill_losses(logits, av, p1, av1, 2.0)
        self.assertLess(float(kl.abs().max()), 1e-5)
        self.assertLess(float(gap.max()), 1e-10)

    def test_a_teacher_with_other_labels_or_no_file_is_refused(self):
        other = copy.deepcopy(self.cfg)
        other["labels"] = list(reversed(other["labels"]))
        with self.assertRaises(ValueError):
            load_teacher({**other, "train": {**other["train"], "distill": {"teachers": [str(self.teacher_ckpt)]}}})
        with self.assertRaises(FileNotFoundError):
            load_teacher({**self.cfg, "train": {**self.cfg["train"], "distill": {"teachers": ["training/runs/none/last.pt"]}}})


class UnlabelledCorpusTest(unittest.TestCase):
    """A corpus marked unlabelled gives training rows with no class and unknown arousal/valence,
    never its held-out speakers, and its rows add nothing to the label loss."""

    def test_rows_and_loss_masks(self):
        from training.train import losses, sample_weights
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            synthetic.make_ravdess(root)
            synthetic.make_emogator(root)
            cfg = load_config(REPO_ROOT / "training" / "configs" / "experiments" / "emotone.json")
            cfg["corpora"]["emogator"] = {"unlabelled": True, "test_speakers": ["000250"]}
            rows = build_manifest(cfg, root, ["ravdess", "emogator"])
            bursts = [r for r in rows if r["corpus"] == "emogator"]
            self.assertEqual({r["speaker"] for r in bursts}, {"000001"})  # 000250 is held out: never in the manifest
            self.assertTrue(all(r["class_index"] == -1 and r["arousal"] is None and r["valence"] is None for r in bursts))
            self.assertTrue(all(r["split"] == "train" for r in bursts))
            w = sample_weights(rows, {"ravdess": 1.0, "emogator": 0.5})
            self.assertAlmostEqual(float(w.sum()), 1.0, places=6)
            self.assertGreater(float(w[[i for i, r in enumerate(rows) if r["corpus"] == "emogator"]].sum()), 0.0)
            ci = torch.tensor([-1, 2])
            av_t = torch.tensor([[float("nan"), float("nan")], [0.5, 0.8]])
            ce, mse = losses(torch.randn(2, len(cfg["labels"])), torch.zeros(2, 2), ci, av_t, 0.0)
            self.assertEqual(float(ce[0]), 0.0)
            self.assertEqual(float(mse[0]), 0.0)
            self.assertGreater(float(ce[1]), 0.0)


if __name__ == "__main__":
    unittest.main()
