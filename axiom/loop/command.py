"""`axiom iterate --config configs/NAME.yaml [key=value ...]` and `axiom iterate --resume runs/NAME`."""

from __future__ import annotations

import argparse
import sys

from axiom.config import help_text, load_config
from axiom.errors import ConfigError
from axiom.loop.config import IterateConfig
from axiom.loop.orchestrator import check_config, create_run, open_run, run_iterations


def add_iterate_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "iterate", help="expert iteration: generate, verify, collect, train, evaluate, repeat (resumable)",
        description="Run the expert-iteration loop in runs/NAME (or continue one with --resume).",
        epilog="config keys (set in the YAML file or as key=value):\n" + help_text(IterateConfig),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", help="YAML config, e.g. configs/quickstart.yaml")
    p.add_argument("--resume", metavar="RUN_DIR", help="continue the run in this directory after a crash or kill")
    p.add_argument("--no-progress", action="store_true", help="no progress bars (summaries still print)")
    p.add_argument("overrides", nargs="*", metavar="key=value", help="config overrides, e.g. train.lr=1e-4")
    p.set_defaults(func=run_iterate)


def run_iterate(args: argparse.Namespace) -> int:
    if bool(args.config) == bool(args.resume):
        raise ConfigError("give either --config FILE (a new run) or --resume RUN_DIR (continue one)")
    if args.resume:
        cfg, run, resolved = open_run(args.resume, args.overrides)  # what may change: axiom.loop.resume
        check_config(cfg)
        run.note_resume(list(args.overrides), resolved)
        print(f"resuming {run.path}", file=sys.stderr)
    else:
        cfg = load_config(IterateConfig, args.config, args.overrides)
        check_config(cfg)
        run = create_run(cfg, args.config)
        print(f"run directory: {run.path}", file=sys.stderr)
    state = run_iterations(cfg, run, progress=not args.no_progress)
    print(f"done: best val {cfg.stopping.metric} {state.best_score * 100:.1f}% at iteration {state.best_iteration} "
          f"({state.stopped}); metrics in {run.metrics_path}", file=sys.stderr)
    return 0
