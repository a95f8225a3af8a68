"""The wire contract without a server: what a /verify body must hold, the limits, the rate limiter."""

from __future__ import annotations

import json

import pytest

from axiom.errors import ConfigError
from axiom.problems.family import make_problem
from axiom.serve.app import RateLimiter
from axiom.serve.wire import ServeLimits, WireError, parse_batch, request_body
from axiom.verify.records import Candidate

RPN = make_problem("rpn", 2, "test", 7, 0)
GOOD = {"id": "p/1", "family": "x", "difficulty": 1, "prompt": "", "entry_point": "f",
        "tests": [{"args": [1], "expected": 1}]}


def body(problems=(GOOD,), candidates=({"problem_id": "p/1", "completion": "def f(x): return x"},), **extra) -> bytes:
    return json.dumps({"problems": list(problems), "candidates": list(candidates), **extra}).encode()


def test_a_good_body_parses_to_problems_by_id_and_candidates_in_order():
    cands = [{"problem_id": RPN.id, "completion": "a", "sample": 3}, {"problem_id": RPN.id, "completion": "b"}]
    problems, candidates = parse_batch(request_body([RPN], cands), 10)
    assert problems == {RPN.id: RPN}
    assert candidates == [Candidate(RPN.id, "a", 3), Candidate(RPN.id, "b", 0)]


@pytest.mark.parametrize(("raw", "status", "named"), [
    (b"not json", 400, "not JSON"),
    (b"\xff\xfe{}", 400, "not JSON"),
    (b"[" * 100_000 + b"]" * 100_000, 400, "not JSON"),
    (b"[1, 2]", 400, "JSON object"),
    (body(extra=1), 422, "unknown field(s) ['extra']"),
    (json.dumps({"candidates": []}).encode(), 422, "'problems' must be a list of problem records, got nothing"),
    (json.dumps({"problems": {}, "candidates": []}).encode(), 422, "'problems' must be a list"),
    (body(problems=[{**GOOD, "entry_point": None}]), 422, "problems[0]: field 'entry_point' must be str"),
    (body(problems=[{k: v for k, v in GOOD.items() if k != "prompt"}]), 422, "problems[0]: missing required"),
    (body(problems=[GOOD, GOOD]), 422, "problems[1]: duplicate id 'p/1' (first at problems[0])"),
    (body(candidates=[{"problem_id": "p/1", "completion": "x"}, {"problem_id": "p/1", "completion": 3}]), 422,
     "candidates[1]: 'completion' must be a string"),
    (body(candidates=[{"problem_id": "p/1", "completion": "x", "sample": "0"}]), 422, "candidates[0]: 'sample'"),
    (body(candidates=[{"problem_id": "nope", "completion": "x"}]), 422, "candidates[0]: unknown problem_id 'nope'"),
    (body(candidates=[{"problem_id": "p/1", "completion": "x"}] * 11), 413, "11 candidates"),
])
def test_a_bad_body_names_what_is_wrong(raw, status, named):
    with pytest.raises(WireError) as e:
        parse_batch(raw, 10)
    assert e.value.status == status
    assert named in str(e.value)


def test_limits_validate_themselves():
    for bad in ({"max_body_bytes": 10}, {"max_candidates": 0}, {"rate": -1.0}, {"rate": float("inf")},
                {"rate": float("nan")}, {"burst": 0}):
        with pytest.raises(ConfigError):
            ServeLimits(**bad)


def test_the_rate_limiter_allows_a_burst_then_the_rate_per_client(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("axiom.serve.app.time.monotonic", lambda: now[0])
    limiter = RateLimiter(rate=2.0, burst=3)
    assert [limiter.wait_s("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.wait_s("a") == pytest.approx(0.5)   # one token comes back every 1/rate s
    assert limiter.wait_s("b") == 0.0                   # another client has its own bucket
    now[0] += 0.5
    assert limiter.wait_s("a") == 0.0
    assert limiter.wait_s("a") > 0
    now[0] += 100                                       # idle: back to a full burst, never more
    assert [limiter.wait_s("a") for _ in range(4)][-1] > 0
    assert RateLimiter(rate=0, burst=1).wait_s("a") == 0.0  # 0: no limit


def test_the_rate_limiter_forgets_idle_clients(monkeypatch):
    now = [0.0]
    monkeypatch.setattr("axiom.serve.app.time.monotonic", lambda: now[0])
    monkeypatch.setattr(RateLimiter, "MAX_CLIENTS", 5)
    limiter = RateLimiter(rate=1.0, burst=2)
    for i in range(5):
        limiter.wait_s(f"c{i}")
    now[0] += 10
    limiter.wait_s("new")
    assert set(limiter._buckets) == {"new"}
