"""Training sets built from verdicts: SFT examples, teacher traces, replay, and DPO preference pairs.

Input rows are a run's sample rows (a candidate merged with its verdict: `problem_id`, `sample`,
`completion`, `status`, `passed_tests`, `total_tests`, `score`, ...). Output examples use the
trace format of `axiom distill`:

    {"problem_id", "prompt": [chat messages], "completion": "text", "messages": prompt + [assistant],
     "code", "family", "verdict": {...}, "sample"}

Two completions are "the same solution" when their extracted code has the same `code_key` (the
AST: formatting and comments do not count).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from axiom.errors import TrainingDataError
from axiom.eval.metrics import is_mode_collapse
from axiom.generate.prompts import build_messages
from axiom.problems.record import Problem
from axiom.verify.extract import code_key, extract_code
from axiom.verify.records import ROW_FIELDS

CompletionKind = Literal["own", "code"]
Prefer = Literal["first", "shortest"]


def sft_examples(problems: Mapping[str, Problem], rows: Iterable[dict], *, max_per_problem: int = 4,
                 completion: CompletionKind = "own", family_cap: float | None = None, seed: int = 0,
                 template=None, prefer: Prefer = "first") -> list[dict]:
    """Passing rows as SFT examples: distinct solutions per problem, at most `max_per_problem` each.

    `completion="own"` trains on the model's own text; `"code"` on just the extracted code in one
    ```python block. `family_cap` (a share in (0, 1]) keeps any family from holding more than
    that share of the examples (see `balance_families`). Where the cap per problem binds, `prefer`
    picks which solutions stay: `first` in sample order, `shortest` the shortest extracted code
    first (ties in sample order). Rows of unknown problems are an error: they mean the rows and
    the problem file do not belong together.
    """
    _check_options(max_per_problem, completion, family_cap)
    if prefer not in ("first", "shortest"):
        raise TrainingDataError(f"prefer must be 'first' (sample order) or 'shortest' (shortest code), got {prefer!r}")
    out: list[dict] = []
    for row in _sorted_rows(rows):
        if row.get("status") != "passed":
            continue
        problem = _problem(problems, row)
        code = extract_code(row["completion"], problem.entry_point) or ""
        text = row["completion"] if completion == "own" else fence(code)
        prompt = build_messages(problem, template)
        out.append({"problem_id": problem.id, "prompt": prompt, "completion": text,
                    "messages": prompt + [{"role": "assistant", "content": text}], "code": code,
                    "family": problem.family, "verdict": {k: row.get(k) for k in ROW_FIELDS},
                    "sample": row.get("sample", 0)})
    if prefer == "shortest":  # a stable sort: problems keep their order, equal lengths their sample order
        rank = {pid: i for i, pid in enumerate(dict.fromkeys(ex["problem_id"] for ex in out))}
        out.sort(key=lambda ex: (rank[ex["problem_id"]], len(ex["code"].strip())))
    return balance_families(dedupe(out, max_per_problem), family_cap, seed)


def drop_repetitive(rows: Iterable[dict]) -> tuple[list[dict], list[dict]]:
    """(kept, dropped): passing rows whose completion is degenerate repetition (`is_mode_collapse`) are dropped.

    A verified sample can still ramble: a chain of `.replace` calls that passed the hidden tests by luck
    teaches the model to extend the chain until the token limit. Failing rows are kept as they are.
    """
    kept, dropped = [], []
    for row in rows:
        bad = row.get("status") == "passed" and is_mode_collapse(row.get("completion", ""), row.get("finish_reason"))
        (dropped if bad else kept).append(row)
    return kept, dropped


def examples_from_traces(rows: Iterable[dict], problems: Mapping[str, Problem] | None = None, *,
                         max_per_problem: int | None = None, completion: CompletionKind = "own",
                         family_cap: float | None = None, seed: int = 0) -> list[dict]:
    """Teacher traces (`axiom distill` output or the user's JSONL) as SFT examples.

    A row needs `prompt` (chat messages or text) and `completion` (text), or just `messages`
    ending in the assistant's reply. Traces are taken as verified; a row whose `verdict.status`
    says otherwise is dropped. `problems` (optional) supplies families and entry points.
    """
    _check_options(1 if max_per_problem is None else max_per_problem, completion, family_cap)
    out = []
    for i, row in enumerate(rows):
        if (row.get("verdict") or {}).get("status", "passed") != "passed":
            continue
        prompt, text = _split_trace(row, i)
        pid = row.get("problem_id") or (prompt if isinstance(prompt, str) else prompt[-1]["content"])
        problem = problems.get(pid) if problems else None
        code = row.get("code") or _extract(text, problem.entry_point if problem else None)
        text = fence(code) if completion == "code" else text
        messages = prompt + [{"role": "assistant", "content": text}] if isinstance(prompt, list) else None
        out.append({**row, "problem_id": pid, "prompt": prompt, "completion": text, "messages": messages,
                    "code": code, "family": row.get("family") or (problem.family if problem else family_of(pid)),
                    "sample": row.get("sample", i)})
    return balance_families(dedupe(out, max_per_problem), family_cap, seed)


def merge_examples(*example_lists: Sequence[dict], max_per_problem: int | None = None) -> list[dict]:
    """Replay: the first list, then earlier lists' examples that are new solutions, de-duplicated.

    Pass the current iteration first and older ones after it (`merge_examples(now, iter_1, iter_0)`);
    where the cap per problem binds, newer solutions win.
    """
    return dedupe([ex for examples in example_lists for ex in examples], max_per_problem)


def dedupe(examples: Sequence[dict], max_per_problem: int | None = None) -> list[dict]:
    """Keep the first example of each (problem, code_key), at most `max_per_problem` per problem, in order."""
    seen: set[tuple[str, str]] = set()
    count: dict[str, int] = defaultdict(int)
    out = []
    for ex in examples:
        key = (ex["problem_id"], code_key(ex.get("code") or ex["completion"]))
        if key in seen or (max_per_problem is not None and count[key[0]] >= max_per_problem):
            continue
        seen.add(key)
        count[key[0]] += 1
        out.append(ex)
    return out


def balance_families(examples: Sequence[dict], cap: float | None, seed: int = 0) -> list[dict]:
    """Trim families so none holds more than `cap` of the examples; the original order is kept.

    Each family keeps at most m examples, m the largest count for which the cap holds. With fewer
    than 1/cap families the cap cannot hold at all; then every family keeps as many as the
    smallest one (equal shares, the closest possible). Within a family, problems are visited in a
    seeded random order taking one solution each per round, so trimming drops second solutions
    before it drops problems.
    """
    if cap is None or not examples:
        return list(examples)
    by_family: dict[str, list[dict]] = defaultdict(list)
    for ex in examples:
        by_family[ex.get("family") or family_of(ex["problem_id"])].append(ex)
    counts = sorted(len(v) for v in by_family.values())
    m = counts[0]  # equal shares: always reachable
    for candidate in range(counts[-1], counts[0], -1):
        kept = [min(c, candidate) for c in counts]
        if max(kept) <= cap * sum(kept) + 1e-9:
            m = candidate
            break
    keep: set[int] = set()
    rng = random.Random(f"balance|{seed}")
    for name in sorted(by_family):
        keep.update(id(ex) for ex in _round_robin(by_family[name], rng)[:m])
    return [ex for ex in examples if id(ex) in keep]


def preference_pairs(problems: Mapping[str, Problem], rows: Iterable[dict], *, max_pairs_per_problem: int = 4,
                     rejected: Literal["near_miss", "worst"] = "near_miss", completion: CompletionKind = "own",
                     template=None, prefer: Prefer = "first") -> list[dict]:
    """DPO pairs: a passing and a failing completion of the same problem.

    Failing completions are ranked by partial credit (`score`): `near_miss` pairs the highest-scoring
    failures first (hard negatives that differ from a pass in little), `worst` the lowest first.
    Distinct passing solutions are used in turn, picked as `sft_examples` picks them (`prefer`).
    `sandbox_error` rows are the verifier's fault, not the model's, and never become a rejected answer.
    """
    if max_pairs_per_problem < 1:
        raise TrainingDataError(f"max_pairs_per_problem must be >= 1, got {max_pairs_per_problem}")
    if rejected not in ("near_miss", "worst"):
        raise TrainingDataError(f"rejected must be 'near_miss' or 'worst', got {rejected!r}")
    rows = list(_sorted_rows(rows))
    good = sft_examples(problems, rows, max_per_problem=max_pairs_per_problem, completion=completion,
                        template=template, prefer=prefer)
    chosen = defaultdict(list)
    for ex in good:
        chosen[ex["problem_id"]].append(ex)
    bad: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row.get("status") not in ("passed", "sandbox_error") and row["problem_id"] in chosen:
            bad[row["problem_id"]].append(row)
    pairs = []
    for pid, wins in chosen.items():
        problem = problems[pid]
        fails = _distinct_failures(bad[pid], problem)
        fails.sort(key=lambda r: (-(r.get("score") or 0.0) if rejected == "near_miss" else (r.get("score") or 0.0)))
        prompt = build_messages(problem, template)
        for i, fail in enumerate(fails[:max_pairs_per_problem]):
            win = wins[i % len(wins)]
            pairs.append({"problem_id": pid, "family": problem.family, "prompt": prompt,
                          "chosen": win["completion"],
                          "rejected": _as_completion(fail["completion"], problem, completion),
                          "chosen_sample": win["sample"], "rejected_sample": fail.get("sample", 0),
                          "rejected_status": fail.get("status"), "rejected_score": fail.get("score") or 0.0})
    return pairs


def fence(code: str) -> str:
    """Code as the one ```python block our prompts ask for."""
    return f"```python\n{code.strip()}\n```"


def family_of(problem_id: str) -> str:
    """The family part of a procedural id (`rpn/d5/train/000017` -> `rpn`); the whole id otherwise."""
    return problem_id.split("/", 1)[0]


def _distinct_failures(rows: list[dict], problem: Problem) -> list[dict]:
    seen, out = set(), []
    for row in rows:
        key = code_key(_extract(row["completion"], problem.entry_point) or row["completion"])
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def _as_completion(text: str, problem: Problem, completion: CompletionKind) -> str:
    return text if completion == "own" else fence(_extract(text, problem.entry_point) or text)


def _round_robin(examples: list[dict], rng: random.Random) -> list[dict]:
    by_problem: dict[str, list[dict]] = defaultdict(list)
    for ex in examples:
        by_problem[ex["problem_id"]].append(ex)
    order = sorted(by_problem)
    rng.shuffle(order)
    out, depth = [], 0
    while len(out) < len(examples):
        out += [by_problem[p][depth] for p in order if depth < len(by_problem[p])]
        depth += 1
    return out


def _sorted_rows(rows: Iterable[dict]) -> list[dict]:
    # Problem order as given, samples in index order: the same rows always give the same examples.
    rows = list(rows)
    first = {}
    for row in rows:
        first.setdefault(row["problem_id"], len(first))
    return sorted(rows, key=lambda r: (first[r["problem_id"]], r.get("sample", 0)))


def _problem(problems: Mapping[str, Problem], row: dict) -> Problem:
    try:
        return problems[row["problem_id"]]
    except KeyError:
        raise TrainingDataError(f"sample row names problem {row['problem_id']!r}, which is not among the "
                                f"{len(problems)} problems given; pass the problem file the samples came "
                                "from") from None


def _split_trace(row: dict, i: int) -> tuple[list | str, str]:
    if "prompt" in row and isinstance(row.get("completion"), str):
        prompt = row["prompt"]
        if isinstance(prompt, str) or (isinstance(prompt, list) and all(isinstance(m, dict) for m in prompt)):
            return prompt, row["completion"]
    messages = row.get("messages")
    if isinstance(messages, list) and messages and messages[-1].get("role") == "assistant":
        return messages[:-1], messages[-1]["content"]
    raise TrainingDataError(f"trace {i}: needs 'prompt' (chat messages or text) and 'completion' (text), or "
                            f"'messages' ending with the assistant's reply; got keys {sorted(row)}")


def _extract(text: str, entry_point: str | None) -> str:
    return extract_code(text, entry_point) or ""


def _check_options(max_per_problem: int, completion: str, family_cap: float | None) -> None:
    if max_per_problem < 1:
        raise TrainingDataError(f"max_per_problem must be >= 1, got {max_per_problem}")
    if completion not in ("own", "code"):
        raise TrainingDataError(f"completion must be 'own' (the model's text) or 'code' (just the code), "
                                f"got {completion!r}")
    if family_cap is not None and not 0 < family_cap <= 1:
        raise TrainingDataError(f"family_cap is a share in (0, 1], got {family_cap}")
