"""Verifier throughput through Ray actors against the in-process pool, on the same candidates, in one run.

    .venv/bin/python benchmarks/cluster.py [--candidates 2000] [--repeat 3]

Starts a local Ray instance on this machine (its cores as Ray CPUs) and verifies the same correct
candidates for procedural problems (the v2 families, levels 1-10) through:
  1. the in-process pool (`axiom.verify.Verifier`, one worker per core): the single-machine loop;
  2. one verification actor with one sandbox worker: what one core adds through Ray;
  3. one actor with a worker per core: one node's actor, as `axiom iterate cluster.address=...` starts it;
  4. two actors with one worker each: the same cores split over two actors, as two nodes would be.
Each is timed `--repeat` times (the median is reported). 2 against 3 gives the price of Ray's shards and
object transfers; 4 against 3 shows whether work spreads over actors without loss, which is what an extra
node relies on: a node of c cores adds about c times the one-worker rate of path 2, less path 3's
overhead. Writes benchmarks/results/cluster.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

from axiom.jsonl import write_json
from axiom.problems.splits import build_splits
from axiom.problems.suites import V2
from axiom.verify import Candidate, Limits, Verifier

RESULTS = Path(__file__).parent / "results" / "cluster.json"


def candidates(n: int) -> tuple[list, list[Candidate]]:
    per_cell = -(-n // (len(V2) * 10))
    problems = build_splits(V2, range(1, 11), {"test": per_cell}, seed=2024)["test"][:n]
    return problems, [Candidate(p.id, f"```python\n{p.reference_solution}\n```", k) for k, p in enumerate(problems)]


def timed(verify, problems, cands, repeat: int) -> dict:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        verdicts = list(verify(problems, cands))
        times.append(time.perf_counter() - start)
        assert len(verdicts) == len(cands) and all(v.status == "passed" for v in verdicts), "a reference failed"
    median = statistics.median(times)
    return {"seconds": [round(t, 3) for t in times], "candidates_per_s": round(len(cands) / median, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--candidates", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import ray

    from axiom.cluster import RayVerifier
    from axiom.loop.config import ClusterConfig

    cores = os.cpu_count() or 1
    problems, cands = candidates(args.candidates)
    limits = Limits()
    paths = {}
    with Verifier(workers=cores, limits=limits) as local:
        paths["in_process"] = timed(local.verify, problems, cands, args.repeat)
    os.environ["RAY_memory_monitor_refresh_ms"] = "0"
    ray.init(num_cpus=max(2, cores), log_to_driver=False, logging_level="ERROR")
    try:
        for name, actors, workers in (("ray_1_actor_1_worker", 1, 1), (f"ray_1_actor_{cores}_workers", 1, cores),
                                      ("ray_2_actors_1_worker", 2, 1)):
            on_ray = RayVerifier(ClusterConfig(address="auto", verifiers=actors, verifier_workers=workers), limits)
            try:
                timed(on_ray.verify, problems, cands[:100], 1)  # warm the actors' pools
                paths[name] = timed(on_ray.verify, problems, cands, args.repeat)
            finally:
                on_ray.close()
    finally:
        ray.shutdown()
    one_node = paths[f"ray_1_actor_{cores}_workers"]["candidates_per_s"]
    result = {
        "command": f"python benchmarks/cluster.py --candidates {args.candidates} --repeat {args.repeat}",
        "machine": f"{platform.processor() or platform.machine()}, {cores} cores",
        "candidates": len(cands),
        "paths": paths,
        "ray_over_in_process": round(one_node / paths["in_process"]["candidates_per_s"], 3),
        "two_actors_over_one": round(paths["ray_2_actors_1_worker"]["candidates_per_s"] / one_node, 3),
        "predicted_per_extra_core": paths["ray_1_actor_1_worker"]["candidates_per_s"],
    }
    write_json(RESULTS, result)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
