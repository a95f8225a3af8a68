"""The thin clients: VerifierClient, the TRL reward function and verl's compute_score give what the
in-process rewards give (one scoring rule), split batches, retry when told to, and fail clearly."""

from __future__ import annotations

import http.server
import json
import pickle
import threading

import pytest

from axiom import rewards
from axiom.problems.record import save_problems
from axiom.serve.client import ServeError, ServiceReward, VerifierClient, compute_score, compute_score_batch
from axiom.verify import Candidate, Limits
from tests.train.test_rewards import FIZZ, HOSTILE, RPN, fenced, stub

WRONG = stub("return 0")


@pytest.fixture
def client(service):
    return VerifierClient(service.url, service.token)


@pytest.fixture
def same_limits_in_process():
    rewards.configure(limits=Limits(timeout_s=2.0, memory_mb=512))  # the session service's
    yield
    rewards.configure()


def test_verify_splits_a_batch_and_keeps_the_order(service):
    client = VerifierClient(service.url, service.token, batch=3)
    cands = [Candidate(p.id, code, k) for k, (p, code) in enumerate(
        [(RPN, RPN.reference_solution), (FIZZ, FIZZ.reference_solution), (RPN, WRONG)] * 3)]
    verdicts = client.verify([RPN, FIZZ.to_dict()], cands)
    assert [(v.problem_id, v.sample) for v in verdicts] == [(c.problem_id, c.sample) for c in cands]
    assert [v.status for v in verdicts] == ["passed", "passed", "wrong_answer"] * 3
    assert client.health()


def test_the_trl_reward_gives_the_in_process_rewards(client, same_limits_in_process):
    completions = [fenced(RPN.reference_solution), RPN.reference_solution, WRONG, "I don't know.",
                   stub("return ("), stub(f"return {RPN.tests[0].expected!r}"), *HOSTILE.values(),
                   [{"role": "user", "content": "solve it"},
                    {"role": "assistant", "content": fenced(RPN.reference_solution)}]]
    problem = [RPN.to_dict()] * (len(completions) - 1) + [json.dumps(RPN.to_dict())]
    trl_kwargs = {"prompts": ["p"] * len(completions), "completion_ids": [[1]] * len(completions),
                  "trainer_state": None, "log_extra": print, "log_metric": print}
    for rule, in_process in (("pass_rate", rewards.pass_rate_reward), ("pass_all", rewards.pass_all_reward)):
        reward = ServiceReward(rule, client)
        assert reward.__name__ == f"{rule}_reward"  # what TRL logs it under
        remote = reward(completions, problem=problem, **trl_kwargs)
        assert remote == in_process(completions, problem=problem, **trl_kwargs), rule
    assert remote[:3] == [1.0, 1.0, 0.0] and remote[-1] == 1.0


def test_the_trl_reward_reads_problem_ids_with_the_problems_given(client, tmp_path):
    save_problems(tmp_path / "p.jsonl", [RPN, FIZZ])
    reward = ServiceReward("pass_all", client, problems=tmp_path / "p.jsonl")
    completions = [RPN.reference_solution, FIZZ.reference_solution, RPN.reference_solution]
    assert reward(completions, problem_id=[RPN.id, FIZZ.id, FIZZ.id]) == [1.0, 1.0, 0.0]
    assert pickle.loads(pickle.dumps(reward))(completions[:1], problem_id=[RPN.id]) == [1.0]
    with pytest.raises(ValueError, match="'nope' is not among the problems"):
        reward(["x"], problem_id=["nope"])
    with pytest.raises(ValueError, match="column 'problem'"):
        ServiceReward("pass_all", client)(["x"])


def test_verl_compute_score(service, monkeypatch, tmp_path):
    monkeypatch.setenv("AXIOM_SERVE_URL", service.url)
    monkeypatch.setenv("AXIOM_SERVE_TOKEN", service.token)
    record = json.dumps(RPN.to_dict())
    assert compute_score("axiom", fenced(RPN.reference_solution), record) == 1.0
    assert compute_score("axiom", WRONG, record, extra_info={"split": "train"}) == 0.0
    assert compute_score("axiom", FIZZ.reference_solution, "ignored", extra_info={"problem": FIZZ.to_dict()}) == 1.0
    partial = stub(f"return {RPN.tests[0].expected!r}")
    rate = compute_score("axiom", partial, record)
    assert 0 < rate < 1 and compute_score("axiom", partial, record, rule="pass_all") == 0.0
    save_problems(tmp_path / "p.jsonl", [RPN, FIZZ])
    assert compute_score_batch(["a", "a"], [RPN.reference_solution, WRONG], [RPN.id, FIZZ.id],
                               problems=str(tmp_path / "p.jsonl")) == [1.0, 0.0]
    with pytest.raises(ValueError, match="no problems to look it up in"):
        compute_score("axiom", WRONG, RPN.id)


def test_a_wrong_token_or_no_service_is_a_clear_error(service, monkeypatch):
    with pytest.raises(ServeError, match="401 missing or wrong token") as e:
        VerifierClient(service.url, "wrong").verify([RPN], [Candidate(RPN.id, "x")])
    assert e.value.status == 401
    monkeypatch.delenv("AXIOM_SERVE_TOKEN", raising=False)
    with pytest.raises(ServeError, match="no token"):
        VerifierClient(service.url)
    with pytest.raises(ServeError, match="unknown problem_id 'nope'"):
        VerifierClient(service.url, "t").verify([RPN], [Candidate("nope", "x")])
    closed = VerifierClient("http://127.0.0.1:9", "t", retries=1)  # the discard port: nothing listens
    with pytest.raises(ServeError, match="no answer") as e:
        closed.verify([RPN], [Candidate(RPN.id, "x")])
    assert e.value.status is None and not closed.health()


class Flaky(http.server.BaseHTTPRequestHandler):
    """429 (Retry-After: 0), then 503, then the verdict: a client must come back after both."""

    replies = ["429", "503", "ok"]
    seen: list[str] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.seen.append(self.headers["Authorization"])
        reply = self.replies[len(self.seen) - 1]
        if reply == "ok":
            c = body["candidates"][0]
            out = {"verdicts": [{"problem_id": c["problem_id"], "sample": c["sample"], "status": "passed",
                                 "passed_tests": 1, "total_tests": 1, "score": 1.0, "error": None,
                                 "duration_s": 0.0, "tests": [], "field_of_a_newer_service": 1}]}
            data, code, headers = json.dumps(out).encode(), 200, {}
        else:
            data, code, headers = b'{"detail": "busy"}', int(reply), {"Retry-After": "0"}
        self.send_response(code)
        for k, v in {**headers, "Content-Length": str(len(data))}.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


def test_the_client_comes_back_after_429_and_503():
    server = http.server.HTTPServer(("127.0.0.1", 0), Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        client = VerifierClient(f"http://127.0.0.1:{server.server_port}", "tok", retries=3)
        [v] = client.verify([RPN], [Candidate(RPN.id, "x", 4)])
        assert (v.problem_id, v.sample, v.status) == (RPN.id, 4, "passed")
        assert Flaky.seen == ["Bearer tok"] * 3
    finally:
        server.shutdown()
        server.server_close()

