"""`write_report`: one self-contained HTML page (plots embedded as base64 PNG) over one or more runs.

Every number on the page comes from a file in a run directory: metrics.jsonl / metrics.json for
accuracies, samples/iter_K.jsonl / samples.jsonl for the completions shown, config.json for the
settings. The PNGs are also written to `plots/` beside the page.
"""

from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path

from axiom.errors import AxiomError
from axiom.eval import plots
from axiom.eval.compare import TRANSFER, compare_metrics, greedy_outcomes, transfer_groups
from axiom.eval.grokking import grokking_watch
from axiom.eval.metrics import headline
from axiom.eval.rundir import RunData, load_run
from axiom.jsonl import atomic_open

CSS = """body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}td,th{border:1px solid #ddd;padding:.25em .6em;
text-align:right}th{background:#f5f5f5}td:first-child,th:first-child{text-align:left}
img{max-width:100%;display:block;margin:.6em 0}pre{background:#f7f7f7;padding:.6em;overflow-x:auto;font-size:.8em;
max-height:24em}.note{color:#666;font-size:.9em}.better{color:#2e7d32}.worse{color:#c62828}.noise{color:#777}
details{margin:.4em 0}.pass{color:#2e7d32}.fail{color:#c62828}
.flag{color:#c62828;font-weight:bold}"""


class Page:
    """Accumulates HTML and the PNGs it embeds (also saved under plots/)."""

    def __init__(self, plots_dir: Path) -> None:
        self.parts: list[str] = []
        self.plots_dir = plots_dir
        self.written: list[Path] = []

    def add(self, text: str) -> None:
        self.parts.append(text)

    def image(self, name: str, png: bytes, alt: str) -> None:
        path = self.plots_dir / f"{_slug(name)}.png"
        with atomic_open(path, "wb") as f:
            f.write(png)
        self.written.append(path)
        self.add(f'<img class="plot" alt="{html.escape(alt)}" src="data:image/png;base64,'
                 f'{base64.b64encode(png).decode()}">')


def write_report(run_dirs: list[Path], out: Path) -> Path:
    """Read the runs, write `out` (HTML) and `out.parent/plots/*.png`; return `out`."""
    if not run_dirs:
        raise AxiomError("give at least one run directory")
    runs = [load_run(p) for p in run_dirs]
    out = Path(out)
    page = Page(out.parent / "plots")
    names = ", ".join(html.escape(r.name) for r in runs)
    page.add(f"<!doctype html><html><head><meta charset='utf-8'><title>Axiom report: {names}</title>"
             f"<style>{CSS}</style></head><body><h1>Axiom report</h1><p class='note'>{names}</p>")
    _summary(page, runs)
    if any(r.records for r in runs):
        page.add("<h2>Accuracy over iterations</h2>")
        page.image("accuracy", plots.accuracy_over_iterations(runs), "accuracy over iterations")
    if len(runs) > 1:
        _runs_compared(page, runs)
    for run in runs:
        _run_section(page, run, prefix=f"{run.name}-" if len(runs) > 1 else "")
    page.add("</body></html>")
    with atomic_open(out) as f:
        f.write("\n".join(page.parts))
    return out


def _summary(page: Page, runs: list[RunData]) -> None:
    page.add("<h2>Summary</h2><table><tr><th>run</th><th>split</th><th>iterations</th><th>metric</th>"
             "<th>first</th><th>latest</th><th>change (95% CI)</th><th>pass@k at latest</th></tr>")
    for run in runs:
        for split in run.splits:
            series = run.series(split)
            (i0, m0), (i1, m1) = series[0], series[-1]
            name = headline(m1["overall"])[0]
            changes = {}
            if len(series) > 1:
                changes = {c.group: c for c in compare_metrics(m0, m1, metric=name, by="by_transfer",
                                                               outcomes=_outcomes(run, i0, run, i1, split))}
            # overall, then (where some families are held out) the trained and the held-out families: transfer
            for group, b0, b1 in [("overall", m0["overall"], m1["overall"])] + [
                    (g, transfer_groups(m0).get(g, {}), b) for g, b in transfer_groups(m1).items()]:
                _, v1, ci1, n1 = headline(b1)
                _, v0, ci0, n0 = headline(b0) if b0 else (name, None, (0.0, 1.0), 0)
                change = _change_html(changes[group]) if group in changes else "-"
                ks = ", ".join(f"{k} {v * 100:.1f}%" for k, v in b1.items()
                               if re.fullmatch(r"pass@\d+", k) and v is not None)
                where = split if group == "overall" else f"{split}: {group}"
                page.add(f"<tr><td>{html.escape(run.name)}</td><td>{where}</td><td>{i0}-{i1}</td><td>{name}</td>"
                         f"<td>{_pct_ci(v0, ci0, n0)}</td><td>{_pct_ci(v1, ci1, n1)}</td><td>{change}</td>"
                         f"<td>{ks}</td></tr>")
    page.add("</table><p class='note'>Intervals are 95% Wilson intervals over problems; a change is "
             "'within noise' when its 95% interval contains 0: paired (Newcombe's paired interval, with McNemar's "
             "exact p) when both sides scored the same problems greedily, else Newcombe's hybrid interval. With 5 "
             "problems a cell, a 20-point change is usually noise.</p>")


