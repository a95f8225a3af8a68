"""What every trainer here shares: LoRA and optimiser options, loading the policy, and the atomic output folder.

An output folder holds a PEFT adapter (`adapter_config.json`, `adapter_model.safetensors`), the
tokenizer, and `axiom_train.json` (the resolved config, the base model, the metrics, library
versions). It is written into a temp folder beside `out` and renamed at the end, so a reader
(or a resumed run) never sees half an adapter.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from axiom.config import to_dict
from axiom.errors import ConfigError
from axiom.generate import hf
from axiom.generate.presets import resolve_model
from axiom.jsonl import umask
from axiom.memory import steady_heap

META_FILE = "axiom_train.json"


@dataclass
class TrainConfig:
    """Options every recipe shares (SFT, DPO and GRPO add their own)."""

    lora_r: int = field(default=16, metadata={"help": "LoRA rank"})
    lora_alpha: int = field(default=32, metadata={"help": "LoRA alpha (the update is scaled by alpha/rank)"})
    lora_dropout: float = field(default=0.05, metadata={"help": "dropout on the LoRA branch"})
    target_modules: str = field(default="all-linear", metadata={
        "help": "modules that get LoRA: 'all-linear' or comma-separated names (q_proj,v_proj)"})
    lr: float = field(default=2e-4, metadata={"help": "peak learning rate"})
    epochs: float = field(default=3.0, metadata={"help": "passes over the training set"})
    max_steps: int = field(default=-1, metadata={"help": "stop after this many optimiser steps (-1: use epochs)"})
    batch_size: int = field(default=4, metadata={"help": "examples per device step"})
    grad_accum: int = field(default=1, metadata={"help": "gradient accumulation steps (effective batch = "
                                                         "batch_size * grad_accum)"})
    warmup_ratio: float = field(default=0.1, metadata={"help": "share of the steps spent warming up the lr"})
    lr_scheduler: Literal["linear", "cosine", "constant", "constant_with_warmup"] = field(
        default="linear", metadata={"help": "learning-rate schedule after warmup"})
    weight_decay: float = field(default=0.0, metadata={"help": "AdamW weight decay"})
    max_grad_norm: float = field(default=1.0, metadata={"help": "gradient clipping norm"})
    max_length: int = field(default=1024, metadata={"help": "longest tokenized prompt+completion (longer ones are "
                                                            "truncated)"})
    seed: int = field(default=0, metadata={"help": "seed for LoRA init, data order and dropout"})
    precision: Literal["auto", "fp32", "bf16", "fp16"] = field(default="auto", metadata={
        "help": "auto: bf16 on a GPU that supports it (else fp16); on CPU bf16 autocast where the CPU has bf16 "
                "hardware (AMX, AVX512-BF16), else fp32"})
    gradient_checkpointing: bool = field(default=False, metadata={
        "help": "recompute activations in the backward pass: less memory, ~20-30% slower"})
    logging_steps: int = field(default=10, metadata={"help": "log the loss every N optimiser steps"})
    device: Literal["auto", "cpu"] = field(default="auto", metadata={"help": "auto: CUDA when present, else CPU"})
    steady_heap: bool = field(default=True, metadata={
        "help": "on a CPU with glibc: hand large freed blocks back to the OS at once (axiom.memory.steady_heap), so "
                "a long SFT of mixed lengths does not grow until the OOM killer stops it (0.5B preset: peak RSS "
                "-32%; as fast in the loop's training process, which starts with huge pages; 27% slower without "
                "them, as in `axiom train`: benchmarks/training_memory.py). false: glibc's defaults"})
    processes: int = field(default=1, metadata={
        "help": "data-parallel training processes on this node, one per GPU; >1 launches them with torchrun "
                "(effective batch = batch_size * grad_accum * processes); on a CPU they use gloo, for testing"})

    def __post_init__(self) -> None:
        for name in ("lora_r", "lora_alpha", "batch_size", "grad_accum", "max_length", "logging_steps", "processes"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be >= 1, got {getattr(self, name)}")
        if not 0 <= self.lora_dropout < 1:
            raise ConfigError(f"lora_dropout must be in [0, 1), got {self.lora_dropout}")
        if self.lr <= 0:
            raise ConfigError(f"lr must be > 0, got {self.lr}")
        if self.epochs <= 0 and self.max_steps < 1:
            raise ConfigError("epochs must be > 0 (or set max_steps)")
        if not 0 <= self.warmup_ratio < 1:
            raise ConfigError(f"warmup_ratio must be in [0, 1), got {self.warmup_ratio}")
        if not self.target_modules.strip():
            raise ConfigError("target_modules is empty; use 'all-linear' or names like q_proj,v_proj")


def lora_config(cfg: TrainConfig):
    from peft import LoraConfig

    targets = cfg.target_modules.strip()
    modules: str | list[str] = targets if targets == "all-linear" else [t.strip() for t in targets.split(",")]
    return LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
                      target_modules=modules, task_type="CAUSAL_LM")


def use_cuda(cfg: TrainConfig) -> bool:
    import torch

    return cfg.device == "auto" and torch.cuda.is_available()


def world_size() -> int:
    """Processes training together: torchrun's WORLD_SIZE inside one of its ranks, else 1."""
    return int(os.environ.get("WORLD_SIZE", "1"))


