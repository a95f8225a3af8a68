"""Data-parallel LoRA training: torchrun ranks on the CPU (gloo) with the tiny model.

Two ranks with one example each per step against one process with batches of two: the same examples make
the same steps (accelerate hands the per-rank batches of one sequence to the ranks in turn: rank 0 gets
examples 0, 2, 4..., rank 1 gets 1, 3, 5..., so a step takes examples 2s and 2s+1 as a batch of two does),
and transformers averages the SFT loss over the completion tokens of both ranks, so the loss and the
adapter match those of one process up to the order of float sums. Each launch starts torchrun and two
Python processes that import torch, transformers and TRL: seconds on an idle machine, most of it imports.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import torch
from safetensors.torch import load_file

from axiom.cli import main
from axiom.config import load_config
from axiom.errors import AxiomError, ConfigError, TrainingDataError
from axiom.jsonl import write_jsonl
from axiom.loop.config import IterateConfig
from axiom.loop.rundir import RunDir
from axiom.loop.stages import Context, dpo, train
from axiom.loop.stopping import LoopState
from axiom.problems import make_problem
from axiom.train.grpo import GRPOConfig
from axiom.train.launch import check_gpus, train_parallel
from axiom.train.sft import SFTConfig, train_sft
from tests.train.crashing_rank import CrashingRankConfig

CODE = "```python\ndef add(a, b):\n    return a + b\n```"
# Prompts and completions of different lengths: one process pads its batch of two, and a loss averaged per
# rank (not over the tokens of both) would weigh the two examples of a step differently from one process.
EXAMPLES = [{"prompt": [{"role": "user", "content": f"Write add number {i}, please." + " And test it." * i}],
             "completion": CODE + "\n# checked" * (i % 3)} for i in range(8)]
# lora_dropout 0: each rank draws its own dropout masks, which are not the ones one process draws for the same
# rows of its batch of two. 8 examples: whole steps (with a last step short of examples, accelerate fills the
# ranks' batches with examples from the start of the epoch, where one process trains on a smaller batch).
TRAIN = dict(epochs=2, lr=5e-3, logging_steps=1, warmup_ratio=0.0, lora_r=8, lora_alpha=16, lora_dropout=0.0)
PROBLEMS = [make_problem(f, 1, "train", 0, i) for f in ("rpn", "fizzbuzz") for i in range(2)]


@pytest.fixture(scope="module")
def two_ranks(tiny_model, tmp_path_factory):
    """The loop's train stage with train.processes=2 (one example per rank and step), before DPO."""
    run = RunDir(tmp_path_factory.mktemp("ddp") / "run")
    overrides = [f"train.{key}={value}" for key, value in {**TRAIN, "batch_size": 1, "processes": 2}.items()]
    cfg = load_config(IterateConfig, None, ["dpo.enabled=true", *overrides])
    cfg.model.name = tiny_model
    write_jsonl(run.solutions(1), EXAMPLES)
    ctx = Context(cfg, run, {"train": PROBLEMS, "val": [], "test": []}, progress=False)
    record = train(ctx, 1, LoopState(policy=None, best_iteration=0, best_score=0.0, stale=0, levels={}))
    return ctx, record


def test_two_ranks_write_one_complete_adapter_and_its_metrics(two_ranks):
    ctx, record = two_ranks
    out = ctx.run.sft_checkpoint(1)
    assert record["out"] == str(out) and record["steps"] == 8 and record["examples"] == 8  # 8 / (1 x 2) x 2 epochs
    assert len(record["loss_history"]) == 8 and record["last_loss"] < record["first_loss"]
    assert {"adapter_config.json", "adapter_model.safetensors", "tokenizer_config.json", "axiom_train.json"} <= \
        {p.name for p in out.iterdir()}
    meta = json.loads((out / "axiom_train.json").read_text())
    assert meta["kind"] == "sft" and meta["config"]["processes"] == 2 and meta["metrics"]["steps"] == 8
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temp folder left behind


def test_two_ranks_of_one_match_one_process_of_two(two_ranks, tiny_model, tmp_path):
    """Same seed, examples, order and steps; the loss history and the weights agree to float rounding (measured:
    1.4e-6 in the loss, 3.5e-6 in a weight of size 0.19). With the loss averaged per rank instead
    (average_tokens_across_devices off, tried by hand) the first loss was 3e-3 off: this test sees that."""
    ctx, record = two_ranks
    cfg = replace(ctx.cfg.train, batch_size=2, processes=1, seed=record["seed"])
    one = train_sft(tiny_model, EXAMPLES, tmp_path / "one", cfg, progress=False)
    assert [s for s, _ in one["loss_history"]] == [s for s, _ in record["loss_history"]]
    assert [v for _, v in record["loss_history"]] == pytest.approx([v for _, v in one["loss_history"]], rel=1e-5)
    assert record["train_loss"] == pytest.approx(one["train_loss"], rel=1e-5)
    assert record["tokens_per_epoch"] == one["tokens_per_epoch"]
    ranks = load_file(ctx.run.sft_checkpoint(1) / "adapter_model.safetensors")
    single = load_file(tmp_path / "one" / "adapter_model.safetensors")
    assert ranks.keys() == single.keys()
    assert max(w.abs().max().item() for name, w in single.items() if "lora_B" in name) > 0.01  # moved off its 0 init
    for name, w in single.items():
        assert torch.allclose(ranks[name], w, atol=2e-5, rtol=1e-4), name


