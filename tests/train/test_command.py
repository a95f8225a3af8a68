"""`axiom train sft|dpo|grpo` from the command line on the tiny model; --help lists every config key."""

import json

import pytest

from axiom.cli import main
from axiom.config import describe, load_config
from axiom.problems.family import make_problem
from axiom.problems.record import save_problems
from axiom.train.dpo import DPOConfig
from axiom.train.grpo import GRPOConfig
from axiom.train.sft import SFTConfig


@pytest.mark.parametrize("cmd,cls", [("sft", SFTConfig), ("dpo", DPOConfig), ("grpo", GRPOConfig)])
def test_help_lists_every_config_key(cmd, cls, capsys):
    with pytest.raises(SystemExit):
        main(["train", cmd, "--help"])
    out = capsys.readouterr().out
    assert all(key in out for key, _, _ in describe(cls))


def test_seed_exp06_config_has_the_seeds_settings():
    cfg = load_config(SFTConfig, "configs/seed-exp06.yaml")
    assert (cfg.lora_r, cfg.lora_alpha, cfg.lr, cfg.epochs, cfg.max_length, cfg.warmup_ratio) == \
        (16, 32, 2e-4, 3, 1024, 0.1)


@pytest.fixture()
def sample_files(tmp_path):
    p = make_problem("reverse_string", 1, "train", 42, 0)
    save_problems(tmp_path / "problems.jsonl", [p])
    good = f"```python\n{p.reference_solution}\n```"
    rows = [{"problem_id": p.id, "sample": 0, "completion": good, "status": "passed", "score": 1.0},
            {"problem_id": p.id, "sample": 1, "completion": "```python\ndef reverse_string(s):\n    return s\n```",
             "status": "wrong_answer", "score": 0.2}]
    (tmp_path / "samples.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return tmp_path


def test_sft_and_dpo_from_sample_rows(tiny_model, sample_files, capsys):
    d = sample_files
    assert main(["train", "sft", "--model", tiny_model, "--data", str(d / "samples.jsonl"), "--problems",
                 str(d / "problems.jsonl"), "--out", str(d / "sft"), "--config", "configs/seed-exp06.yaml",
                 "max_steps=2", "lora_r=4"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["steps"] == 2 and metrics["examples"] == 1
    meta = json.loads((d / "sft" / "axiom_train.json").read_text())
    assert meta["config"]["lora_r"] == 4 and meta["config"]["lr"] == 2e-4        # file, then override
    assert main(["train", "dpo", "--model", tiny_model, "--data", str(d / "samples.jsonl"), "--problems",
                 str(d / "problems.jsonl"), "--out", str(d / "dpo"), "--adapter", str(d / "sft"), "max_steps=1"]) == 0
    assert json.loads(capsys.readouterr().out)["examples"] == 1


def test_user_errors_exit_2_with_a_message(tiny_model, sample_files, capsys):
    d = sample_files
    assert main(["train", "sft", "--model", tiny_model, "--data", str(d / "samples.jsonl"), "--out",
                 str(d / "x"), "lr=fast"]) == 2
    assert "lr" in capsys.readouterr().err
    assert main(["train", "sft", "--model", tiny_model, "--data", str(d / "samples.jsonl"), "--out", str(d / "x")]) == 2
    assert "--problems" in capsys.readouterr().err
    assert main(["train", "grpo", "--model", tiny_model, "--out", str(d / "x"), "group_size=3"]) == 2
    assert "multiple of group_size" in capsys.readouterr().err


def test_generate_then_verify_then_train(tiny_model, tmp_path, capsys):
    """The pipeline a user puts together: `axiom verify --merge` writes the sample rows `train sft` reads, and
    `train sft` says what it needs when given verdicts alone or unverified candidates."""
    p = make_problem("reverse_string", 1, "train", 42, 0)
    save_problems(tmp_path / "p.jsonl", [p])
    c, v, s = tmp_path / "c.jsonl", tmp_path / "v.jsonl", tmp_path / "s.jsonl"
    assert main(["generate", "--model", tiny_model, "--problems", str(tmp_path / "p.jsonl"), "--samples", "1",
                 "--max-new-tokens", "4", "-o", str(c)]) == 0
    with open(c, "a") as f:  # the random tiny model solves nothing: one passing sample, as a real model would write
        f.write(json.dumps({"problem_id": p.id, "completion": f"```python\n{p.reference_solution}\n```",
                            "sample": 1}) + "\n")
    verify = ["verify", "--problems", str(tmp_path / "p.jsonl"), "--candidates", str(c)]
    sft = ["train", "sft", "--model", tiny_model, "--problems", str(tmp_path / "p.jsonl"), "--out",
           str(tmp_path / "sft"), "max_steps=1", "lora_r=4"]
    assert main(verify + ["-o", str(v)]) == 0
    capsys.readouterr()
    assert main(sft + ["--data", str(v)]) == 2
    assert "verdicts without the completions" in capsys.readouterr().err
    assert main(sft + ["--data", str(c)]) == 2
    assert "candidates without verdicts" in capsys.readouterr().err
    assert main(verify + ["--merge", "-o", str(s)]) == 0
    rows = [json.loads(line) for line in s.read_text().splitlines()]
    assert [(r["sample"], r["status"]) for r in rows][1] == (1, "passed") and rows[0]["finish_reason"]
    capsys.readouterr()
    assert main(sft + ["--data", str(s)]) == 0
    assert json.loads(capsys.readouterr().out)["examples"] == 1
