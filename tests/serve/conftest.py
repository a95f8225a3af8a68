"""`axiom serve` as a real subprocess on a free port, and plain HTTP to it.

Requests go through http.client, each from a loopback address of its own unless a test names one
(all of 127.0.0.0/8 is this machine): the rate limit counts per client address, so only the test
of the rate limit meets it.
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 180  # the sandbox workers start in seconds on an idle machine, far slower on a busy one
_SOURCES = itertools.cycle(f"127.0.{a}.{b}" for a in range(1, 250) for b in range(2, 250))


@dataclass
class Reply:
    status: int
    body: dict
    headers: dict[str, str]


@dataclass
class Service:
    """A running `axiom serve`; stop() sends a signal and returns the exit code."""

    proc: subprocess.Popen
    host: str
    port: int
    token: str
    log: Path

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def request(self, method: str, path: str, body: bytes | None = None, token: str | None = "",
                headers: dict[str, str] | None = None, source: str | None = None, timeout: float = 600) -> Reply:
        """One request on a fresh connection; `token=""` sends the service's token, None sends none."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout,
                                          source_address=(source or next(_SOURCES), 0))
        try:
            hdrs = {"Content-Type": "application/json", **(headers or {})}
            if token is not None:
                hdrs["Authorization"] = f"Bearer {token or self.token}"
            conn.request(method, path, body=body, headers=hdrs)
            r = conn.getresponse()
            raw = r.read()
            return Reply(r.status, json.loads(raw) if raw else {}, {k.lower(): v for k, v in r.getheaders()})
        finally:
            conn.close()

    def verify(self, payload: dict, **kwargs) -> Reply:
        return self.request("POST", "/verify", json.dumps(payload).encode(), **kwargs)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 120) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def verdict_key(verdict: dict) -> str:
    """A verdict but its timing (the duration, and for a timeout how many tests ran before the clock did) and
    its error texts: for a candidate that forges the worker's result frame and exits, whether the worker reads
    the bad frame or sees the exit first is a race ("malformed result frame" or "the process ended with exit
    code 0"), the same runtime_error either way."""
    timeout = verdict["status"] == "timeout"
    clock = ("duration_s", "tests", "passed_tests", "score") if timeout else ("duration_s",)
    kept = {k: v for k, v in verdict.items() if k not in clock and k != "error"}
    if not timeout:
        kept["tests"] = [{k: v for k, v in t.items() if k != "error"} for t in verdict.get("tests", [])]
    return json.dumps(kept, sort_keys=True)


def start_service(log_dir: Path, *args: str, token: str | None = None, env: dict | None = None) -> Service:
    """`python -m axiom serve --port 0 ARGS`, once it answers /health."""
    token = token or secrets.token_urlsafe(24)
    log = log_dir / f"serve-{time.monotonic_ns()}.log"
    environ = {**os.environ, "AXIOM_SERVE_TOKEN": token, **(env or {})}
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "axiom", "serve", "--port", "0", *args], cwd=REPO,
                                stdout=out, stderr=subprocess.STDOUT, env=environ)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        found = re.search(r"listening on http://([\d.]+):(\d+)", log.read_text(errors="replace"))
        if found:
            service = Service(proc, found[1], int(found[2]), token, log)
            while time.monotonic() < deadline:
                try:
                    if service.request("GET", "/health", token=None, timeout=30).status == 200:
                        return service
                except OSError:
                    time.sleep(0.2)
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.kill()
    proc.wait()
    raise AssertionError(f"axiom serve did not start:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="session")
def service(tmp_path_factory):
    """One service for the contract and client tests: small limits, so that 413 and 429 are cheap to reach."""
    s = start_service(tmp_path_factory.mktemp("serve"), "--workers", "2", "--timeout", "2", "--memory-mb", "512",
                      "--max-candidates", "400", "--max-body-mb", "1", "--rate-limit", "2", "--rate-burst", "10",
                      "--log-level", "warning")
    yield s
    s.stop()
