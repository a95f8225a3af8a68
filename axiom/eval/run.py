"""Evaluate a backend on problems: generate (greedy and sampled), verify in the sandbox, merge, score."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import replace

from axiom.errors import ConfigError
from axiom.eval.metrics import compute_metrics
from axiom.generate.backend import Backend, Completion, Sampling
from axiom.problems.record import Problem
from axiom.verify.records import VERDICT_FIELDS


def evaluate(backend: Backend, problems: list[Problem], sampling: Sampling, *, greedy: bool = True,
             ks: Sequence[int] = (1, 8), verifier=None, template=None,
             progress: bool = True) -> tuple[list[dict], dict]:
    """Sample rows and metrics for `problems`.

    With greedy=True each problem gets a greedy sample (sample 0, "greedy": true) and then
    `sampling.n` samples at `sampling.temperature` (samples 1..n). A greedy `sampling`
    (temperature 0) gives only the greedy sample: n copies of it would inflate pass@k.
    `verifier` is a warm `axiom.verify.Verifier` to reuse; without one the shared pool is used.
    Metrics carry "timing" (generation and verification seconds, generated tokens).
    """
    rows, verdicts, timing = generate_and_verify(backend, problems, sampling, greedy=greedy, verifier=verifier,
                                                 template=template, progress=progress)
    metrics = compute_metrics({p.id: p for p in problems}, rows, ks)
    metrics["timing"] = timing
    return rows, metrics


def generate_and_verify(backend: Backend, problems: list[Problem], sampling: Sampling, *, greedy: bool = True,
                        verifier=None, template=None, progress: bool = True) -> tuple[list[dict], list, dict]:
    """(sample rows, full Verdict objects with per-test results, timing) in problem then sample order."""
    from axiom.generate.prompts import build_messages

    if not problems:
        raise ConfigError("nothing to evaluate: the problem list is empty")
    prompts = [build_messages(p, template) for p in problems]
    passes: list[tuple[Sampling, bool]] = []
    if greedy or sampling.greedy:
        passes.append((replace(sampling, n=1, temperature=0.0), True))
    if not sampling.greedy:
        passes.append((sampling, False))
    start = time.perf_counter()
    per_problem: list[list[tuple[Completion, bool]]] = [[] for _ in problems]
    for params, is_greedy in passes:
        for i, row in enumerate(_generate(backend, prompts, params, "greedy" if is_greedy else "sample", progress)):
            per_problem[i] += [(c, is_greedy) for c in row]
    gen_s = time.perf_counter() - start
    rows = []
    for p, comps in zip(problems, per_problem, strict=True):
        for k, (c, is_greedy) in enumerate(comps):
            row = {"problem_id": p.id, "sample": k, "completion": c.text, "tokens": c.completion_tokens,
                   "finish_reason": c.finish_reason}
            if is_greedy:
                row["greedy"] = True
            rows.append(row)
    start = time.perf_counter()
    verdicts = _verify(problems, rows, verifier, progress)
    for row, v in zip(rows, verdicts, strict=True):
        row.update({f: getattr(v, f) for f in VERDICT_FIELDS})
    tokens = sum(c.completion_tokens for comps in per_problem for c, _ in comps if not c.meta.get("duplicate"))
    timing = {"generation_s": round(gen_s, 3), "verify_s": round(time.perf_counter() - start, 3),
              "generated_tokens": tokens, "tokens_per_s": round(tokens / gen_s, 2) if gen_s else None}
    return rows, verdicts, timing


def _generate(backend: Backend, prompts: list, params: Sampling, desc: str, progress: bool) -> list[list[Completion]]:
    from tqdm import tqdm

    from axiom.generate.command import generate_all, progress_chunk

    chunk = progress_chunk(getattr(backend, "name", "hf"), getattr(backend, "batch_size", 32), params)
    with tqdm(total=len(prompts) * params.n, unit="sample", desc=desc, file=sys.stderr, disable=not progress,
              dynamic_ncols=True) as bar:
        return generate_all(backend, prompts, params, chunk, lambda _, r: bar.update(sum(len(x) for x in r)))


def _verify(problems: list[Problem], rows: list[dict], verifier, progress: bool) -> list:
    from tqdm import tqdm

    from axiom.verify import verify

    candidates = [{"problem_id": r["problem_id"], "completion": r["completion"], "sample": r["sample"]}
                  for r in rows]
    stream = verifier.verify(problems, candidates) if verifier is not None else verify(problems, candidates)
    return list(tqdm(stream, total=len(candidates), unit="sample", desc="verify", file=sys.stderr,
                     disable=not progress, dynamic_ncols=True))


def verify_rows(problems: list[Problem], completions: list[dict], verifier=None, ks: Sequence[int] = (1, 8),
                progress: bool = False) -> tuple[list[dict], dict]:
    """Score given completions (dicts with problem_id, sample, completion, optional greedy/tokens/finish_reason)
    without a model: the same merge and metrics as `evaluate`."""
    rows = [dict(c) for c in completions]
    for row, v in zip(rows, _verify(problems, rows, verifier, progress), strict=True):
        row.update({f: getattr(v, f) for f in VERDICT_FIELDS})
    return rows, compute_metrics({p.id: p for p in problems}, rows, ks)
