"""Functional tests of the verifier: statuses, partial credit, limits, comparison, order, reuse.

The adversarial suites are test_reward_hacks.py and test_hostile.py; these check that honest and
ordinarily broken candidates get the verdict the contract (docs/dev/verifier-api.md) gives.
"""

from __future__ import annotations

import os
import signal
import textwrap
import threading
import time

import pytest

from axiom.errors import AxiomError
from axiom.problems import Problem
from axiom.problems import TestCase as Case
from axiom.verify import Candidate, Limits, Verdict, Verifier, verify

TIMEOUT = 1.0
LIMITS = Limits(timeout_s=TIMEOUT, memory_mb=256)

ADD = Problem(id="t/add", family="t", difficulty=1, prompt="Add two numbers.", entry_point="add",
              tests=(Case([1, 2], {}, 3), Case([0, 0], {}, 0), Case([-4, 10], {}, 6)))
MEAN = Problem(id="t/mean", family="t", difficulty=1, prompt="", entry_point="mean",
               tests=(Case([[0.1, 0.2]], {}, 0.15), Case([[1, 2]], {}, 1.5)))
GREET = Problem(id="t/greet", family="t", difficulty=1, prompt="", entry_point="greet",
                tests=(Case(["Ada"], {"punct": "!"}, "Hello, Ada!"), Case(["Bo"], {}, "Hello, Bo.")))
CHECKED = Problem(id="t/checked", family="t", difficulty=1, entry_point="square",
                  prompt='def square(x: int) -> int:\n    """Return x squared."""\n',
                  test_code="def check(candidate):\n    assert candidate(3) == 9\n    assert candidate(-2) == 4\n")
PROBLEMS = {p.id: p for p in (ADD, MEAN, GREET, CHECKED)}


def src(text: str) -> str:
    return textwrap.dedent(text).strip() + "\n"


@pytest.fixture(scope="module")
def verifier():
    with Verifier(workers=2, limits=LIMITS) as v:
        yield v


def one(verifier: Verifier, problem: Problem, completion: str) -> Verdict:
    [v] = verifier.verify(PROBLEMS, [Candidate(problem.id, completion)])
    assert (v.problem_id, v.total_tests, len(v.tests)) == (problem.id, len(problem.tests) or 1, v.total_tests)
    assert v.passed_tests == sum(t["passed"] for t in v.tests)
    return v


def test_correct(verifier):
    v = one(verifier, ADD, "```python\ndef add(a, b):\n    return a + b\n```")
    assert (v.status, v.passed_tests, v.score, v.error) == ("passed", 3, 1.0, None)
    assert v.tests == [{"passed": True, "status": "passed", "error": None}] * 3
    assert set(v.to_dict()) == {"problem_id", "sample", "status", "passed_tests", "total_tests", "score",
                                "error", "duration_s", "tests"}


def test_wrong_answer_with_partial_credit(verifier):
    v = one(verifier, ADD, "def add(a, b):\n    return a + b if a >= 0 else 0\n")
    assert (v.status, v.passed_tests, v.score) == ("wrong_answer", 2, pytest.approx(2 / 3))
    assert [t["status"] for t in v.tests] == ["passed", "passed", "wrong_answer"]
    assert v.error.startswith("test 2: wrong answer")


def test_runtime_error_keeps_earlier_and_later_results(verifier):
    v = one(verifier, ADD, "def add(a, b):\n    if a == 0:\n        raise ValueError('zero')\n    return a + b\n")
    assert (v.status, v.passed_tests) == ("runtime_error", 2)
    assert [t["passed"] for t in v.tests] == [True, False, True]
    assert "ValueError: zero" in v.error


def test_exit_midway_is_a_runtime_error_with_partial_credit(verifier):
    v = one(verifier, ADD, "import os\ndef add(a, b):\n    if a == 0:\n        os._exit(0)\n    return a + b\n")
    assert (v.status, v.passed_tests) == ("runtime_error", 1)
    assert [t["status"] for t in v.tests] == ["passed", "runtime_error", "runtime_error"]


def test_missing_entry_point(verifier):
    v = one(verifier, ADD, "def plus(a, b):\n    return a + b\n")
    assert v.status == "runtime_error" and "'add' is not defined" in v.error


