"""Paired before/after statistics against values worked out by hand."""

import math

import pytest

from axiom.eval.metrics import diff_interval, wilson
from axiom.eval.paired import PairedTable, mcnemar_exact, paired_bootstrap, paired_diff_interval


@pytest.mark.parametrize("b, c, p", [
    (1, 6, 16 / 128),       # 2 * (C(7,0) + C(7,1)) / 2^7
    (6, 1, 16 / 128),       # symmetric
    (0, 5, 2 / 32),         # 2 * 1 / 2^5
    (0, 10, 2 / 1024),
    (2, 8, 2 * (1 + 10 + 45) / 1024),
    (3, 3, 1.0),            # 2 * 42/64 > 1: capped
    (0, 0, 1.0),            # nothing flipped
])
def test_mcnemar_exact(b, c, p):
    assert mcnemar_exact(b, c) == pytest.approx(p)


def test_table_from_outcomes_counts_shared_problems_only():
    before = {"a": True, "b": True, "c": False, "d": False, "x": True}
    after = {"a": True, "b": False, "c": True, "d": False, "y": False}
    t = PairedTable.from_outcomes(before, after)
    assert (t.both, t.only_before, t.only_after, t.neither, t.n) == (1, 1, 1, 1, 4)
    assert (t.before, t.after) == (0.5, 0.5)


def test_paired_interval_by_hand():
    # a=6 both, b=1 only before, c=3 only after, d=2 neither; n=12: before 7/12, after 9/12
    t = PairedTable(6, 1, 3, 2)
    l1, u1 = wilson(7, 12)
    l2, u2 = wilson(9, 12)
    phi = (6 * 2 - 1 * 3) / math.sqrt(7 * 5 * 9 * 3)   # (ad - bc) / sqrt of the four margins
    p1, p2 = 7 / 12, 9 / 12
    lo = p2 - p1 - math.sqrt((p2 - l2) ** 2 - 2 * phi * (p2 - l2) * (u1 - p1) + (u1 - p1) ** 2)
    hi = p2 - p1 + math.sqrt((u2 - p2) ** 2 - 2 * phi * (u2 - p2) * (p1 - l1) + (p1 - l1) ** 2)
    assert paired_diff_interval(t) == pytest.approx((lo, hi))
    # the same numbers written out: Wilson(7/12) = [0.3195, 0.8067], Wilson(9/12) = [0.4677, 0.9111], phi = 0.2928
    assert (l1, u1, l2, u2) == pytest.approx((0.3195, 0.8067, 0.4677, 0.9111), abs=1e-4)
    assert phi == pytest.approx(0.2928, abs=1e-4)
    # lower: 1/6 - sqrt(0.2823^2 + 0.2234^2 - 2 * 0.2928 * 0.2823 * 0.2234) = 1/6 - sqrt(0.09267) = -0.1378
    # upper: 1/6 + sqrt(0.1611^2 + 0.2638^2 - 2 * 0.2928 * 0.1611 * 0.2638) = 1/6 + sqrt(0.07065) = 0.4325
    assert paired_diff_interval(t) == pytest.approx((-0.1378, 0.4325), abs=1e-4)


def test_uncorrelated_pairs_give_the_unpaired_interval_and_correlated_ones_a_narrower_one():
    t = PairedTable(5, 0, 5, 0)   # a margin is 0: phi = 0
    assert paired_diff_interval(t) == pytest.approx(diff_interval(0.5, 10, 1.0, 10))
    # 100 problems, 60 -> 70 with 10 flips one way and 0 the other: strongly paired
    t = PairedTable(60, 0, 10, 30)
    lo, hi = paired_diff_interval(t)
    ulo, uhi = diff_interval(0.6, 100, 0.7, 100)
    assert lo > 0 > ulo and hi - lo < uhi - ulo
    assert mcnemar_exact(0, 10) < 0.01


def test_paired_bootstrap():
    before = {str(i): 0.0 for i in range(50)}
    after = {str(i): 1.0 if i < 10 else 0.0 for i in range(50)}
    mean, lo, hi = paired_bootstrap(before, after, resamples=2000)
    assert mean == pytest.approx(0.2) and 0.05 < lo < 0.2 < hi < 0.35
    assert paired_bootstrap(before, before) == (0.0, 0.0, 0.0)


def write_eval_folder(path, problems, passing: set[str]) -> None:
    """An `axiom eval -o` folder whose greedy samples pass exactly on `passing`."""
    import json

    from axiom.eval.metrics import compute_metrics
    from axiom.jsonl import write_jsonl

    rows = [{"problem_id": p.id, "sample": 0, "greedy": True, "completion": "x", "tokens": 1, "finish_reason": "stop",
             "status": "passed" if p.id in passing else "wrong_answer", "passed_tests": 5 if p.id in passing else 0,
             "total_tests": 5, "score": 1.0 if p.id in passing else 0.0, "error": None, "duration_s": 0.01}
            for p in problems]
    path.mkdir()
    write_jsonl(path / "samples.jsonl", rows)
    (path / "metrics.json").write_text(json.dumps(compute_metrics({p.id: p for p in problems}, rows, (1,))))
    (path / "config.json").write_text(json.dumps({"name": path.name, "split": "test"}))


def test_compare_pairs_evaluations_of_the_same_problems(tmp_path, capsys):
    from axiom.cli import main
    from axiom.eval.compare import compare_metrics, load_evaluation
    from axiom.problems.family import make_problem

    problems = [make_problem(f, d, "test", 42, i) for f in ("rpn", "fizzbuzz") for d in (1, 2) for i in range(8)]
    ids = [p.id for p in problems]
    # 10 of 32 pass before; after, the same 10 and 6 more, none lost: McNemar p = 2 / 2^6
    write_eval_folder(tmp_path / "before", problems, set(ids[:10]))
    write_eval_folder(tmp_path / "after", problems, set(ids[:16]))
    _, a, a_out = load_evaluation(tmp_path / "before")
    _, b, b_out = load_evaluation(tmp_path / "after")
    paired = compare_metrics(a, b, outcomes=(a_out, b_out))
    unpaired = compare_metrics(a, b)
    assert paired[0].paired and paired[0].p_value == pytest.approx(2 / 64)
    assert paired[0].verdict == "better" and unpaired[0].verdict == "within noise"
    assert paired[0].lo > 0 > unpaired[0].lo
    by_family = {c.group: c for c in paired[1:]}
    assert by_family["rpn"].n_a == 16 and by_family["rpn"].p_value == pytest.approx(2 / 64)
    assert by_family["fizzbuzz"].delta == 0 and by_family["fizzbuzz"].p_value == 1.0
    assert main(["compare", str(tmp_path / "before"), str(tmp_path / "after")]) == 0
    out = capsys.readouterr().out
    assert "McNemar p=0.0312" in out and "paired" in out and "better" in out
