"""pass@k, Wilson intervals, the mode-collapse detector and compute_metrics, against hand-computed values."""

import json
import math
from pathlib import Path

import pytest

from axiom.eval.metrics import compute_metrics, diff_interval, is_mode_collapse, pass_at_k, wilson
from axiom.problems.record import Problem
from axiom.problems.record import TestCase as Case


@pytest.mark.parametrize("n,c,k,expected", [
    (1, 1, 1, 1.0), (1, 0, 1, 0.0),
    (10, 3, 1, 0.3),                      # pass@1 is c/n
    (5, 2, 2, 1 - 3 / 10),                # 1 - C(3,2)/C(5,2) = 1 - 3/10
    (8, 1, 8, 1.0),                       # one pass among all 8 drawn
    (8, 0, 8, 0.0),
    (10, 2, 5, 1 - 56 / 252),             # C(8,5)=56, C(10,5)=252
    (20, 5, 8, 1 - 6435 / 125970),        # C(15,8)=6435, C(20,8)=125970
    (4, 3, 2, 1.0),                       # n - c < k: every draw of 2 holds a pass
])
def test_pass_at_k_hand_computed(n, c, k, expected):
    assert pass_at_k(n, c, k) == pytest.approx(expected, abs=1e-12)


def test_pass_at_k_matches_chen_numerically_stable_form():
    # The estimator as written in Chen et al.'s codex paper: 1 - prod(1 - k / arange(n - c + 1, n + 1)).
    for n, c, k in [(200, 13, 1), (200, 13, 10), (200, 13, 100), (50, 49, 7)]:
        stable = 1.0 - math.prod(1 - k / i for i in range(n - c + 1, n + 1))
        assert pass_at_k(n, c, k) == pytest.approx(stable, rel=1e-9)


@pytest.mark.parametrize("bad", [(3, 4, 1), (3, 1, 4), (3, 1, 0), (3, -1, 1)])
def test_pass_at_k_rejects_impossible_counts(bad):
    with pytest.raises(ValueError):
        pass_at_k(*bad)


@pytest.mark.parametrize("s,n,lo,hi", [
    (8, 10, 0.4902, 0.9433),   # textbook values (e.g. Wikipedia / statsmodels proportion_confint method="wilson")
    (0, 10, 0.0, 0.2775),
    (10, 10, 0.7225, 1.0),
    (5, 5, 0.5655, 1.0),       # 5/5 in a cell: anything above 57% is consistent with it
    (50, 100, 0.4038, 0.5962),
])
def test_wilson_known_values(s, n, lo, hi):
    got = wilson(s, n)
    assert got[0] == pytest.approx(lo, abs=1e-4) and got[1] == pytest.approx(hi, abs=1e-4)


def test_wilson_empty_and_difference_interval():
    assert wilson(0, 0) == (0.0, 1.0)
    lo, hi = diff_interval(0.4, 5, 0.6, 5)        # 2/5 -> 3/5: a 20-point change on 5 problems is noise
    assert lo < 0 < hi
    lo, hi = diff_interval(0.1, 200, 0.6, 200)    # 10% -> 60% on 200 problems is not
    assert 0.4 < lo < 0.5 < hi < 0.6


COLLAPSED = [
    "def add(a, b):\n    return return a + b",
    "def def def add(a, b):",
    "```python\ndef f(x):\n    return x\n```\n" + "print(f(1))\n" * 8,
    "def f(x):\n" + "    x = x + 1\n    y = x * 2\n" * 5 + "    return y\n",
    "The answer is " + "the the " * 10,
    "def f(s):\n    return s" + "[::-1]" * 40,                       # hit the limit mid-repetition
    # the same method chained 4+ times, even with other arguments and when it passed (v2-cpu, is_palindrome)
    "def is_palindrome(s: str) -> bool:\n    t = s.lower().replace(' ', '').replace(', ', '').replace('!', '')"
    ".replace('?', '')\n    return t == t[::-1]\n",
    "def f(s):\n    return (s.replace('a', '')\n             .replace('b', '')\n             .replace('c', '')\n"
    "             .replace('d', ''))\n",
]


@pytest.mark.parametrize("text", COLLAPSED)
def test_mode_collapse_detects_repetition(text):
    assert is_mode_collapse(text, "length")


def test_truncated_repetition_needs_fewer_repeats_when_the_limit_was_hit():
    text = "def f(n):\n    return n\n" + "abcdefghijklmnopqrstuvwxyz0123456789" * 4
    assert is_mode_collapse(text, "length") and not is_mode_collapse(text, "stop")


NORMAL = [
    "def add(a: int, b: int) -> int:\n    return a + b\n",
    "```python\ndef fizzbuzz(start, end):\n    out = []\n    for i in range(start, end + 1):\n"
    "        if i % 15 == 0:\n            out.append('FizzBuzz')\n        elif i % 3 == 0:\n"
    "            out.append('Fizz')\n        elif i % 5 == 0:\n            out.append('Buzz')\n"
    "        else:\n            out.append(str(i))\n    return out\n```",
    "def f(grid):\n    return [[0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1]]\n",
    "def is_valid(s):\n    stack = []\n    for ch in s:\n        if ch in '([{':\n            stack.append(ch)\n"
    "        else:\n            if not stack:\n                return False\n            stack.pop()\n"
    "    return not stack\n",
    # three calls of one method, or four of different ones, are ordinary code
    "def f(s):\n    return s.replace(' ', '').replace(',', '').replace('!', '') == s\n",
    "def f(s):\n    return s.strip().lower().replace('-', ' ').split()\n",
    "def f(a, b):\n    out = []\n    out.append(a)\n    out.append(b)\n    out.append(a + b)\n    out.append(a * b)\n"
    "    return max(d.get(a, 0), d.get(b, 0), d.get(a + b, 0), d.get(a * b, 0))\n",
    "Here is the solution.\n\n```python\ndef reverse_string(s: str) -> str:\n    return s[::-1]\n```\n"
    "It uses slicing with a step of -1.",
]


