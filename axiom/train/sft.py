"""LoRA supervised fine-tuning on verified examples, with TRL's SFTTrainer.

Examples are prompt-completion pairs (`axiom.train.data`); the prompt is rendered with the model's
chat template (as plain text where it has none: `axiom.generate.backend.plain_text`) and the loss
falls on the completion only. Training starts from the base model
(a fresh LoRA) or continues an existing adapter, which is what expert iteration does.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from axiom.errors import ConfigError, TrainingDataError
from axiom.generate.backend import plain_text
from axiom.memory import frees_memory
from axiom.train.lora import (
    TrainConfig,
    check_processes,
    load_policy,
    loss_history,
    run_meta,
    show_progress,
    trainer_args,
    world_size,
    write_output,
)


@dataclass
class SFTConfig(TrainConfig):
    """LoRA SFT: the shared options plus validation and early stopping."""

    completion_only_loss: bool = field(default=True, metadata={
        "help": "loss on the completion only (false: on the prompt too)"})
    eval_steps: int | None = field(default=None, metadata={
        "help": "with a validation set: evaluate every N steps (null: once per epoch)"})
    early_stopping_patience: int | None = field(default=None, metadata={
        "help": "with a validation set: stop after N evaluations without a better val loss, keep the best (null: "
                "never stop early)"})
    early_stopping_threshold: float = field(default=0.0, metadata={
        "help": "how much lower the val loss must be to count as better"})
    packing: bool = field(default=False, metadata={"help": "pack several examples per sequence (faster, GPU)"})
    group_by_length: bool = field(default=True, metadata={
        "help": "batch examples of similar length together (little padding); batches still come in a shuffled order"})

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.eval_steps is not None and self.eval_steps < 1:
            raise ConfigError(f"eval_steps must be >= 1 or null, got {self.eval_steps}")
        if self.early_stopping_patience is not None and self.early_stopping_patience < 1:
            raise ConfigError(f"early_stopping_patience must be >= 1 or null, got {self.early_stopping_patience}")


def check_examples(examples: list[dict]) -> None:
    """Every example has a prompt (chat messages or text) and a text completion."""
    for i, ex in enumerate(examples):
        if "prompt" not in ex or not isinstance(ex.get("completion"), str):
            raise TrainingDataError(f"example {i}: needs 'prompt' (chat messages or text) and 'completion' (text); "
                                    f"build examples with axiom.train.data")


def to_dataset(examples: list[dict], plain: bool = False):
    """Prompt-completion rows for TRL: chat prompts get the completion as the assistant's message. With `plain`
    (a model without a chat template) chat prompts become the text such a model is prompted with (`plain_text`)."""
    from datasets import Dataset

    check_examples(examples)
    rows = []
    for ex in examples:
        prompt = plain_text(ex["prompt"]) if plain else ex["prompt"]
        chat = isinstance(prompt, list)
        rows.append({"prompt": prompt,
                     "completion": [{"role": "assistant", "content": ex["completion"]}] if chat else ex["completion"]})
    if len({isinstance(r["prompt"], list) for r in rows}) > 1:
        raise TrainingDataError("examples mix chat-message prompts and plain-text prompts; use one kind")
    return Dataset.from_list(rows)


def length_grouped_order(lengths: list[int], batch: int, seed: int, window: int = 8) -> list[int]:
    """An order of the examples whose batches hold similar lengths, so little of a batch is padding.

    Shuffled, cut into windows of `window` batches, each window sorted by length and cut into
    batches, then the batches shuffled: random enough for SGD, and it groups well on the small
    sets of an expert-iteration step (transformers' LengthGroupedSampler does not group at all
    below 16 batches' worth of examples).
    """
    import random

    rng = random.Random(seed)
    order = list(range(len(lengths)))
    rng.shuffle(order)
    batches: list[list[int]] = []
    for start in range(0, len(order), batch * window):
        chunk = sorted(order[start:start + batch * window], key=lambda i: -lengths[i])
        batches += [chunk[k:k + batch] for k in range(0, len(chunk), batch)]
    rng.shuffle(batches)
    return [i for b in batches for i in b]


def example_lengths(examples: list[dict], tokenizer) -> list[int]:
    """Tokens of each example as the trainer will see it (chat template for chat prompts, where there is one)."""
    out = []
    for ex in examples:
        if isinstance(ex["prompt"], list) and tokenizer.chat_template:
            chat = ex["prompt"] + [{"role": "assistant", "content": ex["completion"]}]
            out.append(len(tokenizer.apply_chat_template(chat, tokenize=True, return_dict=True)["input_ids"]))
        else:
            out.append(len(tokenizer(plain_text(ex["prompt"]) + ex["completion"])["input_ids"]))
    return out


@frees_memory
def train_sft(model: str, examples: list[dict], out: str | Path, cfg: SFTConfig | None = None, *,
              adapter: str | None = None, val_examples: list[dict] | None = None, progress: bool = True,
              workdir: str | None = None) -> dict:
    """Train a LoRA adapter on `examples`, write it to `out` (atomically), return the metrics.

    `model` is a preset name, a local folder or a hub id; `adapter` continues an existing PEFT
    adapter instead of starting a fresh one. Returns {"train_loss", "val_loss" (None without a
    validation set), "first_loss", "last_loss", "steps", "seconds", "examples", "tokens_per_epoch", "out"}.
    `workdir` holds the trainer's checkpoints (early stopping keeps the best there): by default a temp
    folder of its own, removed at the end; torchrun's ranks are given one they share, so each loads the
    best checkpoint rank 0 saved. In a data-parallel rank (`axiom.train.launch`) only rank 0 writes `out`.
    """
    from transformers import EarlyStoppingCallback
    from trl import SFTConfig as TRLSFTConfig
    from trl import SFTTrainer

    cfg = cfg or SFTConfig()
    if not examples:
        raise TrainingDataError("no training examples: nothing passed, or every row was filtered out")
    if cfg.early_stopping_patience and not val_examples:
        raise ConfigError("early_stopping_patience needs a validation set (val_examples / --val)")
    check_examples(examples)  # before the lengths are counted, which needs them whole
    check_processes(cfg)
    start = time.perf_counter()
    policy, tokenizer, peft_config, base_path = load_policy(model, cfg, adapter)
    if cfg.group_by_length:  # one optimiser step takes batch_size * grad_accum examples from each rank, in turn
        step = cfg.batch_size * cfg.grad_accum * world_size()
        order = length_grouped_order(example_lengths(examples, tokenizer), step, cfg.seed)
        examples = [examples[i] for i in order]
    plain = not tokenizer.chat_template
    train_ds, val_ds = to_dataset(examples, plain), to_dataset(val_examples, plain) if val_examples else None
    own_workdir = workdir is None
    workdir = workdir or tempfile.mkdtemp(prefix="axiom-sft-")
    try:
        extra = {}
        if val_ds is not None:
            strategy = "steps" if cfg.eval_steps else "epoch"
            extra = dict(eval_strategy=strategy, per_device_eval_batch_size=cfg.batch_size)
            if cfg.eval_steps:
                extra.update(eval_steps=cfg.eval_steps, save_steps=cfg.eval_steps)
            if cfg.early_stopping_patience:
                extra.update(save_strategy=strategy, save_total_limit=1, load_best_model_at_end=True,
                             metric_for_best_model="eval_loss", greater_is_better=False)
        args = trainer_args(cfg, TRLSFTConfig, workdir, max_length=cfg.max_length, packing=cfg.packing,
                            completion_only_loss=cfg.completion_only_loss,
                            train_sampling_strategy="sequential" if cfg.group_by_length else "random", **extra)
        callbacks = [EarlyStoppingCallback(cfg.early_stopping_patience, cfg.early_stopping_threshold)] \
            if cfg.early_stopping_patience else None
        trainer = SFTTrainer(model=policy, args=args, train_dataset=train_ds, eval_dataset=val_ds,
                             processing_class=tokenizer, peft_config=peft_config, callbacks=callbacks)
        show_progress(trainer, "train sft", progress)
        result = trainer.train()
        val_loss = trainer.evaluate()["eval_loss"] if val_ds is not None else None
        losses = loss_history(trainer.state.log_history)
        metrics = {"train_loss": float(result.training_loss), "val_loss": val_loss,
                   "first_loss": losses[0][1] if losses else None, "last_loss": losses[-1][1] if losses else None,
                   "loss_history": losses, "val_history": loss_history(trainer.state.log_history, "eval_loss"),
                   "steps": int(trainer.state.global_step), "examples": len(examples),
                   "tokens_per_epoch": sum(len(ids) for ids in trainer.train_dataset["input_ids"]),
                   "seconds": round(time.perf_counter() - start, 2)}
        if trainer.is_world_process_zero():
            write_output(out, trainer.model, tokenizer, run_meta("sft", cfg, model, base_path, adapter, metrics))
    finally:
        if own_workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return {**metrics, "out": str(out)}
