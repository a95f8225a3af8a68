"""Markdown tables of `axiom eval` results side by side: per family, per level and overall,
greedy pass@1 (solved/n) and pass@8, with 95% Wilson intervals on the totals.

    .venv/bin/python scripts/baseline_table.py runs/baseline-qwen2.5-coder-0.5b runs/baseline-smollm2-135m

Each argument is an `axiom eval` output folder (its metrics.json); the column title is the model
named in its config.json. This is how the README's "Baselines" tables are made.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def load(folder: Path) -> tuple[str, dict]:
    metrics = json.loads((folder / "metrics.json").read_text())
    config_path = folder / "config.json"
    name = folder.name
    if config_path.exists():
        name = json.loads(config_path.read_text()).get("model", name)
    return name, metrics


def cell(block: dict | None, ks: tuple[str, ...]) -> str:
    if not block:
        return "–"
    parts = []
    if "greedy_pass@1" in block:
        parts.append(f"{block['greedy_solved']}/{block['n_problems']}")
    for k in ks:
        if k in block:
            parts.append(f"{100 * block[k]:.0f}%")
    return " · ".join(parts)


def interval(block: dict, key: str) -> str:
    if key not in block:
        return f"{key} not measured"
    lo, hi = block[f"{key}_ci"]
    return f"{key} {100 * block[key]:.1f}% [{100 * lo:.0f}, {100 * hi:.0f}]"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", type=Path, help="axiom eval output folders")
    ap.add_argument("--k", default="pass@8", help="the sampled metric next to greedy (default pass@8)")
    args = ap.parse_args()
    runs = [load(f) for f in args.folders]
    ks = (args.k,)
    head = "| | " + " | ".join(f"{name}: greedy solved · {args.k}" for name, _ in runs) + " |"
    rule = "|---|" + "---|" * len(runs)
    for group, title in (("by_family", "family"), ("by_difficulty", "level")):
        keys = sorted({k for _, m in runs for k in m[group]}, key=lambda k: (int(k), "") if k.isdigit() else (0, k))
        print(head.replace("| |", f"| {title} |", 1))
        print(rule)
        for key in keys:
            print(f"| {key} | " + " | ".join(cell(m[group].get(key), ks) for _, m in runs) + " |")
        if group == "by_difficulty":
            print("| **all** | " + " | ".join(f"{interval(m['overall'], 'greedy_pass@1')}; "
                                              f"{interval(m['overall'], args.k)}" for _, m in runs) + " |")
        print()


if __name__ == "__main__":
    main()
