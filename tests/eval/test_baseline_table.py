"""scripts/baseline_table.py: the README's baseline tables from `axiom eval` folders."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from axiom.eval.metrics import compute_metrics
from axiom.problems.splits import build_splits
from axiom.problems.suites import V2

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "baseline_table.py"


def _eval_folder(tmp: Path, name: str, passed_every: int, samples: int) -> Path:
    problems = build_splits(V2, [1, 3], {"test": 1}, seed=42)["test"]
    rows = []
    for i, p in enumerate(problems):
        greedy = "passed" if i % passed_every == 0 else "wrong_answer"
        rows.append({"problem_id": p.id, "status": greedy, "greedy": True})
        rows += [{"problem_id": p.id, "status": "passed" if j == 0 and i % 2 == 0 else "wrong_answer"}
                 for j in range(samples)]
    folder = tmp / name
    folder.mkdir()
    ks = (1, 8) if samples >= 8 else (1,)
    (folder / "metrics.json").write_text(json.dumps(compute_metrics({p.id: p for p in problems}, rows, ks)))
    (folder / "config.json").write_text(json.dumps({"model": name}))
    return folder


def test_tables_side_by_side_with_a_missing_metric(tmp_path):
    a = _eval_folder(tmp_path, "model-a", passed_every=1, samples=8)   # 22 problems, all greedy solved
    b = _eval_folder(tmp_path, "model-b", passed_every=2, samples=0)   # greedy only: no pass@8
    out = subprocess.run([sys.executable, str(SCRIPT), str(a), str(b)], capture_output=True, text=True,
                         check=True).stdout
    assert "| family | model-a: greedy solved · pass@8 | model-b: greedy solved · pass@8 |" in out
    assert "| two_sum | 2/2 · 50% | 1/2 |" in out  # levels 1 and 3; b solved the even-indexed one
    assert "| 1 | 11/11 · " in out and "| 3 | 11/11 · " in out
    assert "greedy_pass@1 100.0%" in out and "pass@8 not measured" in out
