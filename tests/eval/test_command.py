"""`axiom eval`, `axiom report` and `axiom compare` end to end (tiny local model, real verifier)."""

import json

import pytest

from axiom.cli import main
from axiom.problems.family import make_problem
from axiom.problems.record import save_problems
from tests.eval.fakerun import build_fake_run


@pytest.fixture(scope="module")
def eval_dir(tiny_model, tmp_path_factory):
    out = tmp_path_factory.mktemp("eval")
    rc = main(["eval", "--model", tiny_model, "--device", "cpu", "--families", "reverse_string,fizzbuzz",
               "--difficulties", "1,3", "--per-cell", "1", "--samples", "2", "--max-new-tokens", "8", "--ks", "1,2",
               "--report-to", "tensorboard", "-o", str(out)])
    assert rc == 0
    return out


def test_eval_writes_samples_verdicts_and_metrics(eval_dir):
    samples = [json.loads(x) for x in (eval_dir / "samples.jsonl").read_text().splitlines()]
    verdicts = [json.loads(x) for x in (eval_dir / "verdicts.jsonl").read_text().splitlines()]
    metrics = json.loads((eval_dir / "metrics.json").read_text())
    config = json.loads((eval_dir / "config.json").read_text())
    assert len(samples) == len(verdicts) == 4 * 3  # 4 problems x (greedy + 2)
    assert [s["status"] for s in samples] == [v["status"] for v in verdicts] and "tests" in verdicts[0]
    assert sum(1 for s in samples if s.get("greedy")) == 4
    o = metrics["overall"]
    assert o["n_problems"] == 4 and {"pass@1", "pass@2", "greedy_pass@1"} <= set(o)
    assert set(metrics["by_family"]) == {"reverse_string", "fizzbuzz"} and len(metrics["by_cell"]) == 4
    assert config["split"] == "test" and config["sampling"]["n"] == 2 and config["n_problems"] == 4
    assert list((eval_dir / "tb").glob("events.out.tfevents.*"))
    assert len((eval_dir / "problems.jsonl").read_text().splitlines()) == 4


def test_eval_on_a_users_problem_file_and_humaneval_mini(tiny_model, tmp_path):
    problems = tmp_path / "mine.jsonl"
    save_problems(problems, [make_problem("rpn", 2, "test", 7, 0)])
    rc = main(["eval", "--model", tiny_model, "--device", "cpu", "--problems", str(problems), "--samples", "1",
               "--temperature", "0", "--max-new-tokens", "8", "-o", str(tmp_path / "a")])
    assert rc == 0
    m = json.loads((tmp_path / "a" / "metrics.json").read_text())
    assert m["overall"]["n_samples"] == 1 and "greedy_pass@1" in m["overall"]
    rc = main(["eval", "--model", tiny_model, "--device", "cpu", "--suite", "humaneval-mini", "--limit", "3",
               "--samples", "1", "--max-new-tokens", "8", "-o", str(tmp_path / "b")])
    assert rc == 0
    m = json.loads((tmp_path / "b" / "metrics.json").read_text())
    assert m["overall"]["n_problems"] == 3 and list(m["by_family"]) == ["humaneval_mini"]


def test_report_and_compare_commands(eval_dir, tmp_path, capsys):
    assert main(["report", str(eval_dir)]) == 0
    text = (eval_dir / "report.html").read_text()
    assert "data:image/png;base64," in text and "reverse_string" in text
    run = build_fake_run(tmp_path / "run")
    assert main(["report", str(run), str(eval_dir), "-o", str(tmp_path / "both.html")]) == 0
    assert (tmp_path / "plots" / "accuracy.png").exists()
    capsys.readouterr()
    assert main(["compare", str(eval_dir / "metrics.json"), str(eval_dir)]) == 0
    out = capsys.readouterr().out
    assert "reverse_string" in out and "within noise" in out and "+0.0" in out


def test_user_errors_exit_2(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "nope.json"), str(tmp_path / "nope.json")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["report", str(tmp_path), str(tmp_path)]) == 2
