"""Sampling many prompts, checking the samples in the sandbox, and merging the verdicts into rows.

The one path every caller takes: `axiom generate` samples (`sample`); the loop samples in one
stage (`sample_rows`) and verifies in the next (`verify_samples`); `axiom eval` and `axiom distill`
do both at once (`sample_and_verify`). A sample row is

    {"problem_id", "sample", "completion", "tokens", "finish_reason", ["greedy": true]}

and `verify_samples` adds the verdict's `ROW_FIELDS` (status, passed_tests, ...) to it.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from axiom.generate.backend import Backend, Completion, Prompt, Sampling, load_backend
from axiom.generate.prompts import PromptTemplate, get_template, template_for
from axiom.problems.record import Problem
from axiom.verify.pool import Verifier, verify
from axiom.verify.records import Verdict


def quiet_transformers() -> None:
    # "Loading weights" bars on every load would drown our own progress bar.
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        return
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()


def open_backend(name: str, model: str, adapter: str | None = None, **options: Any) -> Backend:
    """`load_backend` with transformers' own loading bars and warnings silenced."""
    quiet_transformers()
    return load_backend(name, model, adapter=adapter, **options)


class Progress:
    """A progress bar over samples that also shows generated tokens per second.

    Backends call it as they decode (`progress(tokens, samples)`: tokens just generated, samples
    just finished), so the bar moves within a long batch, not only when one ends. Safe to call
    from several threads (the openai backend's requests).
    """

    def __init__(self, total: int, desc: str, enabled: bool = True) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="sample", desc=desc, file=sys.stderr, disable=not enabled,
                        dynamic_ncols=True)
        self.tokens, self.start, self._lock = 0, time.perf_counter(), threading.Lock()

    def __call__(self, tokens: int, samples: int) -> None:
        with self._lock:
            self.tokens += tokens
            elapsed = time.perf_counter() - self.start
            self.bar.set_postfix_str(f"{self.tokens / elapsed:.1f} tok/s" if elapsed else "", refresh=False)
            self.bar.update(samples)

    def close(self) -> None:
        self.bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def progress_chunk(backend: Backend, params: Sampling) -> int:
    """Prompts per generate() call: hf, one forward batch; others, many at once.

    The hf backend draws each batch's seed from its position within a call, so these groups are
    part of what a seed means: keep them, and the same seed gives the same samples.
    """
    if hasattr(backend, "chunk_prompts"):
        return backend.chunk_prompts(params)  # a backend that spreads its calls itself (axiom.cluster)
    return prompts_per_call(getattr(backend, "name", "hf"), getattr(backend, "batch_size", 32), params)


