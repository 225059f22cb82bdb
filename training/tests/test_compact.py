"""Compact export: BatchNorm folding, float16 weight storage, and the 2-D backbone's graph."""
import shutil
import tempfile
import unittest
from pathlib import Path

import numpy as np
import onnx
import torch

from training.compact import compact_model, fold_batchnorm, store_fp16
from training.ensemble import average
from training.export import export_onnx, op_types
from training.model import build_model
from training.settings import REPO_ROOT, load_config
from training.tests.synthetic import tone

HAS_ORT = (REPO_ROOT / "node_modules" / "onnxruntime-web").is_dir() and shutil.which("node")
CONFIGS = REPO_ROOT / "training" / "configs" / "experiments"


def trained_like(name: str, seed: int):
    """A model of config `name` whose BatchNorm statistics are not the defaults."""
    torch.manual_seed(seed)
    cfg = load_config(CONFIGS / name)
    model = build_model(cfg, len(cfg["labels"])).train()
    with torch.no_grad():
        for _ in range(3):
            model.backbone(model.frontend(torch.randn(4, 24000) * 0.1))
        for m in model.modules():
            if isinstance(m, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    return model.eval()


class CompactTest(unittest.TestCase):
    def setUp(self):
        self.x = torch.from_numpy(np.stack([tone(2.0, 150, 3), tone(2.0, 220, 5, 0.3)]))

    def test_folding_batchnorm_keeps_outputs(self):
        for name in ("emotone-v2.json", "emotone-v5.json"):
            model = trained_like(name, 1)
            folded = fold_batchnorm(model)
            n_bn = sum(isinstance(m, torch.nn.BatchNorm2d) or isinstance(m, torch.nn.BatchNorm1d)
                       for m in folded.modules())
            self.assertEqual(n_bn, 1, name)  # only the input normalisation (before a padded conv)
            with torch.no_grad():
                for a, b in zip(model(self.x), folded(self.x)):
                    self.assertLess(float((a - b).abs().max()), 1e-4, name)

    def test_float16_rounding_is_small_and_exact_on_the_grid(self):
        model = trained_like("emotone-v5.json", 2)
        compact = compact_model(model)
        with torch.no_grad():
            self.assertLess(float((model(self.x)[0] - compact(self.x)[0]).abs().max()), 5e-3)
        for t in compact.backbone.parameters():
            if t.numel() >= 256:
                self.assertTrue(torch.equal(t.half().float(), t))

    @unittest.skipUnless(HAS_ORT, "onnxruntime-web not installed: run npm install")
    def test_float16_storage_shrinks_the_file_and_keeps_parity(self):
        from training.verify import check_parity
        model = compact_model(average([trained_like("emotone-v5.json", 3), trained_like("emotone-v2.json", 4)]))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "m.onnx"
            export_onnx(model, path)
            info = store_fp16(path)
            self.assertGreater(info["tensors"], 10)
            big = sum(t.numel() for t in model.backbone.parameters() if t.numel() >= 256)
            # every large backbone tensor now takes 2 bytes per value instead of 4
            self.assertGreater(info["bytesBefore"] - info["bytesAfter"], 0.95 * 2 * big)
            types = {i.data_type for i in onnx.load(str(path)).graph.initializer}
            self.assertIn(onnx.TensorProto.FLOAT16, types)
            self.assertTrue({"Conv", "Cast"} <= set(op_types(path)))
            self.assertFalse({"STFT", "DFT"} & set(op_types(path)))
            parity = check_parity(model, path, [tone(2.5, 180, 1)])
            self.assertTrue(parity["ok"], parity)
            self.assertLessEqual(parity["maxDiff"]["probabilities"], 1e-4)


if __name__ == "__main__":
    unittest.main()
