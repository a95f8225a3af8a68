"""Evaluate a backend on problems: generate (greedy and sampled), verify in the sandbox, merge, score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from axiom.errors import ConfigError
from axiom.eval.metrics import compute_metrics
from axiom.generate.backend import Backend, Sampling
from axiom.generate.batch import sample_and_verify, verify_samples
from axiom.problems.record import Problem


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
    rows, _, timing = generate_and_verify(backend, problems, sampling, greedy=greedy, verifier=verifier,
                                          template=template, progress=progress)
    return rows, score(problems, rows, ks, timing)


def generate_and_verify(backend: Backend, problems: list[Problem], sampling: Sampling, *, greedy: bool = True,
                        verifier=None, template=None, progress: bool = True) -> tuple[list[dict], list, dict]:
    """(sample rows, full Verdict objects with per-test results, timing) in problem then sample order."""
    if not problems:
        raise ConfigError("nothing to evaluate: the problem list is empty")
    passes: list[Sampling] = []
    if greedy or sampling.greedy:
        passes.append(replace(sampling, n=1, temperature=0.0))
    if not sampling.greedy:
        passes.append(sampling)
    return sample_and_verify(backend, problems, passes, verifier=verifier, template=template, mark_greedy=True,
                             progress=progress, desc="evaluate")


def verify_rows(problems: list[Problem], completions: list[dict], verifier=None,
                          ks: Sequence[int] = (1, 8), progress: bool = False) -> tuple[list[dict], dict]:
    """Score given completions (dicts with problem_id, sample, completion, optional greedy/tokens/finish_reason)
    without a model: the same merge and metrics as `evaluate`."""
    rows = [dict(c) for c in completions]
    verify_samples(problems, rows, verifier, progress=progress)
    return rows, score(problems, rows, ks)


def score(problems: list[Problem], rows: list[dict], ks: Sequence[int], timing: dict | None = None,
          heldout: Sequence[str] = ()) -> dict:
    """The metrics of verified rows (`compute_metrics`, with "trained" and "heldout" blocks when `heldout`
    names families), with the run's "timing" where given."""
    metrics = compute_metrics({p.id: p for p in problems}, rows, ks, heldout)
    if timing is not None:
        metrics["timing"] = timing
    return metrics
