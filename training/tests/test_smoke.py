"""Smoke run: tiny subset -> features -> train 1 short epoch -> export -> parity -> models files.

Uses every 60th utterance of the real corpora when they are present, otherwise synthetic
corpora named like the real ones. Needs node and onnxruntime-web (npm install) for parity.
"""
import json
import shutil
import tempfile
import time
import unittest
from pathlib import Path

from training.prepare import build_manifest, write_manifest
from training.settings import REPO_ROOT, datasets_root, load_config
from training.tests import synthetic

HAS_ORT = (REPO_ROOT / "node_modules" / "onnxruntime-web").is_dir() and shutil.which("node")


@unittest.skipUnless(HAS_ORT, "onnxruntime-web not installed: run npm install")
class SmokeTest(unittest.TestCase):
    def test_tiny_end_to_end_run(self):
        self._run(speaker_norm=False)

    def test_tiny_end_to_end_run_with_speaker_profile(self):
        self._run(speaker_norm=True)

    def _run(self, speaker_norm: bool):
        from training.pipeline import ship
        from training.report import write_report
        from training.train import run
        t0 = time.time()
        cfg = load_config(REPO_ROOT / "training" / "configs" / "experiments" / "emotone.json")
        cfg["model"]["speaker_norm"] = speaker_norm
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            root = datasets_root()
            if (root / "ravdess").is_dir() and (root / "tess").is_dir() and (root / "emodb").is_dir():
                rows = build_manifest(cfg, root)[::60]
            else:
                root = tmp / "data"
                for make in (synthetic.make_ravdess, synthetic.make_tess, synthetic.make_emodb):
                    make(root)
                rows = build_manifest(cfg, root)
            write_manifest(rows, tmp / "manifest.jsonl")
            cfg.update(_manifest=str(tmp / "manifest.jsonl"), _datasets=str(root), _cache=str(tmp / "cache"))
            cfg["train"].update(steps_per_epoch=3, batch_size=16)
            ckpt = run(cfg, -1, tmp / "runs" / "smoke", resume=False, epochs=1)
            history = __import__("torch").load(ckpt)["history"]
            self.assertEqual(len(history), 1)
            # resuming a finished run trains nothing more and keeps the history
            run(cfg, -1, tmp / "runs" / "smoke", resume=True, epochs=1)
            ev = ship(cfg, ckpt, rows, root, tmp / "models", {"training": {"epochs": 1}})
            write_report(cfg, ev, history, tmp / "models")
            for name in ("emotion.onnx", "labels.json", "eval.json", "MODEL_CARD.md",
                         "confusion.png", "training-curve.png"):
                self.assertTrue((tmp / "models" / name).is_file(), name)
            self.assertTrue(ev["parity"]["ok"])
            self.assertLessEqual(ev["parity"]["maxDiff"]["probabilities"], 1e-4)
            labels = json.loads((tmp / "models" / "labels.json").read_text())
            self.assertEqual(labels["labels"], cfg["labels"])
            self.assertEqual(labels["input"]["name"], "waveform")
            outputs = {"probabilities", "logits", "arousal_valence"}
            self.assertEqual(set(labels["outputs"]), outputs | ({"band_means"} if speaker_norm else set()))
            if speaker_norm:
                sp = labels["speakerProfile"]
                self.assertEqual((sp["input"], sp["output"], sp["size"]), ("speaker_profile", "band_means", 64))
                self.assertEqual(len(sp["initial"]), 64)
                self.assertLessEqual(ev["parity"]["maxDiff"]["band_means"], 1e-3)
                for name in ("window_2s_cold", "window_2s_speaker_mean"):
                    self.assertIn(name, ev["results"]["ravdess"])
                self.assertIn("speaker profile", (tmp / "models" / "MODEL_CARD.md").read_text())
            else:
                self.assertNotIn("speakerProfile", labels)
            self.assertIn("ravdess", ev["results"])
            self.assertNotIn("STFT", ev["model"]["ops"])
        self.assertLess(time.time() - t0, 180)


if __name__ == "__main__":
    unittest.main()
