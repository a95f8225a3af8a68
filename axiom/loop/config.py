"""The expert-iteration job as one typed config tree (YAML + `key=value` overrides, see axiom.config).

Every choice the seeds got wrong is an option here with the safe choice as default, and the
resolved tree is recorded in the run's config.json: train from the base model on everything
verified so far (not the previous adapter), replay earlier solutions, cap solutions per problem,
keep a checkpoint only if validation does not drop, stop after `patience` non-improving iterations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from axiom.config import option
from axiom.errors import ConfigError
from axiom.generate.backend import Sampling, check_device, check_dtype
from axiom.generate.prompts import TEMPLATES, PromptTemplate
from axiom.problems.family import LEVELS
from axiom.problems.record import Problem
from axiom.problems.spec import ProblemSpec
from axiom.train.dpo import DPOConfig
from axiom.train.sft import SFTConfig
from axiom.verify.records import check_memory, check_timeout, check_workers


def _sampling_rules(section: str, **values) -> None:
    """The sampler's own rules for these values, with the key named as the config names it."""
    try:
        Sampling(**values)
    except ConfigError as e:
        raise ConfigError(f"{section}.{e}") from None


_f = option


@dataclass
class RunConfig:
    name: str = _f("", "run directory name under `root` (default: the config file's name)")
    root: str = _f("runs", "folder that holds run directories")
    seed: int = _f(0, "master seed: sampling and training seeds derive from it and the iteration number")


@dataclass
class ModelConfig:
    name: str = _f("qwen2.5-coder-0.5b", "base model: a preset (smollm2-135m, qwen2.5-coder-0.5b), a local folder or "
                                   "a hub id")
    adapter: str | None = _f(None, "PEFT LoRA adapter folder on top of `name` (eval, generate, distill; the loop "
                                   "trains its own)")
    backend: Literal["hf", "vllm", "openai", "llamacpp"] = _f(
        "hf", "generation backend (training always uses transformers + PEFT); openai: a served model, for eval, "
              "generate and distill only; llamacpp: a preset's GGUF in llama.cpp on CPU, adapters as runtime LoRA "
              "(pip install llama-cpp-python)")
    batch_size: int = _f(32, "hf, llamacpp: sequences per forward pass when generating")
    device: str | None = _f(None, "hf: cpu, cuda, cuda:1 (default: cuda when available)")
    dtype: str | None = _f(None, "hf, vllm: float32, bfloat16, float16 (default: bf16/fp16 on CUDA, bf16 on a CPU "
                                 "with AMX or AVX512-BF16, else fp32; vllm: auto)")
    base_url: str | None = _f(None, "openai: endpoint, e.g. http://127.0.0.1:8000/v1 (or AXIOM_OPENAI_BASE_URL)")
    api_key_env: str = _f("OPENAI_API_KEY", "openai: environment variable holding the key")
    concurrency: int = _f(8, "openai: requests in flight")

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ConfigError(f"model.batch_size must be >= 1, got {self.batch_size}")
        if self.concurrency < 1:
            raise ConfigError(f"model.concurrency must be >= 1, got {self.concurrency}")
        check_device(self.device, "model.device", available=False)  # whether it exists here: check_config
        check_dtype(self.dtype, "model.dtype", self.backend)

    def backend_options(self) -> dict[str, Any]:
        """The options `open_backend` takes for this backend."""
        if self.backend == "hf":
            return {"device": self.device, "dtype": self.dtype, "batch_size": self.batch_size}
        if self.backend == "openai":
            return {"base_url": self.base_url, "api_key_env": self.api_key_env, "concurrency": self.concurrency}
        if self.backend == "llamacpp":
            return {"batch_size": self.batch_size}
        return {"dtype": self.dtype or "auto"}


