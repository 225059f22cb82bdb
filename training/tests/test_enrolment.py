"""The enrolment adapters' arithmetic and the prompt classes (no model, no data)."""
import unittest

import numpy as np

from training.enrolment import adapted_scores, log_softmax, prompt_classes, speaker_gains

LABELS = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"]


class PromptClassesTest(unittest.TestCase):
    def test_calm_when_the_speaker_has_it_else_neutral(self):
        self.assertEqual(prompt_classes(LABELS, np.array([0, 1, 2, 3, 4, 5])), {1, 2, 3, 4})
        self.assertEqual(prompt_classes(LABELS, np.array([0, 2, 3, 4, 6])), {0, 2, 3, 4})


class AdaptedScoresTest(unittest.TestCase):
    def test_beta_zero_is_the_generic_model(self):
        rng = np.random.default_rng(0)
        logp = log_softmax(rng.normal(size=(5, 8)))
        feats = rng.normal(size=(5, 16))
        out = adapted_scores(logp, feats, rng.normal(size=(4, 16)), np.array([1, 1, 2, 2]), 0.0)
        np.testing.assert_allclose(out, logp)

    def test_pulls_a_clip_towards_the_enrolled_class_it_resembles_and_leaves_others(self):
        enrol = np.array([[1.0, 0.0], [0.0, 1.0]])
        logp = np.log(np.full((1, 8), 1 / 8))
        out = adapted_scores(logp, np.array([[0.9, 0.1]]), enrol, np.array([2, 4]), 4.0)
        self.assertEqual(int(out.argmax()), 2)
        self.assertGreater(out[0, 2], logp[0, 2])
        self.assertLess(out[0, 4], logp[0, 4])
        np.testing.assert_allclose(out[0, [0, 1, 3, 5, 6, 7]], logp[0, [0, 1, 3, 5, 6, 7]])


class SpeakerGainsTest(unittest.TestCase):
    def test_a_speaker_whose_classes_the_embedding_separates_gains(self):
        rng = np.random.default_rng(1)
        y = np.repeat([2, 4], 6)
        emb = np.where(y[:, None] == 2, [1.0, 0.0], [0.0, 1.0]) + rng.normal(scale=0.05, size=(12, 2))
        logits = np.zeros((12, 8))
        logits[:, 2] = 1.0  # the generic model calls everything happy
        gains = speaker_gains(y, logits, emb, 8, 1, rng)
        self.assertEqual(gains["embedding"][0.0], 0.0)
        self.assertGreater(gains["embedding"][4.0], 0.3)

    def test_too_few_clips_is_no_figure(self):
        self.assertIsNone(speaker_gains(np.array([2, 4]), np.zeros((2, 8)), np.zeros((2, 2)), 8, 1, np.random.default_rng(0)))


if __name__ == "__main__":
    unittest.main()
