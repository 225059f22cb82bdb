"""train: config-driven, seeded, checkpointed, resumable training on cached log-mel features.

  python3 -m training.train --config training/configs/shipped/emotone-v23.json --fold 0   # CV fold
  python3 -m training.train --config ... --fold -1                            # final model
Checkpoints: training/runs/<run>/last.pt (every epoch; --resume continues), history.json.

Distillation: `train.distill` {"teachers": [checkpoint paths], "temperature": T (2), "weight" (1),
"hard_weight" (0.5), "av_weight" (1)} trains the config's network (the student) on the frozen
teachers' mean judgement of each augmented batch (T² · KL at temperature T, and their mean
arousal/valence) beside the labels, whose loss is scaled by `hard_weight`.
"""
from __future__ import annotations

import argparse
import copy
import json
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from .audio import window_frames
from .augment import augment, mel_centres_hz
from .features import compute_features
from .metrics import arousal_auc, summary
from .model import build_model, load_weights
from .prepare import read_manifest, training_indices, validation_indices
from .profile import ProfileSampler, clip_band_sums, speaker_key, speaker_profiles
from .settings import REPO_ROOT, torch_threads, datasets_root, load_config


def seed_all(seed: int) -> torch.Generator:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return torch.Generator().manual_seed(seed)


def sample_weights(rows: list[dict], corpus_weights: dict, balance: str = "categories") -> np.ndarray:
    """Each corpus gets its configured share; within a corpus every category weighs the same
    (`balance` "categories"), or every speaker weighs the same and, within a speaker, every
    category ("speakers": a corpus's many-speaker half no longer counts less than its few
    prolific speakers)."""
    by_speaker = balance == "speakers"
    keys = [(r["corpus"], r["speaker"] if by_speaker else "", r["label"] or r["raw_label"]) for r in rows]
    counts: dict = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    n_cat = {k[:2]: sum(1 for j in counts if j[:2] == k[:2]) for k in counts}
    n_spk = {c: len({k[1] for k in counts if k[0] == c}) for c, _, _ in counts}
    w = np.array([corpus_weights.get(c, 1.0) / (n_spk[c] * n_cat[(c, s)] * counts[(c, s, l)]) for c, s, l in keys])
    return w / w.sum()


def nan_if_none(value: float | None) -> float:
    return math.nan if value is None else value


def frames_for_ms(ms: float, fe) -> int:
    return fe.n_frames(int(ms * 16))