def prompts_per_call(backend: str, batch_size: int, params: Sampling) -> int:
    """`progress_chunk` for a backend known by its name and batch size (the cluster's actors hold the backend)."""
    if backend != "hf":
        return 64
    return max(1, batch_size // (1 if params.greedy else params.n))


def sample(backend: Backend, prompts: Sequence[Prompt], params: Sampling,
           progress: Progress | None = None) -> list[list[Completion]]:
    """`params.n` completions per prompt, in prompt order; `progress` moves as the backend decodes."""
    chunk = progress_chunk(backend, params)
    out: list[list[Completion]] = []
    for start in range(0, len(prompts), chunk):
        out += backend.generate(prompts[start:start + chunk], params, progress=progress)
    return out


def prompts_for(backend: Backend, problems: Sequence[Problem], template: PromptTemplate | str | None = None,
                params: Sampling | None = None) -> tuple[list[Prompt], Sampling | None]:
    """Each problem's prompt and the sampling to use: `template`, else each problem's own template for this
    backend (the `plain` one for a model without a chat template, `ChatPrompts.chat`). Where every prompt's
    template has stop strings, they are added to `params`' own."""
    fixed = get_template(template) if isinstance(template, str) else template
    chat = getattr(backend, "chat", True)  # an HTTP chat API has no tokenizer here: chat messages
    templates = [fixed or template_for(p, chat) for p in problems]
    prompts: list[Prompt] = [t.sampling_prompt(p) for t, p in zip(templates, problems, strict=True)]
    stops = {t.stop for t in templates}
    if params is not None and len(stops) == 1 and (extra := [s for s in stops.pop() if s not in params.stop]):
        params = replace(params, stop=params.stop + tuple(extra))
    return prompts, params


def generated_tokens(rows: Sequence[Sequence[Completion]]) -> int:
    """Tokens the model generated (a greedy sample's copies generate none)."""
    return sum(c.completion_tokens for row in rows for c in row if not c.meta.get("duplicate"))


def sample_rows(backend: Backend, problems: Sequence[Problem], passes: Sequence[tuple[Sampling, Sequence[Problem]]],
                *, template: PromptTemplate | str | None = None, desc: str = "generate", progress: bool = True,
                mark_greedy: bool = False, bar: Progress | None = None) -> tuple[list[dict], dict[str, Any]]:
    """Sample rows for `problems`, in their order, and {"generation_s", "generated_tokens"}.

    Each pass samples its own problems (a subset of `problems`) with its own parameters. A
    problem's rows are the completions of every pass that includes it, in pass order, numbered
    from 0. With `mark_greedy`, rows of a greedy pass carry "greedy": true. `bar`: a caller's
    progress bar over several calls (then `desc` and `progress` are unused; the caller closes it).
    """
    total = sum(len(ps) * params.n for params, ps in passes)
    per_problem: dict[str, list[tuple[Completion, bool]]] = {p.id: [] for p in problems}
    start, tokens = time.perf_counter(), 0
    with contextlib.nullcontext(bar) if bar is not None else Progress(total, desc, progress) as bar:
        for params, ps in passes:
            if not ps:
                continue
            prompts, pass_params = prompts_for(backend, ps, template, params)
            done = sample(backend, prompts, pass_params, bar)
            tokens += generated_tokens(done)
            for p, row in zip(ps, done, strict=True):
                per_problem[p.id] += [(c, mark_greedy and params.greedy) for c in row]
    seconds = time.perf_counter() - start
    rows = []
    for p in problems:
        for k, (c, greedy) in enumerate(per_problem[p.id]):
            row = {"problem_id": p.id, "sample": k, "completion": c.text, "tokens": c.completion_tokens,
                   "finish_reason": c.finish_reason}
            if greedy:
                row["greedy"] = True
            rows.append(row)
    return rows, {"generation_s": seconds, "generated_tokens": tokens}


def verify_samples(problems: Mapping[str, Problem] | Sequence[Problem], rows: list[dict],
                   verifier: Verifier | None = None, *, desc: str = "verify", progress: bool = True) -> list[Verdict]:
    """Check each row's completion in the sandbox and merge its verdict (`ROW_FIELDS`) into the row.

    `verifier` is a warm `Verifier` to reuse; without one the shared pool is used. Returns the full
    verdicts (with per-test results), in row order.
    """
    from tqdm import tqdm

    candidates = [{"problem_id": r["problem_id"], "completion": r["completion"], "sample": r["sample"]} for r in rows]
    stream = verifier.verify(problems, candidates) if verifier is not None else verify(problems, candidates)
    verdicts = list(tqdm(stream, total=len(candidates), unit="sample", desc=desc, file=sys.stderr,
                         disable=not progress, dynamic_ncols=True))
    for row, v in zip(rows, verdicts, strict=True):
        row.update(v.row_fields())
    return verdicts


def sample_and_verify(backend: Backend, problems: Sequence[Problem], passes: Sequence[Sampling], *,
                      verifier: Verifier | None = None, template: PromptTemplate | str | None = None,
                      mark_greedy: bool = False, progress: bool = True, desc: str = "generate",
                      bar: Progress | None = None) -> tuple[list[dict], list[Verdict], dict[str, Any]]:
    """Sample every problem once per pass, verify, merge: (rows, verdicts, timing).

    timing: generation and verification seconds, generated tokens and tokens per second. `bar`: a
    caller's generation bar over several calls (see `sample_rows`); `progress` still shows verification.
    """
    rows, gen = sample_rows(backend, problems, [(params, problems) for params in passes], template=template,
                            desc=desc, progress=progress, mark_greedy=mark_greedy, bar=bar)
    start = time.perf_counter()
    verdicts = verify_samples(problems, rows, verifier, progress=progress)
    gen_s, tokens = gen["generation_s"], gen["generated_tokens"]
    timing = {"generation_s": round(gen_s, 3), "verify_s": round(time.perf_counter() - start, 3),
              "generated_tokens": tokens, "tokens_per_s": round(tokens / gen_s, 2) if gen_s else None}
    return rows, verdicts, timing
