"""Every command checks where it writes and its shared options before any work (axiom.cli_checks):
an output that is one of its inputs, a folder, or a place that cannot be written is refused, and
`--workers`, `--tests`, `--split`, `--timeout` mean the same in every command."""

from __future__ import annotations

import json
import os
import re

import pytest

from axiom.cli import main
from axiom.config import load_config
from axiom.errors import ConfigError
from axiom.loop.config import IterateConfig
from axiom.problems.family import make_problem
from axiom.problems.record import save_problems
from axiom.verify import Limits


@pytest.fixture
def files(tmp_path):
    """p.jsonl (two problems), c.jsonl (their reference solutions as candidates), s.jsonl (sample rows)."""
    problems = [make_problem("rpn", 1, "test", 42, i) for i in range(2)]
    save_problems(tmp_path / "p.jsonl", problems)
    rows = [{"problem_id": p.id, "sample": 0, "completion": f"```python\n{p.reference_solution}\n```"}
            for p in problems]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "s.jsonl").write_text("".join(json.dumps({**r, "status": "passed"}) + "\n" for r in rows))
    return tmp_path


def refused(argv: list[str], capsys, *named: str) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert all(n in err for n in named), err
    return err


def test_an_output_that_is_an_input_is_refused_in_every_command(files, capsys):
    d = files
    before = {name: (d / name).read_bytes() for name in ("p.jsonl", "c.jsonl", "s.jsonl")}
    (d / "evaldir").mkdir()
    save_problems(d / "evaldir" / "problems.jsonl", [make_problem("rpn", 1, "test", 42, 0)])
    os.link(d / "c.jsonl", d / "hardlink.jsonl")
    verify = ["verify", "--problems", f"{d}/p.jsonl", "--candidates"]
    cases = [
        (verify + [f"{d}/c.jsonl", "-o", f"{d}/c.jsonl"], "--candidates"),
        (verify + [f"{d}/c.jsonl", "-o", f"{d}/./p.jsonl"], "--problems"),
        (verify + [f"{d}/hardlink.jsonl", "-o", f"{d}/c.jsonl"], "--candidates"),
        (["generate", "--model", "x", "--problems", f"{d}/p.jsonl", "-o", f"{d}/p.jsonl"], "--problems"),
        (["distill", "--teacher", "x", "--problems", f"{d}/p.jsonl", "-o", f"{d}/p.jsonl"], "--problems"),
        (["eval", "--model", "x", "--problems", f"{d}/evaldir/problems.jsonl", "-o", f"{d}/evaldir"], "--problems"),
        (["train", "sft", "--model", "x", "--data", f"{d}/s.jsonl", "--problems", f"{d}/p.jsonl", "--out", str(d)],
         "--data"),
        (["train", "dpo", "--model", "x", "--data", f"{d}/s.jsonl", "--out", f"{d}/s.jsonl"], "is a file"),
    ]
    for argv, named in cases:
        refused(argv, capsys, named)
    assert {name: (d / name).read_bytes() for name in before} == before


def test_an_output_that_cannot_be_written_fails_before_any_work(files, tiny_model, capsys):
    d = files
    (d / "folder.jsonl").mkdir()
    verify = ["verify", "--problems", f"{d}/p.jsonl", "--candidates", f"{d}/c.jsonl", "-o"]
    refused(verify + [f"{d}/folder.jsonl"], capsys, "is a folder")
    refused(verify + [f"{d}/p.jsonl/v.jsonl"], capsys, "p.jsonl is a file, not a folder")
    generate = ["generate", "--model", tiny_model, "--problems", f"{d}/p.jsonl", "--max-new-tokens", "2", "-o"]
    err = refused(generate + [f"{d}/folder.jsonl"], capsys, "is a folder")
    assert "tokens/s" not in err  # refused before the model generated anything
    refused(["problems", "sample", "-o", f"{d}/p.jsonl/x.jsonl"], capsys, "not a folder")
    refused(["report", str(d), "-o", f"{d}/p.jsonl"], capsys, ".html")


