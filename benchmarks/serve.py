"""Verifier throughput through `axiom serve` against the same verifier in-process, on the same batch.

    .venv/bin/python benchmarks/serve.py [--workers 2] [--candidates 4000] [--connections 4] [--batch 250] [--quick]

The batch: correct candidates (reference solutions) for procedural problems of the v2 suite, and
with --loops a share of infinite loops. In-process: one warm `Verifier`, `verify()` over the whole
batch. Service: one `axiom serve` subprocess on 127.0.0.1 with the same workers and limits (rate
limit off), the batch split into requests of --batch candidates sent over --connections concurrent
connections (one thread each, VerifierClient); the clock runs from the first request to the last
verdict. The two alternate, --repeat passes each, and the median is reported; both pools are warm
and only one runs at a time. Writes benchmarks/results/serve.json with the command that made it.
"""

from __future__ import annotations

import argparse
import os
import platform
import queue
import re
import secrets
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from axiom.jsonl import write_json
from axiom.problems.splits import build_splits
from axiom.problems.suites import V2
from axiom.serve.client import VerifierClient
from axiom.verify import Candidate, Limits, Verifier

REPO = Path(__file__).resolve().parents[1]
LOOP = "    while True:\n        pass\n"


def batch(n: int, loops: float) -> tuple[dict, list[Candidate]]:
    per_cell = -(-n // (len(V2) * 10))
    problems = build_splits(V2, range(1, 11), {"test": per_cell}, seed=2024)["test"]
    cands = []
    for k in range(n):
        p = problems[k % len(problems)]
        bad = loops > 0 and k % round(1 / loops) == 0
        cands.append(Candidate(p.id, f"{p.signature}:\n{LOOP}" if bad else p.reference_solution, k))
    return {p.id: p for p in problems}, cands


def start_service(args: argparse.Namespace, log_path: Path) -> tuple[subprocess.Popen, str, str]:
    token = secrets.token_urlsafe(24)
    cmd = [sys.executable, "-m", "axiom", "serve", "--port", "0", "--workers", str(args.workers), "--timeout",
           str(args.timeout), "--rate-limit", "0", "--max-candidates", str(args.batch), "--log-level", "warning"]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, "AXIOM_SERVE_TOKEN": token})
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        found = re.search(r"listening on (http://\S+)", log_path.read_text())
        if found and VerifierClient(found[1], token).health():
            return proc, found[1], token
        time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"axiom serve did not start:\n{log_path.read_text()}")


def through_service(url: str, token: str, problems: dict, cands: list[Candidate], args) -> tuple[float, list]:
    """Seconds from the first request to the last verdict, and the verdicts in the batch's order."""
    todo: queue.Queue = queue.Queue()
    for start in range(0, len(cands), args.batch):
        todo.put(start)
    got: dict[int, list] = {}
    failed: list[BaseException] = []

    def connection() -> None:
        client = VerifierClient(url, token, batch=args.batch)
        while True:
            try:
                start = todo.get_nowait()
            except queue.Empty:
                return
            try:
                got[start] = client.verify(problems, cands[start:start + args.batch])
            except BaseException as e:  # reported below, after the clock
                failed.append(e)
                return

    threads = [threading.Thread(target=connection) for _ in range(args.connections)]
    begin = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - begin
    if failed:
        raise failed[0]
    return elapsed, [v for start in sorted(got) for v in got[start]]


def in_process(verifier: Verifier, problems: dict, cands: list[Candidate]) -> tuple[float, list]:
    begin = time.perf_counter()
    verdicts = list(verifier.verify(problems, cands))
    return time.perf_counter() - begin, verdicts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=os.cpu_count(), help="sandbox workers, both sides (default: cores)")
    ap.add_argument("--candidates", type=int, default=4000, help="candidates in the batch (default 4000)")
    ap.add_argument("--loops", type=float, default=0.0, help="share of infinite loops in the batch (default 0)")
    ap.add_argument("--timeout", type=float, default=1.0, help="seconds per candidate, both sides (default 1)")
    ap.add_argument("--connections", type=int, default=4, help="concurrent connections to the service (default 4)")
    ap.add_argument("--batch", type=int, default=250, help="candidates per request (default 250)")
    ap.add_argument("--repeat", type=int, default=5, help="passes of each; the median is reported (default 5)")
    ap.add_argument("--quick", action="store_true", help="100 candidates, one pass: a smoke run of a few seconds")
    ap.add_argument("-o", "--output", default=str(REPO / "benchmarks" / "results" / "serve.json"))
    args = ap.parse_args()
    if args.quick:
        args.candidates, args.repeat, args.batch = 100, 1, 25
    problems, cands = batch(args.candidates, args.loops)
    limits = Limits(timeout_s=args.timeout)

    with tempfile.TemporaryDirectory() as tmp, Verifier(workers=args.workers, limits=limits) as verifier:
        proc, url, token = start_service(args, Path(tmp) / "serve.log")
        try:
            in_process(verifier, problems, cands[: 4 * args.workers])  # warm both
            through_service(url, token, problems, cands[: 4 * args.workers], args)
            here, there, same = [], [], True
            for _ in range(args.repeat):
                t, local = in_process(verifier, problems, cands)
                here.append(t)
                t, remote = through_service(url, token, problems, cands, args)
                there.append(t)
                same &= [v.status for v in local] == [v.status for v in remote]
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(120)

    n = len(cands)
    rows = {"in_process": {"s": statistics.median(here), "s_runs": here},
            "service": {"s": statistics.median(there), "s_runs": there}}
    for row in rows.values():
        row["per_s"] = n / row["s"]
    result = {
        "benchmark": "verifier throughput: axiom serve (HTTP, concurrent clients) vs in-process Verifier, same batch",
        "command": "python benchmarks/serve.py " + shlex.join(sys.argv[1:]),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "settings": {"workers": args.workers, "candidates": n, "loops": args.loops, "timeout_s": args.timeout,
                     "connections": args.connections, "batch": args.batch, "repeat": args.repeat},
        "statuses": dict(sorted(Counter(v.status for v in local).items())),
        "same_statuses": same, "results": rows,
        "service_over_in_process": rows["service"]["per_s"] / rows["in_process"]["per_s"],
    }
    print(f"{n} candidates, {args.workers} workers; service: {args.connections} connections x {args.batch} a request")
    for name, row in rows.items():
        print(f"  {name:<11} {row['per_s']:8.1f} candidates/s  (median of {len(row['s_runs'])}: {row['s']:.2f} s)")
    print(f"  service / in-process: x{result['service_over_in_process']:.2f}; same statuses: {same}")
    write_json(args.output, result, indent=1)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