def test_syntax_error_is_decided_without_running(verifier):
    v = one(verifier, ADD, "```python\ndef add(a, b) return a + b\n```")
    assert v.status == "syntax_error" and v.error.startswith("SyntaxError")
    assert v.duration_s < 0.05


def test_no_code(verifier):
    v = one(verifier, ADD, "I am not sure how to solve this problem, sorry.")
    assert (v.status, v.passed_tests, v.score) == ("no_code", 0, 0.0)


def test_timeout_is_killed_within_budget(verifier):
    start = time.monotonic()
    v = one(verifier, ADD, "def add(a, b):\n    while True:\n        pass\n")
    wall = time.monotonic() - start
    assert v.status == "timeout"
    assert TIMEOUT <= v.duration_s <= TIMEOUT + 0.05, v.duration_s
    assert wall < TIMEOUT + 1.0


def test_timeout_keeps_the_tests_that_finished(verifier):
    v = one(verifier, ADD, "import time\ndef add(a, b):\n    if a == 0:\n        time.sleep(60)\n    return a + b\n")
    assert (v.status, v.passed_tests) == ("timeout", 1)
    assert [t["status"] for t in v.tests] == ["passed", "timeout", "timeout"]


def test_memory_limit(verifier):
    v = one(verifier, ADD, "def add(a, b):\n    return len(bytearray(10 ** 10))\n")
    assert v.status == "memory_limit" and "MemoryError" in v.error


def test_floats_compare_with_tolerance(verifier):
    assert one(verifier, MEAN, "def mean(xs):\n    return sum(xs) / len(xs)\n").status == "passed"
    assert one(verifier, MEAN, "def mean(xs):\n    return sum(xs) / len(xs) + 1e-9\n").status == "passed"
    v = one(verifier, MEAN, "def mean(xs):\n    return sum(xs) / len(xs) + 1e-3\n")
    assert v.status == "wrong_answer"


@pytest.mark.parametrize(("got", "expected", "same"), [
    (3, 3.0, True), (3.0, 3, True), (3.0000001, 3, False), (True, 1, False), (1, True, False),
    ([1, [2.0]], [1, [2]], True), ((1, 2), [1, 2], True), ({"a": 1}, {"a": 1, "b": 2}, False),
    (float("nan"), float("nan"), True), (float("inf"), float("inf"), True), (None, 0, False),
    ("1", 1, False), (10 ** 400, 10 ** 400, True), (10 ** 400, 1e300, False),
])
def test_values_equal(got, expected, same):
    from axiom.verify.compare import values_equal

    assert values_equal(got, expected, 1e-6) is same


def test_kwargs(verifier):
    code = "def greet(name, punct='.'):\n    return f'Hello, {name}{punct}'\n"
    assert one(verifier, GREET, code).status == "passed"


def test_non_json_values_are_wrong_answers(verifier):
    v = one(verifier, ADD, "def add(a, b):\n    return {a + b}\n")
    assert v.status == "wrong_answer" and "non-JSON" in v.error


def test_printing_does_not_matter(verifier):
    code = "import sys\ndef add(a, b):\n    print('x' * 100000)\n    sys.stderr.write('y' * 100000)\n    return a + b\n"
    assert one(verifier, ADD, code).status == "passed"


def test_results_over_the_output_limit(verifier):
    v = one(verifier, ADD, "def add(a, b):\n    return 'x' * (2 << 20)\n")
    assert v.status == "runtime_error" and "bytes)" in v.error


def test_check_problem_body_is_appended_to_the_prompt(verifier):
    assert one(verifier, CHECKED, "    return x * x\n").status == "passed"
    assert one(verifier, CHECKED, "```python\ndef square(x):\n    return x ** 2\n```").status == "passed"
    v = one(verifier, CHECKED, "    return x + x\n")
    assert v.status == "wrong_answer" and "AssertionError" in v.error
    assert one(verifier, CHECKED, "    raise KeyError(x)\n").status == "runtime_error"


