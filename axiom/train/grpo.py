"""GRPO with verifiable rewards: TRL's GRPOTrainer, LoRA, problems from the generators, rewards from the sandbox.

Two things are added to TRL. Groups whose completions all earn the same reward carry no signal
(their advantages are zero); they are masked out of the loss, KL term included, and counted
(`groups_skipped`). And the reward is logged per family (`reward_family/<name>`), because an
average over families hides the one that gets worse.

What is not covered: skipping assumes one training process (a group is contiguous in the local
batch); skipped groups are not replaced by fresh ones (no DAPO-style dynamic resampling).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from axiom import rewards
from axiom.errors import ConfigError
from axiom.generate.prompts import build_messages
from axiom.memory import frees_memory
from axiom.problems.record import Problem
from axiom.problems.spec import ProblemSpec
from axiom.train.lora import TrainConfig, load_policy, loss_history, run_meta, show_progress, trainer_args, write_output


@dataclass
class GRPOConfig(TrainConfig):
    """GRPO: the shared options (batch_size counts completions, a multiple of group_size) plus sampling and rewards."""

    lr: float = field(default=1e-5, metadata={"help": "peak learning rate"})
    epochs: float = field(default=1.0, metadata={"help": "passes over the problems"})
    batch_size: int = field(default=8, metadata={"help": "completions per device step (a multiple of group_size)"})
    group_size: int = field(default=4, metadata={"help": "completions sampled per problem (GRPO's group)"})
    beta: float = field(default=0.0, metadata={"help": "KL coefficient towards the base model (0: no KL)"})
    loss_type: Literal["grpo", "dr_grpo", "dapo", "bnpo"] = field(default="dapo", metadata={
        "help": "how token losses are averaged (TRL's names)"})
    temperature: float = field(default=1.0, metadata={"help": "sampling temperature of the rollouts"})
    top_p: float = field(default=1.0, metadata={"help": "nucleus sampling of the rollouts"})
    max_completion_length: int = field(default=256, metadata={"help": "most tokens per rollout"})
    reward: Literal["pass_rate", "pass_all"] = field(default="pass_rate", metadata={
        "help": "pass_rate: fraction of tests passed (partial credit); pass_all: 1 only when all pass"})
    format_weight: float = field(default=0.1, metadata={"help": "weight of the format reward (0: off)"})
    skip_equal_groups: bool = field(default=True, metadata={
        "help": "mask out groups whose rewards are all equal (they carry no signal) and count them"})
    problems: ProblemSpec = field(default_factory=ProblemSpec, metadata={
        "help": "the problems: the training split of this spec (val and test drawn first and excluded)"})

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.group_size < 2:
            raise ConfigError(f"group_size must be >= 2 (GRPO compares completions within a group), "
                              f"got {self.group_size}")
        if self.batch_size % self.group_size:
            raise ConfigError(f"batch_size ({self.batch_size}) must be a multiple of group_size ({self.group_size})")
        if self.temperature <= 0 or not 0 < self.top_p <= 1:
            raise ConfigError("temperature must be > 0 and top_p in (0, 1]")
        if self.max_completion_length < 1:
            raise ConfigError(f"max_completion_length must be >= 1, got {self.max_completion_length}")
        if self.format_weight < 0 or self.beta < 0:
            raise ConfigError("format_weight and beta must be >= 0")
        if self.processes > 1:
            raise ConfigError(f"processes={self.processes}: data-parallel training is for sft and dpo; GRPO trains "
                              "in one process (processes=1)")


def problem_dataset(problems: Sequence[Problem], template=None):
    """A `datasets.Dataset` of problems: chat `prompt`, `problem` (JSON record, for the rewards), `family`, `id`."""
    from datasets import Dataset

    return Dataset.from_list([{"prompt": build_messages(p, template), "problem": json.dumps(p.to_dict()),
                               "family": p.family, "problem_id": p.id} for p in problems])


def family_logged(reward_fn):
    """`reward_fn` that also logs its mean per family through TRL's `log_metric` hook."""
    def reward(completions, problem, family=None, log_metric=None, **kwargs):
        scores = reward_fn(completions, problem=problem, **kwargs)
        if log_metric is not None and family is not None:
            by_family = defaultdict(list)
            for f, s in zip(family, scores, strict=True):
                if s is not None:
                    by_family[f].append(s)
            for f, values in sorted(by_family.items()):
                log_metric(f"reward_family/{f}", sum(values) / len(values))
        return scores

    reward.__name__ = reward_fn.__name__
    return reward


