"""The report's figures (matplotlib, Agg): each function draws one PNG and returns its bytes."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from axiom.eval.compare import Change
from axiom.eval.metrics import headline
from axiom.eval.rundir import RunData
from axiom.verify.records import STATUSES

STATUS_COLORS = {"passed": "#2e7d32", "wrong_answer": "#ef6c00", "runtime_error": "#c62828", "timeout": "#6a1b9a",
                 "memory_limit": "#4527a0", "syntax_error": "#8d6e63", "no_code": "#9e9e9e",
                 "sandbox_error": "#000000"}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    _pyplot().close(fig)
    return buf.getvalue()


def accuracy_over_iterations(runs: Sequence[RunData]) -> bytes:
    """Headline accuracy per iteration, one line per (run, split), the 95% interval shaded."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.5, 4))
    styles = {"train": ":", "val": "-", "test": "--", "eval": "-"}
    for i, run in enumerate(runs):
        for split in run.splits:
            pts = [(it, headline(m["overall"])) for it, m in run.series(split)]
            pts = [(it, h) for it, h in pts if h[1] is not None]
            if not pts:
                continue
            xs = [it for it, _ in pts]
            label = f"{run.name} {split} ({pts[0][1][0]})" if len(runs) > 1 else f"{split} ({pts[0][1][0]})"
            line, = ax.plot(xs, [h[1] for _, h in pts], styles.get(split, "-."), marker="o", color=f"C{i}"
                            if len(runs) > 1 else None, label=label)
            ax.fill_between(xs, [h[2][0] for _, h in pts], [h[2][1] for _, h in pts], color=line.get_color(),
                            alpha=0.12)
    ax.set(xlabel="iteration", ylabel="accuracy", ylim=(-0.02, 1.02), title="Accuracy over iterations (95% CI)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    return _png(fig)


def heatmaps(run: RunData, split: str) -> bytes:
    """Family x difficulty grids of the first and the last iteration of `split`."""
    plt = _pyplot()
    series = run.series(split)
    shown = [series[0]] if len(series) == 1 else [series[0], series[-1]]
    fams = sorted({cell.rsplit("/", 1)[0] for _, m in shown for cell in m.get("by_cell", {})})
    levels = sorted({int(cell.rsplit("/", 1)[1]) for _, m in shown for cell in m.get("by_cell", {})})
    fig, axes = plt.subplots(1, len(shown), figsize=(1.2 + 0.75 * len(levels) * len(shown) + 2.5 * len(shown),
                                                      0.9 + 0.42 * max(len(fams), 1)), squeeze=False)
    for ax, (it, m) in zip(axes[0], shown, strict=True):
        grid = [[float("nan")] * len(levels) for _ in fams]
        for cell, block in m.get("by_cell", {}).items():
            fam, lv = cell.rsplit("/", 1)
            grid[fams.index(fam)][levels.index(int(lv))] = headline(block)[1] if headline(block)[1] is not None \
                else float("nan")
        im = ax.imshow(grid, vmin=0, vmax=1, cmap="RdYlGn", aspect="auto")
        for r, row in enumerate(grid):
            for c, v in enumerate(row):
                if v == v:  # not nan
                    ax.text(c, r, f"{v * 100:.0f}", ha="center", va="center", fontsize=8)
        ax.set_xticks(range(len(levels)), [str(lv) for lv in levels])
        ax.set_yticks(range(len(fams)), fams if ax is axes[0][0] else [], fontsize=8)
        name = headline(m["overall"])[0]
        ax.set(xlabel="difficulty", title=f"{'baseline' if it == series[0][0] else 'latest'}: {split} iter {it}\n"
                                          f"{name}, %")
    fig.colorbar(im, ax=list(axes[0]), shrink=0.8)
    return _png(fig)


def family_changes(changes: Sequence[Change], title: str) -> bytes:
    """Change per family with its 95% interval; grey where the interval contains 0 (noise)."""
    plt = _pyplot()
    rows = [c for c in changes if c.delta is not None]
    fig, ax = plt.subplots(figsize=(7, 0.8 + 0.35 * max(len(rows), 1)))
    ys = range(len(rows))
    colors = {"better": "#2e7d32", "worse": "#c62828", "within noise": "#9e9e9e"}
    for y, c in zip(ys, rows, strict=True):
        err = [[c.delta - c.lo], [c.hi - c.delta]] if c.lo is not None else None
        ax.barh(y, c.delta * 100, color=colors[c.verdict], xerr=None if err is None else
                [[e[0] * 100] for e in err], capsize=3)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(list(ys), [c.group for c in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set(xlabel="change, percentage points (95% CI; grey = within noise)", title=title)
    ax.grid(axis="x", alpha=0.3)
    return _png(fig)


def verdict_mix(run: RunData, split: str) -> bytes:
    """Share of each verdict status per iteration (stacked)."""
    plt = _pyplot()
    series = run.series(split)
    fig, ax = plt.subplots(figsize=(7, 3.2))
    bottoms = [0.0] * len(series)
    labels = [str(it) for it, _ in series]
    for status in STATUSES:
        shares = []
        for _, m in series:
            counts = m["overall"].get("statuses", {})
            shares.append(counts.get(status, 0) / max(sum(counts.values()), 1))
        if any(shares):
            ax.bar(labels, shares, bottom=bottoms, color=STATUS_COLORS[status], label=status)
            bottoms = [b + s for b, s in zip(bottoms, shares, strict=True)]
    ax.set(xlabel="iteration", ylabel="share of samples", ylim=(0, 1), title=f"Verdicts ({split})")
    ax.legend(fontsize=7, bbox_to_anchor=(1.01, 1), loc="upper left")
    return _png(fig)


def quality_over_iterations(run: RunData, split: str) -> bytes:
    """Partial credit, syntax-valid rate and mode-collapse rate per iteration."""
    plt = _pyplot()
    series = run.series(split)
    fig, ax = plt.subplots(figsize=(7, 3.2))
    xs = [it for it, _ in series]
    for key, label in [("partial_credit", "partial credit"), ("syntax_valid_rate", "syntax valid"),
                       ("mode_collapse_rate", "mode collapse")]:
        ys = [m["overall"].get(key) for _, m in series]
        if any(y is not None for y in ys):
            ax.plot(xs, [float("nan") if y is None else y for y in ys], marker="o", label=label)
    ax.set(xlabel="iteration", ylim=(-0.02, 1.02), title=f"Completion quality ({split})")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return _png(fig)


def calibration_heatmap(calibration: Mapping[str, Any]) -> bytes:
    """A calibration's families x levels (`axiom problems calibrate`): colour the greedy solve rate, text
    solved/n; families grouped by category; on the right rho and the rules a family fails."""
    plt = _pyplot()
    from matplotlib import colormaps

    fams, levels = list(calibration["families"].items()), calibration["levels"]
    fig, ax = plt.subplots(figsize=(3.5 + 0.55 * len(levels), 1.9 + 0.3 * max(len(fams), 1)))
    grid = [[float("nan")] * len(levels) for _ in fams]
    for r, (_, f) in enumerate(fams):
        for c, lv in enumerate(levels):
            cell = f["cells"].get(str(lv))
            if cell is None:
                continue
            rate = cell["rate"]
            if rate is not None:
                grid[r][c] = rate
            dark = rate is not None and (rate < 0.2 or rate > 0.9)
            ax.text(c, r, f"{cell['solved']}/{cell['n']}", ha="center", va="center", fontsize=7,
                    color="white" if dark else "black")
    im = ax.imshow(grid if fams else [[float("nan")] * len(levels)], vmin=0, vmax=1, aspect="auto",
                   cmap=colormaps["RdYlGn"].with_extremes(bad="#dddddd"))
    ax.set_xticks(range(len(levels)), [str(lv) for lv in levels])
    ax.tick_params(labeltop=True, top=True)
    ax.set_yticks(range(len(fams)), [name for name, _ in fams], fontsize=8)
    short = {"falls_with_level": "falls", "has_level_ge_50": "≥50%", "has_level_lt_25": "<25%"}
    for r, (_, f) in enumerate(fams):
        rho = "–" if f["rho"] is None else f"{f['rho']:+.2f}"
        fails = [name for rule, name in short.items() if not f[rule]]
        ax.annotate(f"ρ {rho} " + ("✓" if not fails else "✗ " + ", ".join(fails)), xy=(1, r),
                    xycoords=("axes fraction", "data"), xytext=(4, 0), textcoords="offset points", va="center",
                    fontsize=7.5, color="#c62828" if fails else "black")
    start = 0
    for r in range(1, len(fams) + 1):
        if r == len(fams) or fams[r][1]["category"] != fams[start][1]["category"]:
            if r < len(fams):
                ax.axhline(r - 0.5, color="black", lw=1.2)
            ax.annotate(fams[start][1]["category"], xy=(1, (start + r - 1) / 2), xycoords=("axes fraction", "data"),
                        xytext=(112, 0), textcoords="offset points", va="center", fontsize=8, fontweight="bold")
            start = r
    s, o = calibration["summary"], calibration["options"]
    ax.set_xlabel("level")
    ax.set_title(f"{o['model']}{' + adapter' if o.get('adapter') else ''}: greedy pass@1, {o['per_cell']} problems a "
                 f"cell (seed {o['seed']}); {s['meet_rules']} of {s['families']} families meet the rules\n"
                 f"✗ names the rules a family fails: falls (ρ ≤ {calibration['rules']['rho_max']} unless nothing "
                 "or everything is solved),\n≥50% (some level solved at least half the time), <25% (some level "
                 "solved less than a quarter of the time)", fontsize=8.5)
    fig.colorbar(im, ax=ax, location="bottom", shrink=0.5, aspect=30, fraction=0.3 / fig.get_figheight(),
                 pad=0.8 / fig.get_figheight(), label="solve rate")
    return _png(fig)
