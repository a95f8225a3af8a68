"""HumanEval as Axiom problems: the loader, and every canonical solution passing the verifier."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from axiom.jsonl import write_jsonl
from axiom.problems.humaneval import load_humaneval
from axiom.problems.record import Problem, load_problems, save_problems
from axiom.verify import Candidate, Limits, Verifier


@pytest.fixture(scope="module")
def problems() -> list[Problem]:
    return load_humaneval()


def test_loader(problems):
    assert len(problems) == 164
    assert len({p.id for p in problems}) == 164
    p = problems[32]
    assert (p.id, p.family, p.difficulty, p.tests, p.meta["task_id"]) == (
        "humaneval/32", "humaneval", 1, (), "HumanEval/32")
    assert p.entry_point == "find_zero" and p.signature.startswith("def find_zero(")
    assert "def check(candidate)" in p.test_code
    assert p.reference_solution.startswith(p.prompt) and len(p.reference_solution) > len(p.prompt)


def test_problems_round_trip_through_jsonl(problems, tmp_path):
    save_problems(tmp_path / "he.jsonl", problems)
    assert load_problems(tmp_path / "he.jsonl") == problems


def test_every_canonical_solution_passes(problems):
    # the canonical solutions are function bodies: the verifier appends them to the prompt
    bodies = [Candidate(p.id, p.reference_solution[len(p.prompt):], sample=0) for p in problems]
    whole = [Candidate(p.id, p.reference_solution, sample=1) for p in problems]
    with Verifier(workers=2, limits=Limits(timeout_s=10.0)) as v:
        verdicts = list(v.verify(problems, bodies + whole))
    failed = {v.problem_id: v.error for v in verdicts if v.status != "passed"}
    assert not failed, failed
    assert Counter(v.sample for v in verdicts) == {0: 164, 1: 164}


def test_cli_verifies_the_canonical_solutions(problems, tmp_path):
    save_problems(tmp_path / "p.jsonl", problems)
    write_jsonl(tmp_path / "c.jsonl", ({"problem_id": p.id, "completion": p.reference_solution[len(p.prompt):]}
                                       for p in problems))
    out = tmp_path / "v.jsonl"
    proc = subprocess.run([sys.executable, "-m", "axiom.cli", "verify", "--problems", str(tmp_path / "p.jsonl"),
                           "--candidates", str(tmp_path / "c.jsonl"), "-o", str(out), "--workers", "2",
                           "--timeout", "10"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "passed 164/164" in proc.stdout, proc.stdout
    verdicts = [json.loads(line) for line in out.read_text().splitlines()]
    assert [v["problem_id"] for v in verdicts] == [p.id for p in problems]
    assert {v["status"] for v in verdicts} == {"passed"}


def test_cli_reports_bad_input(problems, tmp_path):
    save_problems(tmp_path / "p.jsonl", problems[:2])
    (tmp_path / "c.jsonl").write_text('{"problem_id": "humaneval/0", "completion": "x"}\n'
                                      '{"problem_id": "humaneval/99", "completion": "x"}\n')
    proc = subprocess.run([sys.executable, "-m", "axiom.cli", "verify", "--problems", str(tmp_path / "p.jsonl"),
                           "--candidates", str(tmp_path / "c.jsonl"), "-o", str(tmp_path / "v.jsonl")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "c.jsonl:2: unknown problem_id 'humaneval/99'" in proc.stderr
    assert not (tmp_path / "v.jsonl").exists()
