"""Load: 20,000 candidates (one in ten hostile, as in tests/verify/test_load.py) through `axiom serve`, in
batches of 250 over 8 concurrent connections.

Every candidate gets exactly one verdict (matched by problem id and sample, which is unique), each
batch's verdicts come in its order, honest candidates pass and hostile ones fail as in-process, a
sample of 206 verdicts equals the in-process verifier's, and once the service has stopped nothing
it started is left running. The hostile kinds are test_load.py's but for the two that end on the
clock (loops, slow memory growth; the equivalence test has those): with no candidate that needs
the clock, it can be generous, and a busy machine cannot turn a right answer into a timeout.
"""

from __future__ import annotations

import queue
import resource
import sys
import threading
from collections import Counter

import pytest

from axiom.verify import Candidate, Limits, Verifier
from tests.serve.conftest import start_service, verdict_key
from tests.verify import test_load as load
from tests.verify.conftest import ProcessWatch

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

TOTAL = load.TOTAL
BATCH = 250
CONNECTIONS = 8
LIMITS = Limits(timeout_s=10.0, memory_mb=256)
ON_THE_CLOCK = {"infinite_loop", "memory_growth"}
# test_load.py's hostile kinds and counts, the clock-bound ones' share given to "raises"
HOSTILE = [(name, code, n + (sum(k for m, _, k in load.HOSTILE if m in ON_THE_CLOCK) if name == "raises" else 0))
           for name, code, n in load.HOSTILE if name not in ON_THE_CLOCK]
assert sum(n for _, _, n in HOSTILE) == TOTAL // 10


def cpu_s() -> float:
    """CPU seconds of this process and its reaped children (the service, and through it its workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def stream(table: list) -> list[tuple[str, Candidate]]:
    """test_load.py's order: every tenth candidate hostile, the others the problems' reference solutions."""
    hostile = [(name, code) for name, code, n in HOSTILE for _ in range(n)]
    out = []
    for k in range(TOTAL):
        if k % 10 == 3:
            p = table[(k * 7919) % len(table)]
            name, code = hostile[k // 10]
            out.append((name, Candidate(p.id, code.replace("ENTRY", p.entry_point), k)))
        else:
            p = table[k % len(table)]
            out.append(("honest", Candidate(p.id, p.reference_solution, k)))
    return out


def test_twenty_thousand_candidates_over_concurrent_connections(tmp_path):
    table = load.problems()
    by_id = {p.id: p.to_dict() for p in table}
    stream_ = list(stream(table))
    assert len(stream_) == TOTAL
    kinds = {c.sample: kind for kind, c in stream_}
    batches: queue.Queue = queue.Queue()
    for start in range(0, TOTAL, BATCH):
        batches.put([c for _, c in stream_[start:start + BATCH]])
    watch = ProcessWatch()
    cpu_before = cpu_s()
    service = start_service(tmp_path, "--workers", "2", "--timeout", str(LIMITS.timeout_s), "--memory-mb",
                            str(LIMITS.memory_mb), "--max-candidates", str(BATCH), "--rate-limit", "0",
                            "--log-level", "warning")
    seen: dict[tuple[str, int], dict] = {}
    duplicates, errors = [], []
    lock = threading.Lock()

    def connection() -> None:
        while True:
            try:
                batch = batches.get_nowait()
            except queue.Empty:
                return
            payload = {"problems": [by_id[pid] for pid in dict.fromkeys(c.problem_id for c in batch)],
                       "candidates": [c.__dict__ for c in batch]}
            try:
                r = service.verify(payload)
            except OSError as e:
                errors.append(repr(e))
                continue
            if r.status != 200:
                errors.append(f"{r.status} {r.body}")
                continue
            got = r.body["verdicts"]
            if [(v["problem_id"], v["sample"]) for v in got] != [(c.problem_id, c.sample) for c in batch]:
                errors.append(f"batch from sample {batch[0].sample}: verdicts out of order or missing")
            with lock:
                for v in got:
                    k = (v["problem_id"], v["sample"])
                    if k in seen:
                        duplicates.append(k)
                    seen[k] = v if v["sample"] % 97 == 3 else {"status": v["status"]}  # keep a sample whole

    try:
        threads = [threading.Thread(target=connection) for _ in range(CONNECTIONS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        code = service.stop()
    # CPU seconds of the service, its workers and their children, and of the clients: on an idle machine
    # the wall time is about half of it (2 cores), whatever the load while this test ran
    print(f"{TOTAL} candidates: {cpu_s() - cpu_before:.1f} CPU s in all")
    assert not errors, errors[:5]
    assert not duplicates, duplicates[:5]
    lost = [(c.problem_id, c.sample) for _, c in stream_ if (c.problem_id, c.sample) not in seen]
    assert not lost and len(seen) == TOTAL, lost[:5]

    outcome: dict[str, Counter] = {}
    for (_, sample), v in seen.items():
        outcome.setdefault(kinds[sample], Counter())[v["status"]] += 1
    assert outcome.pop("honest") == Counter(passed=TOTAL - TOTAL // 10), outcome
    assert all("passed" not in c and "sandbox_error" not in c for c in outcome.values()), outcome
    assert outcome["syntax_error"] == Counter(syntax_error=150)
    assert outcome["memory_bomb"] == Counter(memory_limit=200)

    sample = [c for _, c in stream_ if c.sample % 97 == 3]
    with Verifier(workers=2, limits=LIMITS) as v:
        here = [verdict.to_dict() for verdict in v.verify(table, sample)]
    differ = [(kinds[c.sample], seen[(c.problem_id, c.sample)], h) for c, h in zip(sample, here, strict=True)
              if verdict_key(seen[(c.problem_id, c.sample)]) != verdict_key(h)]
    assert not differ, differ[:3]

    assert code == 0, service.output()
    left = watch.settle(watch.new, 10.0)
    assert not left, f"left running after the service stopped: {watch.describe(left)}"
    assert not watch.marked()
