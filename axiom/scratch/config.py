"""`axiom pretrain`'s config: run, data, model, train and eval sections (YAML + key=value, `axiom.config`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from axiom.config import option
from axiom.errors import ConfigError


@dataclass
class RunSection:
    name: str = option("scratch", "run name: the run directory is OUT_DIR/NAME")
    out_dir: str = option("runs", "folder that holds run directories")


@dataclass
class DataSection:
    corpus: str = option("corpora/python", "corpus folder written by `axiom corpus build` (its tokenizer is used)")


@dataclass
class ModelSection:
    """A transformers `LlamaConfig`: RMSNorm, rotary positions, SwiGLU MLP, no biases."""

    hidden_size: int = option(256, "width of the residual stream")
    layers: int = option(4, "decoder layers")
    heads: int = option(4, "attention heads (hidden_size must be a multiple of it)")
    kv_heads: int | None = option(None, "key/value heads, grouped-query attention (null: as many as heads)")
    intermediate_size: int | None = option(None, "MLP width (null: 8/3 x hidden_size rounded up to a multiple of 64)")
    context: int = option(256, "tokens per training sequence; also max_position_embeddings")
    tie_embeddings: bool = option(True, "share the input embedding and the output layer (fewer parameters)")
    rope_theta: float = option(10000.0, "rotary embedding base")
    init_std: float = option(0.02, "standard deviation of the initial weights")

    def __post_init__(self) -> None:
        for name in ("hidden_size", "layers", "heads", "context"):
            if getattr(self, name) < 1:
                raise ConfigError(f"model.{name} must be >= 1, got {getattr(self, name)}")
        if self.hidden_size % self.heads:
            raise ConfigError(f"model.hidden_size ({self.hidden_size}) must be a multiple of model.heads "
                              f"({self.heads})")
        if self.kv_heads is not None and (self.kv_heads < 1 or self.heads % self.kv_heads):
            raise ConfigError(f"model.kv_heads must divide model.heads ({self.heads}), got {self.kv_heads}")

    @property
    def mlp_width(self) -> int:
        return self.intermediate_size or -(-8 * self.hidden_size // 3 // 64) * 64


@dataclass
class TrainSection:
    max_steps: int = option(1000, "optimiser steps")
    batch_size: int = option(16, "sequences per micro-batch")
    grad_accum: int = option(1, "micro-batches per optimiser step (tokens per step = batch x accum x context)")
    lr: float = option(1e-3, "peak learning rate (AdamW)")
    min_lr: float = option(1e-4, "learning rate at the end of the schedule")
    warmup_steps: int = option(100, "linear warmup from 0 to lr")
    schedule: Literal["cosine", "linear", "constant"] = option("cosine", "decay from lr to min_lr after warmup")
    weight_decay: float = option(0.1, "AdamW weight decay (matrices only; norms are not decayed)")
    beta1: float = option(0.9, "AdamW beta1")
    beta2: float = option(0.95, "AdamW beta2")
    grad_clip: float = option(1.0, "gradient norm clipping (0: off)")
    label_smoothing: float = option(0.0, "label smoothing of the training loss (the prototype's v1 used 0.1)")
    dropout: float = option(0.0, "dropout on attention weights and on each residual branch (embeddings, attention, "
                                  "MLP outputs); off at evaluation")
    seed: int = option(0, "seed of the initial weights, the data order and dropout")
    save_every: int = option(100, "write the resumable checkpoint every N steps (and at each evaluation and the end)")
    log_every: int = option(10, "progress-bar loss average over N steps")
    precision: Literal["auto", "fp32", "bf16"] = option(
        "auto", "auto: bf16 autocast on CUDA and on CPUs with bf16 hardware (AMX, AVX512-BF16), else fp32 "
        "(weights and optimiser state stay fp32)")
    device: Literal["auto", "cpu", "cuda"] = option("auto", "auto: CUDA when present")
    threads: int | None = option(None, "CPU threads for torch (null: torch's default)")

    def __post_init__(self) -> None:
        for name in ("max_steps", "batch_size", "grad_accum", "save_every", "log_every"):
            if getattr(self, name) < 1:
                raise ConfigError(f"train.{name} must be >= 1, got {getattr(self, name)}")
        if self.lr <= 0 or not 0 <= self.min_lr <= self.lr:
            raise ConfigError(f"train.lr must be > 0 and 0 <= train.min_lr <= lr, got lr={self.lr} "
                              f"min_lr={self.min_lr}")
        if not 0 <= self.label_smoothing < 1 or not 0 <= self.dropout < 1:
            raise ConfigError("train.label_smoothing and train.dropout must be in [0, 1)")
        if self.warmup_steps < 0 or self.weight_decay < 0 or self.grad_clip < 0:
            raise ConfigError("train.warmup_steps, train.weight_decay and train.grad_clip must be >= 0")


@dataclass
class EvalSection:
    every: int = option(100, "evaluate every N steps (and at the last step)")
    val_batches: int = option(8, "validation batches (of train.batch_size sequences) for the validation loss")
    samples: int = option(32, "functions sampled from `def `-style starts for the syntax and mode-collapse rates")
    sample_tokens: int = option(128, "token budget of each sampled function (unfinished counts as not valid)")
    temperature: float = option(0.8, "sampling temperature of those functions")
    top_p: float = option(0.95, "nucleus sampling mass of those functions")
    humaneval_mini: bool = option(True, "also score HumanEval-mini greedy pass@1 through `axiom eval`'s path")
    humaneval_tokens: int = option(128, "max new tokens of each HumanEval-mini completion")
    workers: int = option(2, "sandbox workers for HumanEval-mini")

    def __post_init__(self) -> None:
        for name in ("every", "val_batches", "samples", "sample_tokens", "humaneval_tokens", "workers"):
            if getattr(self, name) < 1:
                raise ConfigError(f"eval.{name} must be >= 1, got {getattr(self, name)}")
        if self.temperature <= 0 or not 0 < self.top_p <= 1:
            raise ConfigError("eval.temperature must be > 0 and eval.top_p in (0, 1]")


def _section(cls, help: str):
    return field(default_factory=cls, metadata={"help": help})


@dataclass
class PretrainConfig:
    """`axiom pretrain`."""

    run: RunSection = _section(RunSection, "where the run directory goes")
    data: DataSection = _section(DataSection, "the corpus")
    model: ModelSection = _section(ModelSection, "the model's shape")
    train: TrainSection = _section(TrainSection, "optimisation")
    eval: EvalSection = _section(EvalSection, "evaluation during training")

# What --resume may change: evaluation settings and how often checkpoints are written, not the training itself.
RESUMABLE_KEYS = ("eval.", "train.save_every", "train.log_every", "train.threads")
