"""Held-out families (`problems.heldout_families`) in metrics, `axiom compare`, `axiom report`, run_table.py and
`axiom eval`: the trained and the held-out families apart, with the same paired statistics as every change."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from axiom.cli import main
from axiom.eval.compare import TRANSFER, compare_metrics, greedy_outcomes
from axiom.eval.metrics import compute_metrics, wilson
from axiom.eval.paired import PairedTable, mcnemar_exact, paired_diff_interval
from axiom.eval.tracking import scalars
from axiom.problems.family import make_problem
from tests.eval.fakerun import build_fake_run

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "run_table.py"


def rows_for(problems, passed: set[str]) -> list[dict]:
    return [{"problem_id": p.id, "sample": 0, "completion": "x", "status": "passed" if p.id in passed else
             "wrong_answer", "score": 1.0 if p.id in passed else 0.0, "greedy": True} for p in problems]


PROBLEMS = [make_problem(f, d, "val", 42, i) for f in ("rpn", "fizzbuzz", "two_sum") for d in (1, 3) for i in range(2)]
BY_ID = {p.id: p for p in PROBLEMS}


def test_metrics_carry_a_trained_and_a_heldout_block():
    passed = {p.id for p in PROBLEMS if p.family == "fizzbuzz" or (p.family == "rpn" and p.difficulty == 1)}
    m = compute_metrics(BY_ID, rows_for(PROBLEMS, passed), ks=(1,), heldout=["two_sum", "rpn"])
    assert (m["heldout"]["families"], m["trained"]["families"]) == (["rpn", "two_sum"], ["fizzbuzz"])
    assert (m["heldout"]["n_problems"], m["heldout"]["greedy_solved"], m["heldout"]["greedy_pass@1"]) == (8, 2, 0.25)
    assert m["heldout"]["greedy_pass@1_ci"] == list(wilson(2, 8))
    assert (m["trained"]["n_problems"], m["trained"]["greedy_pass@1"]) == (4, 1.0)
    assert m["overall"]["n_problems"] == 12 and set(m["by_family"]) == {"rpn", "fizzbuzz", "two_sum"}
    assert "heldout" not in compute_metrics(BY_ID, rows_for(PROBLEMS, passed), ks=(1,))  # only when some are held out
    tracked = scalars({"split": "val", "metrics": m})
    assert (tracked["val/heldout/greedy_pass@1"], tracked["val/trained/greedy_pass@1"]) == (0.25, 1.0)


def test_compare_adds_the_trained_and_heldout_rows_with_the_paired_statistics():
    before_pass = {p.id for p in PROBLEMS if p.family == "fizzbuzz" and p.difficulty == 1}
    after_pass = {p.id for p in PROBLEMS if p.family == "fizzbuzz" or p.id.endswith("000000")}
    a_rows, b_rows = rows_for(PROBLEMS, before_pass), rows_for(PROBLEMS, after_pass)
    a, b = (compute_metrics(BY_ID, r, ks=(1,), heldout=["rpn"]) for r in (a_rows, b_rows))
    changes = compare_metrics(a, b, "greedy_pass@1", outcomes=(greedy_outcomes(a_rows), greedy_outcomes(b_rows)))
    assert [c.group for c in changes[:3]] == ["overall", TRANSFER["trained"], TRANSFER["heldout"]]
    assert {c.group for c in changes[3:]} == {"rpn", "fizzbuzz", "two_sum"}
    held = changes[2]
    # the one implementation of the paired change, on the held-out family's problems alone
    rpn = [p.id for p in PROBLEMS if p.family == "rpn"]
    t = PairedTable.from_outcomes({i: i in before_pass for i in rpn}, {i: i in after_pass for i in rpn})
    assert held.paired and (held.a, held.b, held.n_a) == (0.0, 0.5, 4)
    assert (held.lo, held.hi) == paired_diff_interval(t) and held.p_value == mcnemar_exact(0, 2)
    assert changes[1].n_a == 8 and changes[1].b == 6 / 8
    # --by transfer: only those two after overall; unpaired (no outcomes): Newcombe's hybrid interval
    only = compare_metrics(a, b, "greedy_pass@1", by="by_transfer")
    assert [c.group for c in only] == ["overall", TRANSFER["trained"], TRANSFER["heldout"]]
    assert not only[2].paired and only[2].lo is not None
    # a baseline evaluated without held-out families still pairs with a run that has them
    plain = compute_metrics(BY_ID, a_rows, ks=(1,))
    mixed = compare_metrics(plain, b, "greedy_pass@1", outcomes=(greedy_outcomes(a_rows), greedy_outcomes(b_rows)))
    assert mixed[2].group == TRANSFER["heldout"] and (mixed[2].lo, mixed[2].hi) == (held.lo, held.hi)
    # no held-out families anywhere: exactly the rows there always were
    assert [c.group for c in compare_metrics(plain, plain)] == ["overall", "fizzbuzz", "rpn", "two_sum"]


def held_out_run(tmp_path: Path) -> Path:
    run = build_fake_run(tmp_path / "run", iterations=3, heldout=("two_sum",))
    for k in range(3):  # the fake run keeps val samples as iter_K.jsonl; the loop writes iter_K.val.jsonl
        (run / "samples" / f"iter_{k}.val.jsonl").write_text((run / "samples" / f"iter_{k}.jsonl").read_text())
    return run


def test_run_table_marks_heldout_families_and_adds_the_transfer_rows(tmp_path):
    run = held_out_run(tmp_path)
    out = subprocess.run([sys.executable, str(SCRIPT), str(run), "--split", "val"], capture_output=True,
                         text=True, check=True).stdout
    lines = [json.loads(x) for x in (run / "metrics.jsonl").read_text().splitlines()]
    last = next(r for r in lines if r["iteration"] == 2 and r["split"] == "val")["metrics"]
    held_row = next(x for x in out.splitlines() if x.startswith("| *held-out families* |"))
    assert f"{last['heldout']['greedy_solved']}/{last['heldout']['n_problems']}" in held_row and "p=" in held_row
    assert "| *trained families* |" in out and "| two_sum (held-out) |" in out and "| rpn |" in out
    assert out.count("held-out families") == 1  # in the family table only, not the level table


def test_compare_and_report_show_the_heldout_families(tmp_path, capsys):
    run = held_out_run(tmp_path)
    assert main(["compare", f"{run}@0", f"{run}@2"]) == 0
    out = capsys.readouterr().out
    held = next(x for x in out.splitlines() if x.startswith("held-out families  "))
    assert "McNemar p=" in held
    assert "held-out families (evaluated, never trained on): two_sum" in out
    assert main(["compare", f"{run}@0", f"{run}@2", "--by", "transfer"]) == 0
    rows = [x.split()[0] for x in capsys.readouterr().out.splitlines()[3:6]]
    assert rows == ["overall", "trained", "held-out"]
    assert main(["report", str(run)]) == 0
    page = (run / "report.html").read_text()
    assert "Held-out families (evaluated, never trained on): <b>two_sum</b>" in page
    assert "<td>val: held-out families</td>" in page and "<td>held-out families</td>" in page


def test_eval_with_a_config_that_holds_families_out(tiny_model, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text(yaml.safe_dump({"problems": {
        "families": ["reverse_string", "fizzbuzz"], "eval_difficulties": "1", "test_per_cell": 2,
        "train_difficulties": "1", "heldout_families": ["fizzbuzz"]}}))
    assert main(["eval", "--config", str(config), "--model", tiny_model, "--device", "cpu", "--samples", "0",
                 "--max-new-tokens", "8", "-o", str(tmp_path / "e")]) == 0
    m = json.loads((tmp_path / "e" / "metrics.json").read_text())
    assert m["heldout"]["families"] == ["fizzbuzz"] and m["heldout"]["n_problems"] == 2
    assert m["trained"]["families"] == ["reverse_string"] and m["trained"]["n_problems"] == 2
    assert "greedy_pass@1" in m["heldout"]
