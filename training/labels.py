"""Label mapping from corpus words to the configured label set, and arousal/valence targets.

Everything comes from the config: `labels` (output order), per-corpus `label_map`
(raw word -> label, or null for "dimensional head only"), `arousal_valence` table (a null
valence: the word says nothing about valence, e.g. an intensity level; that target is masked),
and `"unlabelled": true` for a corpus whose clips only a teacher labels (distillation).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """What one utterance teaches: a class index (or None) and an arousal/valence pair."""
    label: str | None
    class_index: int       # -1 when the category is not in the label set
    arousal: float | None  # None: unknown (an unlabelled corpus; masked in the loss)
    valence: float | None  # None: unknown (masked in the loss)
    arousal_group: str     # "low" | "high" | "other"


UNLABELLED = Target(None, -1, None, None, "other")  # type: ignore[arg-type]


def map_target(cfg: dict, corpus: str, raw_label: str, intensity: str) -> Target | None:
    """None when the corpus's word is not used at all (absent from label_map). A corpus marked
    `"unlabelled": true` teaches nothing through its words: every clip is UNLABELLED (no class,
    arousal and valence unknown), material for distillation from a teacher."""
    if cfg["corpora"][corpus].get("unlabelled"):
        return UNLABELLED
    label_map = cfg["corpora"][corpus]["label_map"]
    if raw_label not in label_map:
        return None
    label = label_map[raw_label]
    av_key = label if label is not None else raw_label
    table = cfg["arousal_valence"]
    if av_key not in table:
        raise KeyError(f"no arousal/valence entry for {av_key!r} ({corpus}:{raw_label})")
    arousal, valence = table[av_key]
    valence = None if valence is None else float(valence)
    if intensity == "strong":
        arousal = max(-0.95, min(0.95, arousal * cfg["strong_intensity_arousal_scale"]))
    in_set = label is not None and label in cfg["labels"]
    groups = cfg["arousal_groups"]
    group = "low" if av_key in groups["low"] else "high" if av_key in groups["high"] else "other"
    return Target(label if in_set else None, cfg["labels"].index(label) if in_set else -1,
                  float(arousal), valence, group)