def _skipping_trainer():
    from trl import GRPOTrainer

    class SkippingGRPOTrainer(GRPOTrainer):
        """GRPOTrainer that masks out groups whose rewards are all equal, and counts them."""

        groups_skipped = 0
        groups_seen = 0

        def _generate_and_score_completions(self, inputs):
            out = super()._generate_and_score_completions(inputs)
            mode = "train" if self.model.training else "eval"
            g = self.num_generations if mode == "train" else self.num_generations_eval
            adv = out["advantages"]
            if adv.dim() > 1 or len(adv) % g:
                return out
            flat = adv.view(-1, g).abs().max(dim=1).values < 1e-6          # all equal rewards -> zero advantages
            mask = out["completion_mask"] * (~flat).repeat_interleave(g).unsqueeze(1).to(out["completion_mask"].dtype)
            out["completion_mask"] = mask
            out["num_items_in_batch"] = self.accelerator.gather(mask.sum()).sum()
            if mode == "train":
                self.groups_skipped += int(flat.sum())
                self.groups_seen += len(flat)
            self._metrics[mode]["groups_skipped"].append(float(flat.sum()))
            return out

    return SkippingGRPOTrainer


@frees_memory
def train_grpo(model: str, out: str | Path, cfg: GRPOConfig | None = None, *, adapter: str | None = None,
               problems: Sequence[Problem] | None = None, progress: bool = True) -> dict:
    """GRPO on `problems` (default: the train split of `cfg.problems`); write the adapter to `out` atomically."""
    from trl import GRPOConfig as TRLGRPOConfig
    from trl import GRPOTrainer

    cfg = cfg or GRPOConfig()
    problems = list(problems) if problems is not None else cfg.problems.draw()["train"]
    if not problems:
        raise ConfigError("no problems to train on")
    start = time.perf_counter()
    policy, tokenizer, peft_config, base_path = load_policy(model, cfg, adapter)
    main = rewards.pass_rate_reward if cfg.reward == "pass_rate" else rewards.pass_all_reward
    funcs, weights = [family_logged(main)], [1.0]
    if cfg.format_weight:
        funcs.append(rewards.format_reward)
        weights.append(cfg.format_weight)
    trainer_cls = _skipping_trainer() if cfg.skip_equal_groups else GRPOTrainer
    workdir = tempfile.mkdtemp(prefix="axiom-grpo-")
    try:
        args = trainer_args(cfg, TRLGRPOConfig, workdir, num_generations=cfg.group_size, beta=cfg.beta,
                            loss_type=cfg.loss_type, temperature=cfg.temperature, top_p=cfg.top_p,
                            max_completion_length=cfg.max_completion_length, reward_weights=weights,
                            remove_unused_columns=False)
        trainer = trainer_cls(model=policy, reward_funcs=funcs, args=args, train_dataset=problem_dataset(problems),
                              processing_class=tokenizer, peft_config=peft_config)
        show_progress(trainer, "train grpo", progress)
        trainer.train()
        logs = trainer.state.log_history
        families = sorted({k for h in logs for k in h if k.startswith("reward_family/")})
        metrics = {"reward_history": loss_history(logs, "reward"), "loss_history": loss_history(logs),
                   "reward_per_family": {f.split("/", 1)[1]: loss_history(logs, f) for f in families},
                   "groups_skipped": getattr(trainer, "groups_skipped", None),
                   "groups_seen": getattr(trainer, "groups_seen", None),
                   "steps": int(trainer.state.global_step), "problems": len(problems),
                   "seconds": round(time.perf_counter() - start, 2)}
        write_output(out, trainer.model, tokenizer, run_meta("grpo", cfg, model, base_path, adapter, metrics))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return {**metrics, "out": str(out)}