@pytest.mark.parametrize("text", NORMAL)
def test_mode_collapse_passes_normal_code(text):
    assert not is_mode_collapse(text, "stop") and not is_mode_collapse(text, "length")


def test_mode_collapse_rate_on_real_completions_is_low():
    # 64 real completions (tests/generate/data); a detector that flags many of them is useless.
    flagged, total = 0, 0
    for path in Path(__file__).parents[1].joinpath("generate", "data").glob("completions_*.jsonl"):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            total += 1
            flagged += is_mode_collapse(row["completion"], row.get("finish_reason"))
    assert total >= 60 and flagged / total < 0.15


def problem(pid: str, family: str, d: int) -> Problem:
    return Problem(id=pid, family=family, difficulty=d, prompt="p", entry_point="f",
                   tests=(Case(args=[1], expected=1),))


def row(pid, k, status, score=None, greedy=False, text="def f(x):\n    return x\n", tokens=10):
    r = {"problem_id": pid, "sample": k, "completion": text, "status": status, "passed_tests": 0,
         "total_tests": 5, "score": score if score is not None else (1.0 if status == "passed" else 0.0),
         "error": None, "duration_s": 0.01, "tokens": tokens, "finish_reason": "stop"}
    if greedy:
        r["greedy"] = True
    return r


def test_compute_metrics_by_family_difficulty_and_cell():
    problems = {p.id: p for p in [problem("a1", "rpn", 1), problem("a2", "rpn", 3), problem("b1", "fib", 1)]}
    rows = [row("a1", 0, "passed", greedy=True)] + [row("a1", k, s) for k, s in
                                                    enumerate(["passed", "wrong_answer", "passed", "timeout"], 1)]
    rows += [row("a2", 0, "wrong_answer", 0.4, greedy=True)]
    rows += [row("a2", k, s, 0.4 if s == "wrong_answer" else None) for k, s in
             enumerate(["wrong_answer", "syntax_error", "no_code", "wrong_answer"], 1)]
    rows += [row("b1", 0, "passed", greedy=True)] + [row("b1", k, "passed") for k in range(1, 5)]
    m = compute_metrics(problems, rows, ks=(1, 2, 8))
    o = m["overall"]
    assert o["n_problems"] == 3 and o["n_samples"] == 15 and o["samples_per_problem"] == 4
    assert o["pass@1"] == pytest.approx((2 / 4 + 0 + 1) / 3)
    assert o["pass@2"] == pytest.approx((1 - 1 / 6 + 0 + 1) / 3)   # a1: 1 - C(2,2)/C(4,2)
    assert "pass@8" not in o                                       # 4 samples cannot estimate pass@8
    assert o["greedy_pass@1"] == pytest.approx(2 / 3) and o["greedy_solved"] == 2
    lo, hi = o["greedy_pass@1_ci"]
    assert (lo, hi) == pytest.approx(wilson(2, 3))
    assert o["solved"] == 2
    assert o["syntax_valid_rate"] == pytest.approx(13 / 15)
    assert o["statuses"] == {"no_code": 1, "passed": 8, "syntax_error": 1, "timeout": 1, "wrong_answer": 4}
    assert o["partial_credit"] == pytest.approx((8 * 1.0 + 3 * 0.4) / 15)  # a1's wrong answer scored 0
    assert o["mode_collapse_rate"] == 0 and o["mean_tokens"] == 10
    assert set(m["by_family"]) == {"rpn", "fib"} and list(m["by_difficulty"]) == ["1", "3"]
    assert list(m["by_cell"]) == ["fib/1", "rpn/1", "rpn/3"]
    assert m["by_cell"]["rpn/3"]["pass@1"] == 0 and m["by_family"]["fib"]["pass@2"] == 1
    assert m["by_difficulty"]["1"]["greedy_pass@1"] == 1.0


def test_sandbox_errors_are_counted_apart_and_greedy_only_rows_give_pass_at_1():
    problems = {"a": problem("a", "rpn", 1), "b": problem("b", "rpn", 1)}
    rows = [row("a", 0, "passed", greedy=True), row("b", 0, "sandbox_error", greedy=True),
            row("b", 1, "wrong_answer", greedy=True)]
    o = compute_metrics(problems, rows)["overall"]
    assert o["sandbox_errors"] == 1 and o["pass@1"] == pytest.approx(0.5) and o["greedy_pass@1"] == 0.5


def test_unknown_problem_is_a_user_error():
    from axiom.errors import AxiomError

    with pytest.raises(AxiomError, match="unknown problem"):
        compute_metrics({}, [row("zz", 0, "passed")])
