"""HumanEval mini: 20 tasks of the seeds' v2 categories; every reference solution passes its hidden tests."""

from axiom.eval.run import verify_rows
from axiom.problems.humaneval_mini import CATEGORIES, load_humaneval_mini
from axiom.problems.record import Problem
from axiom.problems.suites import load_fixed_suite

SEED_CATEGORIES = {"add", "multiply", "subtract", "sum_list", "reverse_list", "filter_even", "is_even",
                   "is_positive", "max_value", "is_prime", "factorial", "gcd"}


def test_suite_shape_and_round_trip():
    problems = load_fixed_suite("humaneval-mini")
    assert len(problems) == 20 and len({p.id for p in problems}) == 20
    assert SEED_CATEGORIES <= {p.entry_point for p in problems}
    assert {p.difficulty for p in problems} == set(CATEGORIES)
    for p in problems:
        assert Problem.from_dict(p.to_dict()) == p and len(p.tests) >= 5
        example = p.meta["examples"][0]
        assert all(t.args != example["args"] for t in p.tests)  # the worked example is not a hidden test
        assert p.signature in p.prompt


def test_reference_solutions_pass_and_wrong_ones_fail():
    problems = load_humaneval_mini()
    good = [{"problem_id": p.id, "sample": 0, "completion": p.reference_solution} for p in problems]
    # a constant answer (the worked example's output) must not pass any task
    const = [{"problem_id": p.id, "sample": 1,
              "completion": f"{p.signature}:\n    return {p.meta['examples'][0]['expected']!r}\n"} for p in problems]
    rows, metrics = verify_rows(problems, good + const)
    assert [r["problem_id"] for r in rows[:20] if r["status"] != "passed"] == []
    assert [r["problem_id"] for r in rows[20:] if r["status"] == "passed"] == []
    assert metrics["overall"]["solved"] == 20
