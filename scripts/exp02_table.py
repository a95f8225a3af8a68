"""The prototype's experiment 02 table, for runs of `configs/seed-exp02.yaml` side by side.

    .venv/bin/python scripts/exp02_table.py ~/axiom-runs/seed-exp02-prototype ~/axiom-runs/seed-exp02-axiom

One row per run and iteration, shaped like the prototype's write-up: val overall, test overall,
remove_duplicates (val) and fibonacci (val), greedy pass@1 as a percentage with solved/n, whether the
loop kept the iteration's checkpoint, and the change of the last iteration from the baseline, paired
over the same problems (Newcombe's paired interval, McNemar's exact p). Runs whose val or test problems
differ from the first run's are refused.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from axiom.eval.compare import compare_metrics, greedy_outcomes
from axiom.eval.rundir import load_run

FAMILIES = ("remove_duplicates", "fibonacci")


def cell(block: dict | None) -> str:
    if not block or block.get("greedy_pass@1") is None:
        return "–"
    return f"{100 * block['greedy_pass@1']:.1f}% ({block['greedy_solved']}/{block['n_problems']})"


def change(c) -> str:
    if c is None or c.delta is None or c.lo is None:
        return "–"
    p = f", p={c.p_value:.2g}" if c.p_value is not None else ""
    return f"{100 * c.delta:+.1f} [{100 * c.lo:+.0f}, {100 * c.hi:+.0f}]{p}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("runs", type=Path, nargs="+", help="run directories of configs/seed-exp02.yaml")
    a = ap.parse_args()
    differ = [str(path) for path in a.runs[1:] if problems_digest(path) != problems_digest(a.runs[0])]
    if differ:
        raise SystemExit(f"{', '.join(differ)}: other val/test problems than {a.runs[0]}; the table compares runs "
                         "on the same problems (problems.from_dir=RUN/problems)")
    print("| run | iteration | val overall | test overall | remove_duplicates (val) | fibonacci (val) | kept |")
    print("|---|---|---|---|---|---|---|")
    for path in a.runs:
        run = load_run(path)
        val, test = dict(run.series("val")), dict(run.series("test"))
        kept = {r["iteration"]: r.get("kept") for r in run.records if r["split"] == "val"}
        for k in sorted(val):
            fams = [cell(val[k]["by_family"].get(f)) for f in FAMILIES]
            print(f"| {run.name} | {k} | {cell(val[k]['overall'])} | {cell(test.get(k, {}).get('overall'))} | "
                  f"{' | '.join(fams)} | {'–' if k == 0 else 'yes' if kept.get(k) else 'no'} |")
        last = max(val)
        changes = {split: paired_changes(run, series, last, split) for split, series in (("val", val), ("test", test))}
        cells = [change(changes["val"].get("overall")), change(changes["test"].get("overall"))]
        cells += [change(changes["val"].get(f)) for f in FAMILIES]
        print(f"| {run.name} | change 0 -> {last} | {' | '.join(cells)} | |")


def problems_digest(run: Path) -> str:
    """A digest of the run's val and test problem files, byte for byte."""
    h = hashlib.sha256()
    for split in ("val", "test"):
        h.update((run / "problems" / f"{split}.jsonl").read_bytes())
    return h.hexdigest()


def paired_changes(run, series: dict, last: int, split: str) -> dict:
    """Overall and per-family change from the baseline to `last`, paired over the same problems."""
    if last not in series:
        return {}
    outcomes = (greedy_outcomes(run.split_rows(0, split)), greedy_outcomes(run.split_rows(last, split)))
    found = compare_metrics(series[0], series[last], "greedy_pass@1", by="by_family",
                            outcomes=outcomes if all(outcomes) else None)
    return {c.group: c for c in found}


if __name__ == "__main__":
    main()
