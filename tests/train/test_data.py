"""Training sets from verdict rows: passing only, distinct per problem, family cap, traces, replay, DPO pairs."""

import pytest

from axiom.errors import TrainingDataError
from axiom.generate.prompts import build_messages
from axiom.problems.family import make_problem
from axiom.train.data import (
    balance_families,
    drop_repetitive,
    examples_from_traces,
    merge_examples,
    preference_pairs,
    sft_examples,
)

REV = make_problem("reverse_string", 1, "train", 42, 0)
FIB = make_problem("fibonacci", 2, "train", 42, 0)
PROBLEMS = {p.id: p for p in (REV, FIB)}


def fenced(code: str, before: str = "Sure:\n") -> str:
    return f"{before}```python\n{code.strip()}\n```"


def row(problem, sample, completion, status="passed", score=1.0):
    return {"problem_id": problem.id, "sample": sample, "completion": completion, "status": status,
            "passed_tests": round(5 * score), "total_tests": 5, "score": score, "error": None, "duration_s": 0.01}


ROWS = [
    row(REV, 0, fenced(REV.reference_solution)),
    row(REV, 1, fenced("# same thing, reformatted\n" + REV.reference_solution, before="")),   # duplicate by AST
    row(REV, 2, fenced("def reverse_string(s: str) -> str:\n    return ''.join(reversed(s))")),
    row(REV, 3, fenced("def reverse_string(s: str) -> str:\n    return s"), "wrong_answer", 0.2),
    row(REV, 4, fenced("def reverse_string(s: str) -> str:\n    return s[::-1] if len(s) > 3 else s"),
        "wrong_answer", 0.6),
    row(REV, 5, fenced("def reverse_string(s):\n    raise SystemExit"), "sandbox_error", 0.0),
    row(FIB, 0, "no idea", "no_code", 0.0),
    row(FIB, 1, fenced(FIB.reference_solution)),
]


def test_passing_distinct_solutions_in_trace_format():
    ex = sft_examples(PROBLEMS, ROWS)
    assert [(e["problem_id"], e["sample"]) for e in ex] == [(REV.id, 0), (REV.id, 2), (FIB.id, 1)]
    first = ex[0]
    assert first["prompt"] == build_messages(REV)
    assert first["completion"] == ROWS[0]["completion"]                      # the model's own text by default
    assert first["messages"] == first["prompt"] + [{"role": "assistant", "content": first["completion"]}]
    assert "def reverse_string" in first["code"] and first["family"] == "reverse_string"
    assert first["verdict"]["status"] == "passed"
    assert len(sft_examples(PROBLEMS, ROWS, max_per_problem=1)) == 2


def test_code_completion_keeps_just_the_code_block():
    ex = sft_examples(PROBLEMS, ROWS, completion="code")
    completion = ex[0]["completion"]
    assert completion.startswith("```python\n") and completion.rstrip().endswith("```")
    assert "def reverse_string" in completion and "Sure:" not in completion


def test_rows_of_unknown_problems_and_bad_options_are_user_errors():
    with pytest.raises(TrainingDataError, match="not among"):
        sft_examples({FIB.id: FIB}, ROWS)
    with pytest.raises(TrainingDataError, match="max_per_problem"):
        sft_examples(PROBLEMS, ROWS, max_per_problem=0)
    with pytest.raises(TrainingDataError, match="family_cap"):
        sft_examples(PROBLEMS, ROWS, family_cap=1.5)


def _fake(family, problem, k):
    return {"problem_id": f"{family}/d1/train/{problem:06d}", "family": family, "completion": f"x = {k}",
            "code": f"x = {problem * 100 + k}"}


def test_family_cap_trims_the_big_family_seconds_first():
    examples = [_fake("a", p, k) for p in range(6) for k in range(2)] + [_fake("b", p, 0) for p in range(3)] \
        + [_fake("c", p, 0) for p in range(3)]
    kept = balance_families(examples, cap=0.5, seed=1)
    counts = {f: sum(e["family"] == f for e in kept) for f in "abc"}
    assert counts == {"a": 6, "b": 3, "c": 3}
    assert len({e["problem_id"] for e in kept if e["family"] == "a"}) == 6   # every problem kept, seconds dropped
    assert kept == [e for e in examples if e in kept]                        # original order
    assert balance_families(examples, cap=0.5, seed=1) == kept               # deterministic
    # with two families a 0.2 cap cannot hold: equal shares are the closest
    two = balance_families([e for e in examples if e["family"] != "c"], cap=0.2)
    assert sum(e["family"] == "a" for e in two) == sum(e["family"] == "b" for e in two) == 3


