"""evaluate() end to end with a tiny real model, and the eval path scoring known-good completions."""

import pytest

from axiom.eval.run import evaluate, verify_rows
from axiom.generate.backend import Sampling, load_backend
from axiom.problems.family import make_problem
from axiom.problems.humaneval import load_humaneval
from axiom.verify.records import STATUSES

ROW_KEYS = {"problem_id", "sample", "completion", "status", "passed_tests", "total_tests", "score", "error",
            "duration_s", "tokens", "finish_reason"}


def test_evaluate_greedy_then_samples_with_a_tiny_model(tiny_model):
    problems = [make_problem("reverse_string", 1, "test", 999, i) for i in range(2)]
    backend = load_backend("hf", tiny_model, device="cpu")
    rows, metrics = evaluate(backend, problems, Sampling(n=3, temperature=0.8, max_new_tokens=8), ks=(1, 2),
                             progress=False)
    assert len(rows) == 2 * (1 + 3)
    assert [(r["problem_id"], r["sample"], bool(r.get("greedy"))) for r in rows[:4]] == \
        [(problems[0].id, 0, True), (problems[0].id, 1, False), (problems[0].id, 2, False), (problems[0].id, 3, False)]
    for r in rows:
        assert ROW_KEYS <= set(r) and r["status"] in STATUSES and 0 < r["tokens"] <= 8
    o = metrics["overall"]
    assert o["n_problems"] == 2 and o["n_samples"] == 8 and o["samples_per_problem"] == 3
    assert {"pass@1", "pass@2", "greedy_pass@1"} <= set(o) and "pass@8" not in o
    assert sum(o["statuses"].values()) == 8
    assert metrics["timing"]["generated_tokens"] > 0

    rows, metrics = evaluate(backend, problems, Sampling(n=4, temperature=0.0, max_new_tokens=8), progress=False)
    assert len(rows) == 2 and all(r["greedy"] for r in rows)  # greedy sampling: one sample, not 4 copies


def test_reference_solutions_score_full_marks_through_the_eval_path():
    problems = [make_problem(f, d, "test", 999, 0) for f in ("rpn", "fizzbuzz", "two_sum") for d in (1, 5, 10)]
    completions = [{"problem_id": p.id, "sample": 0, "completion": f"```python\n{p.reference_solution}\n```",
                    "greedy": True} for p in problems]
    completions += [{"problem_id": p.id, "sample": 1, "completion": "def nope(:\n"} for p in problems]
    rows, metrics = verify_rows(problems, completions, ks=(1,))
    o = metrics["overall"]
    assert o["greedy_pass@1"] == 1.0 and o["pass@1"] == 0.0 and o["statuses"] == {"passed": 9, "syntax_error": 9}
    assert metrics["by_family"]["rpn"]["greedy_solved"] == 3


@pytest.fixture(scope="module")
def humaneval():
    return load_humaneval()


def test_humaneval_canonical_solutions_score_164_of_164(humaneval):
    completions = [{"problem_id": p.id, "sample": 0, "completion": p.reference_solution} for p in humaneval]
    rows, metrics = verify_rows(humaneval, completions)
    bad = [(r["problem_id"], r["status"], r["error"]) for r in rows if r["status"] != "passed"]
    assert not bad
    assert metrics["overall"]["n_problems"] == 164 and metrics["overall"]["pass@1"] == 1.0
    assert metrics["overall"]["solved"] == 164


def test_humaneval_wrong_bodies_fail_through_the_eval_path(humaneval):
    # The prompt alone (a docstring, no body) must not pass: the eval path checks, it does not trust.
    completions = [{"problem_id": p.id, "sample": 0, "completion": p.prompt + "    return None\n"}
                   for p in humaneval[:20]]
    _, metrics = verify_rows(humaneval[:20], completions)
    assert metrics["overall"]["pass@1"] == 0.0
