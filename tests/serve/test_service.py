"""The wire contract of a running `axiom serve`: /health, the token, the limits (413, 429), bad bodies
(400/422 naming what is wrong), verdicts in the candidates' order, /health answering during a batch."""

from __future__ import annotations

import http.client
import json
import threading
import time

import pytest

from axiom.problems.family import make_problem

RPN = make_problem("rpn", 2, "test", 7, 0)


def cand(code: str, sample: int = 0, problem=RPN) -> dict:
    return {"problem_id": problem.id, "completion": code, "sample": sample}


def payload(*cands: dict, problems=(RPN,)) -> dict:
    return {"problems": [p.to_dict() for p in problems], "candidates": list(cands)}


def test_health_needs_no_token(service):
    r = service.request("GET", "/health", token=None)
    assert (r.status, r.body) == (200, {"status": "ok"})


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Bearer ", "Basic {token}", "Bearer {token}x",
                                    "Bearer {short}", "{token}"])
def test_a_missing_or_wrong_token_is_401(service, header):
    headers = {} if header is None else {
        "Authorization": header.format(token=service.token, short=service.token[:-1])}
    r = service.request("POST", "/verify", json.dumps(payload(cand("x"))).encode(), token=None, headers=headers)
    assert r.status == 401, r
    assert "token" in r.body["detail"] and r.headers["www-authenticate"] == "Bearer"


def test_the_right_token_gets_verdicts_in_the_candidates_order(service):
    good, wrong = RPN.reference_solution, f"{RPN.signature}:\n    return 0\n"
    cands = [cand(wrong, 5), cand(good, 1), cand("no code here", 1), cand(good, 0), cand("def f(:", 9)]
    r = service.verify(payload(*cands))
    assert r.status == 200, r
    got = [(v["problem_id"], v["sample"], v["status"]) for v in r.body["verdicts"]]
    assert got == [(RPN.id, 5, "wrong_answer"), (RPN.id, 1, "passed"), (RPN.id, 1, "no_code"),
                   (RPN.id, 0, "passed"), (RPN.id, 9, "syntax_error")]
    passed = r.body["verdicts"][1]
    assert passed["score"] == 1.0 and passed["passed_tests"] == passed["total_tests"] == len(RPN.tests)
    assert set(passed) == {"problem_id", "sample", "status", "passed_tests", "total_tests", "score", "error",
                           "duration_s", "tests"}  # what `axiom verify` writes
    assert service.verify(payload()).body == {"verdicts": []}


def test_too_many_candidates_is_413(service):
    r = service.verify(payload(*[cand("x", k) for k in range(401)]))
    assert r.status == 413 and "401 candidates" in r.body["detail"] and "400" in r.body["detail"], r


def test_a_body_declared_too_large_is_refused_before_it_is_sent(service):
    conn = http.client.HTTPConnection(service.host, service.port, timeout=60)
    try:
        conn.putrequest("POST", "/verify")
        conn.putheader("Authorization", f"Bearer {service.token}")
        conn.putheader("Content-Length", str(10**9))
        conn.endheaders()  # no body follows: the answer must not wait for one
        r = conn.getresponse()
        assert r.status == 413 and "1048576" in json.loads(r.read())["detail"]
    finally:
        conn.close()


@pytest.mark.parametrize("chunked", [False, True], ids=["content_length", "chunked"])
def test_a_body_over_the_limit_is_413(service, chunked):
    big = json.dumps(payload(cand("#" * (1 << 20)))).encode()
    conn = http.client.HTTPConnection(service.host, service.port, timeout=120)
    try:
        headers = {"Authorization": f"Bearer {service.token}", "Content-Type": "application/json"}
        if chunked:
            conn.request("POST", "/verify", body=iter([big[:1000], big[1000:]]), headers=headers,
                         encode_chunked=True)
        else:
            conn.request("POST", "/verify", body=big, headers=headers)
        r = conn.getresponse()
        assert r.status == 413, r.read()
        assert "--max-body-mb" in json.loads(r.read())["detail"]
    finally:
        conn.close()


@pytest.mark.parametrize(("raw", "status", "named"), [
    (b"not json", 400, "not JSON"),
    (b"[]", 400, "JSON object"),
    (json.dumps({"problems": [], "candidate": []}).encode(), 422, "unknown field(s) ['candidate']"),
    (json.dumps(payload(cand("x"), problems=())).encode(), 422, f"candidates[0]: unknown problem_id {RPN.id!r}"),
    (json.dumps({"problems": [{**RPN.to_dict(), "tests": "all"}], "candidates": []}).encode(), 422,
     "problems[0]: field 'tests' must be list"),
    (json.dumps(payload(cand("x"), {"problem_id": RPN.id})).encode(), 422, "candidates[1]: 'completion'"),
    # a lone surrogate is valid JSON; the message naming it must still be valid JSON
    (b'{"problems": [], "candidates": [{"problem_id": "x\\ud800", "completion": ""}]}', 422, "x\\ud800"),
])
def test_a_malformed_body_is_refused_naming_what_is_wrong(service, raw, status, named):
    r = service.request("POST", "/verify", raw)
    assert r.status == status, r
    assert named in r.body["detail"], r.body


def test_the_rate_limit_is_per_client_and_says_when_to_come_back(service):
    source = "127.0.0.9"  # a client of its own: the service allows 10 at once, then 1 a second
    statuses, refused = [], None
    for _ in range(20):
        r = service.verify(payload(), source=source)
        statuses.append(r.status)
        if r.status == 429:
            refused = r
            break
    assert statuses[:10] == [200] * 10 and refused is not None, statuses
    assert "too many requests" in refused.body["detail"]
    wait = int(refused.headers["retry-after"])
    assert wait >= 1
    assert service.verify(payload(), source="127.0.0.10").status == 200  # another client is not held back
    time.sleep(wait)
    assert service.verify(payload(), source=source).status == 200


def test_health_answers_while_a_batch_is_verified(service):
    slow = f"import time\n\n{RPN.signature}:\n    time.sleep(1.0)\n    return 0\n"
    reply = {}
    batch = threading.Thread(target=lambda: reply.update(r=service.verify(payload(*[cand(slow, k)
                                                                                    for k in range(4)]))))
    batch.start()
    latencies = []
    while batch.is_alive():
        start = time.monotonic()
        assert service.request("GET", "/health", token=None).status == 200
        latencies.append(time.monotonic() - start)
        time.sleep(0.05)
    batch.join()
    assert reply["r"].status == 200 and len(reply["r"].body["verdicts"]) == 4
    assert len(latencies) >= 3 and max(latencies) < 1.5, latencies
