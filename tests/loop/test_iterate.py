"""`axiom iterate` end to end on the tiny model, in a subprocess: two iterations, then a SIGKILL in TRAIN and
--resume, which must end with the same metrics, samples and adapter as the run that was never interrupted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.loop.conftest import tiny_config

REPO = Path(__file__).resolve().parents[2]


def axiom(*args: str, wait: bool = True, timeout: float = 900):
    cmd = [sys.executable, "-m", "axiom.cli", *args]
    # One torch thread: the tiny model gains nothing from more, and on a busy shared machine spinning
    # threads slow it several-fold.
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "OMP_NUM_THREADS": "1"}
    if not wait:
        return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)


def metrics_by_key(run: Path) -> dict:
    lines = [json.loads(x) for x in (run / "metrics.jsonl").read_text().splitlines()]
    return {(r["iteration"], r["split"]): r["metrics"] for r in lines}


def adapter_tensors(path: Path) -> dict:
    from safetensors.torch import load_file

    return load_file(str(path / "adapter_model.safetensors"))


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory, tiny_model):
    tmp = tmp_path_factory.mktemp("uninterrupted")
    config = tiny_config(tmp, tiny_model)
    start = time.perf_counter()
    done = axiom("iterate", "--config", str(config), "--no-progress")
    return tmp / "runs" / "tiny", done, time.perf_counter() - start


def test_two_iterations_end_to_end(uninterrupted):
    run, done, _ = uninterrupted  # its wall time is benchmarks/iteration.py's business, not a unit test's
    assert done.returncode == 0, done.stdout + done.stderr
    keys = metrics_by_key(run)
    assert set(keys) == {(0, "val"), (0, "test"), (1, "train"), (1, "val"), (1, "test"), (2, "train"), (2, "val"),
                         (2, "test")}
    # sampled pass@k at the ends only (evaluate.sampled_at: ends); greedy pass@1 every iteration
    assert [keys[(k, "val")]["overall"].get("pass@2") is not None for k in (0, 1, 2)] == [True, False, True]
    assert all(keys[(k, s)]["overall"]["greedy_pass@1"] is not None for k in (0, 1, 2) for s in ("val", "test"))
    rows = [json.loads(x) for x in (run / "samples" / "iter_1.val.jsonl").read_text().splitlines()]
    assert rows and all(r.get("greedy") for r in rows)
    for k in (1, 2):
        assert (run / "checkpoints" / f"iter_{k}" / "adapter_model.safetensors").is_file()
        assert (run / "solutions" / f"iter_{k}.jsonl").read_text().count("\n") == 12  # the teacher traces
        assert (run / "samples" / f"iter_{k}.jsonl").is_file()
    # one summary line per iteration, and every stage recorded with its time
    assert done.stderr.count("\niter ") + done.stderr.startswith("iter ") >= 3, done.stderr
    state = json.loads((run / "state.json").read_text())
    assert state["running"] is None
    assert {"1/train", "2/eval_test", "2/decide"} <= set(state["stages"])
    assert all("seconds" in rec for rec in state["stages"].values())
    assert (run / "report.html").is_file() and (run / "plots").is_dir()
    config = json.loads((run / "config.json").read_text())
    assert config["config"]["recipe"]["train_from"] == "base" and config["config"]["recipe"]["replay"] is True
    assert config["git_commit"] and "torch" in config["versions"] and config["seeds"]["run"] == 0
    line = json.loads((run / "metrics.jsonl").read_text().splitlines()[-1])
    assert line["iteration"] == 2
    assert {"generate", "verify", "collect", "train", "eval_val"} <= set(line["stage_seconds"])
    assert line["train"]["steps"] == 8 and line["curriculum"]["levels"] == {"rpn": [1, 2], "fizzbuzz": [1, 2]}


def test_sigkill_in_train_then_resume_gives_the_same_run(uninterrupted, tmp_path, tiny_model):
    reference = uninterrupted[0]
    config = tiny_config(tmp_path, tiny_model)
    run = tmp_path / "runs" / "tiny"
    proc = axiom("iterate", "--config", str(config), "--no-progress", wait=False)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                running = json.loads((run / "state.json").read_text()).get("running")
            except (OSError, ValueError):
                running = None
            if running == "2/train":
                break
            time.sleep(0.01)
        # At once: the tiny model trains in under a second, so any wait could outlast the stage.
        proc.send_signal(signal.SIGKILL)
    finally:
        out = proc.communicate(timeout=60)[0]
    assert proc.returncode == -signal.SIGKILL, out
    state = json.loads((run / "state.json").read_text())
    assert state["running"] == "2/train" and "2/train" not in state["stages"], state["running"]
    assert "1/decide" in state["stages"]
    first = {k: v["seconds"] for k, v in state["stages"].items()}

    resumed = axiom("iterate", "--resume", str(run), "--no-progress")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    state = json.loads((run / "state.json").read_text())
    # finished stages were not redone
    assert all(state["stages"][k]["seconds"] == v for k, v in first.items())
    assert metrics_by_key(run) == metrics_by_key(reference)
    for name in ("iter_2.val.jsonl", "iter_2.test.jsonl", "iter_2.jsonl"):
        ours = [(r["problem_id"], r["sample"], r["completion"], r["status"]) for r in
                map(json.loads, (run / "samples" / name).read_text().splitlines())]
        theirs = [(r["problem_id"], r["sample"], r["completion"], r["status"]) for r in
                  map(json.loads, (reference / "samples" / name).read_text().splitlines())]
        assert ours == theirs, name
    a, b = adapter_tensors(run / "checkpoints" / "iter_2"), adapter_tensors(reference / "checkpoints" / "iter_2")
    assert a.keys() == b.keys() and all((a[k] == b[k]).all() for k in a)

    again = axiom("iterate", "--resume", str(run), "--no-progress")  # a finished run: nothing to do
    assert again.returncode == 0 and "generate" not in again.stderr
    assert json.loads((run / "state.json").read_text())["stages"] == state["stages"]


def test_bad_configs_fail_before_any_work(tmp_path, tiny_job, tiny_model):
    root = tmp_path / "runs"
    cases = [
        (["stoping.iterations=3"], "stoping"),
        (["problems.families=[rpn, fizbuzz]"], "fizbuzz"),
        (["model.name=/nonexistent/model"], "/nonexistent/model"),
        (["recipe.train_from=last"], "train_from"),
        (["curriculum.raise_at=0.01"], "raise_at"),
    ]
    for overrides, named in cases:
        done = axiom("iterate", "--config", str(tiny_job), *overrides, timeout=60)
        assert done.returncode == 2, done.stderr
        assert named in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not root.exists()
    bad = axiom("iterate", "--resume", str(tmp_path / "nothing"), timeout=60)
    assert bad.returncode == 2 and "not a run directory" in bad.stderr


def test_resume_extends_a_finished_run_and_refuses_other_changes(uninterrupted):
    run = uninterrupted[0]
    refused = axiom("iterate", "--resume", str(run), "train.lr=1", timeout=60)
    assert refused.returncode == 2 and "train.lr" in refused.stderr
    more = axiom("iterate", "--resume", str(run), "stopping.iterations=3", "--no-progress")
    assert more.returncode == 0, more.stderr
    assert (3, "val") in metrics_by_key(run) and (run / "checkpoints" / "iter_3").is_dir()
    config = json.loads((run / "config.json").read_text())
    assert config["config"]["stopping"]["iterations"] == 3
    assert config["resumes"][-1]["overrides"] == ["stopping.iterations=3"] and config["resumes"][-1]["git_commit"]


def test_the_levers_that_are_off_by_default_run_end_to_end(tmp_path, tiny_model):
    """More samples for rarely solved families, DPO after SFT, the check one level up. The random tiny model
    solves nothing, so every family is under the bar and gets 2 x 2 samples, DPO has no pair (SFT's adapter is
    kept) and no solution is narrow."""
    config = tiny_config(tmp_path, tiny_model, stopping={"iterations": 1})
    done = axiom("iterate", "--config", str(config), "--no-progress", "generate.boost_below=0.5",
                 "generate.boost_factor=2", "evaluate.samples=0", "dpo.enabled=true", "recipe.check_level_above=true")
    assert done.returncode == 0, done.stdout + done.stderr
    run = tmp_path / "runs" / "tiny"
    rows = [json.loads(x) for x in (run / "samples" / "iter_1.jsonl").read_text().splitlines()]
    evaluated = [json.loads(x) for x in (run / "samples" / "iter_1.val.jsonl").read_text().splitlines()]
    assert all(r["completion"].startswith("```python\ndef ") for r in rows + evaluated)  # the default answer start
    per_problem: dict[str, list[int]] = {}
    for r in rows:
        per_problem.setdefault(r["problem_id"], []).append(r["sample"])
    assert per_problem and all(s == [0, 1, 2, 3] for s in per_problem.values())
    record = json.loads((run / "state.json").read_text())["stages"]["1/generate"]
    assert record["boosted"] == {"fizzbuzz": 0.0, "rpn": 0.0} and record["samples"] == 4 * len(per_problem)
    assert (run / "checkpoints" / "iter_1.sft" / "adapter_model.safetensors").is_file()
    assert (run / "checkpoints" / "iter_1" / "adapter_model.safetensors").is_file()
    line = json.loads((run / "metrics.jsonl").read_text().splitlines()[-1])
    assert line["train"]["dpo"]["pairs"] == 0 and "dpo" in line["stage_seconds"]
    assert json.loads((run / "state.json").read_text())["stages"]["1/collect"]["dropped_narrow"] == {}


def test_the_recipe_levers_run_end_to_end_and_resume(tmp_path, tiny_model):
    """prefer=shortest, drop_repetitive and max_family_drop on, and the prompt template that leaves the whole answer
    to the model: recorded in config.json, counted in the records, and a finished run extends on --resume. (The
    random tiny model passes nothing, so nothing is dropped.)"""
    config = tiny_config(tmp_path, tiny_model, stopping={"iterations": 1, "max_family_drop": 40},
                         recipe={"prefer": "shortest", "drop_repetitive": True}, evaluate={"samples": 0},
                         generate={"template": "procedural_unstarted"})
    done = axiom("iterate", "--config", str(config), "--no-progress", timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    run = tmp_path / "runs" / "tiny"
    rows = [json.loads(x) for x in (run / "samples" / "iter_1.jsonl").read_text().splitlines()]
    assert rows and not any(r["completion"].startswith("```python\n") for r in rows)  # the tiny model's own text
    recipe = json.loads((run / "config.json").read_text())["config"]["recipe"]
    assert (recipe["prefer"], recipe["drop_repetitive"]) == ("shortest", True)
    more = axiom("iterate", "--resume", str(run), "stopping.iterations=2", "--no-progress", timeout=600)
    assert more.returncode == 0, more.stdout + more.stderr
    stages = json.loads((run / "state.json").read_text())["stages"]
    for k in (1, 2):
        assert stages[f"{k}/collect"]["dropped_repetitive"] == {} and stages[f"{k}/collect"]["examples"] == 12
        assert stages[f"{k}/decide"]["family_drops"] == [] and stages[f"{k}/decide"]["not_kept"] is None
    assert json.loads((run / "config.json").read_text())["config"]["stopping"]["max_family_drop"] == 40
