"""Keep a checkpoint only if validation does not drop (and, with `max_family_drop`, no family falls too
far); stop after `patience` non-improving iterations; flag every family that falls by more than
`regression_points` (against the baseline and against the checkpoint the iteration started from)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from axiom.loop.config import StoppingConfig


@dataclass
class LoopState:
    """What the loop carries from one iteration to the next (recorded by every iteration's last stage)."""

    policy: int | None          # iteration whose adapter generates now; None = the base model
    best_iteration: int         # iteration with the best val score so far (0 = the base model)
    best_score: float
    stale: int                  # iterations in a row that did not improve best_score
    levels: dict[str, list[int]]
    stopped: str | None = None  # why the loop ended, once it has

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def score_of(metrics: dict[str, Any], metric: str, family: str | None = None,
             block: str = "overall") -> float | None:
    """The stopping metric (e.g. 'greedy_pass@1') of a block ("overall", or "trained" / "heldout" where some
    families are held out) or of one family; None where it was not measured."""
    where = metrics.get(block) if family is None else metrics.get("by_family", {}).get(family)
    if not where:
        return None
    value = where.get(metric)
    if isinstance(value, dict):  # an estimate with an interval: {"value": ..., "low": ..., "high": ...}
        value = value.get("value")
    return value


def decide(state: LoopState, k: int, score: float, cfg: StoppingConfig,
           veto: str | None = None) -> tuple[LoopState, bool]:
    """The state after iteration k scored `score` on val, and whether its checkpoint is kept.

    `veto` (a reason, e.g. from `family_drops`) refuses the checkpoint whatever its score; then it is
    no improvement either, so the best score stays with a checkpoint that was kept."""
    kept = score >= state.best_score - cfg.tolerance and veto is None
    improved = score > state.best_score and veto is None
    new = LoopState(policy=k if kept else state.policy,
                    best_iteration=k if improved else state.best_iteration,
                    best_score=score if improved else state.best_score, stale=0 if improved else state.stale + 1,
                    levels=state.levels)
    new.stopped = stop_reason(new, k, cfg)
    return new, kept


def stop_reason(state: LoopState, k: int, cfg: StoppingConfig) -> str | None:
    """Why the loop ends after iteration k, or None. Asked again on resume, so a run can be extended."""
    if k >= cfg.iterations:
        return f"reached stopping.iterations = {cfg.iterations}"
    if state.stale >= cfg.patience:
        return f"{state.stale} iteration(s) in a row without a better val {cfg.metric} (patience {cfg.patience})"
    return None


def regression_flags(split: str, now: dict[str, Any], baseline: dict[str, Any] | None,
                     previous: dict[str, Any] | None, metric: str, points: float) -> list[dict[str, Any]]:
    """One flag per family (and overall) that fell more than `points` against the baseline or the start point."""
    flags = []
    families = [None, *sorted(now.get("by_family", {}))]
    for versus, before in (("baseline", baseline), ("previous", previous)):
        if before is None:
            continue
        for family in families:
            a, b = score_of(before, metric, family), score_of(now, metric, family)
            if a is None or b is None or round((a - b) * 100, 6) <= points:  # not float error
                continue
            flags.append({"split": split, "family": family or "overall", "metric": metric, "versus": versus,
                          "from": round(a, 4), "to": round(b, 4), "points": round((b - a) * 100, 1)})
    return flags


def family_drops(now: dict[str, Any], policy: dict[str, Any], metric: str, points: float) -> list[dict[str, Any]]:
    """Families (not overall) whose val score fell by more than `points` against the current policy's:
    `regression_flags`' rule, which `stopping.max_family_drop` turns into a reason not to keep."""
    return [f for f in regression_flags("val", now, None, policy, metric, points) if f["family"] != "overall"]


def drop_reason(drops: list[dict[str, Any]], points: float) -> str | None:
    """'is_palindrome -80 > 40' for each family that fell too far; None when none did."""
    return ", ".join(f"{d['family']} {d['points']:+g} > {points:g}" for d in drops) or None
