"""Markdown tables of an `axiom iterate` run: every iteration against the baseline, per family and per level.

    .venv/bin/python scripts/run_table.py runs/v2-cpu [--split test]

Greedy pass@1 as solved/n for each iteration (with pass@8 where the iteration sampled it), the
change from the baseline to the last iteration, paired over the same problems (Newcombe's paired
interval, McNemar's exact p); then overall with Wilson intervals; then the training side of each
iteration (training samples' pass rate, examples per family, loss, stage times) and the regression
flags. This is how the README's results tables are made; every number comes from the run directory.

Where the run holds families out of training (`problems.heldout_families`), they are marked
"(held-out)" in the family table, which ends with two more rows before **all**: the trained
families and the held-out families together, with the same paired change (the transfer line).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from axiom.eval.compare import compare_metrics, greedy_outcomes, heldout_families, transfer_groups
from axiom.eval.rundir import load_run


def solved(block: dict | None, k: str) -> str:
    if not block or block.get("greedy_pass@1") is None:
        return "–"
    text = f"{block['greedy_solved']}/{block['n_problems']}"
    return text + (f" · {100 * block[k]:.0f}%" if block.get(k) is not None else "")


def change(c) -> str:
    if c.delta is None or c.lo is None:
        return "–"
    p = f", p={c.p_value:.2g}" if c.p_value is not None else ""
    return f"{100 * c.delta:+.1f} [{100 * c.lo:+.0f}, {100 * c.hi:+.0f}]{p}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run", type=Path)
    ap.add_argument("--split", default="test", help="val or test (default test)")
    ap.add_argument("--k", default="pass@8", help="sampled metric shown where measured (default pass@8)")
    a = ap.parse_args()
    run = load_run(a.run)
    series = run.series(a.split)
    (k0, base), (kn, last) = series[0], series[-1]
    outcomes = (greedy_outcomes(run.split_rows(k0, a.split)), greedy_outcomes(run.split_rows(kn, a.split)))
    iters = [k for k, _ in series]
    head = "| {} | " + " | ".join("baseline" if k == 0 else f"iter {k}" for k in iters) + \
        f" | change {k0} -> {kn} (95% CI, McNemar p) |"
    rule = "|---|" + "---|" * (len(iters) + 1)
    heldout = heldout_families(*(m for _, m in series)) or []
    for group, title in (("by_family", "family"), ("by_difficulty", "level")):
        changes = {c.group: c for c in compare_metrics(base, last, "greedy_pass@1", by=group,
                                                       outcomes=outcomes if all(outcomes) else None)}
        print(f"{a.split}, greedy pass@1 solved/n (· {a.k} where sampled)\n")
        print(head.format(title))
        print(rule)
        for key in sorted(base[group], key=lambda g: (int(g), "") if g.isdigit() else (0, g)):
            cells = " | ".join(solved(m[group].get(key), a.k) for _, m in series)
            label = f"{key} (held-out)" if group == "by_family" and key in heldout else key
            print(f"| {label} | {cells} | {change(changes[key])} |")
        if group == "by_family":  # transfer: the trained and the held-out families, where some are held out
            for name in transfer_groups(last):
                cells = " | ".join(solved(transfer_groups(m).get(name), a.k) for _, m in series)
                print(f"| *{name}* | {cells} | {change(changes[name])} |")
        overall = " | ".join(solved(m["overall"], a.k) + " ({:.1f}% [{:.0f}, {:.0f}])".format(
            100 * m["overall"]["greedy_pass@1"], *(100 * x for x in m["overall"]["greedy_pass@1_ci"]))
            for _, m in series)
        print(f"| **all** | {overall} | {change(changes['overall'])} |\n")
    records = {(r["iteration"], r["split"]): r for r in run.records}
    print("| iteration | training pass@1 (samples) | examples by family | loss | stage seconds | flags |")
    print("|---|---|---|---|---|---|")
    for k in iters:
        rec = records.get((k, a.split), {})
        train = records.get((k, "train"), {}).get("metrics", {}).get("overall", {})
        info = rec.get("train") or {}
        fams = ", ".join(f"{f} {n}" for f, n in sorted((info.get("by_family") or {}).items()))
        loss = f"{info['train_loss']:.3f}" if info.get("train_loss") is not None else "–"
        stages = ", ".join(f"{s} {v:.0f}" for s, v in (rec.get("stage_seconds") or {}).items() if v)
        flags = "; ".join(f"{f['split']} {f['family']} {f['points']:+.0f} vs {f['versus']}"
                          for s in ("val", "test") for f in records.get((k, s), {}).get("flags", []))
        rate = f"{100 * train['pass@1']:.1f}% ({train['n_samples']})" if train.get("pass@1") is not None else "–"
        print(f"| {k} | {rate} | {fams or '–'} | {loss} | {stages} | {flags or '–'} |")


if __name__ == "__main__":
    main()