def check_processes(cfg: TrainConfig) -> None:
    """`processes` > 1 needs torchrun's ranks; called without them, training would quietly run in one process."""
    if cfg.processes > 1 and world_size() == 1:
        raise ConfigError(f"processes={cfg.processes} trains in torchrun ranks: use axiom.train.launch.train_parallel "
                          f"(`axiom train` and the loop do), or processes=1 in one process")


def precision(cfg: TrainConfig) -> str:
    """bf16, fp16 or fp32: `cfg.precision`, where "auto" is `axiom.generate.hf.auto_precision` of the device."""
    if cfg.precision != "auto":
        return cfg.precision
    return hf.auto_precision("cuda" if use_cuda(cfg) else "cpu")


def load_policy(model: str, cfg: TrainConfig, adapter: str | None = None):
    """(model, tokenizer, peft_config, base path): a fresh LoRA is made by the trainer; a given adapter is continued.

    The model is loaded in fp32 (mixed precision comes from the trainer's autocast, on CPU too), except bf16 on
    a GPU. Training on a CPU fixes this process's heap policy first (`cfg.steady_heap`): it lasts as long as the
    process, which is why the loop trains in a process of its own.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    _no_library_bars()
    if cfg.steady_heap and not use_cuda(cfg):
        steady_heap()
    path = resolve_model(model)
    tokenizer = AutoTokenizer.from_pretrained(path)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    dtype = torch.bfloat16 if precision(cfg) == "bf16" and use_cuda(cfg) else torch.float32
    policy = AutoModelForCausalLM.from_pretrained(path, dtype=dtype)
    if adapter is None:
        return policy, tokenizer, lora_config(cfg), path
    from peft import PeftModel

    if not (Path(adapter) / "adapter_config.json").is_file():
        raise ConfigError(f"adapter {adapter!r} is not a PEFT adapter folder (no adapter_config.json)")
    return PeftModel.from_pretrained(policy, adapter, is_trainable=True), tokenizer, None, path


def _no_library_bars() -> None:
    # Loading and dataset-preparation bars of transformers and datasets; training shows our own line.
    from datasets.utils.logging import disable_progress_bar
    from transformers.utils import logging as hf_logging

    disable_progress_bar()
    hf_logging.disable_progress_bar()


def trainer_args(cfg: TrainConfig, args_cls: type, workdir: str, **extra: Any):
    """A TRL config (`args_cls`, e.g. trl.SFTConfig) from ours; `extra` adds recipe-specific fields.

    In a torchrun rank the Trainer trains data-parallel by itself (DDP, one batch_size batch per rank); on a
    CPU its ranks talk over gloo. Every LoRA weight gets a gradient each step, so DDP need not search for unused
    parameters (a walk over the graph each step, and an error with gradient checkpointing).
    """
    mode = precision(cfg)
    parallel = dict(ddp_backend=None if use_cuda(cfg) else "gloo", ddp_find_unused_parameters=False) \
        if world_size() > 1 else {}
    return args_cls(
        output_dir=workdir, learning_rate=cfg.lr, num_train_epochs=cfg.epochs, max_steps=cfg.max_steps,
        per_device_train_batch_size=cfg.batch_size, gradient_accumulation_steps=cfg.grad_accum,
        warmup_steps=cfg.warmup_ratio, lr_scheduler_type=cfg.lr_scheduler, weight_decay=cfg.weight_decay,
        max_grad_norm=cfg.max_grad_norm, seed=cfg.seed, data_seed=cfg.seed, bf16=mode == "bf16",
        fp16=mode == "fp16", gradient_checkpointing=cfg.gradient_checkpointing, logging_steps=cfg.logging_steps,
        use_cpu=not use_cuda(cfg), report_to="none", save_strategy=extra.pop("save_strategy", "no"),
        dataloader_num_workers=0, dataloader_pin_memory=False, **parallel, **extra)


def write_output(out: str | Path, model, tokenizer, meta: dict) -> Path:
    """Save adapter + tokenizer + `axiom_train.json` into a temp folder beside `out`, then rename it to `out`."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.tmp-"))
    try:
        os.chmod(tmp, 0o777 & ~umask())  # a folder as mkdir makes it, not mkdtemp's 0700
        # DPO on a continued adapter adds a frozen "ref" copy; only the trained "default" adapter is the output.
        extra = {"selected_adapters": ["default"]} if "ref" in (getattr(model, "peft_config", None) or {}) else {}
        model.save_pretrained(tmp, **extra)
        tokenizer.save_pretrained(tmp)
        (tmp / META_FILE).write_text(json.dumps(meta, indent=2, default=str))
        old = None
        if out.exists():
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            os.replace(out, old)
        os.replace(tmp, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def run_meta(kind: str, cfg: TrainConfig, model: str, base_path: str, adapter: str | None, metrics: dict) -> dict:
    import peft
    import torch
    import transformers
    import trl

    return {"kind": kind, "base_model": model, "base_path": str(base_path), "continued_from": adapter,
            "config": to_dict(cfg), "precision": precision(cfg), "metrics": metrics,
            "versions": {"trl": trl.__version__, "peft": peft.__version__, "transformers": transformers.__version__,
                         "torch": torch.__version__}}


def show_progress(trainer, desc: str, enabled: bool = True) -> None:
    """Replace transformers' progress bar, which also prints every log as a raw dict, with one line of
    ours: steps, the last logged loss (and reward, val loss), tokens per second where the trainer
    counts them."""
    from transformers.trainer_callback import PrinterCallback, ProgressCallback

    trainer.remove_callback(ProgressCallback)
    trainer.remove_callback(PrinterCallback)
    if enabled:
        trainer.add_callback(_progress_callback(desc))


def _progress_callback(desc: str):
    from tqdm import tqdm
    from transformers import TrainerCallback

    shown = {"loss": "loss", "eval_loss": "val_loss", "reward": "reward"}

    class Progress(TrainerCallback):
        bar = None

        def on_train_begin(self, args, state, control, **kwargs):
            if state.is_world_process_zero:
                self.bar = tqdm(total=state.max_steps, desc=desc, unit="step", file=sys.stderr, dynamic_ncols=True)
                self.start, self.postfix = time.perf_counter(), {}

        def on_step_end(self, args, state, control, **kwargs):
            if self.bar is not None:
                self.bar.update(state.global_step - self.bar.n)

        def on_log(self, args, state, control, logs=None, **kwargs):
            if self.bar is None or not logs:
                return
            self.postfix.update({name: f"{logs[key]:.4g}" for key, name in shown.items() if key in logs})
            if "num_tokens" in logs:
                self.postfix["tok/s"] = f"{logs['num_tokens'] / (time.perf_counter() - self.start):.0f}"
            self.bar.set_postfix(self.postfix)

        def on_train_end(self, args, state, control, **kwargs):
            if self.bar is not None:
                self.bar.close()
                self.bar = None

    return Progress()


def loss_history(log_history: list[dict], key: str = "loss") -> list[tuple[int, float]]:
    """(step, value) for every logged `key` in a trainer's log history."""
    return [(int(h["step"]), float(h[key])) for h in log_history if key in h]