def test_traces_go_through_the_same_path():
    prompt = build_messages(REV)
    traces = [
        {"problem_id": REV.id, "prompt": prompt, "completion": fenced(REV.reference_solution), "teacher": "t",
         "verdict": {"status": "passed"}},
        {"problem_id": REV.id, "messages": prompt + [{"role": "assistant", "content": fenced(
            "# again\n" + REV.reference_solution)}]},                        # same code: dropped
        {"problem_id": FIB.id, "prompt": "plain text prompt", "completion": "def fibonacci(n):\n    return n",
         "verdict": {"status": "wrong_answer"}},                             # not verified: dropped
    ]
    ex = examples_from_traces(traces, PROBLEMS)
    assert len(ex) == 1 and ex[0]["teacher"] == "t" and ex[0]["family"] == "reverse_string"
    with pytest.raises(TrainingDataError, match="trace 0"):
        examples_from_traces([{"text": "hi"}])


def test_replay_merges_new_solutions_only_and_newest_win_the_cap():
    now = sft_examples(PROBLEMS, ROWS[:1])
    before = sft_examples(PROBLEMS, ROWS)
    merged = merge_examples(now, before)
    assert merged[0] is now[0] and len(merged) == 3
    assert [e["sample"] for e in merge_examples(now, before, max_per_problem=1)] == [0, 1]


def test_preference_pairs_rank_failures_by_partial_credit():
    pairs = preference_pairs(PROBLEMS, ROWS)
    assert [(p["problem_id"], p["rejected_score"]) for p in pairs] == [(REV.id, 0.6), (REV.id, 0.2), (FIB.id, 0.0)]
    assert "sandbox_error" not in {p["rejected_status"] for p in pairs}     # the verifier's fault, not the model's
    assert pairs[0]["chosen"] == ROWS[0]["completion"] and pairs[1]["chosen"] == ROWS[2]["completion"]
    assert pairs[0]["prompt"] == build_messages(REV)
    code = preference_pairs(PROBLEMS, ROWS, completion="code")
    assert all(p[k].startswith("```python\n") and "Sure:" not in p[k] for p in code[:2] for k in ("chosen", "rejected"))
    worst = preference_pairs(PROBLEMS, ROWS, rejected="worst", max_pairs_per_problem=1)
    assert [p["rejected_score"] for p in worst] == [0.2, 0.0]


LONG = "def reverse_string(s: str) -> str:\n    out = ''\n    for ch in s:\n        out = ch + out\n    return out"
MID = "def reverse_string(s: str) -> str:\n    return ''.join(reversed(s))"
SHORT = "def reverse_string(s):\n    return s[::-1]"
TIE = "def reverse_string(t):\n    return t[::-1]"       # as long as SHORT, another solution (AST)
BY_LENGTH = [row(REV, 0, fenced(LONG)), row(REV, 1, fenced(MID)), row(REV, 2, fenced(SHORT)), row(REV, 3, fenced(TIE)),
             row(FIB, 0, fenced(FIB.reference_solution))]


def test_prefer_shortest_keeps_the_shortest_solutions_ties_in_sample_order():
    def kept(rows, **options):
        return [(e["problem_id"], e["sample"]) for e in sft_examples(PROBLEMS, rows, max_per_problem=2, **options)]

    assert kept(BY_LENGTH) == kept(BY_LENGTH, prefer="first") == [(REV.id, 0), (REV.id, 1), (FIB.id, 0)]
    assert kept(BY_LENGTH, prefer="shortest") == [(REV.id, 2), (REV.id, 3), (FIB.id, 0)]
    shuffled = BY_LENGTH[3::-1] + BY_LENGTH[4:]                    # rows of a problem in another order: the same
    assert kept(shuffled, prefer="shortest") == kept(BY_LENGTH, prefer="shortest")
    three = sft_examples(PROBLEMS, BY_LENGTH, max_per_problem=3, prefer="shortest")
    assert [e["sample"] for e in three] == [2, 3, 1, 0]
    with pytest.raises(TrainingDataError, match="prefer"):
        sft_examples(PROBLEMS, ROWS, prefer="longest")


def test_drop_repetitive_leaves_out_degenerate_passes_only():
    chain = fenced("def reverse_string(s: str) -> str:\n    s = s.replace(' ', '').replace(',', '').replace('!', '')"
                   ".replace('?', '')\n    return s[::-1]")
    rows = [row(REV, 0, chain), row(REV, 1, fenced(SHORT)), row(REV, 2, chain, "wrong_answer", 0.4)]
    kept, dropped = drop_repetitive(rows)
    assert dropped == [rows[0]] and kept == rows[1:]
