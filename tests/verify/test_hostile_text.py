"""Hostile candidates that attack the verifier through what it writes and how it judges, not the host.

- A lone surrogate in an exception message (or a returned string) must not crash a writer: every
  candidate-derived string in a verdict is valid UTF-8, and `axiom verify` writes every verdict.
- A value the trusted checker cannot print (an int over Python's 4,300-digit limit in an assert's
  message) is the candidate's failure, never `sandbox_error` (a reward of None instead of 0).
- A flood of empty result frames costs the parent little, and a candidate's result frames are bounded.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from axiom.problems import Problem
from axiom.problems import TestCase as Case
from axiom.verify import Candidate, Verdict, Verifier
from tests.verify.conftest import fence

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sandbox is Linux-only")

IO = Problem(id="hostile/io", family="hostile", difficulty=1, prompt="Double n.\n", entry_point="double",
             tests=(Case(args=[1], expected=2), Case(args=[21], expected=42)))
CHECKED = Problem(id="hostile/check", family="hostile", difficulty=1, prompt="def double(n):\n    pass\n",
                  entry_point="double",
                  test_code="def check(candidate):\n    got = candidate(1)\n    assert got == 2, got\n"
                            "    got = candidate(21)\n    assert got == 42, got\n")
CHECKED_PLAIN = Problem(id="hostile/check-plain", family="hostile", difficulty=1, prompt="",
                        entry_point="double",
                        test_code="def check(candidate):\n    assert candidate(1) == 2\n"
                                  "    assert candidate(21) == 42\n")
PROBLEMS = (IO, CHECKED, CHECKED_PLAIN)


def verdicts(sandbox: Verifier, code: str, problems=PROBLEMS) -> list[Verdict]:
    return list(sandbox.verify(list(problems), [Candidate(p.id, fence(code)) for p in problems]))


def utf8_safe(v: Verdict) -> None:
    text = json.dumps(v.to_dict(), ensure_ascii=False)
    text.encode("utf-8")  # raises on a lone surrogate


SURROGATE_RAISE = """
def double(n):
    raise ValueError('bad \\ud800 input')
"""
SURROGATE_RETURN = """
def double(n):
    return 'x\\udfff' * n
"""
SURROGATE_AT_IMPORT = """
raise KeyError('\\udc80' * 3)
"""
SURROGATE_TYPE_NAME = """
class E(Exception):
    pass
E.__name__ = 'E\\ud800'
def double(n):
    raise E('\\ud800')
"""


@pytest.mark.parametrize("code", [SURROGATE_RAISE, SURROGATE_RETURN, SURROGATE_AT_IMPORT, SURROGATE_TYPE_NAME])
def test_a_lone_surrogate_in_what_a_candidate_sends_is_written_as_valid_utf8(sandbox, code):
    for v in verdicts(sandbox, code):
        assert v.status in ("runtime_error", "wrong_answer"), v.to_dict()
        utf8_safe(v)
        for t in v.tests:
            (t["error"] or "").encode("utf-8")


def test_axiom_verify_writes_every_verdict_when_a_candidate_sends_a_surrogate(tmp_path):
    problems = tmp_path / "problems.jsonl"
    problems.write_text("".join(json.dumps(p.to_dict()) + "\n" for p in PROBLEMS))
    cands = tmp_path / "candidates.jsonl"
    good = "def double(n):\n    return 2 * n\n"
    rows = [{"problem_id": p.id, "completion": fence(code), "sample": i}
            for p in PROBLEMS for i, code in enumerate((SURROGATE_RAISE, good, SURROGATE_RETURN))]
    # a surrogate in the candidates file itself (JSON allows the escape): it reaches the output too
    rows.append({"problem_id": IO.id, "completion": fence(good) + "\ud800", "sample": 9})
    cands.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "verdicts.jsonl"
    done = subprocess.run([sys.executable, "-m", "axiom.cli", "verify", "--problems", str(problems),
                           "--candidates", str(cands), "-o", str(out),
                           "--workers", "1"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(got) == len(rows)
    assert [v["status"] for v in got if v["sample"] == 1] == ["passed"] * 3
    assert all(v["status"] != "sandbox_error" for v in got)


HUGE_VALUE = """
def double(n):
    return 10 ** 5000
"""
HUGE_IN_A_CONTAINER = """
def double(n):
    return [10 ** 5000]
"""
RIGGED_REPR = """
class Evil(int):
    def __repr__(self):
        raise RuntimeError('no repr for you')
    __str__ = __repr__
def double(n):
    return Evil(3)
"""


@pytest.mark.parametrize("code", [HUGE_VALUE, HUGE_IN_A_CONTAINER, RIGGED_REPR])
def test_a_value_the_checker_cannot_print_is_the_candidates_failure(sandbox, code):
    for v in verdicts(sandbox, code):
        assert v.status in ("wrong_answer", "runtime_error"), v.to_dict()
        utf8_safe(v)


FRAME_FLOOD = """
import os, struct
def double(n):
    empty = struct.pack('>I', 0)
    chunk = empty * 16384
    for _ in range(200):
        try:
            os.write(3, chunk)
            os.write(4, chunk)
        except OSError:
            pass
    return n  # wrong: a pass would be a false one
"""


def test_a_flood_of_empty_frames_is_cut_short(sandbox):
    """The worker stops reading a child's frames past its budget (tests + 2), so the flood costs the parent
    nothing (1.43 s for 20 such candidates before, 0.05 s after: a cost for benchmarks, not asserted here)."""
    vs = verdicts(sandbox, FRAME_FLOOD, problems=[IO, CHECKED] * 5)
    assert all(v.status != "passed" and v.status != "sandbox_error" for v in vs), [v.to_dict() for v in vs]
    assert all("malformed result frame" in v.error for v in vs[::2]), [v.error for v in vs[::2]]
