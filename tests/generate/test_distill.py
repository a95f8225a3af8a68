"""`axiom distill`: real verifier verdicts decide which traces are kept; duplicates go."""

import json

import pytest

from axiom.cli import main
from axiom.generate.backend import Completion
from axiom.generate.distill import code_key, select_traces
from axiom.generate.prompts import build_messages
from axiom.problems.family import make_problem

verify_module = pytest.importorskip("axiom.verify")


def fenced(code: str, before: str = "Here you go:\n", after: str = "\nIt works.") -> str:
    return f"{before}```python\n{code.strip()}\n```{after}"


def test_code_key_ignores_formatting_and_comments():
    assert code_key("def f(x):\n    return x+1\n") == code_key("def f( x ):\n    # add one\n    return (x + 1)\n")
    assert code_key("def f(x):\n    return x+1\n") != code_key("def f(x):\n    return x+2\n")
    assert code_key("def f(:\n  pass") == code_key("def f(:\n  pass   \n\n")


def test_only_passing_distinct_traces_are_kept():
    problems = [make_problem("reverse_string", 1, "train", 42, 0), make_problem("fibonacci", 2, "train", 42, 0)]
    rev, fib = (p.reference_solution for p in problems)
    texts = [
        [fenced(rev), fenced("# reversed\n" + rev, before="", after=""),    # same code, other formatting
         fenced("def reverse_string(s: str) -> str:\n    return s"),          # wrong answer
         fenced("def reverse_string(s: str) -> str:\n    return ''.join(reversed(s))")],  # a second solution
        ["I cannot solve this.", fenced(fib.replace("def fibonacci", "def fib"))],  # no code; wrong name
    ]
    rows = [[Completion(t, 10, 20, "stop") for t in row] for row in texts]
    candidates = [{"problem_id": p.id, "completion": c.text, "sample": k}
                  for p, row in zip(problems, rows, strict=True) for k, c in enumerate(row)]
    verdicts = list(verify_module.verify(problems, candidates))
    assert [v.status for v in verdicts][:3] == ["passed", "passed", "wrong_answer"]
    prompts = [build_messages(p) for p in problems]
    traces = select_traces(problems, prompts, rows, verdicts, "hf:test", max_per_problem=2)
    assert [(t["problem_id"], t["sample"]) for t in traces] == [(problems[0].id, 0), (problems[0].id, 3)]
    t = traces[0]
    assert t["prompt"] == prompts[0] and t["completion"] == texts[0][0] and t["teacher"] == "hf:test"
    assert t["messages"] == prompts[0] + [{"role": "assistant", "content": texts[0][0]}]
    assert t["verdict"]["status"] == "passed" and "tests" not in t["verdict"]
    assert "def reverse_string" in t["code"]
    assert len(select_traces(problems, prompts, rows, verdicts, "hf:test", max_per_problem=1)) == 1


def test_distill_command_runs_end_to_end(tiny_model, tmp_path):
    out = tmp_path / "traces.jsonl"
    rc = main(["distill", "--teacher", f"hf:{tiny_model}", "--families", "reverse_string", "--difficulties", "1",
               "--per-cell", "2", "--heldout-per-cell", "1", "--samples", "2", "--max-new-tokens", "8", "-o", str(out)])
    assert rc == 0 and out.exists()  # a random model passes nothing: an empty, valid file
    summary = json.loads((tmp_path / "traces.jsonl.config.json").read_text())
    assert summary["problems"] == 2 and summary["samples"] == 4 and summary["traces"] == len(out.read_text().split())
    assert summary["teacher"] == f"hf:{tiny_model}" and sum(summary["statuses"].values()) == 4
