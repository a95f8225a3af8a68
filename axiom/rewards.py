"""Rewards from the sandbox, as TRL reward functions: `(completions, **kwargs) -> list[float]`.

They read the dataset column `problem` (TRL passes every column as a list aligned with
`completions`): each item a problem record (DESIGN.md) as a dict or a JSON string. Completions
may be strings or chat message lists (the assistant's reply is scored). Plain TRL use:

    from trl import GRPOTrainer
    from axiom.rewards import pass_rate_reward, format_reward
    trainer = GRPOTrainer(model=..., reward_funcs=[pass_rate_reward, format_reward], train_dataset=ds)

- `pass_all_reward`: 1.0 when every hidden test passes, else 0.0.
- `pass_rate_reward`: the fraction of tests passed (partial credit).
- `format_reward`: 1.0 for one ```python block that compiles and defines the entry point, 0.5 for
  code that compiles and defines it without that fence, 0.0 otherwise. It never runs code.

A `sandbox_error` verdict is the verifier's fault, not the model's: its reward is None, which TRL
leaves out of the group baseline instead of punishing the completion.

Verdicts are cached per (problem, completion), so pass_all and pass_rate in one step run each
completion once. Limits and worker count: `configure(workers=..., limits=Limits(...))`.

The scoring rules (`RULES`) and the batching in `verdicts()` are shared with the clients of
`axiom serve` (`axiom.serve.client`), which pass their own `run`: a reward is the same number
whether the sandbox runs in this process or behind the service.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from axiom.problems.record import Problem
from axiom.verify import verify
from axiom.verify.extract import defines, extract_code, fenced_blocks
from axiom.verify.records import Verdict

# Verifies one batch: {problem id: Problem}, candidate dicts -> one Verdict per candidate, in order.
Runner = Callable[[dict[str, Problem], list[dict]], Iterable[Verdict]]

_CACHE: OrderedDict[tuple[str, str], Any] = OrderedDict()
_CACHE_SIZE = 8192
_PROBLEMS: dict[str, Problem] = {}
_SETTINGS: dict[str, Any] = {"workers": None, "limits": None}


def configure(workers: int | None = None, limits=None) -> None:
    """Verifier workers and `axiom.verify.Limits` the reward functions use (defaults: the verifier's)."""
    _SETTINGS.update(workers=workers, limits=limits)
    _CACHE.clear()


def pass_all(v: Verdict) -> float | None:
    """The pass_all rule: 1.0 when every test passed, else 0.0; None for the verifier's own failure."""
    return None if v.status == "sandbox_error" else float(v.status == "passed")


def pass_rate(v: Verdict) -> float | None:
    """The pass_rate rule: the fraction of tests passed; None for the verifier's own failure."""
    return None if v.status == "sandbox_error" else float(v.score)


RULES: dict[str, Callable[[Verdict], float | None]] = {"pass_all": pass_all, "pass_rate": pass_rate}


def pass_all_reward(completions: Sequence, problem: Sequence, **kwargs) -> list[float | None]:
    """1.0 when the completion passes every test of its problem, else 0.0 (None on a sandbox error)."""
    return [pass_all(v) for v in verdicts(completions, problem)]


def pass_rate_reward(completions: Sequence, problem: Sequence, **kwargs) -> list[float | None]:
    """The fraction of the problem's tests the completion passes (None on a sandbox error)."""
    return [pass_rate(v) for v in verdicts(completions, problem)]


def format_reward(completions: Sequence, problem: Sequence | None = None, **kwargs) -> list[float]:
    """1.0: one ```python block that compiles and defines the entry point; 0.5: such code unfenced; else 0.0."""
    problems = [parse_problem(p) for p in problem] if problem is not None else [None] * len(completions)
    scores = []
    for text, p in zip(map(completion_text, completions), problems, strict=True):
        entry = p.entry_point if p else None
        code = extract_code(text, entry)
        if not code or not _compiles(code) or (entry and not defines(code, entry)):
            scores.append(0.0)
            continue
        blocks = fenced_blocks(text)
        scores.append(1.0 if len(blocks) == 1 and blocks[0][0] in ("python", "py") else 0.5)
    return scores


def verdicts(completions: Sequence, problem: Sequence, run: Runner | None = None,
             cache: OrderedDict | None = None) -> list[Verdict]:
    """One Verdict per completion, against the aligned problem records, each distinct pair verified once.

    `run` verifies the batch (default: this process's sandbox pool, see `configure`); `cache` holds
    the verdicts of earlier calls (default: this module's, which belongs to the default `run`)."""
    if len(problem) != len(completions):
        raise ValueError(f"{len(completions)} completions but {len(problem)} problems: the `problem` column "
                         "must be aligned with the completions")
    run = run or _run_here
    cache = _CACHE if cache is None else cache
    texts = [completion_text(c) for c in completions]
    records = [parse_problem(p) for p in problem]
    keys = [(_problem_key(p), t) for p, t in zip(records, texts, strict=True)]
    found = {k: cache[k] for k in keys if k in cache}
    todo = {k: i for i, k in enumerate(keys) if k not in found}
    if todo:
        # One id per distinct record: two records that share an id but differ must not be mixed up.
        by_key = {k[0]: records[i] for k, i in todo.items()}
        ids = {key: f"{p.id}#{n}" for n, (key, p) in enumerate(by_key.items())}
        problems = {ids[key]: replace(p, id=ids[key]) for key, p in by_key.items()}
        cands = [{"problem_id": ids[k[0]], "completion": k[1], "sample": n} for n, k in enumerate(todo)]
        for k, v in zip(todo, run(problems, cands), strict=True):
            found[k] = cache[k] = v
            while len(cache) > _CACHE_SIZE:  # a batch larger than the cache still gets all its verdicts
                cache.popitem(last=False)
    return [found[k] for k in keys]


def _run_here(problems: dict[str, Problem], cands: list[dict]) -> Iterable[Verdict]:
    kwargs = {"workers": _SETTINGS["workers"]}
    if _SETTINGS["limits"] is not None:
        kwargs["limits"] = _SETTINGS["limits"]
    return verify(problems, cands, **kwargs)


def completion_text(completion: Any) -> str:
    """A completion as text: a string as is; a chat message list, its last assistant message."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, dict):
        return str(completion.get("content") or "")
    if isinstance(completion, (list, tuple)):
        replies = [m for m in completion if isinstance(m, dict) and m.get("role", "assistant") == "assistant"]
        return str(replies[-1].get("content") or "") if replies else ""
    raise TypeError(f"a completion must be text or chat messages, got {type(completion).__name__}")


def parse_problem(record: Any) -> Problem:
    """A problem record given as a Problem, a dict or a JSON string (parsed once, then cached)."""
    if isinstance(record, Problem):
        return record
    text = record if isinstance(record, str) else json.dumps(record, sort_keys=True)
    p = _PROBLEMS.get(text)
    if p is None:
        if len(_PROBLEMS) > 4096:
            _PROBLEMS.clear()
        p = _PROBLEMS[text] = Problem.from_dict(json.loads(text) if isinstance(record, str) else record)
    return p


def _problem_key(p: Problem) -> str:
    return json.dumps(p.to_dict(), sort_keys=True, default=str)


def _compiles(code: str) -> bool:
    try:
        compile(code, "<completion>", "exec")
    except (SyntaxError, ValueError):
        return False
    return True
