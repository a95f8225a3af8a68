"""The last stage of an iteration: score it, keep or drop its checkpoint, flag regressions, move the
curriculum, decide whether to stop, and write the iteration's lines of metrics.jsonl.

With held-out families (`problems.heldout_families`) each val and test line also carries "trained"
and "heldout" blocks, and the summary line shows both. Keeping and stopping still read the overall
val score (held-out families included), as without them; `stopping.max_family_drop` and the
regression flags look at every val family, held-out ones too. So the checkpoint choice has seen the
held-out families' val problems: their test block is the untouched measure of transfer.
"""

from __future__ import annotations

from typing import Any

from axiom.eval.metrics import compute_metrics
from axiom.loop.curriculum import initial_levels, solve_rates, update_levels
from axiom.loop.stages import Context, eval_ks, rows_of
from axiom.loop.stopping import (
    LoopState,
    decide,
    drop_reason,
    family_drops,
    regression_flags,
    score_of,
    stop_reason,
)
from axiom.problems.suites import parse_difficulties


def eval_splits(ctx: Context) -> list[str]:
    return [s for s in ("val", "test") if ctx.problems[s]]


def decide_stage(ctx: Context, k: int, state: LoopState | None) -> dict[str, Any]:
    cfg, run = ctx.cfg, ctx.run
    by_id, ks = ctx.by_id, eval_ks(cfg, k)
    metric = cfg.stopping.metric
    heldout = cfg.problems.heldout_families
    metrics = {s: compute_metrics(by_id, rows_of(run.samples(k, s)), ks, heldout) for s in eval_splits(ctx)}
    score = score_of(metrics["val"], metric)
    if score is None:
        score = 0.0
    history = {(row["iteration"], row["split"]): row["metrics"] for row in run.read_metrics()}
    # the stages are the orchestrator's plan; decide itself is not yet recorded
    stage_seconds = {name: info.get("seconds") for name, info in run.records(k).items() if name != "decide"}
    curriculum: dict[str, Any] = {}
    drops: list[dict[str, Any]] = []  # families that fell beyond stopping.max_family_drop
    veto = None
    if state is None:
        levels = initial_levels(_families(ctx), parse_difficulties(cfg.problems.train_difficulties))
        new = LoopState(policy=None, best_iteration=0, best_score=score, stale=0, levels=levels)
        new.stopped = stop_reason(new, 0, cfg.stopping)
        kept, train_info, flags = True, {}, []
    else:
        train_rows = rows_of(run.samples(k))
        rates = solve_rates(by_id, train_rows)
        pool = sorted({p.difficulty for p in ctx.problems["train"]})
        levels, moves = update_levels(state.levels, rates, cfg.curriculum, pool)
        drops = _family_drops(ctx, metrics["val"], history.get((state.policy or 0, "val")))
        veto = drop_reason(drops, cfg.stopping.max_family_drop or 0)
        new, kept = decide(state, k, score, cfg.stopping, veto)
        if "skipped" in run.record(k, "train"):  # nothing was trained: nothing to keep, the policy stays
            new.policy, kept = state.policy, False
        new.levels = levels
        curriculum = {"levels": state.levels, "solve_rates": {f: round(r, 4) for f, r in sorted(rates.items())},
                      "moves": moves, "next_levels": levels}
        metrics["train"] = compute_metrics(by_id, train_rows, tuple(sorted({1, cfg.generate.at(k)[0]})))
        train_info = _train_info(run.record(k, "collect"), run.record(k, "train"))
        if run.done(k, "dpo"):
            train_info["dpo"] = _dpo_info(run.record(k, "dpo"))
        flags = []
        for split in eval_splits(ctx):
            previous = history.get((state.policy, split)) if state.policy else None
            flags += regression_flags(split, metrics[split], history.get((0, split)), previous, metric,
                                      cfg.stopping.regression_points)
    lines = []
    for split in ("train", "val", "test"):
        if split not in metrics:
            continue
        lines.append({"iteration": k, "split": split, "metrics": metrics[split], "stage_seconds": stage_seconds,
                      "train": train_info, "curriculum": curriculum,
                      "flags": [f for f in flags if f["split"] == split],
                      "policy": state.policy if state else None, "kept": kept, "score": {metric: score}})
    run.write_metrics(k, lines)
    record = {"state": new.to_dict(), "kept": kept, "score": score, "flags": flags,
              "summary": summary_line(ctx, k, metrics, state, new, kept, flags, stage_seconds, veto)}
    if cfg.stopping.max_family_drop is not None and state is not None:
        record["family_drops"] = drops
        record["not_kept"] = f"a val family fell more than stopping.max_family_drop: {veto}" if veto else None
    return record