def _runs_compared(page: Page, runs: list[RunData]) -> None:
    base = runs[0]
    split = base.primary_split
    page.add(f"<h2>Runs compared ({split}, latest iteration, against {html.escape(base.name)})</h2>")
    for other in runs[1:]:
        if split not in other.splits:
            page.add(f"<p class='note'>{html.escape(other.name)} has no {split} split.</p>")
            continue
        (ka, a), (kb, b) = base.series(split)[-1], other.series(split)[-1]
        changes = compare_metrics(a, b, outcomes=_outcomes(base, ka, other, kb, split))
        _change_table(page, changes, base.name, other.name)
        page.image(f"compare-{other.name}", plots.family_changes(changes, f"{base.name} -> {other.name}"),
                   "per-family change between runs")


def _outcomes(a: RunData, ka: int, b: RunData, kb: int, split: str):
    """Greedy outcomes per problem on both sides, for paired changes; None when a side has no sample rows."""
    before, after = greedy_outcomes(a.split_rows(ka, split)), greedy_outcomes(b.split_rows(kb, split))
    return (before, after) if before and after else None


def _run_section(page: Page, run: RunData, prefix: str) -> None:
    page.add(f"<h2>Run {html.escape(run.name)}</h2><p class='note'>{html.escape(str(run.path))}</p>")
    split = run.primary_split
    if split is None:
        page.add("<p>No metrics recorded yet.</p>")
        return
    series = run.series(split)
    heldout = series[-1][1].get("heldout")
    if heldout:
        page.add(f"<p>Held-out families (evaluated, never trained on): <b>{html.escape(', '.join(heldout['families']))}"
                 f"</b>. The rows '{TRANSFER['trained']}' and '{TRANSFER['heldout']}' below show the gain on the "
                 "trained families and the transfer to the unseen ones.</p>")
    page.add(f"<h3>Family x difficulty ({split})</h3>")
    page.image(f"{prefix}heatmap-{split}", plots.heatmaps(run, split), "family x difficulty heat map")
    if len(series) > 1:
        (k0, m0), (k1, m1) = series[0], series[-1]
        changes = compare_metrics(m0, m1, outcomes=_outcomes(run, k0, run, k1, split))
        page.add(f"<h3>Per-family change, iteration {series[0][0]} -> {series[-1][0]} ({split})</h3>")
        _change_table(page, changes, f"iter {series[0][0]}", f"iter {series[-1][0]}")
        page.image(f"{prefix}family-change-{split}", plots.family_changes(changes, f"{split}: baseline -> latest"),
                   "per-family change")
    else:
        _family_table(page, series[-1][1])
    page.add(f"<h3>Verdicts and completion quality ({split})</h3>")
    page.image(f"{prefix}verdicts-{split}", plots.verdict_mix(run, split), "verdict mix")
    page.image(f"{prefix}quality-{split}", plots.quality_over_iterations(run, split), "completion quality")
    _flags(page, run)
    _grokking(page, run)
    _stages(page, run)
    _samples(page, run)
    page.add(f"<details><summary>Config</summary><pre>{html.escape(json.dumps(run.config, indent=2))}</pre>"
             "</details>")


def _change_table(page: Page, changes, a: str, b: str) -> None:
    page.add(f"<table><tr><th>group</th><th>{html.escape(a)}</th><th>{html.escape(b)}</th><th>change (95% CI)</th>"
             "</tr>")
    for c in changes:
        page.add(f"<tr><td>{html.escape(c.group)}</td><td>{_pct_n(c.a, c.n_a)}</td><td>{_pct_n(c.b, c.n_b)}</td>"
                 f"<td>{_change_html(c)}</td></tr>")
    page.add("</table>")


def _family_table(page: Page, metrics: dict) -> None:
    page.add("<table><tr><th>family</th><th>metric</th><th>value (95% CI)</th><th>partial credit</th>"
             "<th>syntax valid</th><th>mode collapse</th></tr>")
    groups = [("overall", metrics["overall"]), *transfer_groups(metrics).items(), *metrics.get("by_family", {}).items()]
    for fam, block in groups:
        name, v, ci, n = headline(block)
        page.add(f"<tr><td>{html.escape(fam)}</td><td>{name}</td><td>{_pct_ci(v, ci, n)}</td>"
                 f"<td>{_pct(block.get('partial_credit'))}</td><td>{_pct(block.get('syntax_valid_rate'))}</td>"
                 f"<td>{_pct(block.get('mode_collapse_rate'))}</td></tr>")
    page.add("</table>")


