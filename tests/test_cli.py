"""The `axiom` command as a user meets it: `python -m axiom`, SIGTERM handled like Ctrl-C, and one-line
errors (exit 2, no traceback) for inputs that are folders, damaged, not UTF-8, or the wrong kind of folder."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from axiom.cli import main
from axiom.problems.family import make_problem
from axiom.problems.record import save_problems

REPO = Path(__file__).resolve().parents[1]


def test_python_dash_m_axiom():
    done = subprocess.run([sys.executable, "-m", "axiom", "--version"], cwd=REPO, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("axiom "), done.stderr


def test_sigterm_cleans_up_like_ctrl_c(tmp_path):
    """`timeout`, Slurm and `docker stop` send SIGTERM: no temp file may be left, and no output half-written."""
    p = make_problem("rpn", 1, "test", 42, 0)
    save_problems(tmp_path / "p.jsonl", [p])
    slow = f"```python\nimport time\ndef {p.entry_point}(expression):\n    time.sleep(60)\n```"
    (tmp_path / "c.jsonl").write_text("".join(json.dumps({"problem_id": p.id, "completion": slow, "sample": k}) + "\n"
                                              for k in range(4)))
    proc = subprocess.Popen([sys.executable, "-m", "axiom", "verify", "--problems", str(tmp_path / "p.jsonl"),
                             "--candidates", str(tmp_path / "c.jsonl"), "-o", str(tmp_path / "v.jsonl"),
                             "--timeout", "60", "--workers", "1"], cwd=REPO, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".v.jsonl.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(tmp_path.glob(".v.jsonl.*.tmp")), "verify never started writing"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM and "terminated" in err and "Traceback" not in err, err
    assert sorted(f.name for f in tmp_path.iterdir()) == ["c.jsonl", "p.jsonl"]


@pytest.fixture
def files(tmp_path):
    p = make_problem("rpn", 1, "test", 42, 0)
    save_problems(tmp_path / "p.jsonl", [p])
    (tmp_path / "c.jsonl").write_text(json.dumps({"problem_id": p.id, "completion": "x", "sample": 0}) + "\n")
    (tmp_path / "s.jsonl").write_text(json.dumps({"problem_id": p.id, "completion": "x", "status": "passed"}) + "\n")
    (tmp_path / "latin1.jsonl").write_bytes((tmp_path / "p.jsonl").read_bytes() + b'{"id": "caf\xe9"}\n')
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + (tmp_path / "p.jsonl").read_bytes())
    (tmp_path / "evaldir").mkdir()
    (tmp_path / "evaldir" / "config.json").write_text(json.dumps({"name": "evaldir", "model": "m"}))
    (tmp_path / "evaldir" / "metrics.json").write_text("{}")
    (tmp_path / "damaged").mkdir()
    (tmp_path / "damaged" / "config.json").write_text('{"config": {"run": ')
    return tmp_path


@pytest.mark.parametrize("argv,named", [
    (["verify", "--problems", "{d}", "--candidates", "{d}/c.jsonl", "-o", "{d}/v.jsonl"], "is a folder"),
    (["verify", "--problems", "{d}/p.jsonl", "--candidates", "{d}", "-o", "{d}/v.jsonl"], "is a folder"),
    (["generate", "--model", "x", "--problems", "{d}", "-o", "{d}/g.jsonl"], "is a folder"),
    (["train", "sft", "--model", "x", "--data", "{d}", "--out", "{d}/a"], "is a folder"),
    (["train", "sft", "--model", "x", "--data", "{d}/s.jsonl", "--problems", "{d}", "--out", "{d}/a"], "is a folder"),
    (["train", "sft", "--model", "x", "--data", "{d}/s.jsonl", "--config", "{d}", "--out", "{d}/a"], "is a folder"),
    (["verify", "--problems", "{d}/latin1.jsonl", "--candidates", "{d}/c.jsonl", "-o", "{d}/v.jsonl"],
     "latin1.jsonl:2: not UTF-8"),
    (["iterate", "--resume", "{d}/evaldir"], "`axiom eval` output folder"),
    (["iterate", "--resume", "{d}/damaged"], "config.json:1: not valid JSON"),
])
def test_errors_are_one_line_messages(files, capsys, argv, named):
    assert main([a.format(d=files) for a in argv]) == 2
    err = capsys.readouterr().err
    assert named in err and err.count("\n") == 1, err
    assert not (files / "evaldir" / ".lock").exists()  # --resume wrote nothing into a folder that is not a run


def test_a_byte_order_mark_is_not_an_error(files, capsys):
    assert main(["verify", "--problems", f"{files}/bom.jsonl", "--candidates", f"{files}/c.jsonl",
                 "-o", f"{files}/v.jsonl"]) == 0


def test_cuda_without_cuda_is_a_one_line_error(files, capsys):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    assert main(["generate", "--model", "x", "--problems", f"{files}/p.jsonl", "--device", "cuda",
                 "-o", f"{files}/g.jsonl"]) == 2
    assert "model.device cuda: torch sees no CUDA GPU" in capsys.readouterr().err
