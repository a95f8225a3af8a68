"""Metrics over sample rows: pass@k, intervals, partial credit, verdict mix, mode collapse.

A sample row is a candidate merged with its verdict (DESIGN.md): {"problem_id", "sample",
"completion", "status", "passed_tests", "total_tests", "score", "error", "duration_s"}, with
optional "tokens", "finish_reason" and "greedy": true for the greedy sample.

pass@k uses the sampled rows (the greedy row counts only where a problem has no other), greedy
pass@1 the greedy rows. `sandbox_error` rows are the verifier's fault, not the model's: they are
counted apart and left out of every accuracy.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from axiom.errors import AxiomError
from axiom.problems.record import Problem
from axiom.verify.records import status_counts

INVALID_CODE = ("syntax_error", "no_code")  # statuses where no executable Python came out


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased pass@k (Chen et al. 2021): 1 - C(n-c, k) / C(n, k), from n samples of which c passed."""
    if not 0 <= c <= n or k < 1 or k > n:
        raise ValueError(f"pass@k needs 0 <= c <= n and 1 <= k <= n, got n={n} c={c} k={k}")
    if n - c < k:
        return 1.0
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


def wilson(successes: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a proportion; (0, 1) when n is 0. `successes` may be fractional (a mean)."""
    if n <= 0:
        return 0.0, 1.0
    p = min(max(successes / n, 0.0), 1.0)
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def diff_interval(p1: float, n1: int, p2: float, n2: int, z: float = 1.96) -> tuple[float, float]:
    """Interval for p2 - p1 (Newcombe's hybrid score method, built from two Wilson intervals)."""
    l1, u1 = wilson(p1 * n1, n1, z)
    l2, u2 = wilson(p2 * n2, n2, z)
    d = p2 - p1
    return d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)


# "return return", "def def": a keyword twice in a row is never valid Python.
_KEYWORD_TWICE = re.compile(r"\b(def|return|class|import|from|if|elif|else|for|while|lambda|yield|pass|print|"
                            r"try|except|with|assert|raise)\b[ \t]+\1\b")
_WORD_RUN = re.compile(r"(\S+)(?:\s+\1){7,}")  # one token 8+ times in a row
# The same method chained 4+ times: `s.replace(' ', '').replace(',', '').replace('!', '').replace('?', '')`.
# A model that special-cases characters one call at a time; trained on, it learns to extend the chain
# until the token limit (is_palindrome in the v2-cpu run). Flat arguments only: `f(g(x))` does not count.
_CALL_CHAIN = re.compile(r"\.(\w+)\([^()\n]*\)(?:\s*\.\1\([^()\n]*\)){3,}")


def is_mode_collapse(text: str, finish_reason: str | None = None) -> bool:
    """Degenerate repetition: a keyword twice ("return return"), a token 8+ times in a row, the same method
    chained 4+ times (`.replace(..)` x 4), a line or block of lines repeated, or a periodic tail (shorter
    when the completion hit the token limit)."""
    if _KEYWORD_TWICE.search(text) or _WORD_RUN.search(text) or _CALL_CHAIN.search(text):
        return True
    if _repeated_block(text):
        return True
    hit_limit = finish_reason == "length"
    return _periodic_tail(text, window=120 if hit_limit else 400, min_reps=3 if hit_limit else 4)


def _repeated_block(text: str) -> bool:
    """A unit of 1-8 consecutive lines repeated 3+ times in a row, covering 6+ lines and 40+ characters."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for period in range(1, 9):
        run = 0
        for i in range(period, len(lines)):
            run = run + 1 if lines[i] == lines[i - period] else 0
            total = run + period  # lines covered by the repetition so far
            if total >= max(6, 3 * period) and sum(len(x) for x in lines[i - total + 1:i + 1]) >= 40:
                return True
    return False


def _periodic_tail(text: str, window: int, min_reps: int) -> bool:
    """The last `window` characters are one substring repeated at least `min_reps` times."""
    tail = text.rstrip()[-window:]
    if len(tail) < window:
        return False
    for period in range(1, len(tail) // min_reps + 1):
        if tail[period:] == tail[:-period] and tail[:period].strip():
            return True
    return False


def compute_metrics(problems: Mapping[str, Problem], rows: Iterable[dict], ks: Sequence[int] = (1, 8),
                    heldout: Sequence[str] = ()) -> dict:
    """{"overall", "by_family", "by_difficulty", "by_cell"}: one block of metrics each (see `block_metrics`).

    With `heldout` families (never trained on: `problems.heldout_families`) there are two more blocks,
    "trained" and "heldout", over the problems of the other families and of those; each also lists
    its "families" (the held-out ones all, the trained ones as far as they were scored).
    """
    by_problem: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row["problem_id"] not in problems:
            raise AxiomError(f"sample row for unknown problem {row['problem_id']!r}: pass the problems the "
                             "samples were drawn for")
        by_problem[row["problem_id"]].append(row)
    groups: dict[str, dict[str, list[str]]] = {"by_family": defaultdict(list), "by_difficulty": defaultdict(list),
                                               "by_cell": defaultdict(list)}
    for pid in by_problem:
        p = problems[pid]
        groups["by_family"][p.family].append(pid)
        groups["by_difficulty"][str(p.difficulty)].append(pid)
        groups["by_cell"][f"{p.family}/{p.difficulty}"].append(pid)
    out: dict = {"overall": block_metrics([by_problem[p] for p in by_problem], ks)}
    if heldout:
        out.update(transfer_blocks(problems, by_problem, ks, heldout))
    for name, group in groups.items():
        keys = sorted(group, key=lambda g: (int(g) if g.isdigit() else g) if name != "by_cell" else
                      (g.rsplit("/", 1)[0], int(g.rsplit("/", 1)[1])))
        out[name] = {g: block_metrics([by_problem[p] for p in group[g]], ks) for g in keys}
    return out


def transfer_blocks(problems: Mapping[str, Problem], by_problem: Mapping[str, list[dict]], ks: Sequence[int],
                    heldout: Sequence[str]) -> dict:
    """{"trained": block, "heldout": block}: the problems of trained and of held-out families apart."""
    held = set(heldout)
    out = {}
    for key, inside in (("trained", False), ("heldout", True)):
        pids = [pid for pid in by_problem if (problems[pid].family in held) == inside]
        families = sorted(held) if inside else sorted({problems[pid].family for pid in pids})
        out[key] = {**block_metrics([by_problem[p] for p in pids], ks), "families": families}
    return out


def block_metrics(per_problem: list[list[dict]], ks: Sequence[int]) -> dict:
    """Metrics of one group of problems, each given as its list of sample rows."""
    rows = [r for rs in per_problem for r in rs]
    statuses = status_counts(r["status"] for r in rows)
    scored = [[r for r in rs if r["status"] != "sandbox_error"] for rs in per_problem]
    sampled = [[r for r in rs if not r.get("greedy")] or rs for rs in scored]
    sampled = [rs for rs in sampled if rs]
    greedy = [r for rs in scored for r in rs if r.get("greedy")]
    n_p = len(sampled)
    m: dict = {"n_problems": len(per_problem), "n_samples": len(rows),
               "samples_per_problem": min((len(rs) for rs in sampled), default=0)}
    for k in ks:
        if n_p and all(len(rs) >= k for rs in sampled):
            value = sum(pass_at_k(len(rs), sum(r["status"] == "passed" for r in rs), k) for rs in sampled) / n_p
            m[f"pass@{k}"] = value
            m[f"pass@{k}_ci"] = list(wilson(value * n_p, n_p))
    if greedy:
        solved = sum(r["status"] == "passed" for r in greedy)
        m["greedy_pass@1"] = solved / len(greedy)
        m["greedy_pass@1_ci"] = list(wilson(solved, len(greedy)))
        m["greedy_solved"] = solved
    m["solved"] = sum(any(r["status"] == "passed" for r in rs) for rs in scored)
    judged = [r for rs in scored for r in rs]
    m["partial_credit"] = _mean(r.get("score", 0.0) for r in judged)
    m["syntax_valid_rate"] = _mean(r["status"] not in INVALID_CODE for r in judged)
    m["statuses"] = statuses
    m["sandbox_errors"] = statuses.get("sandbox_error", 0)
    m["mode_collapse_rate"] = _mean(is_mode_collapse(r.get("completion", ""), r.get("finish_reason"))
                                    for r in rows)
    m["mean_chars"] = _mean(len(r.get("completion", "")) for r in rows)
    tokens = [r.get("tokens", r.get("completion_tokens")) for r in rows]
    if tokens and all(t is not None for t in tokens):
        m["mean_tokens"] = _mean(tokens)
    return m


def _mean(values: Iterable) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def headline(block: Mapping) -> tuple[str, float | None, tuple[float, float], int]:
    """The accuracy a report leads with: greedy pass@1 when there is one, else pass@1; (name, value, ci, n)."""
    for name in ("greedy_pass@1", "pass@1"):
        if block.get(name) is not None:
            return name, block[name], tuple(block[f"{name}_ci"]), block["n_problems"]
    return "pass@1", None, (0.0, 1.0), block.get("n_problems", 0)