@dataclass
class GenerateConfig:
    samples: list[int] = _f([8], "samples per training problem, per iteration (the last value repeats): "
                                 "[8, 8, 4] narrows as diversity shrinks")
    temperature: list[float] = _f([0.8], "sampling temperature per iteration (the last value repeats); 0 is greedy, "
                                         "with samples 1 only")
    top_p: float = _f(1.0, "nucleus sampling mass (1.0 = off)")
    max_new_tokens: int = _f(384, "tokens per completion")
    stop: list[str] = _f([], "stop strings: a completion ends before the first of them")
    stop_at_code_end: bool = _f(True, "end a sample once its code is done: at the end of its first ``` code "
                                      "block, or at the first top-level line after its definitions (usage "
                                      "examples, tests)")
    template: str = _f("auto", f"prompt template of the samples and evaluations: auto (each problem's own; plain "
                               f"for a model without a chat template) or one of {', '.join(TEMPLATES)}; training "
                               "data holds the same request")

    boost_below: float = _f(0.0, "families whose share of passing samples fell below this get `boost_factor` times "
                                 "the samples (their rate: the previous iteration's training samples; at iteration 1, "
                                 "the baseline's val samples). 0 = off")
    boost_factor: int = _f(4, "sample multiplier for the families under `boost_below`")

    def __post_init__(self) -> None:
        if not 0 <= self.boost_below <= 1:
            raise ConfigError(f"generate.boost_below is a share in [0, 1], got {self.boost_below}")
        if self.boost_factor < 1:
            raise ConfigError(f"generate.boost_factor must be >= 1, got {self.boost_factor}")
        if not self.samples or any(n < 1 for n in self.samples):
            raise ConfigError(f"generate.samples must be a non-empty list of integers >= 1, got {self.samples}")
        if not self.temperature or any(t < 0 for t in self.temperature):
            raise ConfigError(f"generate.temperature must be a non-empty list of numbers >= 0, got {self.temperature}")
        for i in range(1, max(len(self.samples), len(self.temperature)) + 1):
            n, t = self.at(i)
            if t == 0 and n > 1:
                raise ConfigError(f"generate.temperature 0 is greedy: {n} samples would be {n} copies of one; "
                                  "use samples 1 or a temperature > 0")
        _sampling_rules("generate", top_p=self.top_p, max_new_tokens=self.max_new_tokens, stop=tuple(self.stop))
        if self.template != "auto" and self.template not in TEMPLATES:
            raise ConfigError(f"generate.template: {self.template!r} is not allowed; choose one of: auto, "
                              f"{', '.join(TEMPLATES)}")

    def fixed_template(self) -> PromptTemplate | None:
        """The template every problem gets, or None for each problem's own (`template_for`)."""
        return None if self.template == "auto" else TEMPLATES[self.template]

    def at(self, iteration: int) -> tuple[int, float]:
        """(samples, temperature) for iteration >= 1."""
        pick = lambda xs: xs[min(iteration, len(xs)) - 1]
        return pick(self.samples), pick(self.temperature)

    def sampling(self, iteration: int, seed: int) -> Sampling:
        """How iteration `iteration` samples (`axiom generate` and `axiom distill`: iteration 1)."""
        n, temperature = self.at(iteration)
        return Sampling(n=n, temperature=temperature, top_p=self.top_p, max_new_tokens=self.max_new_tokens,
                        stop=tuple(self.stop), seed=seed, stop_at_code_end=self.stop_at_code_end)


@dataclass
class VerifyConfig:
    workers: int | None = _f(None, "sandbox workers (default: the verifier's, one per core)")
    timeout_s: float = _f(3.0, "wall clock per candidate, all tests together")
    memory_mb: int = _f(1024, "address-space limit of a candidate, MiB")
    allow_weak_sandbox: bool = _f(False, "run even where a sandbox mechanism cannot be set up (no root, old kernel, "
                                         "no libseccomp), with a warning; by default the loop refuses. For "
                                         "development only (also: AXIOM_ALLOW_WEAK_SANDBOX=1)")

    def __post_init__(self) -> None:
        check_workers(self.workers, "verify.workers")
        check_timeout(self.timeout_s, "verify.timeout_s")
        check_memory(self.memory_mb, "verify.memory_mb")


