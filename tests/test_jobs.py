"""`axiom eval`, `axiom generate` and `axiom distill` on the loop's config: same problems, one default per key."""

from __future__ import annotations

import json

import pytest

from axiom.cli import build_parser, main
from axiom.config import load_config
from axiom.flags import load_job
from axiom.generate.command import load_distill
from axiom.jobs import EvalConfig, SampleConfig
from axiom.loop.config import IterateConfig
from axiom.loop.orchestrator import create_run
from tests.loop.conftest import tiny_config


def job(cls, own: str, argv: list[str]):
    return load_job(cls, build_parser().parse_args(argv), own)


def test_one_default_per_key():
    loop = IterateConfig()
    e = job(EvalConfig, "eval", ["eval", "--model", "x", "-o", "d"])
    g = job(SampleConfig, "sample", ["generate", "--model", "x", "-o", "c.jsonl"])
    d = load_distill(build_parser().parse_args(["distill", "--teacher", "x", "-o", "t.jsonl"]))
    assert e.evaluate == loop.evaluate and e.evaluate.max_new_tokens == 384  # `axiom eval` used 512 before
    assert g.generate == d.generate == loop.generate
    assert e.problems == g.problems == d.problems == loop.problems
    assert e.verify == d.verify == loop.verify


def test_flags_set_their_keys_and_overrides_win():
    e = job(EvalConfig, "eval", [
        "eval", "--model", "m", "--adapter", "a", "--suite", "phase6", "--split", "val", "--per-cell", "3",
        "--difficulties", "2", "--samples", "4", "--temperature", "0", "--max-new-tokens", "512", "--no-greedy",
        "--ks", "1,4", "--timeout", "5", "--seed", "7", "-o", "d", "evaluate.samples=2"])
    assert (e.model.name, e.model.adapter, e.problems.suite, e.eval.split) == ("m", "a", "phase6", "val")
    assert (e.problems.val_per_cell, e.problems.eval_difficulties, e.run.seed) == (3, "2", 7)
    assert (e.evaluate.samples, e.evaluate.temperature, e.evaluate.max_new_tokens) == (2, 0.0, 512)
    assert (e.evaluate.greedy, e.evaluate.ks, e.verify.timeout_s) == (False, [1, 4], 5.0)
    assert job(EvalConfig, "eval", ["eval", "--suite", "humaneval", "-o", "d"]).eval.fixed_suite == "humaneval"
    d = load_distill(build_parser().parse_args([
        "distill", "--teacher", "openai:gpt", "--heldout-per-cell", "2", "--per-cell", "1", "--samples", "4",
        "--max-per-problem", "1", "-o", "t"]))
    assert (d.model.backend, d.model.name, d.problems.val_per_cell, d.problems.test_per_cell) == ("openai", "gpt", 2, 2)
    assert (d.problems.train_per_cell, d.generate.samples, d.recipe.max_per_problem) == (1, [4], 1)


@pytest.mark.parametrize("argv,message", [
    (["eval", "--model", "x", "-o", "{d}/e", "evaluate.max_new_token=5"],
     "unknown config key 'evaluate.max_new_token'. Did you mean 'max_new_tokens'?"),
    (["generate", "--model", "x", "-o", "{d}/c.jsonl", "sample.splt=val"], "Did you mean 'split'?"),
    (["distill", "--teacher", "x", "-o", "{d}/t.jsonl", "recipe.max_per_problen=2"], "Did you mean 'max_per_problem'?"),
    (["eval", "--model", "x", "-o", "{d}/e", "--split", "dev"],
     "eval.split: 'dev' is not allowed; choose one of: train, val, test"),
    (["eval", "--model", "x", "-o", "{d}/e", "--backend", "tgi"],
     "model.backend: 'tgi' is not allowed; choose one of: hf, vllm, openai, llamacpp"),
    (["generate", "--model", "x", "-o", "{d}/c.jsonl", "--samples", "4", "--temperature", "0"],
     "generate.temperature 0 is greedy"),
])
def test_config_errors_are_one_line_and_name_the_key(argv, message, tmp_path, capsys):
    assert main([a.format(d=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1, err
    assert not list(tmp_path.iterdir())


@pytest.fixture(scope="module")
def loop_run(tiny_model, tmp_path_factory):
    """A loop config and the run directory it creates (problems drawn, nothing trained)."""
    tmp = tmp_path_factory.mktemp("job")
    config = tiny_config(tmp, tiny_model)
    return config, create_run(load_config(IterateConfig, config), str(config))


@pytest.mark.parametrize("split", ["test", "val"])
def test_eval_on_a_loop_config_evaluates_the_runs_problems_with_its_settings(loop_run, split, tmp_path):
    config, run = loop_run
    assert main(["eval", "--config", str(config), "--split", split, "--device", "cpu", "-o", str(tmp_path / "e")]) == 0
    assert (tmp_path / "e" / "problems.jsonl").read_bytes() == run.problems(split).read_bytes()
    record = json.loads((tmp_path / "e" / "config.json").read_text())
    loop = json.loads(run.config_path.read_text())["config"]
    assert record["config"]["evaluate"] == loop["evaluate"] and record["config"]["problems"] == loop["problems"]
    assert record["split"] == split and record["sampling"]["max_new_tokens"] == loop["evaluate"]["max_new_tokens"]


def test_generate_and_distill_on_a_loop_config_record_the_resolved_config(loop_run, tmp_path):
    config, run = loop_run
    out = tmp_path / "c.jsonl"
    assert main(["generate", "--config", str(config), "--split", "val", "--device", "cpu", "generate.samples=1",
                 "-o", str(out)]) == 0
    settings = json.loads(out.with_name("c.jsonl.config.json").read_text())
    assert settings["config"]["generate"]["samples"] == [1] and settings["n_problems"] == 4
    assert {json.loads(x)["problem_id"] for x in out.read_text().splitlines()} == {
        json.loads(x)["id"] for x in run.problems("val").read_text().splitlines()}
    out = tmp_path / "t.jsonl"
    assert main(["distill", "--config", str(config), "--device", "cpu", "recipe.max_per_problem=1",
                 "-o", str(out)]) == 0
    summary = json.loads(out.with_name("t.jsonl.config.json").read_text())
    assert summary["config"]["recipe"]["max_per_problem"] == 1 and summary["problems"] == 8  # 2 families x 2 x 2
    assert summary["sampling"]["n"] == 2 and summary["sampling"]["max_new_tokens"] == 24  # the config's generate
