"""Configs with an `ensemble` list: train each member config, ship their average.

Members must share the front end and label set (checked). CV figures of the ensemble come
from averaging the members' fold models on the fold's validation speakers.
"""
from __future__ import annotations

from pathlib import Path

import torch

from .model import EmotionModel, MeanBackbone, build_model, load_weights
from .settings import load_config


def member_configs(cfg: dict, configs_dir: Path) -> list[dict]:
    """The networks a config trains: its `ensemble` members (named relative to `configs_dir`,
    the folder of the ensemble config), or the config itself."""
    if "ensemble" not in cfg:
        return [cfg]
    members = [load_config(configs_dir / name) for name in cfg["ensemble"]]
    for m in members:
        if m["frontend"] != members[0]["frontend"] or m["labels"] != members[0]["labels"]:
            raise ValueError(f"ensemble member {m['name']} differs in front end or labels")
    return members


def load_member(cfg: dict, ckpt: Path) -> EmotionModel:
    model = build_model(cfg, len(cfg["labels"]))
    load_weights(model, torch.load(ckpt)["ema"])
    return model.eval()


def average(models: list[EmotionModel]) -> EmotionModel:
    """One EmotionModel whose backbone averages the members' backbones."""
    if len(models) == 1:
        return models[0]
    return EmotionModel(models[0].frontend, MeanBackbone([m.backbone for m in models])).eval()
