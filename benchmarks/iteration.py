"""Wall time per stage of one expert iteration of configs/seed-phase6.yaml on this machine.

    .venv/bin/python benchmarks/iteration.py [--scale 0.25] [--iterations 1] [key=value ...]

Runs the real loop (`axiom.loop`) in a temporary run directory: the baseline evaluation
(iteration 0), then `--iterations` full iterations, and reads each stage's wall time from the run's
own stage records (state.json). `--scale` shrinks the problem counts and samples per problem (at
least one of each) so the benchmark fits a busy 2-core machine; the JSON says what ran. The seeds
measured about 14 minutes per iteration of phase 6 on their GPU (5 min baseline evaluation, 5 min
collection, 4 min training). The 1-minute load average is recorded before and after: on a shared
machine numbers are only comparable within one run. Writes benchmarks/results/iteration.json.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from axiom.config import load_config, to_dict  # noqa: E402
from axiom.jsonl import write_json  # noqa: E402
from axiom.loop.config import IterateConfig  # noqa: E402
from axiom.loop.orchestrator import check_config, create_run, run_iterations  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).parent / "results" / "iteration.json"
SEEDS_GPU_MINUTES = {"baseline_eval": 5, "collection": 5, "training": 4, "per_iteration": 14}


def scaled_overrides(cfg: IterateConfig, scale: float) -> list[str]:
    if scale >= 1:
        return []
    shrink = lambda n: max(1, math.ceil(n * scale))
    p = cfg.problems
    return [f"problems.train_per_cell={shrink(p.train_per_cell)}", f"problems.val_per_cell={shrink(p.val_per_cell)}",
            f"problems.test_per_cell={shrink(p.test_per_cell)}",
            f"generate.samples={[shrink(n) for n in cfg.generate.samples]}"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", default=str(ROOT / "configs" / "seed-phase6.yaml"))
    ap.add_argument("--scale", type=float, default=1.0, help="problem counts and samples x this (default 1: full)")
    ap.add_argument("--iterations", type=int, default=1, help="training iterations after the baseline (default 1)")
    ap.add_argument("-o", "--output", default=str(RESULTS))
    ap.add_argument("overrides", nargs="*", metavar="key=value", help="further config overrides")
    args = ap.parse_args()
    if args.scale <= 0:
        ap.error("--scale must be > 0")

    base = load_config(IterateConfig, args.config)
    with tempfile.TemporaryDirectory(prefix="axiom-bench-iter-") as tmp:
        overrides = [*scaled_overrides(base, args.scale), f"stopping.iterations={args.iterations}",
                     f"stopping.patience={args.iterations + 1}", *args.overrides]
        cfg = load_config(IterateConfig, args.config, [*overrides, f"run.root={tmp}", "run.name=bench"])
        check_config(cfg)
        load_before, start = os.getloadavg()[0], time.perf_counter()
        run = create_run(cfg, args.config)
        run_iterations(cfg, run, progress=False)
        total = time.perf_counter() - start
        stages = {key: rec for key, rec in run.state["stages"].items()}
        counts = run.read_config()["problem_counts"]
        metrics = run.read_metrics()
    per_iteration: dict[int, dict[str, float]] = {}
    for key, rec in stages.items():
        k, name = key.split("/")
        per_iteration.setdefault(int(k), {})[name] = rec["seconds"]
    result = {
        "config": args.config, "scale": args.scale, "overrides": overrides,
        "model": cfg.model.name, "problem_counts": counts,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "load_avg_1m": {"before": load_before, "after": os.getloadavg()[0]},
        "total_s": round(total, 1), "stage_seconds": per_iteration,
        "iteration_s": {k: round(sum(v.values()), 1) for k, v in per_iteration.items()},
        "generation": {key: {f: rec.get(f) for f in ("samples", "tokens", "tokens_per_s", "generated_tokens")
                             if rec.get(f) is not None}
                       for key, rec in stages.items() if key.endswith(("/generate", "/eval_val", "/eval_test"))},
        "val": {r["iteration"]: r["score"] for r in metrics if r["split"] == "val"},
        "seeds_gpu_minutes": SEEDS_GPU_MINUTES,
        "resolved_config": to_dict(cfg),
    }
    write_json(args.output, result)
    print(f"{'iteration':<10} {'stage':<10} {'seconds':>9}")
    for k, times in per_iteration.items():
        for name, secs in times.items():
            print(f"{k:<10} {name:<10} {secs:>9.1f}")
        print(f"{k:<10} {'total':<10} {sum(times.values()):>9.1f}")
    print(f"problems {counts}, scale {args.scale}, load {load_before:.1f} -> {os.getloadavg()[0]:.1f}; "
          f"seeds: ~{SEEDS_GPU_MINUTES['per_iteration']} min per iteration on their GPU; wrote {args.output}")


if __name__ == "__main__":
    main()