def test_verdicts_come_in_input_order(verifier):
    slow = "import time\ndef add(a, b):\n    time.sleep(0.05 * (a == 1))\n    return a + b\n"
    fast = "def add(a, b):\n    return a + b\n"
    cands = [Candidate(ADD.id, slow if i % 3 == 0 else fast, sample=i) for i in range(30)]
    cands[7] = {"problem_id": ADD.id, "completion": "no code here", "sample": 7}  # a plain dict works too
    verdicts = list(verifier.verify([ADD], cands))
    assert [v.sample for v in verdicts] == list(range(30))
    assert verdicts[7].status == "no_code"
    assert all(v.status == "passed" for i, v in enumerate(verdicts) if i != 7)


def test_pool_is_reused_across_calls(verifier):
    pids = [p.proc.pid for p in verifier._procs]
    for _ in range(3):
        verdicts = verifier.verify([ADD], [Candidate(ADD.id, "def add(a, b): return a+b")])
        assert [v.status for v in verdicts] == ["passed"]
    assert [p.proc.pid for p in verifier._procs] == pids


def test_an_abandoned_iterator_does_not_confuse_the_next_call(verifier):
    slow = Candidate(ADD.id, "import time\ndef add(a, b):\n    time.sleep(0.2)\n    return a + b\n")
    it = verifier.verify([ADD], [slow] * 6)
    next(it)
    it.close()
    verdicts = list(verifier.verify([ADD], [Candidate(ADD.id, "def add(a, b): return a - b", sample=9)]))
    assert [(v.sample, v.status) for v in verdicts] == [(9, "wrong_answer")]


def test_a_dead_worker_is_replaced_and_its_job_retried():
    slow = Candidate(ADD.id, "import time\ndef add(a, b):\n    time.sleep(0.2)\n    return a + b\n")
    with Verifier(workers=1, limits=LIMITS) as v:
        pid = v._procs[0].proc.pid
        killer = threading.Timer(0.3, os.kill, (pid, signal.SIGKILL))
        killer.start()
        verdicts = list(v.verify([ADD], [slow, slow]))
        killer.join()
        assert [x.status for x in verdicts] == ["passed", "passed"], [x.to_dict() for x in verdicts]
        assert v._procs[0].proc.pid != pid


def test_unknown_problem_is_a_clear_error(verifier):
    with pytest.raises(AxiomError, match="unknown problem_id 'nope'"):
        list(verifier.verify([ADD], [Candidate("nope", "def add(a, b): return a+b")]))


def test_module_level_verify_shares_one_pool():
    from axiom.verify import pool

    limits = Limits(timeout_s=2.0, memory_mb=256)
    for _ in range(2):
        [v] = verify([ADD], [Candidate(ADD.id, "def add(a, b): return a+b")], limits=limits, workers=1)
        assert v.status == "passed"
    assert sum(1 for key in pool._SHARED if key == (1, limits)) == 1
    pool._SHARED.pop((1, limits)).close()


def _initial_user_namespace() -> bool:
    try:
        with open("/proc/self/uid_map") as f:
            return f.read().split() == ["0", "0", "4294967295"]
    except OSError:
        return False


def test_isolation_is_truthful(verifier):
    iso = verifier.isolation
    assert set(iso) >= {"netns", "seccomp", "uid_drop", "landlock", "rlimits"}
    assert all(type(v) is bool for v in iso.values())
    if os.geteuid() == 0 and _initial_user_namespace():  # real root, as on our machines: all of it
        assert all(iso.values()), iso
    probe = src("""
        import os

        def probe(what):
            if what == "uid_drop":
                return os.getuid() != 0
            if what == "seccomp":
                try:
                    os.fork()
                except OSError:
                    return True
                return False
            if what == "landlock":
                try:
                    open("/tmp/axiom-landlock-test-%d" % os.getpid(), "w")
                except OSError:
                    return True
                return False
            return False
        """)
    names = [k for k in ("uid_drop", "seccomp", "landlock") if iso[k]]
    problem = Problem(id="t/probe", family="t", difficulty=1, prompt="", entry_point="probe",
                      tests=tuple(Case([k], {}, True) for k in names))
    if names:
        [v] = verifier.verify([problem], [Candidate(problem.id, probe)])
        assert v.status == "passed", v.to_dict()
