"""`axiom distill`: real verifier verdicts decide which traces are kept; duplicates go."""

import json

from axiom.cli import main
from axiom.generate.batch import verify_samples
from axiom.generate.distill import select_traces
from axiom.generate.prompts import build_messages
from axiom.problems.family import make_problem


def fenced(code: str, before: str = "Here you go:\n", after: str = "\nIt works.") -> str:
    return f"{before}```python\n{code.strip()}\n```{after}"


def test_only_passing_distinct_traces_are_kept():
    problems = [make_problem("reverse_string", 1, "train", 42, 0), make_problem("fibonacci", 2, "train", 42, 0)]
    rev, fib = (p.reference_solution for p in problems)
    texts = [
        [fenced(rev), fenced("# reversed\n" + rev, before="", after=""),    # same code, other formatting
         fenced("def reverse_string(s: str) -> str:\n    return s"),          # wrong answer
         fenced("def reverse_string(s: str) -> str:\n    return ''.join(reversed(s))")],  # a second solution
        ["I cannot solve this.", fenced(fib.replace("def fibonacci", "def fib"))],  # no code; wrong name
    ]
    rows = [{"problem_id": p.id, "sample": k, "completion": t}
            for p, row in zip(problems, texts, strict=True) for k, t in enumerate(row)]
    verdicts = verify_samples(problems, rows, progress=False)
    assert [v.status for v in verdicts][:3] == ["passed", "passed", "wrong_answer"]
    assert [r["status"] for r in rows] == [v.status for v in verdicts]  # merged into the rows
    prompts = [build_messages(p) for p in problems]
    traces = select_traces(problems, rows, "hf:test", max_per_problem=2)
    assert [(t["problem_id"], t["sample"]) for t in traces] == [(problems[0].id, 0), (problems[0].id, 3)]
    t = traces[0]
    assert t["prompt"] == prompts[0] and t["completion"] == texts[0][0] and t["teacher"] == "hf:test"
    assert t["messages"] == prompts[0] + [{"role": "assistant", "content": texts[0][0]}]
    assert t["verdict"] == {k: v for k, v in verdicts[0].to_dict().items() if k != "tests"}
    assert "def reverse_string" in t["code"]
    assert len(select_traces(problems, rows, "hf:test", max_per_problem=1)) == 1


def test_distill_command_runs_end_to_end(tiny_model, tmp_path):
    out = tmp_path / "traces.jsonl"
    rc = main(["distill", "--teacher", f"hf:{tiny_model}", "--families", "reverse_string", "--difficulties", "1",
               "--per-cell", "2", "--heldout-per-cell", "1", "--samples", "2", "--max-new-tokens", "8", "-o", str(out)])
    assert rc == 0 and out.exists()  # a random model passes nothing: an empty, valid file
    summary = json.loads((tmp_path / "traces.jsonl.config.json").read_text())
    assert summary["problems"] == 2 and summary["samples"] == 4 and summary["traces"] == len(out.read_text().split())
    assert summary["teacher"] == f"hf:{tiny_model}" and sum(summary["statuses"].values()) == 4
