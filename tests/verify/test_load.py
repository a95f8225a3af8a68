"""Load: 20,000 candidates, one in ten hostile, through one Verifier, streamed.

Every honest candidate (a family's reference solution) passes, every hostile one fails, none is
blamed on the verifier, nothing is left running or on disk afterwards, and the parent's memory
stays flat while the verdicts stream (candidates come from a generator and verdicts are not kept).
"""

from __future__ import annotations

import itertools
import os
import sys
from collections import Counter

import pytest

from axiom.problems import make_problem, registered_families
from axiom.verify import Candidate, Limits, Verifier

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

TOTAL = 20_000
LIMITS = Limits(timeout_s=0.3, memory_mb=256)

# (name, completion template, how many): ENTRY is the problem's entry point; 10% of TOTAL in all.
# Loops cost a whole timeout each, so there are few of them.
HOSTILE = [
    ("raises", "def ENTRY(*a, **k):\n    raise ValueError('no')\n", 400),
    ("wrong", "def ENTRY(*a, **k):\n    return None\n", 400),
    ("sys_exit", "import sys\n\ndef ENTRY(*a, **k):\n    sys.exit(0)\n", 250),
    ("os_exit_at_import", "import os\nos._exit(0)\n\ndef ENTRY(*a, **k):\n    return 1\n", 250),
    ("keyboard_interrupt", "def ENTRY(*a, **k):\n    raise KeyboardInterrupt\n", 150),
    ("fork", "import os\n\ndef ENTRY(*a, **k):\n    os.fork()\n    return None\n", 150),
    ("memory_bomb", "def ENTRY(*a, **k):\n    return bytearray(10 ** 10)\n", 200),
    ("memory_growth", "def ENTRY(*a, **k):\n    x = []\n    while True:\n        x.append(bytearray(10 ** 6))\n", 20),
    ("syntax_error", "def ENTRY(*a, **k) return 1\n", 150),
    ("infinite_loop", "def ENTRY(*a, **k):\n    while True:\n        pass\n", 30),
]
assert sum(n for _, _, n in HOSTILE) == TOTAL // 10


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        kb = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    return kb / 1024


def problems() -> list:
    return [make_problem(family, d, "test", 11, i)
            for family in sorted(registered_families()) for d in (1, 4, 7, 10) for i in range(5)]


def stream(table: list):
    """The candidates, made one at a time: every tenth is hostile, in a fixed shuffled order."""
    hostile = itertools.chain.from_iterable(itertools.repeat((name, code), n) for name, code, n in HOSTILE)
    honest = itertools.cycle(table)
    for k in range(TOTAL):
        p = table[(k * 7919) % len(table)]
        if k % 10 == 3:
            name, code = next(hostile)
            yield name, Candidate(p.id, code.replace("ENTRY", p.entry_point), k)
        else:
            p = next(honest)
            yield "honest", Candidate(p.id, p.reference_solution, k)


def test_twenty_thousand_candidates(process_watch):
    table = problems()
    verifier = process_watch.track(lambda: Verifier(workers=2, limits=LIMITS))
    kinds: dict[int, str] = {}

    def candidates():
        for kind, cand in stream(table):
            kinds[cand.sample] = kind  # popped as its verdict comes back: memory stays bounded
            yield cand

    outcome: dict[str, Counter] = {}
    bad: list[str] = []
    rss = {}
    try:
        for n, v in enumerate(verifier.verify(table, candidates()), 1):
            kind = kinds.pop(v.sample)
            outcome.setdefault(kind, Counter())[v.status] += 1
            wrong = (v.status == "sandbox_error" or (kind == "honest") != (v.status == "passed"))
            if wrong and len(bad) < 20:
                bad.append(f"{kind} {v.problem_id}: {v.status} {v.error}")
            if n in (2_000, TOTAL):
                rss[n] = rss_mb()
        assert n == TOTAL
    finally:
        verifier.close()
    assert not bad, (bad, outcome)
    assert outcome["honest"] == Counter(passed=TOTAL - TOTAL // 10)
    assert outcome["syntax_error"] == Counter(syntax_error=150)
    assert outcome["infinite_loop"] == Counter(timeout=30)
    assert set(outcome["memory_bomb"]) == {"memory_limit"}, outcome["memory_bomb"]
    assert rss[TOTAL] - rss[2_000] < 20, f"the parent grew from {rss[2_000]:.1f} to {rss[TOTAL]:.1f} MB"
    left = process_watch.settle(process_watch.new, 5.0)
    assert not left, f"left running after close(): {process_watch.describe(left)}"
    assert not process_watch.leftover_scratch()
    print({k: dict(c) for k, c in outcome.items()}, rss, os.getpid())