@dataclass
class RecipeConfig:
    """How training data and the starting point are chosen: the anti-forgetting switches."""

    train_from: Literal["base", "previous"] = _f(
        "base", "base: train each iteration from the base model on all solutions so far (ReST-EM); "
                "previous: continue the last kept adapter on this iteration's data (the seeds' choice)")
    replay: bool = _f(True, "earlier iterations' verified solutions join every iteration's training data")
    max_per_problem: int = _f(4, "distinct verified solutions kept per problem (de-duplicated by AST)")
    prefer: Literal["first", "shortest"] = _f(
        "first", "which of a problem's distinct verified solutions an iteration keeps when max_per_problem binds: "
                 "first, in sample order; shortest, the shortest extracted code first (ties in sample order). Short "
                 "verified solutions generalise; long ones more often pass by luck (special cases) and teach the "
                 "model to ramble")
    drop_repetitive: bool = _f(
        False, "leave out verified samples whose completion is degenerate repetition (axiom.eval.metrics."
               "is_mode_collapse, e.g. one method chained 4+ times: .replace(..).replace(..)...); counted in the "
               "collect record")
    check_level_above: bool = _f(
        False, "train only on verified solutions that also pass a training problem of their family one level up "
               "(where the run drew one): a solution that passes only because its own level's tests are narrow (a "
               "`parentheses` counter for '(' alone at level 1) is left out; counted by family in the collect record. "
               "For families whose prompt states the whole task at every level")
    family_cap: float | None = _f(None, "largest share (0-1] of the training set one family may hold (keeps an easy "
                                        "family from crowding out the rest)")
    completion: Literal["own", "code"] = _f("own", "own: train on the model's own text; code: on the extracted code")
    teacher_traces: str | None = _f(None, "JSONL of verified teacher traces (`axiom distill`) mixed into every "
                                          "iteration's data")

    def __post_init__(self) -> None:
        if self.max_per_problem < 1:
            raise ConfigError(f"recipe.max_per_problem must be >= 1, got {self.max_per_problem}")
        if self.family_cap is not None and not 0 < self.family_cap <= 1:
            raise ConfigError(f"recipe.family_cap is a share in (0, 1], got {self.family_cap}")


@dataclass
class LoopDPOConfig(DPOConfig):
    """DPO after SFT in each iteration: the SFT adapter learns to prefer a passing sample of a training
    problem over a failing one of the same problem (this iteration's samples; the SFT adapter is the
    reference). The options below `enabled` are `axiom train dpo`'s."""

    enabled: bool = _f(False, "run DPO after SFT (checkpoints/iter_K.sft is SFT's adapter, iter_K DPO's)")
    pairs_per_problem: int = _f(1, "preference pairs per training problem that has a pass and a failure")
    rejected: Literal["near_miss", "worst"] = _f(
        "near_miss", "which failures become the rejected answer: near_miss, the highest partial credit first "
                     "(hard negatives); worst, the lowest first")

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.pairs_per_problem < 1:
            raise ConfigError(f"dpo.pairs_per_problem must be >= 1, got {self.pairs_per_problem}")


