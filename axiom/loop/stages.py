"""The stages of one iteration. Each reads the run directory, writes its files atomically and returns
the record that `orchestrator` stores once it has finished.

GENERATE (best-of-N on the active training problems) -> VERIFY -> COLLECT (the training set:
verified, de-duplicated, capped, replayed, teacher traces) -> TRAIN (LoRA) -> EVALUATE (val, test).
On a CPU they run one after another with all cores each: the verifier pool sits idle while torch
trains, and no model is held while the verifier works.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from axiom.cluster import RayBackend, RayVerifier
from axiom.eval.run import evaluate as run_eval
from axiom.generate.batch import open_backend, sample_rows, verify_samples
from axiom.generate.prompts import PromptTemplate, auto_template
from axiom.jsonl import read_jsonl, write_jsonl
from axiom.loop.config import IterateConfig
from axiom.loop.curriculum import active_problems, solve_rates
from axiom.loop.rundir import RunDir
from axiom.loop.stopping import LoopState
from axiom.memory import free_memory, in_child
from axiom.problems.record import Problem
from axiom.train.data import (
    balance_families,
    drop_repetitive,
    examples_from_traces,
    merge_examples,
    preference_pairs,
    sft_examples,
)
from axiom.train.dpo import train_dpo
from axiom.train.launch import train_parallel
from axiom.train.sft import train_sft
from axiom.verify.pool import Verifier
from axiom.verify.records import Limits, status_counts

SPLITS = ("train", "val", "test")


@dataclass
class Context:
    """What every stage needs: the config, the run directory, the problems and the warm workers."""

    cfg: IterateConfig
    run: RunDir
    problems: dict[str, list[Problem]]
    progress: bool = True
    _verifier: Any = None
    _backend: tuple[str | None, Any] | None = field(default=None, repr=False)

    @cached_property
    def by_id(self) -> dict[str, Problem]:
        return {p.id: p for split in SPLITS for p in self.problems[split]}

    def verifier(self):
        if self._verifier is None:
            v = self.cfg.verify
            limits = Limits(timeout_s=v.timeout_s, memory_mb=v.memory_mb)
            if self.cfg.cluster.address:
                self._verifier = RayVerifier(self.cfg.cluster, limits, allow_weak_sandbox=v.allow_weak_sandbox or None)
            else:
                self._verifier = Verifier(workers=v.workers, limits=limits,
                                          allow_weak_sandbox=v.allow_weak_sandbox or None)
        return self._verifier

    def backend(self, adapter: str | None):
        """The generation backend with `adapter` merged; the last one is kept while the adapter is the same."""
        if self._backend is not None and self._backend[0] == adapter:
            return self._backend[1]
        self.release_backend()
        m = self.cfg.model
        if self.cfg.cluster.address:
            backend = RayBackend(self.cfg.cluster, m.backend, m.name, adapter, m.backend_options())
        else:
            backend = open_backend(m.backend, m.name, adapter, **m.backend_options())
        self._backend = (adapter, backend)
        return backend

    def release_backend(self) -> None:
        """Free the model before training (two copies of the weights do not fit everywhere)."""
        if self._backend is not None and hasattr(self._backend[1], "close"):
            self._backend[1].close()  # a cluster's generation actors
        self._backend = None
        free_memory()

    def close(self) -> None:
        self.release_backend()
        if self._verifier is not None:
            self._verifier.close()
            self._verifier = None

    def adapter(self, iteration: int | None) -> str | None:
        return None if not iteration else str(self.run.checkpoint(iteration))


def rows_of(path) -> list[dict]:
    return [row for _, row in read_jsonl(path)]


def generate(ctx: Context, k: int, state: LoopState) -> dict[str, Any]:
    """Best-of-N samples of the current policy on the active training problems -> candidates file."""
    cfg = ctx.cfg
    problems = active_problems(ctx.problems["train"], state.levels)
    params = cfg.generate.sampling(k, seed=cfg.run.seed * 1000 + k)
    n, temperature = params.n, params.temperature
    backend = ctx.backend(ctx.adapter(state.policy))
    boosted = boosted_families(ctx, k)
    # Two groups, each with its own n (and seed): the boosted families' problems, and the rest.
    groups = [(params, [p for p in problems if p.family not in boosted]),
              (replace(params, n=n * cfg.generate.boost_factor, seed=params.seed + 500),
               [p for p in problems if p.family in boosted])]
    rows, timing = sample_rows(backend, problems, groups, template=cfg.generate.fixed_template(),
                               desc=f"iter {k} generate", progress=ctx.progress)
    seconds = timing["generation_s"]
    write_jsonl(ctx.run.candidates(k), rows)
    tokens = sum(r["tokens"] for r in rows)
    return {"problems": len(problems), "samples": len(rows), "n": n, "temperature": temperature,
            "boosted": {f: round(rate, 4) for f, rate in sorted(boosted.items())},
            "policy": state.policy, "tokens": tokens, "tokens_per_s": round(tokens / seconds, 2) if seconds else None}


def boosted_families(ctx: Context, k: int) -> dict[str, float]:
    """Families whose share of passing samples is under `generate.boost_below`, with that share.

    The share comes from iteration k-1's training samples, or at iteration 1 from the baseline's val
    samples (val already steers keeping and stopping; test is never read).
    """
    below = ctx.cfg.generate.boost_below
    if below <= 0 or ctx.cfg.generate.boost_factor == 1:
        return {}
    source = ctx.run.samples(k - 1) if k > 1 else ctx.run.samples(0, "val")
    if not source.is_file():
        return {}
    heldout = ctx.cfg.problems.heldout_families  # in the baseline's val samples, but never sampled for training
    return {f: rate for f, rate in solve_rates(ctx.by_id, rows_of(source)).items()
            if rate < below and f not in heldout}


def verify(ctx: Context, k: int) -> dict[str, Any]:
    """Verdicts for the candidates, merged into sample rows -> samples/iter_K.jsonl."""
    rows = rows_of(ctx.run.candidates(k))
    verify_samples(ctx.by_id, rows, ctx.verifier(), desc=f"iter {k} verify", progress=ctx.progress)
    write_jsonl(ctx.run.samples(k), rows)
    ctx.run.candidates(k).unlink(missing_ok=True)
    statuses = status_counts(row["status"] for row in rows)
    return {"samples": len(rows), "passed": statuses.get("passed", 0), "statuses": statuses,
            "problems_solved": len({r["problem_id"] for r in rows if r["status"] == "passed"})}


def collect(ctx: Context, k: int) -> dict[str, Any]:
    """This iteration's training set -> solutions/iter_K.jsonl.

    With replay, earlier iterations' verified samples come too (newest first where the cap per
    problem binds); teacher traces are added; then the family cap applies to the whole set. With
    `recipe.drop_repetitive`, degenerate samples are left out first (of every iteration read) and
    counted by family in `dropped_repetitive`. Examples of held-out families (`problems.heldout_families`;
    only teacher traces can hold them) are left out and counted in `left_out_heldout`.
    """
    recipe, by_id = ctx.cfg.recipe, ctx.by_id
    seed = ctx.cfg.run.seed
    dropped: list[dict] = []
    narrow: list[dict] = []

    def own(j: int) -> list[dict]:
        rows = rows_of(ctx.run.samples(j))
        if recipe.drop_repetitive:
            rows, gone = drop_repetitive(rows)
            dropped.extend(gone)
        if recipe.check_level_above:
            rows, gone = narrow_solutions(rows, by_id, ctx.problems["train"], ctx.verifier())
            narrow.extend(gone)
        examples = sft_examples(by_id, rows, max_per_problem=recipe.max_per_problem, completion=recipe.completion,
                                seed=seed, prefer=recipe.prefer, template=training_template(ctx.cfg))
        return [{**ex, "source": f"iter_{j}"} for ex in examples]

    older = [own(j) for j in range(k - 1, 0, -1)] if recipe.replay else []
    examples = merge_examples(own(k), *older, max_per_problem=recipe.max_per_problem)
    if recipe.teacher_traces:
        teacher = examples_from_traces(rows_of(recipe.teacher_traces), by_id, max_per_problem=recipe.max_per_problem,
                                       completion=recipe.completion, seed=seed)
        examples += [{**ex, "source": "teacher"} for ex in teacher]
    heldout = ctx.cfg.problems.heldout_families
    unseen = [ex for ex in examples if ex.get("family") in heldout]
    examples = balance_families([ex for ex in examples if ex.get("family") not in heldout], recipe.family_cap, seed)
    write_jsonl(ctx.run.solutions(k), examples)
    record = {"examples": len(examples), "by_source": _count(ex["source"] for ex in examples),
              "by_family": _count(ex["family"] for ex in examples)}
    if recipe.drop_repetitive:
        record["dropped_repetitive"] = _count(by_id[r["problem_id"]].family if r["problem_id"] in by_id
                                              else r["problem_id"] for r in dropped)
    if recipe.check_level_above:
        record["dropped_narrow"] = _count(by_id[r["problem_id"]].family for r in narrow)
    if heldout:
        record["left_out_heldout"] = _count(ex["family"] for ex in unseen)
    return record


def narrow_solutions(rows: list[dict], by_id: dict[str, Problem], train: list[Problem],
                     verifier) -> tuple[list[dict], list[dict]]:
    """(kept, narrow): the rows without the verified solutions that fail a problem one level above their own.

    The check problem is the first training problem (by id) of the same family at the next level the run
    drew; a solution at the top level drawn is kept unchecked. Rows that did not pass are kept as they are.
    """
    above: dict[tuple[str, int], Problem] = {}
    for p in sorted(train, key=lambda p: p.id):
        above.setdefault((p.family, p.difficulty - 1), p)
    checks = [(i, above[p.family, p.difficulty]) for i, r in enumerate(rows) if r["status"] == "passed"
              and (p := by_id.get(r["problem_id"])) is not None and (p.family, p.difficulty) in above]
    candidates = [{"problem_id": q.id, "completion": rows[i]["completion"], "sample": n}
                  for n, (i, q) in enumerate(checks)]
    failed = {i for (i, _), v in zip(checks, verifier.verify(by_id, candidates), strict=True) if v.status != "passed"}
    return [r for i, r in enumerate(rows) if i not in failed], [rows[i] for i in sorted(failed)]


def _count(keys) -> dict[str, int]:
    out: dict[str, int] = {}
    for key in keys:
        out[key] = out.get(key, 0) + 1
    return dict(sorted(out.items()))


def train(ctx: Context, k: int, state: LoopState) -> dict[str, Any]:
    """LoRA SFT on the collected set -> checkpoints/iter_K/ (from the base model, or the last kept adapter)."""
    ctx.release_backend()
    examples = rows_of(ctx.run.solutions(k))
    start_from = ctx.adapter(state.policy) if ctx.cfg.recipe.train_from == "previous" else None
    if not examples:
        return {"skipped": "no verified solutions to train on", "start_from": start_from}
    cfg = replace(ctx.cfg.train, seed=ctx.cfg.train.seed + 1000 * ctx.cfg.run.seed + k)
    out = ctx.run.sft_checkpoint(k) if ctx.cfg.dpo.enabled else ctx.run.checkpoint(k)
    if cfg.processes > 1:  # torchrun's ranks are processes of their own, as in_child's is
        result = train_parallel("sft", ctx.cfg.model.name, examples, str(out), cfg, adapter=start_from,
                                progress=ctx.progress)
    else:
        result = in_child(train_sft, ctx.cfg.model.name, examples, str(out), cfg, adapter=start_from,
                          progress=ctx.progress)
    return {**result, "start_from": start_from, "seed": cfg.seed}


def dpo(ctx: Context, k: int) -> dict[str, Any]:
    """DPO on the SFT adapter: a passing and a failing sample of one training problem -> checkpoints/iter_K/.

    With no pair to learn from (every problem all-pass or all-fail) the SFT adapter is the iteration's.
    """
    d = ctx.cfg.dpo
    sft, out = ctx.run.sft_checkpoint(k), ctx.run.checkpoint(k)
    rows, recipe = rows_of(ctx.run.samples(k)), ctx.cfg.recipe
    if recipe.drop_repetitive:  # a degenerate pass is no answer to prefer
        rows, _ = drop_repetitive(rows)
    pairs = preference_pairs(ctx.by_id, rows, max_pairs_per_problem=d.pairs_per_problem, rejected=d.rejected,
                             completion=recipe.completion, prefer=recipe.prefer,
                             template=training_template(ctx.cfg))
    if not pairs:
        tmp = out.with_name(f".{out.name}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(sft, tmp)
        shutil.rmtree(out, ignore_errors=True)
        tmp.rename(out)
        return {"skipped": "no problem has both a passing and a failing sample", "pairs": 0}
    cfg = replace(d, seed=d.seed + 1000 * ctx.cfg.run.seed + k)
    if cfg.processes > 1:
        result = train_parallel("dpo", ctx.cfg.model.name, pairs, str(out), cfg, adapter=str(sft),
                                progress=ctx.progress)
    else:
        result = in_child(train_dpo, ctx.cfg.model.name, pairs, str(out), cfg, adapter=str(sft),
                          progress=ctx.progress)
    return {**result, "pairs": len(pairs), "by_family": _count(p["family"] for p in pairs), "seed": cfg.seed}


def evaluate(ctx: Context, k: int, split: str, trained: bool, state: LoopState | None) -> dict[str, Any]:
    """Greedy and sampled completions on a held-out split, verified -> samples/iter_K.SPLIT.jsonl.

    When iteration k trained nothing its model is the policy's, whose rows are copied: the
    evaluation seed is the same every iteration, so re-running would give the same rows.
    """
    if k > 0 and not trained:
        source = state.policy or 0
        shutil.copyfile(ctx.run.samples(source, split), ctx.run.samples(k, split))
        return {"copied_from": source}
    e = ctx.cfg.evaluate
    sampling = e.sampling(ctx.cfg.run.seed, sampled_eval(ctx.cfg, k))
    backend = ctx.backend(ctx.adapter(k))
    if ctx.progress:
        print(f"iter {k} evaluate {split}", file=sys.stderr)
    rows, metrics = run_eval(backend, ctx.problems[split], sampling, greedy=e.greedy, ks=eval_ks(ctx.cfg, k),
                             verifier=ctx.verifier(), template=ctx.cfg.generate.fixed_template(),
                             progress=ctx.progress)
    write_jsonl(ctx.run.samples(k, split), rows)
    return {"samples": len(rows), **metrics.get("timing", {})}


def training_template(cfg: IterateConfig) -> PromptTemplate | str | None:
    """The template of the training prompts: the sampling's (`generate.template`), else what `auto` means for
    the model (`auto_template`)."""
    return cfg.generate.fixed_template() or auto_template(cfg.model.name)


def sampled_eval(cfg: IterateConfig, k: int) -> bool:
    """Does iteration k's evaluation draw `evaluate.samples` samples (else greedy only)?"""
    e = cfg.evaluate
    return e.samples > 0 and (e.sampled_at == "every" or k in (0, cfg.stopping.iterations) or not e.greedy)


def eval_ks(cfg: IterateConfig, k: int) -> tuple[int, ...]:
    """The configured k values that iteration k's number of samples supports."""
    return cfg.evaluate.ks_for(sampled_eval(cfg, k))
