"""The configs of the commands that produce numbers besides the loop: `axiom eval`, `axiom generate`, `axiom distill`.

Each is the loop's config tree (`IterateConfig`: the same sections, keys, defaults and checks)
plus one section of the command's own (`eval`, `sample`, `distill`) saying where its problems
come from. So a loop config file is a valid config for every one of them, one key has one
default everywhere (`evaluate.max_new_tokens` is 384 in `axiom eval` as in the loop), and the
problems are drawn the loop's way (`IterateConfig.draw_problems`): `axiom eval --config
configs/v2-cpu.yaml` evaluates exactly the run's test problems.

What each command reads: eval `model`, `problems`, `evaluate`, `verify`, `run.seed` (the
sampling seed, as in the loop's evaluation); generate `model`, `problems`, `generate`
(iteration 1's samples and temperature), `run.seed`; distill the same plus `verify` and
`recipe.max_per_problem`. `curriculum` and `stopping.iterations` decide which training levels
are drawn (see `axiom.problems.spec`). The other sections are checked and not used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from axiom.config import option
from axiom.errors import ConfigError
from axiom.eval.tracking import REPORT_TO
from axiom.loop.config import IterateConfig
from axiom.problems.record import Problem, load_problems
from axiom.problems.suites import FIXED_SUITES, load_fixed_suite

Split = Literal["train", "val", "test"]


@dataclass
class SourceConfig:
    """Where a command's problems come from, and how they are prompted."""

    problems_file: str | None = option(None, "problem JSONL (DESIGN.md format) to use instead of drawing from the "
                                             "problems section")
    limit: int | None = option(None, "only the first N problems (a quick look)")

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit < 1:
            raise ConfigError(f"limit must be >= 1, got {self.limit}")


@dataclass
class EvalSource(SourceConfig):
    split: Split = option("test", "split of the problems section to evaluate (drawn as the loop draws it)")
    fixed_suite: str | None = option(None, f"a fixed problem set instead of the problems section: "
                                           f"{', '.join(FIXED_SUITES)}")
    report_to: str = option("none", f"also log the metrics to a tracker: {', '.join(REPORT_TO)} (tensorboard "
                                    "writes OUTPUT/tb)")

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.fixed_suite is not None and self.fixed_suite not in FIXED_SUITES:
            raise ConfigError(f"eval.fixed_suite: {self.fixed_suite!r} is not allowed; choose one of: "
                              f"{', '.join(FIXED_SUITES)}")
        if self.report_to not in REPORT_TO:
            raise ConfigError(f"eval.report_to: {self.report_to!r} is not allowed; choose one of: "
                              f"{', '.join(REPORT_TO)}")


@dataclass
class SampleSource(SourceConfig):
    split: Split = option("train", "split of the problems section to sample for (drawn as the loop draws it)")


def _section(cls, help: str):
    return field(default_factory=cls, metadata={"help": help})


@dataclass
class EvalConfig(IterateConfig):
    """`axiom eval`."""

    eval: EvalSource = _section(EvalSource, "what `axiom eval` evaluates")


@dataclass
class SampleConfig(IterateConfig):
    """`axiom generate`."""

    sample: SampleSource = _section(SampleSource, "what `axiom generate` samples for")


@dataclass
class DistillConfig(IterateConfig):
    """`axiom distill`: always the training split (teacher traces are training data)."""

    distill: SourceConfig = _section(SourceConfig, "what `axiom distill` samples the teacher on")


# The sections each command reads, for its --help.
EVAL_SECTIONS = ("run", "model", "problems", "evaluate", "verify", "eval")
SAMPLE_SECTIONS = ("run", "model", "problems", "generate", "sample")
DISTILL_SECTIONS = ("run", "model", "problems", "generate", "verify", "recipe", "distill")


def job_problems(cfg: IterateConfig, source: SourceConfig, split: str, fixed_suite: str | None = None
                 ) -> list[Problem]:
    """The problems of a command: the file, the fixed suite, or the split drawn as the loop draws it; then `limit`."""
    if source.problems_file:
        problems = load_problems(source.problems_file)
        if not problems:
            raise ConfigError(f"{source.problems_file}: no problems in this file")
    elif fixed_suite:
        problems = load_fixed_suite(fixed_suite)
    else:
        problems = cfg.split_problems(split)
        if not problems:
            raise ConfigError(f"the problems section draws no {split} problems (problems.{split}_per_cell is 0)")
    return problems[:source.limit] if source.limit else problems
