"""scripts/run_table.py: the README's results tables from a run directory, paired where samples allow."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.eval.fakerun import build_fake_run

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "run_table.py"


def test_tables_of_a_run(tmp_path):
    run = build_fake_run(tmp_path / "run", iterations=3)
    # the fake run keeps val samples as iter_K.jsonl; the loop writes iter_K.val.jsonl, which pairs the change
    for k in range(3):
        (run / "samples" / f"iter_{k}.val.jsonl").write_text((run / "samples" / f"iter_{k}.jsonl").read_text())
    out = subprocess.run([sys.executable, str(SCRIPT), str(run), "--split", "val"], capture_output=True,
                         text=True, check=True).stdout
    assert "| family | baseline | iter 1 | iter 2 | change 0 -> 2" in out
    assert "| level | baseline" in out and out.count("**all**") == 2
    lines = [json.loads(x) for x in (run / "metrics.jsonl").read_text().splitlines()]
    last = next(r for r in lines if r["iteration"] == 2 and r["split"] == "val")["metrics"]["overall"]
    assert f"{last['greedy_solved']}/{last['n_problems']}" in out
    assert "p=" in out  # paired: McNemar's p on the change
    assert "| iteration | training pass@1" in out
