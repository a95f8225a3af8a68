"""scripts/exp02_table.py: the prototype's experiment 02 table from run directories, the change paired."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.eval.fakerun import build_fake_run

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "exp02_table.py"


def test_one_row_per_run_and_iteration_and_the_paired_change(tmp_path):
    runs = [build_fake_run(tmp_path / name, iterations=3, name=name, families=("remove_duplicates", "fibonacci"))
            for name in ("prototype-recipe", "axiom-recipe")]
    for run in runs:  # the loop writes val samples as iter_K.val.jsonl, which pairs the change
        for k in range(3):
            (run / "samples" / f"iter_{k}.val.jsonl").write_text((run / "samples" / f"iter_{k}.jsonl").read_text())
    out = subprocess.run([sys.executable, str(SCRIPT), *map(str, runs)], capture_output=True, text=True,
                         check=True).stdout
    assert "| run | iteration | val overall | test overall | remove_duplicates (val) | fibonacci (val) | kept |" in out
    lines = [json.loads(x) for x in (runs[1] / "metrics.jsonl").read_text().splitlines()]
    val2 = next(r for r in lines if r["iteration"] == 2 and r["split"] == "val")["metrics"]
    fib = val2["by_family"]["fibonacci"]
    row = next(x for x in out.splitlines() if x.startswith("| axiom-recipe | 2 |"))
    assert f"{100 * val2['overall']['greedy_pass@1']:.1f}% ({val2['overall']['greedy_solved']}/" in row
    assert f"({fib['greedy_solved']}/{fib['n_problems']})" in row
    change = next(x for x in out.splitlines() if x.startswith("| axiom-recipe | change 0 -> 2 |"))
    assert change.count("p=") == 3  # val overall and both families paired (McNemar); the fake run has no test split
    assert sum(x.startswith("| prototype-recipe |") for x in out.splitlines()) == 4


def test_runs_on_other_problems_are_refused(tmp_path):
    first = build_fake_run(tmp_path / "a", iterations=2, name="a", families=("remove_duplicates", "fibonacci"))
    other = build_fake_run(tmp_path / "b", iterations=2, name="b", families=("fibonacci", "remove_duplicates"))
    done = subprocess.run([sys.executable, str(SCRIPT), str(first), str(other)], capture_output=True, text=True)
    assert done.returncode != 0 and "other val/test problems than" in done.stderr
