"""`axiom serve` as a user starts it: no token, no service (a one-line error, no traceback, no worker
started); a port in use and bad limits are one-line errors too; --help explains every option."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from axiom.cli import build_parser, main
from tests.serve.conftest import REPO


def run_serve(*args: str, token: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "AXIOM_SERVE_TOKEN"}
    if token is not None:
        env["AXIOM_SERVE_TOKEN"] = token
    return subprocess.run([sys.executable, "-m", "axiom", "serve", "--port", "0", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("token", "named"), [(None, "no token: set AXIOM_SERVE_TOKEN"),
                                              ("   ", "no token: set AXIOM_SERVE_TOKEN"),
                                              ("two words", "printable ASCII without spaces")])
def test_refuses_to_start_without_a_usable_token(token, named):
    done = run_serve(token=token)
    assert done.returncode == 2, done
    assert done.stderr.startswith("axiom: error: ") and named in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert "listening" not in done.stderr


def test_a_port_in_use_is_a_one_line_error():
    with socket.create_server(("127.0.0.1", 0)) as taken:
        done = run_serve("--port", str(taken.getsockname()[1]), token="t0ken")
    # argparse takes the last --port
    assert done.returncode == 2 and "cannot listen on 127.0.0.1:" in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr


@pytest.mark.parametrize(("flag", "value", "named"), [
    ("--max-candidates", "0", "--max-candidates must be an integer >= 1"),
    ("--max-body-mb", "nan", "--max-body-mb must be a positive number"),
    ("--max-body-mb", "0.0001", "at least 1 KiB"),
    ("--rate-limit", "-1", "--rate-limit must be"),
    ("--rate-burst", "0", "--rate-burst must be"),
    ("--workers", "0", "workers must be an integer >= 1"),
    ("--timeout", "0", "--timeout must be"),
])
def test_bad_limits_are_one_line_errors(monkeypatch, capsys, flag, value, named):
    monkeypatch.setenv("AXIOM_SERVE_TOKEN", "t0ken")
    assert main(["serve", "--port", "0", flag, value]) == 2
    err = capsys.readouterr().err
    assert named in err and err.count("\n") == 1, err


def test_help_explains_every_option(capsys):
    parser = build_parser()
    serve = parser._subparsers._group_actions[0].choices["serve"]
    options = [a for a in serve._actions if a.option_strings and a.dest != "help"]
    assert {o for a in options for o in a.option_strings} >= {
        "--host", "--port", "--workers", "--timeout", "--memory-mb", "--allow-weak-sandbox", "--max-body-mb",
        "--max-candidates", "--rate-limit", "--rate-burst", "--log-level"}
    assert all(a.help and len(a.help) > 20 for a in options), [a.dest for a in options if not a.help]
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert all(o in out for a in options for o in a.option_strings)
    assert "AXIOM_SERVE_TOKEN" in out and "SIGTERM" in out and "/health" in out
