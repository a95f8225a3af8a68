"""Per-family change between two evaluations, with intervals that say when a change is noise.

When both sides scored the same problems (shared problem ids) and the metric is greedy pass@1,
the change is paired: Newcombe's paired interval and McNemar's exact p-value on the problems
that flipped (`axiom.eval.paired`). Otherwise the interval is Newcombe's hybrid score interval
from two Wilson intervals, which treats the two sides as independent samples of problems.
A change whose interval contains 0 is reported as "within noise".

Where an evaluation has held-out families (`problems.heldout_families`: evaluated, never trained
on), the trained and the held-out families are compared as two more groups after overall, with the
same statistics: the transfer to unseen kinds of problem beside the gain on the trained ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from axiom.errors import AxiomError
from axiom.eval.metrics import diff_interval
from axiom.eval.paired import PairedTable, mcnemar_exact, paired_diff_interval
from axiom.eval.rundir import load_run

Outcomes = dict[str, bool]  # problem id -> its greedy sample passed
# compute_metrics' blocks of trained and held-out families, and the rows they are shown as
TRANSFER = {"trained": "trained families", "heldout": "held-out families"}


@dataclass(frozen=True)
class Change:
    group: str
    a: float | None
    n_a: int
    b: float | None
    n_b: int
    lo: float | None = None
    hi: float | None = None
    p_value: float | None = None  # McNemar's exact test, when paired
    paired: bool = False

    @property
    def delta(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def verdict(self) -> str:
        if self.delta is None:
            return "missing"
        if self.lo is not None and self.lo > 0:
            return "better"
        if self.hi is not None and self.hi < 0:
            return "worse"
        return "within noise"


def choose_metric(a: dict, b: dict) -> str:
    """greedy pass@1 when both evaluations have it, else pass@1."""
    both = [m for m in ("greedy_pass@1", "pass@1") if m in a.get("overall", {}) and m in b.get("overall", {})]
    if not both:
        raise AxiomError("the two metrics files share neither greedy_pass@1 nor pass@1")
    return both[0]


def heldout_families(*metrics: dict) -> list[str] | None:
    """The held-out families named by any of these metrics ("heldout" block); None when none has that block."""
    blocks = [m["heldout"] for m in metrics if isinstance(m.get("heldout"), dict)]
    return None if not blocks else sorted({f for block in blocks for f in block.get("families", [])})


def transfer_groups(metrics: dict) -> dict[str, dict]:
    """{"trained families": block, "held-out families": block} of one metrics dict; {} without held-out families."""
    return {name: metrics[key] for key, name in TRANSFER.items() if key in metrics}


def compare_metrics(a: dict, b: dict, metric: str | None = None, by: str = "by_family",
                    outcomes: tuple[Outcomes, Outcomes] | None = None) -> list[Change]:
    """Overall first; then, where either side has held-out families, the trained and the held-out families
    (`TRANSFER`); then one Change per group of `by` (by_family, by_difficulty, by_cell; by_transfer: only
    those two) in either file.

    With `outcomes` (greedy pass/fail per problem id on each side) and greedy pass@1, groups whose
    problems both sides scored get the paired interval and McNemar's p-value.
    """
    metric = metric or choose_metric(a, b)
    heldout = heldout_families(a, b)
    kinds = (["by_transfer"] if heldout is not None and by != "by_transfer" else []) + [by]
    groups = [("overall", "overall", a.get("overall", {}), b.get("overall", {}))]
    for kind in kinds:
        ga, gb = _groups(a, kind), _groups(b, kind)
        groups += [(kind, g, ga.get(g, {}), gb.get(g, {})) for g in list(ga) + [g for g in gb if g not in ga]]
    pairs = outcomes if outcomes and metric == "greedy_pass@1" else None
    out = []
    for kind, name, x, y in groups:
        pa, pb = x.get(metric), y.get(metric)
        na, nb = _n(x, metric), _n(y, metric)
        change = Change(name, pa, na, pb, nb)
        if pairs is not None:
            change = _paired(name, kind, *pairs, heldout=heldout or ()) or change
        if not change.paired and pa is not None and pb is not None and na and nb:
            lo, hi = diff_interval(pa, na, pb, nb)
            change = Change(name, pa, na, pb, nb, lo, hi)
        out.append(change)
    return out


def _groups(metrics: dict, by: str) -> dict[str, dict]:
    return transfer_groups(metrics) if by == "by_transfer" else metrics.get(by, {})


def _paired(group: str, by: str, before: Outcomes, after: Outcomes, heldout=()) -> Change | None:
    """The paired change over the problems of `group` that both sides scored, or None when they share none."""
    shared = {pid for pid in before.keys() & after.keys()
              if group == "overall" or _group_of(pid, by, heldout) == group}
    if not shared:
        return None
    t = PairedTable.from_outcomes({i: before[i] for i in shared}, {i: after[i] for i in shared})
    lo, hi = paired_diff_interval(t)
    return Change(group, t.before, t.n, t.after, t.n, lo, hi, mcnemar_exact(t.only_before, t.only_after), True)


def _group_of(problem_id: str, by: str, heldout=()) -> str | None:
    """'rpn/d5/test/000017' -> 'rpn', '5', 'rpn/5' or (by_transfer) 'held-out families' when rpn is held out;
    None for ids of another shape (HumanEval/0)."""
    parts = problem_id.split("/")
    if len(parts) != 4 or not parts[1].startswith("d") or not parts[1][1:].isdigit():
        return None
    family, level = parts[0], parts[1][1:]
    transfer = TRANSFER["heldout" if family in heldout else "trained"]
    return {"by_family": family, "by_difficulty": level, "by_cell": f"{family}/{level}",
            "by_transfer": transfer}.get(by)


def greedy_outcomes(rows: list[dict]) -> Outcomes:
    """Greedy pass/fail per problem from sample rows (a sandbox error is the verifier's fault: left out)."""
    return {r["problem_id"]: r["status"] == "passed" for r in rows
            if r.get("greedy") and r.get("status") not in (None, "sandbox_error")}


def _n(block: dict, metric: str) -> int:
    # greedy pass@1 is over the problems that had a greedy sample; others over problems with samples
    return block.get("n_problems", 0) - (block.get("sandbox_errors", 0) if metric == "greedy_pass@1" else 0)


def format_table(changes: list[Change], a_name: str, b_name: str, metric: str) -> str:
    """A plain-text table, one row per group, and a footnote on what 'within noise' means."""
    head = f"{'group':<22} {a_name[:16]:>16} {b_name[:16]:>16} {'change':>8}  {'95% CI of change':<18} verdict"
    lines = [f"{metric}: {a_name} -> {b_name}", head, "-" * len(head)]
    for c in changes:
        ci = f"[{c.lo * 100:+.0f}, {c.hi * 100:+.0f}]" if c.lo is not None else "-"
        delta = f"{c.delta * 100:+.1f}" if c.delta is not None else "-"
        p = f" (McNemar p={c.p_value:.3g})" if c.p_value is not None else ""
        lines.append(f"{c.group:<22} {_pct(c.a, c.n_a):>16} {_pct(c.b, c.n_b):>16} {delta:>8}  {ci:<18} {c.verdict}{p}")
    paired = any(c.paired for c in changes)
    lines.append("values in %, n = problems; 'within noise': the 95% interval of the change contains 0"
                 + ("; paired: both sides scored the same problems (Newcombe's paired interval, McNemar's exact "
                    "test)" if paired else "; unpaired (Newcombe's hybrid interval)"))
    return "\n".join(lines)


def _pct(p: float | None, n: int) -> str:
    return "-" if p is None else f"{p * 100:.1f} (n={n})"


def load_metrics(path: str | Path) -> tuple[str, dict]:
    """(name, compute_metrics output) from a metrics.json, an eval folder, or a run directory (its latest
    iteration of the primary split; `runs/NAME@K` for iteration K)."""
    name, metrics, _ = load_evaluation(path)
    return name, metrics


def load_evaluation(spec: str | Path) -> tuple[str, dict, Outcomes | None]:
    """(name, metrics, greedy outcomes per problem or None) of a metrics.json, an eval folder or a run
    directory; `runs/NAME@K` picks iteration K of a run (default: the latest)."""
    text = str(spec)
    iteration = None
    if "@" in text and text.rsplit("@", 1)[1].isdigit() and not Path(text).exists():
        text, k = text.rsplit("@", 1)
        iteration = int(k)
    path = Path(text)
    if path.is_dir():
        run = load_run(path)
        split = run.primary_split
        if split is None:
            raise AxiomError(f"{path}: no metrics recorded yet")
        series = dict(run.series(split))
        if iteration is None:
            iteration = max(series)
        if iteration not in series:
            raise AxiomError(f"{path}: no iteration {iteration} of {split}; it has {', '.join(map(str, series))}")
        rows = run.split_rows(iteration, split)
        return f"{run.name}:{split}@{iteration}", series[iteration], greedy_outcomes(rows) if rows else None
    if not path.exists():
        raise AxiomError(f"{path}: no such file; give a metrics.json, an `axiom eval` folder or a run directory")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise AxiomError(f"{path}: not valid JSON ({e.msg})") from None
    data = data.get("metrics", data) if isinstance(data, dict) else data
    if not isinstance(data, dict) or "overall" not in data:
        raise AxiomError(f"{path}: not a metrics file (no 'overall' block); use `axiom eval`'s metrics.json")
    return (path.stem if path.stem != "metrics" else path.parent.name), data, None
