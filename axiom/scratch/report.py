"""A pretraining run's report: loss curves, sampled-function quality and HumanEval-mini over steps.

Built with `axiom.eval.report`'s page (plots embedded and saved to plots/) from the run's files
only: metrics.jsonl for every number, samples/ for the texts shown, config.json for the settings.
(`axiom report RUN_DIR` also reads the run, as one more run directory.)
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from axiom.eval.plots import _png, _pyplot
from axiom.eval.report import CSS, Page
from axiom.jsonl import atomic_open, read_json, read_jsonl


def _lines(run_dir: Path) -> list[dict]:
    path = run_dir / "metrics.jsonl"
    by_step = {row["step"]: row for _, row in read_jsonl(path) if "pretrain" in row} if path.is_file() else {}
    return [by_step[s] for s in sorted(by_step)]


def _plot(lines: list[dict], series: list[tuple[str, str]], title: str, ylabel: str, unit_range: bool) -> bytes:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 3.4))
    steps = [r["step"] for r in lines]
    for key, label in series:
        ys = [r["pretrain"].get(key) for r in lines]
        if any(y is not None for y in ys):
            ax.plot(steps, [float("nan") if y is None else y for y in ys], marker="o", markersize=3, label=label)
    ax.set(xlabel="step", ylabel=ylabel, title=title)
    if unit_range:
        ax.set_ylim(-0.02, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return _png(fig)


def write_pretrain_report(run_dir: str | Path) -> Path:
    """RUN_DIR/report.html and RUN_DIR/plots/*.png from the run's files; returns the page's path."""
    run_dir = Path(run_dir)
    lines = _lines(run_dir)
    config = read_json(run_dir / "config.json", "run's config.json") if (run_dir / "config.json").is_file() else {}
    page = Page(run_dir / "plots")
    name = html.escape(str(config.get("name") or run_dir.name))
    page.add(f"<!doctype html><html><head><meta charset='utf-8'><title>Pretraining: {name}</title><style>{CSS}"
             f"</style></head><body><h1>Pretraining: {name}</h1><p class='note'>{html.escape(str(run_dir))}; "
             f"{config.get('parameters', 0):,} parameters, {config.get('tokens_per_step', 0):,} tokens a step</p>")
    if not lines:
        page.add("<p>No evaluation yet.</p>")
    else:
        page.add("<h2>Loss</h2>")
        page.image("loss", _plot(lines, [("train_loss", "train (since the last evaluation)"),
                                         ("val_loss", "validation")], "Loss (nats/token)", "loss", False), "loss")
        page.add("<h2>Sampled functions and HumanEval-mini</h2>")
        page.image("functions", _plot(lines, [("syntax_valid_rate", "syntax valid"),
                                              ("mode_collapse_rate", "mode collapse"),
                                              ("finished_rate", "finished within the budget"),
                                              ("humaneval_mini_pass@1", "HumanEval-mini greedy pass@1")],
                                      "Sampled functions (definitions: docs/scratch.md)", "share", True), "functions")
        _table(page, lines)
        _samples(page, run_dir, lines[-1]["step"])
    page.add(f"<details><summary>Config</summary><pre>{html.escape(json.dumps(config, indent=2))}</pre></details>"
             "</body></html>")
    out = run_dir / "report.html"
    with atomic_open(out) as f:
        f.write("\n".join(page.parts))
    return out


def _table(page: Page, lines: list[dict]) -> None:
    cols = [("train_loss", "train loss"), ("val_loss", "val loss"), ("syntax_valid_rate", "syntax valid"),
            ("mode_collapse_rate", "mode collapse"), ("repetition_rate", "repetition"),
            ("duplicate_rate", "duplicate"), ("humaneval_mini_pass@1", "HumanEval-mini pass@1")]
    page.add("<table><tr><th>step</th><th>tokens</th>" + "".join(f"<th>{h}</th>" for _, h in cols) +
             "<th>train s</th></tr>")
    for r in lines:
        p = r["pretrain"]
        cells = "".join(f"<td>{_fmt(key, p.get(key))}</td>" for key, _ in cols)
        page.add(f"<tr><td>{r['step']}</td><td>{r['tokens']:,}</td>{cells}<td>{r['seconds']['train']:.0f}</td></tr>")
    page.add("</table>")


def _fmt(key: str, v) -> str:
    if v is None:
        return "-"
    return f"{v:.3f}" if "loss" in key else f"{v * 100:.0f}%"


def _samples(page: Page, run_dir: Path, step: int, n: int = 6) -> None:
    path = run_dir / "samples" / f"functions_{step}.jsonl"
    rows = [row for _, row in read_jsonl(path)] if path.is_file() else []
    page.add(f"<h2>Sampled functions at step {step}</h2>")
    for r in rows[:n]:
        tags = ", ".join(t for t, on in (("valid", r["valid"]), ("unfinished", not r["finished"]),
                                         ("repetitive", r["repetitive"]), ("duplicate", r["duplicate"])) if on)
        page.add(f"<details><summary>{html.escape(r['prompt'])}… ({tags or 'not valid'})</summary>"
                 f"<pre>{html.escape(r['function'][:2000])}</pre></details>")
    he = run_dir / "samples" / f"iter_{step}.humaneval_mini.jsonl"
    if he.is_file():
        rows = [row for _, row in read_jsonl(he)]
        page.add(f"<h3>HumanEval-mini at step {step}</h3><table><tr><th>task</th><th>status</th><th>completion</th>"
                 "</tr>")
        for r in rows:
            page.add(f"<tr><td>{html.escape(r['problem_id'])}</td><td>{r['status']}</td><td style='text-align:left'>"
                     f"<code>{html.escape(r['completion'][:120])}</code></td></tr>")
        page.add("</table>")
