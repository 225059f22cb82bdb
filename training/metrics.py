"""Unweighted average recall, accuracy, confusion matrix, arousal and valence ROC AUC."""
from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_auc_score


def confusion(y_true: np.ndarray, y_pred: np.ndarray, n: int) -> np.ndarray:
    cm = np.zeros((n, n), dtype=np.int64)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm


def uar(cm: np.ndarray) -> float:
    """Mean recall over classes that occur in the reference (rows with support)."""
    support = cm.sum(axis=1)
    present = support > 0
    return float((np.diag(cm)[present] / support[present]).mean())


def accuracy(cm: np.ndarray) -> float:
    return float(np.trace(cm) / max(1, cm.sum()))


def summary(y_true, y_pred, n: int) -> dict:
    cm = confusion(np.asarray(y_true), np.asarray(y_pred), n)
    return {"n": int(cm.sum()), "uar": uar(cm), "accuracy": accuracy(cm),
            "confusion": cm.tolist()}


def speaker_spread(y_true, y_pred, speakers, n: int, n_boot: int = 2000, seed: int = 0) -> dict:
    """How much the pooled UAR rests on which speakers were tested: UAR per speaker, and the
    2.5th-97.5th percentile of the pooled UAR over `n_boot` resamplings of the speakers with
    replacement (each resample sums the drawn speakers' confusion matrices)."""
    y_true, y_pred, speakers = np.asarray(y_true), np.asarray(y_pred), np.asarray(speakers)
    names = sorted(set(speakers.tolist()))
    cms = np.stack([confusion(y_true[speakers == s], y_pred[speakers == s], n) for s in names])
    rng = np.random.default_rng(seed)
    boot = [uar(cms[rng.integers(0, len(names), len(names))].sum(axis=0)) for _ in range(n_boot)]
    return {"per_speaker": {s: uar(cm) for s, cm in zip(names, cms)},
            "speaker_bootstrap_95": [float(v) for v in np.percentile(boot, [2.5, 97.5])]}


def group_auc(scores: np.ndarray, groups: list, positive: str, negative: str) -> float | None:
    """ROC AUC of `scores` separating the `positive` group from the `negative` one (other groups
    ignored); None unless both occur."""
    g = np.asarray(groups, dtype=object)
    keep = (g == positive) | (g == negative)
    if len(set(g[keep].tolist())) < 2:
        return None
    return float(roc_auc_score((g[keep] == positive).astype(int), np.asarray(scores)[keep]))


def arousal_auc(arousal: np.ndarray, groups: list[str]) -> float | None:
    """ROC AUC of predicted arousal separating 'high' from 'low' groups (others ignored)."""
    return group_auc(arousal, groups, "high", "low")


# Valence is scored where it is unambiguous: happy (positive) against angry and sad (negative).
VALENCE_POSITIVE = ("happy",)
VALENCE_NEGATIVE = ("angry", "sad")


def valence_group(label: str | None) -> str | None:
    """'positive', 'negative', or None for a label valence is not scored on (or no label)."""
    if label in VALENCE_POSITIVE:
        return "positive"
    return "negative" if label in VALENCE_NEGATIVE else None


def valence_auc(valence: np.ndarray, labels: list[str | None]) -> float | None:
    """ROC AUC of predicted valence separating happy from angry and sad (other labels ignored);
    None unless both sides occur."""
    return group_auc(valence, [valence_group(x) for x in labels], "positive", "negative")