def test_dpo_stage_in_two_ranks_continues_the_sft_adapter(two_ranks):
    ctx, _ = two_ranks
    ctx.cfg.dpo = replace(ctx.cfg.dpo, processes=2, batch_size=1, max_steps=2, logging_steps=1)
    good = [{"problem_id": p.id, "sample": 0, "completion": f"```python\n{p.reference_solution}\n```",
             "status": "passed", "score": 1.0} for p in PROBLEMS]
    bad = [{"problem_id": p.id, "sample": 1, "completion": f"```python\ndef {p.entry_point}(*a):\n    return 0\n```",
            "status": "wrong_answer", "score": 0.2} for p in PROBLEMS]
    write_jsonl(ctx.run.samples(1), good + bad)
    record = dpo(ctx, 1)
    assert record["pairs"] == 4 and record["steps"] == 2 and len(record["loss_history"]) == 2
    out = ctx.run.checkpoint(1)
    meta = json.loads((out / "axiom_train.json").read_text())
    assert meta["kind"] == "dpo" and meta["continued_from"] == str(ctx.run.sft_checkpoint(1))
    assert meta["config"]["processes"] == 2 and meta["config"]["enabled"]  # the loop's own DPO config, whole
    assert (out / "adapter_model.safetensors").is_file() and not (out / "ref").exists()  # not TRL's reference copy


def test_a_bad_example_fails_every_rank_with_its_own_error_and_writes_nothing(tiny_model, tmp_path):
    out = tmp_path / "adapters" / "sft"
    with pytest.raises(TrainingDataError, match="example 3: needs 'prompt'"):
        train_parallel("sft", tiny_model, EXAMPLES[:3] + [{"prompt": "x"}], out,
                       SFTConfig(**TRAIN, batch_size=1, processes=2), progress=False)
    assert not out.parent.exists() or not list(out.parent.iterdir())


def test_a_rank_that_dies_mid_training_stops_the_launch_with_the_end_of_its_log(tiny_model, tmp_path):
    out = tmp_path / "adapters" / "sft"
    with pytest.raises(AxiomError) as caught:
        train_parallel("sft", tiny_model, EXAMPLES, out, CrashingRankConfig(**TRAIN, batch_size=1, processes=2),
                       progress=False)
    assert type(caught.value) is AxiomError
    message = str(caught.value)
    assert message.startswith("data-parallel training failed in rank 1 (RuntimeError: rank 1 lost its GPU); "
                              "torchrun exited with code 1")
    assert "in _failing_step" in message  # the traceback's end
    assert not out.parent.exists() or not list(out.parent.iterdir())


def test_processes_is_checked(tiny_model, tmp_path):
    with pytest.raises(ConfigError, match="processes must be >= 1, got 0"):
        SFTConfig(processes=0)
    with pytest.raises(ConfigError, match="GRPO trains in one process"):
        GRPOConfig(processes=2)
    with pytest.raises(ConfigError, match="torchrun ranks: use axiom.train.launch.train_parallel"):
        train_sft(tiny_model, EXAMPLES, tmp_path / "a", SFTConfig(processes=2))
    with pytest.raises(ConfigError, match="runs sft and dpo, not 'grpo'"):
        train_parallel("grpo", tiny_model, EXAMPLES, tmp_path / "a", SFTConfig(processes=2))


def test_a_gpu_node_gets_one_rank_per_gpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    check_gpus(SFTConfig(processes=2))
    check_gpus(SFTConfig(processes=3, device="cpu"))  # gloo on the CPU: any number
    with pytest.raises(ConfigError, match="train.processes=3, but torch sees 2 GPU"):
        check_gpus(SFTConfig(processes=3), "train.processes")


def test_axiom_train_launches_ranks_with_processes(tiny_model, tmp_path, monkeypatch, capsys):
    calls = []

    def launched(kind, model, examples, out, cfg, **kwargs):
        calls.append((kind, cfg.processes, cfg.batch_size, len(examples), kwargs))
        return {"steps": 1, "loss_history": [[1, 2.0]], "out": str(out)}

    monkeypatch.setattr("axiom.train.command.train_parallel", launched)
    write_jsonl(tmp_path / "traces.jsonl", EXAMPLES)
    args = ["train", "sft", "--model", tiny_model, "--data", str(tmp_path / "traces.jsonl"), "--out"]
    assert main([*args, str(tmp_path / "a"), "--processes", "2", "batch_size=1"]) == 0
    assert json.loads(capsys.readouterr().out) == {"steps": 1, "out": str(tmp_path / "a")}
    assert main([*args, str(tmp_path / "b"), "processes=3"]) == 0
    assert [c[:4] for c in calls] == [("sft", 2, 1, 8), ("sft", 3, 4, 8)]
    assert calls[0][4] == {"adapter": None, "val": None}
    assert main([*args, str(tmp_path / "c"), "--processes", "0"]) == 2
    assert "processes must be >= 1" in capsys.readouterr().err