def _flags(page: Page, run: RunData) -> None:
    """Families the loop flagged for falling more than its threshold (metrics.jsonl "flags"), loudly."""
    seen, flags = set(), []
    for r in run.records:
        for f in r.get("flags") or []:
            key = (r.get("iteration"), f.get("split"), f.get("family"), f.get("versus"))
            if key not in seen:
                seen.add(key)
                flags.append((r.get("iteration"), f))
    if not flags:
        return
    page.add("<h3 class='flag'>Regressions flagged</h3><table><tr><th>iteration</th><th>split</th><th>family</th>"
             "<th>metric</th><th>versus</th><th>from</th><th>to</th><th>points</th></tr>")
    for it, f in flags:
        page.add(f"<tr class='flag'><td>{it}</td><td>{html.escape(str(f.get('split')))}</td>"
                 f"<td>{html.escape(str(f.get('family')))}</td><td>{html.escape(str(f.get('metric')))}</td>"
                 f"<td>{html.escape(str(f.get('versus')))}</td><td>{_pct(f.get('from'))}</td>"
                 f"<td>{_pct(f.get('to'))}</td><td>{_fmt(f.get('points'))}</td></tr>")
    page.add("</table>")


def _grokking(page: Page, run: RunData) -> None:
    held = next((s for s in ("val", "test") if s in run.splits), None)
    if held is None or len(run.series(held)) < 4:
        return
    events = grokking_watch(run.records, split=held)
    page.add(f"<h3>Grokking watch ({held})</h3>")
    if not events:
        page.add("<p>No sudden rise after a plateau.</p>")
    for e in events:
        page.add(f"<p>Iteration {e.iteration}: {held} {e.before * 100:.0f}% -> {e.after * 100:.0f}% after a plateau"
                 f"{'' if e.train is None else f', train {e.train * 100:.0f}%'}; "
                 f"{'outside noise' if e.significant else 'within noise'}.</p>")


def _stages(page: Page, run: RunData) -> None:
    rows = [r for r in run.records if r.get("stage_seconds") or r.get("train")]
    if not rows:
        return
    page.add("<h3>Stages</h3><table><tr><th>iteration</th><th>split</th><th>stage seconds</th><th>train</th></tr>")
    for r in rows:
        stages = ", ".join(f"{k} {v:.0f}s" for k, v in (r.get("stage_seconds") or {}).items()
                           if isinstance(v, (int, float)))
        train = ", ".join(f"{k} {_fmt(v)}" for k, v in (r.get("train") or {}).items()
                          if isinstance(v, (int, float, str)))
        page.add(f"<tr><td>{r['iteration']}</td><td>{r['split']}</td><td>{stages}</td><td>{html.escape(train)}"
                 "</td></tr>")
    page.add("</table>")


def _samples(page: Page, run: RunData, n_best: int = 3, n_worst: int = 4) -> None:
    if not run.samples:
        return
    iteration = max(run.samples)
    rows = run.sample_rows(iteration)
    if not rows:
        return
    best, seen = [], set()
    for r in sorted((r for r in rows if r.get("status") == "passed"), key=lambda r: len(r.get("completion", ""))):
        if r["problem_id"] not in seen and len(best) < n_best:
            best.append(r)
            seen.add(r["problem_id"])
    worst, statuses = [], set()
    for r in sorted((r for r in rows if r.get("status") != "passed"), key=lambda r: r.get("score") or 0):
        if r["status"] not in statuses and len(worst) < n_worst:
            worst.append(r)
            statuses.add(r["status"])
    page.add(f"<h3>Sample completions (iteration {iteration})</h3>")
    for title, picked in (("Best (passed)", best), ("Worst (one per failure kind)", worst)):
        page.add(f"<h4>{title}</h4>" + ("" if picked else "<p class='note'>none</p>"))
        for r in picked:
            cls = "pass" if r["status"] == "passed" else "fail"
            err = f" — {html.escape(str(r.get('error'))[:200])}" if r.get("error") else ""
            page.add(f"<details><summary>{html.escape(r['problem_id'])} #{r.get('sample', 0)}: "
                     f"<span class='{cls}'>{r['status']}</span> {r.get('passed_tests', '?')}/"
                     f"{r.get('total_tests', '?')}{err}</summary><pre>{html.escape(r.get('completion', '')[:2000])}"
                     "</pre></details>")


def _change_html(c) -> str:
    if c.delta is None:
        return "-"
    cls = {"better": "better", "worse": "worse"}.get(c.verdict, "noise")
    p = f", McNemar p={c.p_value:.2g}" if c.p_value is not None else ""
    return (f"<span class='{cls}'>{c.delta * 100:+.1f} [{c.lo * 100:+.0f}, {c.hi * 100:+.0f}] {c.verdict}{p}</span>"
            if c.lo is not None else f"{c.delta * 100:+.1f}")


def _pct(v) -> str:
    return "-" if v is None else f"{v * 100:.1f}%"


def _pct_n(v, n: int) -> str:
    return "-" if v is None else f"{v * 100:.1f}% (n={n})"


def _pct_ci(v, ci, n: int) -> str:
    return "-" if v is None else f"{v * 100:.1f}% [{ci[0] * 100:.0f}, {ci[1] * 100:.0f}] (n={n})"


def _fmt(v) -> str:
    return f"{v:.4g}" if isinstance(v, float) else str(v)


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "plot"
