"""The parent's verdict on a worker's report. Everything the child sent is untrusted bytes: a
frame that does not parse is a failed test, never a pass and never a sandbox_error."""

from __future__ import annotations

import json
import signal

from axiom.problems.record import Problem
from axiom.verify.compare import values_equal
from axiom.verify.encode import split_frames
from axiom.verify.records import Candidate, Limits, Verdict, trim

_decode = json.JSONDecoder().decode


def _loads(b: bytes) -> object:
    """json.loads for bytes from the sandbox; ValueError (UnicodeDecodeError included) when bad."""
    return _decode(b.decode("utf-8"))


def verdict(problem: Problem, cand: Candidate, status: str, error: str | None, duration: float,
            tests: list[dict] | None = None) -> Verdict:
    total = len(problem.tests) if problem.test_code is None else 1
    tests = tests if tests is not None else [
        {"passed": False, "status": status, "error": error} for _ in range(total)]
    passed = sum(t["passed"] for t in tests)
    return Verdict(problem_id=cand.problem_id, sample=cand.sample, status=status, passed_tests=passed,
                   total_tests=total, score=passed / total if total else 0.0, error=trim(error),
                   duration_s=round(duration, 6), tests=tests)


def judge(problem: Problem, cand: Candidate, report: dict, raw: bytes, limits: Limits) -> Verdict:
    """A Verdict from the worker's report header and the raw bytes the child (or checker) sent."""
    duration = report.get("duration", 0.0)
    if "internal" in report:
        return verdict(problem, cand, "sandbox_error", f"verifier worker failed: {report['internal']}", duration)
    # an io child owes R, one frame per test and D; the checker one frame. A flood of frames beyond
    # that (empty ones cost the most to walk) is not read: the tests it would fill have their frames
    frames, _ = split_frames(raw, most=len(problem.tests) + 2 if problem.test_code is None else 1)
    if frames and frames[-1] == b"D":  # an io child's "done": not a result
        frames.pop()
    if problem.test_code is not None:
        return _judge_check(problem, cand, report, frames, duration)
    if not frames or frames[0] != b"R":
        if report["timed_out"]:
            return verdict(problem, cand, "timeout", f"ran past {limits.timeout_s:g} s", duration)
        why = frames[0][1:].decode(errors="replace") if frames and frames[0][:1] == b"X" else \
            f"it ended with {_ending(report['exit'][0])} before running the candidate"
        return verdict(problem, cand, "sandbox_error", f"the sandbox could not be set up: {why}", duration)
    tests = [_test_result(t.expected, f, limits.float_tol) for t, f in zip(problem.tests, frames[1:], strict=False)]
    if len(tests) < len(problem.tests):
        status, error = _death(report, limits)
        where = f"before test {len(tests)} reported"  # at import, or in a call: we cannot tell
        tests += [{"passed": False, "status": status, "error": f"{error} ({where})"}
                  for _ in range(len(problem.tests) - len(tests))]
    for i, t in enumerate(tests):
        if t["error"]:
            t["error"] = trim(f"test {i}: {t['error']}")
    failed = [t for t in tests if not t["passed"]]
    if not failed:  # every result is in: how the process ended afterwards does not matter
        return verdict(problem, cand, "passed", None, duration, tests)
    if report["timed_out"]:
        return verdict(problem, cand, "timeout", f"ran past {limits.timeout_s:g} s", duration, tests)
    return verdict(problem, cand, failed[0]["status"], failed[0]["error"], duration, tests)


def _test_result(expected: object, payload: bytes, tol: float) -> dict:
    kind, body = payload[:1], payload[1:]
    if kind == b"V":
        try:
            got = _loads(body)
        except (ValueError, RecursionError):  # ValueError: bad JSON, or an int over 4300 digits
            return {"passed": False, "status": "wrong_answer", "error": "returned a value that is not JSON"}
        try:
            ok = values_equal(got, expected, tol)
        except RecursionError:
            ok = False
        if ok:
            return {"passed": True, "status": "passed", "error": None}
        got_text = body[:200].decode(errors="replace")
        return {"passed": False, "status": "wrong_answer", "error": trim(f"wrong answer (got {got_text})")}
    if kind == b"N":
        return {"passed": False, "status": "wrong_answer",
                "error": trim(f"returned a non-JSON value: {body.decode(errors='replace')}")}
    if kind == b"E":
        name, msg = _exception(body)
        status = "memory_limit" if name == "MemoryError" else "runtime_error"
        return {"passed": False, "status": status, "error": trim(f"{name}: {msg}" if msg else name)}
    return {"passed": False, "status": "runtime_error", "error": "malformed result frame"}


def _exception(body: bytes) -> tuple[str, str]:
    try:
        info = _loads(body)
    except (ValueError, RecursionError):
        info = None
    if type(info) is list and len(info) == 2 and all(type(s) is str for s in info):
        return info[0], info[1]
    return "Error", "malformed exception report"


def _death(report: dict, limits: Limits) -> tuple[str, str]:
    """Status and error for tests that never reported, from how the child ended."""
    if report["timed_out"]:
        return "timeout", f"ran past {limits.timeout_s:g} s"
    if report["overflow"]:
        return "runtime_error", (f"sent more results than its tests call for (more frames, or more than "
                                 f"{limits.output_bytes} bytes)")
    code = report["exit"][0]
    if code == -signal.SIGXCPU:
        return "timeout", "used up its CPU time limit"
    return "runtime_error", f"the process ended with {_ending(code)}"


def _ending(code: int) -> str:
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def _judge_check(problem: Problem, cand: Candidate, report: dict, frames: list[bytes],
                 duration: float) -> Verdict:
    if report["timed_out"]:
        return verdict(problem, cand, "timeout", "ran past the time limit", duration)
    result = None
    if frames:
        try:
            result = _loads(frames[0])
        except (ValueError, RecursionError):
            result = None
    if not isinstance(result, dict) or result.get("status") not in (
            "passed", "wrong_answer", "runtime_error", "memory_limit", "sandbox_error"):
        ending = _ending(report["exit"][1]) if len(report["exit"]) > 1 else "no report"
        return verdict(problem, cand, "sandbox_error", f"the checker process failed ({ending})", duration)
    status, error = result["status"], result.get("error")
    if result.get("died"):
        code = report["exit"][0]
        if code == -signal.SIGXCPU:
            status, error = "timeout", "used up its CPU time limit"
        elif code != 0:
            error = f"{error} ({_ending(code)})"
    passed = status == "passed"
    return verdict(problem, cand, status, error, duration,
                   [{"passed": passed, "status": status, "error": trim(error)}])