@dataclass
class EvaluateConfig:
    greedy: bool = _f(True, "also decode greedily (greedy pass@1)")
    samples: int = _f(8, "sampled completions per val/test problem for pass@k (0: greedy only)")
    sampled_at: Literal["every", "ends"] = _f(
        "ends", "when the sampled completions run: every iteration, or at the ends only (the baseline and "
                "iteration stopping.iterations; other iterations are greedy only, which is what keeping and "
                "stopping read)")
    temperature: float = _f(0.8, "temperature of those samples (0: greedy only)")
    top_p: float = _f(1.0, "nucleus sampling mass of those samples (1.0 = off)")
    ks: list[int] = _f([1, 8], "k values of pass@k (those above the number of samples are skipped)")
    max_new_tokens: int = _f(384, "tokens per completion")
    stop: list[str] = _f([], "stop strings: a completion ends before the first of them")
    stop_at_code_end: bool = _f(True, "end a completion once its code is done: at the end of its first ``` "
                                      "code block, or at the first top-level line after its definitions")

    def __post_init__(self) -> None:
        if not self.greedy and self.samples < 1:
            raise ConfigError("evaluate: greedy is false and samples is 0, so nothing would be evaluated")
        if any(k < 1 for k in self.ks):
            raise ConfigError(f"evaluate.ks must be integers >= 1, got {self.ks}")
        if self.samples < 0:
            raise ConfigError(f"evaluate.samples must be >= 0, got {self.samples}")
        _sampling_rules("evaluate", temperature=self.temperature, top_p=self.top_p, max_new_tokens=self.max_new_tokens,
                        stop=tuple(self.stop))

    def sampling(self, seed: int, sampled: bool = True) -> Sampling:
        """The evaluation's Sampling: `samples` at `temperature` (seeded) when `sampled` and samples > 0, else one
        greedy completion. With `greedy`, `axiom.eval.run` adds the greedy one to the samples."""
        greedy = Sampling(n=1, temperature=0.0, max_new_tokens=self.max_new_tokens, stop=tuple(self.stop),
                          stop_at_code_end=self.stop_at_code_end)
        if not sampled or self.samples == 0:
            return greedy
        return replace(greedy, n=self.samples, temperature=self.temperature, top_p=self.top_p, seed=seed)

    def ks_for(self, sampled: bool = True) -> tuple[int, ...]:
        """The configured k values that the number of samples supports."""
        most = (self.samples if sampled else 0) or 1
        return tuple(k for k in self.ks if k <= most) or (1,)


@dataclass
class CurriculumConfig:
    enabled: bool = _f(True, "move each family's training levels by its solve rate")
    raise_at: float = _f(0.6, "raise a family's levels when its share of passing samples reaches this")
    lower_at: float = _f(0.05, "lower them when it falls to this or below (collapse)")
    step: int = _f(1, "levels moved per change")
    min_level: int = _f(1, "lowest training level")
    max_level: int = _f(10, "highest training level")

    def __post_init__(self) -> None:
        if not 0 <= self.lower_at < self.raise_at <= 1:
            raise ConfigError(f"curriculum: need 0 <= lower_at < raise_at <= 1, got {self.lower_at}, {self.raise_at}")
        if not (self.min_level in LEVELS and self.max_level in LEVELS and self.min_level <= self.max_level):
            raise ConfigError(f"curriculum: levels must satisfy 1 <= min_level <= max_level <= 10, "
                              f"got {self.min_level}, {self.max_level}")
        if self.step < 1:
            raise ConfigError(f"curriculum.step must be >= 1, got {self.step}")


@dataclass
class StoppingConfig:
    iterations: int = _f(3, "most training iterations (iteration 0 is the baseline evaluation)")
    patience: int = _f(2, "stop after this many iterations in a row that do not improve the best val score")
    metric: Literal["greedy_pass@1", "pass@1"] = _f(
        "greedy_pass@1", "val metric that decides keeping and stopping")
    tolerance: float = _f(0.0, "keep a checkpoint when its val score is at least best - tolerance")
    regression_points: float = _f(5.0, "flag a family whose score falls by more than this many points")
    max_family_drop: float | None = _f(
        None, "do not keep a checkpoint when any family's val score falls by more than this many points against "
              "the current policy's (the last kept checkpoint's, or the base model's); the next iteration samples "
              "from that policy, as when overall val drops. None: families do not decide keeping")

    def __post_init__(self) -> None:
        if self.iterations < 0 or self.patience < 1:
            raise ConfigError(f"stopping: need iterations >= 0 and patience >= 1, got {self.iterations}, "
                              f"{self.patience}")
        if self.max_family_drop is not None and self.max_family_drop < 0:
            raise ConfigError(f"stopping.max_family_drop is in points >= 0 (or null: off), got {self.max_family_drop}")


