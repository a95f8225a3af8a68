"""Run (or resume) the loop in a run directory: every stage once, in order, each recorded when done.

Iteration 0 evaluates the base model (val, test). Iteration k >= 1 runs generate, verify, collect,
train, eval_val, eval_test and decide. A resumed run reads the config it started with from
config.json and skips every stage that state.json records as finished.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from axiom.cli_checks import check_output
from axiom.config import to_dict
from axiom.errors import ConfigError
from axiom.eval.report import write_report
from axiom.generate.backend import check_device
from axiom.generate.presets import PRESETS, ModelNotFoundError, preset_status, resolve_model
from axiom.loop import stages
from axiom.loop.config import IterateConfig
from axiom.loop.decide import decide_stage, eval_splits
from axiom.loop.resume import resume_config
from axiom.loop.rundir import RunDir
from axiom.loop.stopping import LoopState, stop_reason
from axiom.problems.record import load_problems, save_problems
from axiom.train.launch import check_gpus


def check_config(cfg: IterateConfig) -> None:
    """Everything that can be wrong with a config, found before any work: families, levels, model, files."""
    if cfg.model.backend == "openai" or cfg.model.adapter:
        key = "model.backend openai" if cfg.model.backend == "openai" else "model.adapter"
        raise ConfigError(f"{key}: the loop generates with the adapters it trains on model.name; use backend hf, "
                          "vllm or llamacpp and no adapter (adapters are for eval, generate, distill)")
    if cfg.problems.val_per_cell < 1:
        raise ConfigError("problems.val_per_cell must be >= 1 for the loop: val decides keeping and stopping")
    train_levels = cfg.problems.train_levels()
    c = cfg.curriculum
    if c.enabled and not (c.min_level <= min(train_levels) and max(train_levels) <= c.max_level):
        raise ConfigError(f"problems.train_difficulties {cfg.problems.train_difficulties!r} lie outside "
                          f"curriculum.min_level..max_level ({c.min_level}-{c.max_level})")
    if cfg.stopping.metric == "greedy_pass@1" and not cfg.evaluate.greedy:
        raise ConfigError("stopping.metric is greedy_pass@1 but evaluate.greedy is false; set one or the other")
    if cfg.recipe.teacher_traces and not Path(cfg.recipe.teacher_traces).is_file():
        raise ConfigError(f"recipe.teacher_traces: file not found: {cfg.recipe.teacher_traces}")
    if cfg.model.backend == "hf":
        check_device(cfg.model.device, "model.device")
    check_gpus(cfg.train, "train.processes")
    if cfg.dpo.enabled:
        check_gpus(cfg.dpo, "dpo.processes")
    check_model(cfg.model.name)


def check_model(name: str) -> None:
    """The model exists locally (preset installed, folder with config.json, or hub id in the local cache)."""
    if name in PRESETS:
        if preset_status(PRESETS[name]) == "not installed":
            raise ModelNotFoundError(f"model.name: preset {name!r} is not installed; install it with "
                                     f"`{PRESETS[name].install}`")
        return
    resolved = resolve_model(name)  # raises for an unknown name or a folder without config.json
    if Path(resolved).is_dir():
        return
    from huggingface_hub import try_to_load_from_cache

    if not isinstance(try_to_load_from_cache(resolved, "config.json"), str):
        raise ModelNotFoundError(f"model.name: {name!r} is not in the local Hugging Face cache, and nothing is "
                                 "downloaded at run time; use a preset or a local folder")


def create_run(cfg: IterateConfig, config_file: str | None) -> RunDir:
    """A new run directory with config.json and its problems; refuses to overwrite an existing run."""
    name = cfg.run.name or (Path(config_file).stem if config_file else "run")
    path = Path(cfg.run.root) / name
    if (path / "config.json").exists():
        raise ConfigError(f"{path} already holds a run; continue it with `axiom iterate --resume {path}` "
                          "or pick another name with run.name=NAME")
    check_output(path, "run directory", folder=True, writes=("config.json",))
    p = cfg.problems
    families, pool, eval_levels = p.family_names(), cfg.train_pool(), p.eval_levels()
    chosen = cfg.draw_problems()
    run = RunDir(path)  # created only now: a config that cannot draw its problems leaves nothing behind
    run.lock()
    for split, problems in chosen.items():
        save_problems(run.problems(split), problems)
    resolved = to_dict(cfg)
    resolved["run"]["name"] = name
    run.write_config(resolved, {"families": families, "heldout_families": p.heldout_families,
                                "train_pool_levels": pool, "eval_levels": eval_levels,
                                "problem_counts": {s: len(v) for s, v in chosen.items()},
                                "seeds": {"run": cfg.run.seed, "problems": p.seed, "train": cfg.train.seed,
                                          "sampling": "run.seed * 1000 + iteration",
                                          "training": "train.seed + 1000 * run.seed + iteration",
                                          "evaluation": "run.seed"}})
    return run


def open_run(path: str | Path, overrides: Sequence[str] = ()) -> tuple[IterateConfig, RunDir, dict | None]:
    """The config a run started with and the overrides `axiom.loop.resume` allows, for --resume; the config's
    resolved form when an override changed it."""
    run = RunDir(path)
    cfg, resolved = resume_config(run, overrides)  # before the lock: it must not write into a folder of another kind
    run.lock()
    for split in ("train", "val", "test"):
        if not run.problems(split).is_file():
            raise ConfigError(f"{path}: {run.problems(split)} is missing; the run directory is incomplete")
    return cfg, run, resolved


def run_iterations(cfg: IterateConfig, run: RunDir, progress: bool = True, log: Callable[[str], None] | None = None
                   ) -> LoopState:
    """Run the loop to its end from wherever the run directory stands; return the final loop state."""
    log = log or (lambda line: print(line, file=sys.stderr, flush=True))
    run.lock()
    problems = {s: load_problems(run.problems(s)) for s in ("train", "val", "test")}
    ctx = stages.Context(cfg, run, problems, progress=progress)
    state: LoopState | None = None
    k = 0
    try:
        ctx.verifier()  # the sandbox first: where it cannot isolate, fail before any work
        while True:
            state = _iteration(ctx, k, state, log)
            if state.stopped:
                return state
            k += 1
    finally:
        ctx.close()


def _iteration(ctx: stages.Context, k: int, state: LoopState | None, log: Callable[[str], None]) -> LoopState:
    run = ctx.run
    plan: list[tuple[str, Callable[[], dict[str, Any]]]] = []
    if k > 0:
        plan += [("generate", lambda: stages.generate(ctx, k, state)), ("verify", lambda: stages.verify(ctx, k)),
                 ("collect", lambda: stages.collect(ctx, k)), ("train", lambda: stages.train(ctx, k, state))]
        if ctx.cfg.dpo.enabled:
            plan.append(("dpo", lambda: stages.dpo(ctx, k) if "skipped" not in run.record(k, "train")
                         else {"skipped": "nothing was trained"}))
    trained = lambda: k == 0 or "skipped" not in run.record(k, "train")
    for split in eval_splits(ctx):
        plan.append((f"eval_{split}", lambda s=split: stages.evaluate(ctx, k, s, trained(), state)))
    plan.append(("decide", lambda: decide_stage(ctx, k, state)))
    for name, fn in plan:
        if run.done(k, name):
            continue
        run.start(k, name)
        start = time.perf_counter()
        info = fn()
        info["seconds"] = round(time.perf_counter() - start, 3)
        run.finish(k, name, info)
        if name == "decide":
            log(info["summary"])
            for flag in info["flags"]:
                log(f"  REGRESSION {flag['split']} {flag['family']}: {flag['metric']} {flag['from'] * 100:.1f}% -> "
                    f"{flag['to'] * 100:.1f}% ({flag['points']:+.1f} points vs {flag['versus']})")
            _write_report(run, log)
    state = LoopState(**run.record(k, "decide")["state"])
    state.stopped = stop_reason(state, k, ctx.cfg.stopping)  # the config may have been extended since
    return state


def _write_report(run: RunDir, log: Callable[[str], None]) -> None:
    """report.html and plots/ after every iteration. A report that fails must not stop a training run."""
    try:
        write_report([run.path], run.path / "report.html")
    except Exception as e:  # noqa: BLE001 - the run's own files are intact; say so and go on
        log(f"  (report.html not written: {type(e).__name__}: {e}; `axiom report {run.path}` retries)")
