"""Unweighted average recall, accuracy, confusion matrix, arousal ROC AUC."""
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


def arousal_auc(arousal: np.ndarray, groups: list[str]) -> float | None:
    """ROC AUC of predicted arousal separating 'high' from 'low' groups (others ignored)."""
    g = np.asarray(groups)
    keep = (g == "low") | (g == "high")
    if len(set(g[keep])) < 2:
        return None
    return float(roc_auc_score((g[keep] == "high").astype(int), np.asarray(arousal)[keep]))
