"""models/labels.json: the contract the app reads (sample rate, windows, I/O, label order)."""
from __future__ import annotations

import json
from pathlib import Path

from .export import BAND_MEANS_OUTPUT, INPUT_NAME, PROFILE_INPUT


def profile_contract(cfg: dict, initial) -> dict:
    """How the app keeps the wearer's speaker profile (see training/profile.py)."""
    return {
        "input": PROFILE_INPUT, "output": BAND_MEANS_OUTPUT, "size": len(initial),
        "initial": [round(float(v), 6) for v in initial],
        "priorWindows": cfg["speaker_profile"]["prior_windows"],
        "meaning": "The model subtracts the wearer's speaker profile (mean log-mel spectrum of their "
                   "speech) from each window. Feed `input` [batch, size] with profile = (priorWindows * "
                   "initial + sum of the `output` band means of the wearer's windows so far) / (priorWindows "
                   "+ number of those windows): `initial` alone before the wearer has spoken. The band means are "
                   "spectral averages: they cannot be turned back into speech and never leave the device."}


def labels_contract(cfg: dict, model_info: dict, profile=None) -> dict:
    labels, n = cfg["labels"], len(cfg["labels"])
    w = cfg["windows"]
    contract = {
        "version": 1,
        "sampleRateHz": 16000,
        "windowMs": w["window_ms"],
        "hopMs": w["hop_ms"],
        "minInputMs": w["min_input_ms"],
        "input": {"name": INPUT_NAME, "shape": ["batch", "samples"], "dtype": "float32",
                  "meaning": "Raw mono waveform at sampleRateHz in -1..1, any length >= minInputMs. "
                             "Gain is normalised inside the model; the log-mel front end is inside the graph."},
        "labels": labels,
        "outputs": {
            "probabilities": {"shape": ["batch", n], "dtype": "float32",
                              "meaning": "Softmax over `labels`, in the same order; each row sums to 1."},
            "logits": {"shape": ["batch", n], "dtype": "float32",
                       "meaning": "Pre-softmax scores over `labels` (for temperature scaling or smoothing in logit space)."},
            "arousal_valence": {"shape": ["batch", 2], "dtype": "float32",
                                "meaning": "Index 0 = arousal, index 1 = valence, each in -1..1 (tanh). Arousal ranks "
                                           "low-energy speech (sad, calm, neutral, boredom) below high-energy speech "
                                           "(angry, happy, fearful, surprised); the drowsiness estimate reads it.",
                                "arousalValenceTable": cfg["arousal_valence"]},
        },
        "model": model_info,
        "licence": "Trained on RAVDESS (CC BY-NC-SA 4.0), TESS (CC BY-NC-ND 4.0) and EMO-DB "
                   "(research only): non-commercial use only.",
    }
    if profile is not None:
        contract["speakerProfile"] = profile_contract(cfg, profile)
        contract["outputs"][BAND_MEANS_OUTPUT] = {
            "shape": ["batch", len(profile)], "dtype": "float32",
            "meaning": "This window's mean log-mel per band after gain normalisation: the running mean of "
                       "it over the wearer's speech is the speaker profile (see speakerProfile)."}
    return contract


def write_labels(cfg: dict, model_info: dict, path: Path, profile=None) -> dict:
    data = labels_contract(cfg, model_info, profile)
    path.write_text(json.dumps(data, indent=2) + "\n")
    return data
