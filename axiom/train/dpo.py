"""LoRA DPO on preference pairs (a passing and a failing completion of one prompt), with TRL's DPOTrainer.

The reference model is the policy with its adapter switched off (or, when an adapter is
continued, a frozen copy of it that TRL keeps beside the trained one), so no second model is loaded.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from axiom.errors import ConfigError, TrainingDataError
from axiom.memory import frees_memory
from axiom.train.lora import (
    TrainConfig,
    check_processes,
    load_policy,
    loss_history,
    run_meta,
    show_progress,
    trainer_args,
    write_output,
)


@dataclass
class DPOConfig(TrainConfig):
    """LoRA DPO: the shared options (lr 5e-6-5e-5 is usual for DPO) plus beta and the loss."""

    lr: float = field(default=2e-5, metadata={"help": "peak learning rate"})
    epochs: float = field(default=1.0, metadata={"help": "passes over the pairs"})
    beta: float = field(default=0.1, metadata={"help": "strength of the pull towards the reference model"})
    loss_type: Literal["sigmoid", "hinge", "ipo", "robust", "apo_zero", "sigmoid_norm"] = field(
        default="sigmoid", metadata={"help": "DPO loss (TRL's names): sigmoid is the paper's"})
    label_smoothing: float = field(default=0.0, metadata={"help": "robust/cDPO label smoothing in [0, 0.5)"})
    sft_weight: float = field(default=0.0, metadata={
        "help": "weight of an added SFT (NLL) loss on the chosen answer (0: pure DPO)"})

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.beta <= 0:
            raise ConfigError(f"beta must be > 0, got {self.beta}")
        if not 0 <= self.label_smoothing < 0.5:
            raise ConfigError(f"label_smoothing must be in [0, 0.5), got {self.label_smoothing}")
        if self.sft_weight < 0:
            raise ConfigError(f"sft_weight must be >= 0, got {self.sft_weight}")


def to_dataset(pairs: list[dict]):
    """Preference rows for TRL: chat prompts get chosen/rejected as assistant messages."""
    from datasets import Dataset

    rows = []
    for i, pair in enumerate(pairs):
        if not all(k in pair for k in ("prompt", "chosen", "rejected")):
            raise TrainingDataError(f"pair {i}: needs 'prompt', 'chosen' and 'rejected'; build pairs with "
                                    "axiom.train.data.preference_pairs")
        chat = isinstance(pair["prompt"], list)
        wrap = (lambda t: [{"role": "assistant", "content": t}]) if chat else (lambda t: t)
        rows.append({"prompt": pair["prompt"], "chosen": wrap(pair["chosen"]), "rejected": wrap(pair["rejected"])})
    return Dataset.from_list(rows)


@frees_memory
def train_dpo(model: str, pairs: list[dict], out: str | Path, cfg: DPOConfig | None = None, *,
              adapter: str | None = None, val_pairs: list[dict] | None = None, progress: bool = True) -> dict:
    """Train a LoRA adapter with DPO on `pairs`, write it to `out` atomically, return the metrics.

    In a data-parallel rank (`axiom.train.launch`) only rank 0 writes `out`.
    """
    from trl import DPOConfig as TRLDPOConfig
    from trl import DPOTrainer

    cfg = cfg or DPOConfig()
    if not pairs:
        raise TrainingDataError("no preference pairs: no problem has both a passing and a failing completion")
    check_processes(cfg)
    start = time.perf_counter()
    policy, tokenizer, peft_config, base_path = load_policy(model, cfg, adapter)
    train_ds, val_ds = to_dataset(pairs), to_dataset(val_pairs) if val_pairs else None
    losses = [cfg.loss_type] + (["sft"] if cfg.sft_weight else [])
    workdir = tempfile.mkdtemp(prefix="axiom-dpo-")
    try:
        extra = dict(eval_strategy="epoch", per_device_eval_batch_size=cfg.batch_size) if val_ds is not None else {}
        args = trainer_args(cfg, TRLDPOConfig, workdir, max_length=cfg.max_length, beta=cfg.beta, loss_type=losses,
                            loss_weights=[1.0, cfg.sft_weight] if cfg.sft_weight else None,
                            label_smoothing=cfg.label_smoothing, **extra)
        trainer = DPOTrainer(model=policy, args=args, train_dataset=train_ds, eval_dataset=val_ds,
                             processing_class=tokenizer, peft_config=peft_config)
        show_progress(trainer, "train dpo", progress)
        result = trainer.train()
        logs = trainer.state.log_history
        val = trainer.evaluate() if val_ds is not None else {}
        metrics = {"train_loss": float(result.training_loss), "val_loss": val.get("eval_loss"),
                   "loss_history": loss_history(logs),
                   "reward_margin": loss_history(logs, "rewards/margins"),
                   "reward_accuracy": loss_history(logs, "rewards/accuracies"),
                   "steps": int(trainer.state.global_step), "examples": len(pairs),
                   "seconds": round(time.perf_counter() - start, 2)}
        if trainer.is_world_process_zero():
            write_output(out, trainer.model, tokenizer, run_meta("dpo", cfg, model, base_path, adapter, metrics))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return {**metrics, "out": str(out)}