@dataclass
class ClusterConfig:
    address: str | None = _f(None, "Ray cluster for generation and verification: 'auto', 'host:port' or "
                                   "'ray://host:10001' (None: this machine only; Ray is not imported). The run "
                                   "directory must be on storage every node sees; training runs here")
    generators: int = _f(0, "generation actors, each holding the model (0: one per GPU in the cluster, or one per "
                            "node without GPUs)")
    verifiers: int = _f(0, "verification actors, each with its own sandbox pool (0: one per node)")
    verifier_workers: int | None = _f(None, "sandbox workers per verification actor (default: the node's cores)")
    shard: int = _f(256, "candidates per verification call")
    retries: int = _f(3, "restarts of a lost actor, and resends of its unfinished calls, before the stage fails")

    def __post_init__(self) -> None:
        if self.generators < 0 or self.verifiers < 0:
            raise ConfigError(f"cluster.generators and cluster.verifiers are counts >= 0 (0: automatic), got "
                              f"{self.generators}, {self.verifiers}")
        check_workers(self.verifier_workers, "cluster.verifier_workers")
        if self.shard < 1 or self.retries < 0:
            raise ConfigError(f"cluster: need shard >= 1 and retries >= 0, got {self.shard}, {self.retries}")


@dataclass
class IterateConfig:
    """`axiom iterate`: the whole expert-iteration job."""

    run: RunConfig = field(default_factory=RunConfig, metadata={"help": "run directory and seed"})
    model: ModelConfig = field(default_factory=ModelConfig, metadata={"help": "base model and backend"})
    problems: ProblemSpec = field(default_factory=ProblemSpec, metadata={"help": "families, levels, splits"})
    generate: GenerateConfig = field(default_factory=GenerateConfig, metadata={"help": "best-of-N sampling"})
    verify: VerifyConfig = field(default_factory=VerifyConfig, metadata={"help": "sandbox limits"})
    recipe: RecipeConfig = field(default_factory=RecipeConfig, metadata={"help": "training data and start point"})
    train: SFTConfig = field(default_factory=SFTConfig, metadata={"help": "LoRA supervised fine-tuning"})
    dpo: LoopDPOConfig = field(default_factory=LoopDPOConfig, metadata={"help": "DPO after SFT (off by default)"})
    evaluate: EvaluateConfig = field(default_factory=EvaluateConfig, metadata={"help": "val/test evaluation"})
    curriculum: CurriculumConfig = field(default_factory=CurriculumConfig, metadata={"help": "training levels"})
    stopping: StoppingConfig = field(default_factory=StoppingConfig, metadata={"help": "keeping and stopping"})
    cluster: ClusterConfig = field(default_factory=ClusterConfig, metadata={"help": "Ray cluster (off by default)"})

    def train_pool(self) -> list[int]:
        """Every level whose training problems the run draws up front: those the curriculum can reach."""
        return pool_levels(self.problems.train_levels(), self.curriculum, self.stopping.iterations)

    def draw_problems(self) -> dict[str, list[Problem]]:
        """The run's train, val and test problems. Every command that reads a loop config draws through here,
        so `axiom eval --config FILE --split test` evaluates exactly the run's test problems."""
        return self.problems.draw(self.train_pool())

    def split_problems(self, split: str) -> list[Problem]:
        """One split of `draw_problems()`, for the commands: train only at `problems.train_difficulties`, where
        training starts (the loop also draws the levels its curriculum may reach)."""
        problems = self.draw_problems()[split]
        return [p for p in problems if p.difficulty in self.problems.train_levels()] if split == "train" else problems


def pool_levels(train_levels: Sequence[int], cfg: CurriculumConfig, iterations: int) -> list[int]:
    """Every level the curriculum can reach in `iterations` moves: their training problems are drawn up front."""
    if not cfg.enabled:
        return sorted(train_levels)
    reach = cfg.step * iterations
    lo = max(cfg.min_level, min(train_levels) - reach)
    hi = min(cfg.max_level, max(train_levels) + reach)
    return sorted(set(train_levels) | set(range(lo, hi + 1)))