def _family_drops(ctx: Context, val: dict, policy_val: dict | None) -> list[dict[str, Any]]:
    """Families whose val score fell beyond `stopping.max_family_drop` against the policy's val (none when off)."""
    limit = ctx.cfg.stopping.max_family_drop
    if limit is None or policy_val is None:
        return []
    return family_drops(val, policy_val, ctx.cfg.stopping.metric, limit)


def _train_info(collected: dict, trained: dict) -> dict[str, Any]:
    """The training side of an iteration, flat (reports show its scalars)."""
    keep = ("train_loss", "val_loss", "first_loss", "last_loss", "steps", "seconds", "seed", "start_from", "skipped",
            "loss_history")
    dropped = {k: collected[k] for k in ("dropped_repetitive", "left_out_heldout") if k in collected}
    return {"examples": collected["examples"], "by_source": collected["by_source"],
            "by_family": collected["by_family"], **dropped, **{k: trained[k] for k in keep if k in trained}}


def _dpo_info(record: dict) -> dict[str, Any]:
    keep = ("pairs", "by_family", "train_loss", "loss_history", "reward_margin", "reward_accuracy", "steps", "seconds",
            "seed", "skipped")
    return {k: record[k] for k in keep if k in record}


def _families(ctx: Context) -> list[str]:
    """The trained families, which the curriculum moves (held-out ones have no training level)."""
    seen: dict[str, None] = {}
    for p in ctx.problems["train"] + ctx.problems["val"]:
        if p.family not in ctx.cfg.problems.heldout_families:
            seen.setdefault(p.family, None)
    return list(seen)


def summary_line(ctx: Context, k: int, metrics: dict, before: LoopState | None, after: LoopState, kept: bool,
                 flags: list[dict], stage_seconds: dict, veto: str | None = None) -> str:
    metric = ctx.cfg.stopping.metric
    rows = ctx.run.read_metrics() if before is not None else []
    base = {r["split"]: r["metrics"] for r in rows if r["iteration"] == 0}
    parts = [f"iter {k}"]
    for split in eval_splits(ctx):
        value = score_of(metrics[split], metric)
        parts.append(f"{split} {metric} {_pct(value)}" + (_vs_base(metrics, base, metric) if split == "val" else ""))
        if split == "val" and "heldout" in metrics[split]:  # transfer: trained and held-out families apart
            parts.append(f"trained {_pct(score_of(metrics[split], metric, block='trained'))}")
            parts.append(f"held-out {_pct(score_of(metrics[split], metric, block='heldout'))}"
                         + _vs_base(metrics, base, metric, "heldout"))
    if before is not None:
        n, t = ctx.cfg.generate.at(k)
        parts.append(f"train pass {_pct(score_of(metrics['train'], 'pass@1'))} (N={n} T={t:g})")
        collected = ctx.run.record(k, "collect")
        trained = ctx.run.record(k, "train")
        loss = trained.get("train_loss")
        trained_text = f"loss {loss:.3f}" if loss is not None else "(no training)"
        parts.append(f"{collected['examples']} examples {trained_text}")
        stays = f"policy stays iter {after.policy or 0}"
        parts.append("kept" if kept else f"not kept: {veto} ({stays})" if veto else f"dropped ({stays})")
        moves = _moves(before, after)
        if moves:
            parts.append("levels " + ", ".join(f"{f}{'+' if m == 'raised' else '-'}" for f, m in sorted(moves.items())))
    if flags:
        parts.append(f"{len(flags)} REGRESSION FLAG(S)")
    parts.append(f"{sum(v or 0 for v in stage_seconds.values()):.0f}s")  # this iteration's stages
    if after.stopped:
        parts.append(f"stop: {after.stopped}")
    return " | ".join(parts)


def _vs_base(metrics: dict, base: dict, metric: str, block: str = "overall") -> str:
    """' (+5.0 vs base)': the change of a val block against the baseline's, where both were measured."""
    now, then = score_of(metrics["val"], metric, block=block), score_of(base.get("val", {}), metric, block=block)
    return "" if now is None or then is None else f" ({(now - then) * 100:+.1f} vs base)"


def _moves(before: LoopState, after: LoopState) -> dict[str, str]:
    return {f: "raised" if after.levels[f][0] > before.levels[f][0] else "lowered"
            for f in after.levels if after.levels[f] != before.levels.get(f)}


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"
