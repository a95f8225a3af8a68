"""Per-family training levels that follow the model: up when a family is solved, down when it collapses.

A family's levels are a window (e.g. [2, 3, 4]) that shifts as a whole by `step`, clipped to
[min_level, max_level]. The solve rate is the share of the family's training samples that
passed in this iteration's GENERATE stage; every family keeps a window, so every family stays
in every iteration's data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from axiom.loop.config import CurriculumConfig
from axiom.problems.record import Problem


def initial_levels(families: Sequence[str], levels: Sequence[int]) -> dict[str, list[int]]:
    return {f: sorted(levels) for f in families}


def solve_rates(problems: Mapping[str, Problem], rows: Iterable[dict]) -> dict[str, float]:
    """Share of passing samples per family."""
    passed: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for row in rows:
        family = problems[row["problem_id"]].family
        total[family] += 1
        passed[family] += row["status"] == "passed"
    return {f: passed[f] / total[f] for f in total}


def update_levels(levels: Mapping[str, list[int]], rates: Mapping[str, float], cfg: CurriculumConfig,
                  pool: Sequence[int]) -> tuple[dict[str, list[int]], dict[str, str]]:
    """New levels and, per family that moved, 'raised' or 'lowered'; windows stay inside the pool's levels."""
    lo, hi = max(cfg.min_level, min(pool)), min(cfg.max_level, max(pool))
    out, moves = {f: list(lv) for f, lv in levels.items()}, {}
    if not cfg.enabled:
        return out, moves
    for family, window in levels.items():
        rate = rates.get(family)
        if rate is None:
            continue
        if rate >= cfg.raise_at:
            shift = max(0, min(cfg.step, hi - max(window)))
        elif rate <= cfg.lower_at:
            shift = -max(0, min(cfg.step, min(window) - lo))
        else:
            shift = 0
        if shift:
            out[family] = [lv + shift for lv in window]
            moves[family] = "raised" if shift > 0 else "lowered"
    return out, moves


def active_problems(train: Sequence[Problem], levels: Mapping[str, list[int]]) -> list[Problem]:
    return [p for p in train if p.difficulty in levels.get(p.family, ())]
