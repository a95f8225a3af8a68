"""The openai backend against a real OpenAI-compatible HTTP server on 127.0.0.1 (tests/generate/openai_server.py),
which generates with the hf backend on the tiny model: every completion here came out of a model."""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from axiom.errors import ConfigError
from axiom.generate.backend import GenerationError, Sampling
from axiom.generate.openai import OpenAIBackend

SERVER = Path(__file__).with_name("openai_server.py")
ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def server(tiny_model):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(SERVER), tiny_model], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert line.startswith("PORT "), f"server did not start: {line!r}"
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _post(url: str, body: dict) -> dict:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def _log(server: str) -> list[dict]:
    with urllib.request.urlopen(f"{server}/log", timeout=10) as r:
        return json.loads(r.read())["requests"]


CHATS = [[{"role": "user", "content": "Write add(a, b)."}], [{"role": "user", "content": "Write fibonacci(n)."}]]


def test_chat_and_plain_prompts_match_local_generation(server, tiny_backend, monkeypatch):
    monkeypatch.setenv("AXIOM_TEST_KEY", "sk-local")
    client = OpenAIBackend("tiny", base_url=f"{server}/v1", api_key_env="AXIOM_TEST_KEY", concurrency=2)
    params = Sampling(n=2, temperature=0, max_new_tokens=10)
    remote = client.generate(CHATS + ["def add(a, b):\n"], params)
    local = tiny_backend.generate(CHATS + ["def add(a, b):\n"], params)
    assert [[c.text for c in row] for row in remote] == [[c.text for c in row] for row in local]
    assert all(len(row) == 2 for row in remote)
    assert remote[0][0].prompt_tokens == local[0][0].prompt_tokens > 0
    assert remote[0][0].finish_reason == local[0][0].finish_reason
    seen = _log(server)[-3:]
    assert {r["path"] for r in seen} == {"/v1/chat/completions", "/v1/completions"}
    assert all(r["auth"] == "Bearer sk-local" for r in seen)


def test_429_is_retried_after_the_servers_delay(server):
    _post(f"{server}/admin/fail", {"count": 2, "status": 429})
    client = OpenAIBackend("tiny", base_url=f"{server}/v1", concurrency=1, backoff_s=0.01)
    out = client.generate(CHATS[:1], Sampling(n=1, temperature=0, max_new_tokens=4))
    assert len(out[0]) == 1 and client.retries == 2


def test_5xx_is_retried_with_backoff_then_given_up(server):
    _post(f"{server}/admin/fail", {"count": 1, "status": 503})
    client = OpenAIBackend("tiny", base_url=f"{server}/v1", backoff_s=0.01)
    assert len(client.generate(CHATS[:1], Sampling(max_new_tokens=4))[0]) == 1 and client.retries == 1
    _post(f"{server}/admin/fail", {"count": 5, "status": 503})
    stubborn = OpenAIBackend("tiny", base_url=f"{server}/v1", backoff_s=0.01, max_retries=2)
    with pytest.raises(GenerationError, match="HTTP 503"):
        stubborn.generate(CHATS[:1], Sampling(max_new_tokens=4))
    _post(f"{server}/admin/fail", {"count": 0})


def test_client_errors_are_not_retried(server):
    client = OpenAIBackend("no-such-model", base_url=f"{server}/v1", backoff_s=0.01)
    with pytest.raises(GenerationError, match="HTTP 404.*does not exist"):
        client.generate(CHATS[:1], Sampling(max_new_tokens=4))
    assert client.retries == 0


def test_unreachable_server_and_missing_url_are_clear(monkeypatch):
    monkeypatch.delenv("AXIOM_OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(ConfigError, match="base URL"):
        OpenAIBackend("m")
    with pytest.raises(ConfigError, match="adapter"):
        OpenAIBackend("m", adapter="a", base_url="http://127.0.0.1:9")
    dead = OpenAIBackend("m", base_url="http://127.0.0.1:9/v1", max_retries=1, backoff_s=0.01)
    with pytest.raises(GenerationError, match="after 2 attempts"):
        dead.generate(["x"], Sampling(max_new_tokens=2))


def test_generate_command_over_http(server, tmp_path):
    from axiom.cli import main
    from axiom.problems.family import make_problem
    from axiom.problems.record import save_problems

    save_problems(tmp_path / "p.jsonl", [make_problem("two_sum", 1, "test", 42, i) for i in range(3)])
    rc = main(["generate", "--backend", "openai", "--model", "tiny", "--base-url", f"{server}/v1",
               "--problems", str(tmp_path / "p.jsonl"), "--samples", "2", "--max-new-tokens", "5",
               "-o", str(tmp_path / "c.jsonl")])
    assert rc == 0
    lines = [json.loads(x) for x in (tmp_path / "c.jsonl").read_text().splitlines()]
    assert [x["sample"] for x in lines] == [0, 1] * 3