def test_training_does_not_replace_a_folder_that_is_not_an_adapter(files, capsys):
    d = files
    (d / "project").mkdir()
    (d / "project" / "notes.txt").write_text("mine")
    refused(["train", "sft", "--model", "x", "--data", f"{d}/s.jsonl", "--problems", f"{d}/p.jsonl",
             "--out", f"{d}/project"], capsys, "not an adapter")
    assert (d / "project" / "notes.txt").read_text() == "mine"


# One rule per option: the same message, whichever command has the option, naming the flag or (in the commands
# that take a config: eval, generate, distill, problems sample) the config key it sets.
RULES = {"--workers": "(--workers|verify.workers) must be an integer >= 1",
         "--timeout": "(--timeout|verify.timeout_s) must be a number of seconds in",
         "--tests": "(--tests must be an integer|problems.tests must be) >= 1",
         "--split": "(is not a split|is not allowed); choose one of: train, val, test"}


@pytest.mark.parametrize("argv,option", [
    (["verify", "--problems", "{d}/p.jsonl", "--candidates", "{d}/c.jsonl", "-o", "{d}/v.jsonl", "--workers", "0"],
     "--workers"),
    (["eval", "--model", "x", "--problems", "{d}/p.jsonl", "-o", "{d}/e", "--workers", "0"], "--workers"),
    (["distill", "--teacher", "x", "--problems", "{d}/p.jsonl", "-o", "{d}/t.jsonl", "--workers", "0"], "--workers"),
    (["verify", "--problems", "{d}/p.jsonl", "--candidates", "{d}/c.jsonl", "-o", "{d}/v.jsonl", "--timeout", "1e9"],
     "--timeout"),
    (["verify", "--problems", "{d}/p.jsonl", "--candidates", "{d}/c.jsonl", "-o", "{d}/v.jsonl", "--timeout", "0"],
     "--timeout"),
    (["eval", "--model", "x", "--problems", "{d}/p.jsonl", "-o", "{d}/e", "--timeout", "1e9"], "--timeout"),
    (["problems", "sample", "-o", "{d}/x.jsonl", "--tests", "0"], "--tests"),
    (["problems", "show", "rpn/d1/test/000000", "--tests", "0"], "--tests"),
    (["problems", "sample", "-o", "{d}/x.jsonl", "--split", "training"], "--split"),
    (["eval", "--model", "x", "--suite", "v2", "-o", "{d}/e", "--split", "training"], "--split"),
])
def test_one_rule_per_option_in_every_command(files, capsys, argv, option):
    err = refused([a.format(d=files) for a in argv], capsys)
    assert re.search(RULES[option], err), err
    assert not (files / "v.jsonl").exists() and not (files / "e").exists()


def test_the_loop_and_the_library_use_the_same_rules():
    with pytest.raises(ConfigError, match="verify.workers must be an integer >= 1"):
        load_config(IterateConfig, None, ["verify.workers=0"])
    with pytest.raises(ConfigError, match="verify.timeout_s must be a number of seconds in"):
        load_config(IterateConfig, None, ["verify.timeout_s=1e9"])
    with pytest.raises(ConfigError, match="timeout_s must be a number of seconds in"):
        Limits(timeout_s=1e9)  # before: accepted, and every verdict was a sandbox_error


def test_empty_inputs_say_so(files, capsys):
    d = files
    (d / "empty.jsonl").write_text("\n")
    refused(["verify", "--problems", f"{d}/p.jsonl", "--candidates", f"{d}/empty.jsonl", "-o", f"{d}/v.jsonl"],
            capsys, "empty.jsonl: no candidates")
    refused(["verify", "--problems", f"{d}/empty.jsonl", "--candidates", f"{d}/c.jsonl", "-o", f"{d}/v.jsonl"],
            capsys, "empty.jsonl: no problems")
    refused(["eval", "--model", "x", "--problems", f"{d}/empty.jsonl", "-o", f"{d}/e"], capsys,
            "empty.jsonl: no problems")
    refused(["distill", "--teacher", "x", "--problems", f"{d}/empty.jsonl", "-o", f"{d}/t.jsonl"], capsys,
            "empty.jsonl: no problems")
    refused(["train", "sft", "--model", "x", "--data", f"{d}/empty.jsonl", "--out", f"{d}/a"], capsys,
            "empty.jsonl: no rows")
    assert not (d / "v.jsonl").exists() and not (d / "e").exists()
