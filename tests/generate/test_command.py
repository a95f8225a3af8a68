import json

import pytest

from axiom.cli import main
from axiom.generate.prompts import TEMPLATES, build_messages, template_for
from axiom.problems.family import make_problem
from axiom.problems.record import Problem, save_problems

HUMANEVAL_STYLE = Problem(id="he/0", family="humaneval", difficulty=1, entry_point="add",
                          prompt='def add(a: int, b: int) -> int:\n    """Return a + b."""\n',
                          test_code="def check(candidate):\n    assert candidate(1, 2) == 3\n")


@pytest.fixture
def problems_file(tmp_path):
    problems = [make_problem("rpn", 2, "test", 42, 0), make_problem("fibonacci", 1, "test", 42, 0), HUMANEVAL_STYLE]
    save_problems(tmp_path / "p.jsonl", problems)
    return tmp_path / "p.jsonl"


def test_templates_per_problem_source():
    rpn = make_problem("rpn", 2, "test", 42, 0)
    assert template_for(rpn).name == "procedural" and template_for(HUMANEVAL_STYLE).name == "humaneval"
    user = build_messages(rpn)[-1]["content"]
    assert rpn.prompt.strip() in user and "`evaluate_rpn`" in user and "```python" in user
    he = build_messages(HUMANEVAL_STYLE)
    assert he == [{"role": "user", "content": TEMPLATES["humaneval"].user.format(
        prompt=HUMANEVAL_STYLE.prompt.rstrip(), entry_point="add", signature="def add(...)")}]


def test_concise_template_asks_for_bare_code_and_is_recorded(tiny_model, problems_file, tmp_path):
    rpn = make_problem("rpn", 2, "test", 42, 0)
    user = build_messages(rpn, "concise")[-1]["content"]
    assert rpn.prompt.strip() in user and "`evaluate_rpn`" in user and "without comments, docstrings" in user
    out = tmp_path / "c.jsonl"
    assert main(["generate", "--model", tiny_model, "--problems", str(problems_file), "--samples", "1",
                 "--max-new-tokens", "2", "--template", "concise", "-o", str(out)]) == 0
    config = json.loads((tmp_path / "c.jsonl.config.json").read_text())
    assert set(config["templates"]) == {"concise"}


def test_procedural_template_starts_the_answer_and_training_keeps_the_start_in_the_answer(tiny_model,
                                                                                         problems_file, tmp_path):
    from axiom.generate.backend import answer_start

    rpn = make_problem("rpn", 2, "test", 42, 0)
    started = TEMPLATES["procedural"]
    assert template_for(rpn) is started
    start = answer_start(started.sampling_prompt(rpn))
    assert start == f"```python\n{rpn.signature}:\n"
    assert started.messages(rpn) == started.sampling_prompt(rpn)[:-1]  # training data: the request alone
    assert build_messages(rpn)[-1]["role"] == "user"
    nameless = Problem(id="x/0", family="x", difficulty=1, entry_point="f", prompt="Write f.")
    assert answer_start(started.sampling_prompt(nameless)) == "```python\n"  # no signature: the fence alone
    assert answer_start(TEMPLATES["procedural_unstarted"].sampling_prompt(rpn)) == ""
    assert TEMPLATES["procedural_unstarted"].messages(rpn) == started.messages(rpn)
    out = tmp_path / "c.jsonl"
    assert main(["generate", "--model", tiny_model, "--problems", str(problems_file), "--samples", "2",
                 "--max-new-tokens", "3", "-o", str(out)]) == 0
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert all(r["completion"].startswith(start) and r["completion_tokens"] <= 3 for r in rows[:2])
    config = json.loads((tmp_path / "c.jsonl.config.json").read_text())
    assert config["templates"]["procedural"]["answer_start"] == "```python\n{signature}:\n"


def test_generate_writes_candidates_and_settings(tiny_model, problems_file, tmp_path, capsys):
    out = tmp_path / "c.jsonl"
    rc = main(["generate", "--model", tiny_model, "--problems", str(problems_file), "--samples", "2",
               "--temperature", "0.7", "--max-new-tokens", "6", "--seed", "3", "-o", str(out)])
    assert rc == 0
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [(x["problem_id"], x["sample"]) for x in lines] == [
        (pid, k) for pid in ("rpn/d2/test/000000", "fibonacci/d1/test/000000", "he/0") for k in (0, 1)]
    assert all(isinstance(x["completion"], str) and 1 <= x["completion_tokens"] <= 6 for x in lines)
    config = json.loads((tmp_path / "c.jsonl.config.json").read_text())
    assert config["sampling"] == {"n": 2, "temperature": 0.7, "top_p": 1.0, "max_new_tokens": 6, "stop": [],
                                  "seed": 3, "stop_at_code_end": True}
    assert config["templates"]["procedural"]["user"] == TEMPLATES["procedural"].user
    assert set(config["templates"]) == {"procedural", "humaneval"}
    assert config["generated_tokens"] == sum(x["completion_tokens"] for x in lines)
    assert "tokens/s" in capsys.readouterr().err


def test_generate_errors_are_messages_not_tracebacks(problems_file, tmp_path, capsys):
    assert main(["generate", "--model", "./nope", "--problems", str(problems_file), "-o", str(tmp_path / "c")]) == 2
    assert "unknown model './nope'" in capsys.readouterr().err
    assert main(["generate", "--model", "x", "--problems", str(problems_file), "--samples", "0",
                 "-o", str(tmp_path / "c")]) == 2
    assert "generate.samples must be a non-empty list of integers >= 1" in capsys.readouterr().err
    assert not (tmp_path / "c").exists()


def test_models_list(capsys):
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "smollm2-135m" in out and "qwen2.5-coder-0.5b" in out and "hub id" in out