def crop_batch(feats: dict, idx: np.ndarray, n_frames: int, rng: np.random.Generator) -> torch.Tensor:
    """Random crops of `n_frames` (or the shortest clip) that overlap each clip's voiced span."""
    lengths = [feats["logmel"][i].shape[1] for i in idx]
    n = min([n_frames] + lengths)
    out = np.empty((len(idx), feats["logmel"][idx[0]].shape[0], n), dtype=np.float32)
    for j, i in enumerate(idx):
        lm, (vs, ve) = feats["logmel"][i], feats["voiced"][i]
        lo, hi = max(0, vs - n // 6), min(lm.shape[1] - n, ve - (5 * n) // 6)
        start = rng.integers(lo, hi + 1) if hi >= lo else min(max(0, (vs + ve - n) // 2), lm.shape[1] - n)
        out[j] = lm[:, start: start + n]
    return torch.from_numpy(out)


def losses(logits, av, cls_idx, av_t, smoothing: float) -> torch.Tensor:
    """Per-sample CE (masked where the category is not in the label set) + AV MSE sum (each
    target masked where it is unknown, NaN: e.g. the valence of an intensity-only label)."""
    mask = (cls_idx >= 0).float()
    ce = F.cross_entropy(logits, cls_idx.clamp(min=0), reduction="none", label_smoothing=smoothing)
    known = ~torch.isnan(av_t)
    return ce * mask, ((av - av_t.nan_to_num()) ** 2 * known).sum(dim=1)


def load_teacher(cfg: dict) -> tuple[list, dict]:
    """The frozen teacher networks named by `train.distill.teachers` (checkpoints of this pipeline,
    paths from the repository root; their EMA weights), and the distillation settings.
    A teacher must predict the student's labels from the same front end."""
    d_cfg = dict(cfg["train"].get("distill") or {})
    members = []
    for path in d_cfg.get("teachers", []):
        full = Path(path) if Path(path).is_absolute() else REPO_ROOT / path
        if not full.is_file():
            raise FileNotFoundError(f"teacher checkpoint {full} not found: train it first (training/README.md, distillation)")
        ck = torch.load(full, map_location="cpu")
        t_cfg = ck["config"]
        if t_cfg["labels"] != cfg["labels"] or t_cfg["frontend"] != cfg["frontend"]:
            raise ValueError(f"teacher {path} has other labels or another front end than the student")
        member = build_model(t_cfg, len(cfg["labels"]))
        load_weights(member, ck["ema"])
        member.eval()
        for q in member.parameters():
            q.requires_grad_(False)
        members.append(member)
    return members, d_cfg


@torch.no_grad()
def teacher_targets(members: list, logmel: torch.Tensor, profile: torch.Tensor | None,
                    temperature: float) -> tuple[torch.Tensor, torch.Tensor]:
    """The teacher's judgement of a batch: the members' mean of softmax(logits / T), and their
    mean arousal/valence."""
    probs, avs = [], []
    for member in members:
        logits, av = member.backbone.heads(member.backbone.features(logmel, profile))
        probs.append(F.softmax(logits / temperature, dim=1))
        avs.append(av)
    return torch.stack(probs).mean(0), torch.stack(avs).mean(0)


def distill_losses(logits, av, teacher_p, teacher_av, temperature: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Per sample: T² · KL(teacher ‖ student) at temperature T, and the squared distance of the
    student's arousal/valence from the teacher's."""
    kl = F.kl_div(F.log_softmax(logits / temperature, dim=1), teacher_p, reduction="none").sum(dim=1)
    return kl * temperature ** 2, ((av - teacher_av) ** 2).sum(dim=1)


def validate(model, feats: dict, rows: list[dict], idx: list[int], cfg: dict) -> dict:
    """Window-level figures per corpus on the app's 2 s windows across the voiced span (fast
    CV proxy). Speaker profiles, for models that use them, are each validation speaker's mean
    over all their windows (no labels involved)."""
    from .audio import window_starts
    fe, n_cls = model.frontend, len(cfg["labels"])
    w, hop = window_frames(cfg, fe)
    profiles = speaker_profiles(rows, idx, *clip_band_sums(feats, w, hop, idx)) if model.uses_profile else None
    out: dict = {}
    model.eval()
    with torch.no_grad():
        for corpus in sorted({rows[i]["corpus"] for i in idx}):
            yt, yp, ar, groups = [], [], [], []
            for i in (i for i in idx if rows[i]["corpus"] == corpus):
                lm, (vs, ve) = feats["logmel"][i], feats["voiced"][i]
                starts = window_starts(lm.shape[1], int(vs), int(ve), w, hop)
                x = torch.stack([torch.from_numpy(lm[:, s: s + w]) for s in starts])
                prof = None if profiles is None else torch.from_numpy(
                    np.repeat(profiles[speaker_key(rows[i])][None], len(starts), 0))
                logits, av = model.backbone(x, prof)
                for k in range(len(starts)):
                    if rows[i]["class_index"] >= 0:
                        yt.append(rows[i]["class_index"])
                        yp.append(int(logits[k].argmax()))
                    ar.append(float(av[k, 0]))
                    groups.append(rows[i]["arousal_group"])
            s = summary(yt, yp, n_cls)
            out[corpus] = {"uar": s["uar"], "accuracy": s["accuracy"], "n": s["n"],
                           "arousal_auc": arousal_auc(np.array(ar), groups)}
    return out


class _Reverse(torch.autograd.Function):
    """Identity forward; gradient times -scale backward (gradient reversal)."""

    @staticmethod
    def forward(ctx, x, scale: float):
        ctx.scale = scale
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad):
        return -ctx.scale * grad, None


class SpeakerAdversary(torch.nn.Module):
    """Training-only speaker classifier on the backbone's embedding behind a gradient reversal:
    it learns to tell the training speakers apart while the backbone learns to make that hard,
    so the embedding keeps less of who is speaking. Not part of the exported model."""

    def __init__(self, hidden: int, n_speakers: int):
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Linear(hidden, hidden), torch.nn.ReLU(),
                                       torch.nn.Linear(hidden, n_speakers))

    def forward(self, h: torch.Tensor, scale: float) -> torch.Tensor:
        return self.net(_Reverse.apply(h, scale))


class Ema:
    """Exponential moving average of parameters and buffers (the exported weights)."""

    def __init__(self, model, decay: float):
        self.model, self.decay = copy.deepcopy(model).eval(), decay

    @torch.no_grad()
    def update(self, model) -> None:
        for e, p in zip(self.model.state_dict().values(), model.state_dict().values()):
            if e.dtype.is_floating_point:
                e.mul_(self.decay).add_(p.detach(), alpha=1 - self.decay)
            else:
                e.copy_(p)


def run(cfg: dict, fold: int, run_dir: Path, resume: bool, limit: int | None = None,
        epochs: int | None = None, on_epoch=None) -> Path:
    """Trains and returns the path of the final checkpoint (EMA weights in 'ema').
    `on_epoch(entry, n_epochs)` is called after each epoch's checkpoint (progress lines)."""
    torch.set_num_threads(torch_threads())
    t_cfg, a_cfg = cfg["train"], cfg["train"]["augment"]
    gen = seed_all(cfg["seed"] + max(fold, 0))
    rng = np.random.default_rng(cfg["seed"] + max(fold, 0))
    rows = read_manifest(run_dir.parent.parent / "cache" / "manifest.jsonl"
                         if cfg.get("_manifest") is None else Path(cfg["_manifest"]))
    if limit:
        rows = rows[:: max(1, len(rows) // limit)]
    feats = compute_features(cfg, rows, Path(cfg.get("_datasets") or datasets_root()),
                             Path(cfg.get("_cache") or run_dir.parent.parent / "cache"))
    train_idx = training_indices(rows, fold, t_cfg.get("max_speakers"))
    val_idx = validation_indices(rows, fold)
    probs = sample_weights([rows[i] for i in train_idx], t_cfg["corpus_weights"],
                           t_cfg.get("balance", "categories"))
    model = build_model(cfg, len(cfg["labels"]))
    teacher, d_cfg = load_teacher(cfg)
    temperature = float(d_cfg.get("temperature", 2.0))
    ema = Ema(model, t_cfg.get("ema_decay", 0.995))
    adv_weight, adversary = t_cfg.get("speaker_adversarial", 0.0), None
    if adv_weight > 0:
        speakers = {k: n for n, k in enumerate(sorted({speaker_key(rows[i]) for i in train_idx}))}
        spk_all = torch.tensor([speakers.get(speaker_key(r), -1) for r in rows])
        adversary = SpeakerAdversary(model.backbone.cls.in_features, len(speakers))
    params = list(model.backbone.parameters()) + (list(adversary.parameters()) if adversary else [])
    opt = torch.optim.AdamW(params, lr=t_cfg["lr"], weight_decay=t_cfg["weight_decay"])
    n_epochs, steps = epochs or t_cfg["epochs"], t_cfg.get("steps_per_epoch", 60)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, t_cfg["lr"], total_steps=n_epochs * steps, pct_start=0.15)
    cls_idx_all = torch.tensor([r["class_index"] for r in rows])
    av_all = torch.tensor([[nan_if_none(r["arousal"]), nan_if_none(r["valence"])] for r in rows],
                          dtype=torch.float32)
    history, start_epoch, best = [], 0, -1.0
    run_dir.mkdir(parents=True, exist_ok=True)
    last = run_dir / "last.pt"
    if resume and last.is_file():
        ck = torch.load(last)
        load_weights(model, ck["model"]); load_weights(ema.model, ck["ema"])
        if adversary is not None:
            adversary.load_state_dict(ck["adversary"])
        opt.load_state_dict(ck["opt"]); sched.load_state_dict(ck["sched"])
        gen.set_state(ck["gen"]); rng.bit_generator.state = ck["rng"]; torch.set_rng_state(ck["torch_rng"])
        history, start_epoch, best = ck["history"], ck["epoch"] + 1, ck.get("best", -1.0)
        print(f"resumed from epoch {start_epoch}", flush=True)
    fe = model.frontend
    lo_f, hi_f = (frames_for_ms(m, fe) for m in t_cfg["crop_ms"])
    centres = mel_centres_hz(fe.n_mels, fe.f_min, fe.f_max)
    sampler = None
    if cfg["model"].get("speaker_norm") or any(member.uses_profile for member in teacher):
        sampler = ProfileSampler(rows, train_idx, *clip_band_sums(feats, *window_frames(cfg, fe), train_idx),
                                 tuple(t_cfg.get("profile_clips", (4, 24))))
    for epoch in range(start_epoch, n_epochs):
        model.train()
        t0, tot, n = time.time(), 0.0, 0
        for step in range(steps):
            idx = np.array(train_idx)[rng.choice(len(train_idx), t_cfg["batch_size"], p=probs)]
            x = crop_batch(feats, idx, int(rng.integers(lo_f, hi_f + 1)), rng)
            x = augment(x, a_cfg, gen, fe.log_floor, fe.hop / 16000, centres)
            ci, avt = cls_idx_all[idx], av_all[idx]
            lam = float(rng.beta(t_cfg["mixup_alpha"], t_cfg["mixup_alpha"])) if t_cfg["mixup_alpha"] > 0 else 1.0
            perm = torch.randperm(len(idx), generator=gen)
            prof = None if sampler is None else torch.from_numpy(sampler(idx, rng))
            if prof is not None:
                prof = lam * prof + (1 - lam) * prof[perm]
            mixed = lam * x + (1 - lam) * x[perm]
            h = model.backbone.features(mixed, prof)
            logits, av = model.backbone.heads(h)
            ce1, mse1 = losses(logits, av, ci, avt, t_cfg["label_smoothing"])
            ce2, mse2 = losses(logits, av, ci[perm], avt[perm], t_cfg["label_smoothing"])
            loss = (lam * ce1 + (1 - lam) * ce2).mean() + t_cfg["av_loss_weight"] * (lam * mse1 + (1 - lam) * mse2).mean()
            if teacher:
                # The teacher judges the very input the student sees (crop, augmentation, mixup).
                kl, av_gap = distill_losses(logits, av, *teacher_targets(teacher, mixed, prof, temperature), temperature)
                loss = (float(d_cfg.get("hard_weight", 0.5)) * loss + float(d_cfg.get("weight", 1.0)) * kl.mean()
                        + t_cfg["av_loss_weight"] * float(d_cfg.get("av_weight", 1.0)) * av_gap.mean())
            if adversary is not None:
                # reversal strength ramps 0 -> 1 over training (the usual DANN schedule)
                progress = (epoch * steps + step) / (n_epochs * steps)
                spk = adversary(h, 2.0 / (1.0 + math.exp(-10 * progress)) - 1.0)
                sl = spk_all[idx]
                loss = loss + adv_weight * (lam * F.cross_entropy(spk, sl) + (1 - lam) * F.cross_entropy(spk, sl[perm]))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 5.0)
            opt.step(); sched.step(); ema.update(model)
            tot, n = tot + float(loss), n + 1
        entry = {"epoch": epoch, "loss": tot / n, "lr": sched.get_last_lr()[0], "seconds": time.time() - t0}
        if val_idx and ((epoch + 1) % t_cfg.get("val_every", 1) == 0 or epoch == n_epochs - 1):
            entry["val"] = validate(ema.model, feats, rows, val_idx, cfg)
        history.append(entry)
        score = entry.get("val", {}).get("ravdess", {}).get("uar", -1.0)
        print(json.dumps(entry), flush=True)
        ck = {"model": model.state_dict(), "ema": ema.model.state_dict(), "opt": opt.state_dict(),
              "adversary": adversary.state_dict() if adversary is not None else None,
              "sched": sched.state_dict(), "gen": gen.get_state(), "rng": rng.bit_generator.state,
              "torch_rng": torch.get_rng_state(), "history": history, "epoch": epoch,
              "best": max(best, score), "config": cfg}
        torch.save(ck, run_dir / "last.tmp"); (run_dir / "last.tmp").replace(last)
        if score > best:
            best = score
            torch.save({"ema": ema.model.state_dict(), "epoch": epoch, "config": cfg}, run_dir / "best.pt")
        (run_dir / "history.json").write_text(json.dumps(history, indent=1))
        if on_epoch is not None:
            on_epoch(entry, n_epochs)
    return last


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--config", default="training/configs/shipped/emotone-v23.json")
    ap.add_argument("--fold", type=int, default=-1, help="CV fold to hold out; -1 = final model")
    ap.add_argument("--run", default=None, help="run folder name under training/runs/")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--epochs", type=int, default=None)
    ap.add_argument("--manifest", default=None,
                    help="rows to train from (default training/cache/manifest.jsonl)")
    ap.add_argument("--seed", type=int, default=None, help="train with this seed instead of the config's; the run is named <name>-s<seed>")
    args = ap.parse_args(argv)
    cfg = load_config(args.config)
    if args.manifest:
        cfg["_manifest"] = args.manifest
    if args.seed is not None:
        cfg["seed"], cfg["name"] = args.seed, f"{cfg['name']}-s{args.seed}"
    name = args.run or f"{cfg['name']}-{'final' if args.fold < 0 else f'fold{args.fold}'}"
    run(cfg, args.fold, Path("training/runs") / name, args.resume, epochs=args.epochs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
