"""A calibration's recorded completions, verified against the problems its families draw today (no model).

    .venv/bin/python scripts/replay_calibration.py benchmarks/results/calibration-qwen0.5b --families a,b

When a family's levels are retuned (harder top levels, easier first ones), the model's greedy answers
that the calibration recorded in DIR/samples.jsonl are a cheap proxy for how it will fare: each one is
verified against today's problem of the same id (same seed, level and index, drawn by the family's
current version). Prints, per family and level, the recorded solved/n and the replayed solved/n.

A proxy only: the model answered the old prompt; a new prompt (a new rule in the description, other
worked examples) may get other code from it. `axiom problems calibrate` measures the real thing.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from axiom.jsonl import read_jsonl
from axiom.problems.calibrate import CalibrationSpec, draw
from axiom.problems.family import get_family
from axiom.verify import Verifier


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("calibration", type=Path, help="a calibration folder (samples.jsonl, config.json)")
    ap.add_argument("--families", required=True, help="comma-separated families")
    ap.add_argument("--workers", type=int, default=1, help="sandbox workers")
    a = ap.parse_args()
    names = [n.strip() for n in a.families.split(",") if n.strip()]
    for name in names:
        get_family(name)  # an unknown family: one clear line
    rows = [r for _, r in read_jsonl(a.calibration / "samples.jsonl") if r["problem_id"].split("/")[0] in names]
    problems = {p.id: p for fam in draw(CalibrationSpec(families=names)).values() for p in fam}
    rows = [r for r in rows if r["problem_id"] in problems]
    before, after = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    with Verifier(workers=a.workers) as verifier:
        candidates = [{"problem_id": r["problem_id"], "completion": r["completion"]} for r in rows]
        for row, verdict in zip(rows, verifier.verify(problems, candidates), strict=True):
            cell = (problems[row["problem_id"]].family, problems[row["problem_id"]].difficulty)
            before[cell][0] += row["status"] == "passed"
            before[cell][1] += 1
            after[cell][0] += verdict.status == "passed"
            after[cell][1] += 1
    levels = sorted({lv for _, lv in before})
    print("| family | version | " + " | ".join(f"L{lv} recorded -> now" for lv in levels) + " |")
    print("|---" * (len(levels) + 2) + "|")
    for name in names:
        cells = [f"{before[name, lv][0]}/{before[name, lv][1]} -> {after[name, lv][0]}/{after[name, lv][1]}"
                 if (name, lv) in before else "–" for lv in levels]
        print(f"| {name} | {get_family(name).version} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
