"""`problems.heldout_families` in the loop, end to end on the tiny model: a held-out family is evaluated every
iteration and reported apart, and nothing of it reaches generation, training or the curriculum."""

from __future__ import annotations

import json

import pytest

from axiom.errors import ConfigError
from axiom.loop.resume import resume_config
from axiom.loop.rundir import RunDir
from tests.loop.conftest import tiny_config
from tests.loop.test_iterate import axiom


def lines(path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines()]


def family(row: dict) -> str:
    return row["problem_id"].split("/")[0]


def test_a_heldout_family_is_evaluated_and_never_trained_on(tmp_path, tiny_model):
    # the teacher traces hold rpn and fizzbuzz (tests/loop/conftest.py): rpn's must not reach training
    config = tiny_config(tmp_path, tiny_model, problems={"heldout_families": ["rpn"]},
                         stopping={"iterations": 1}, evaluate={"samples": 0})
    done = axiom("iterate", "--config", str(config), "--no-progress")
    assert done.returncode == 0, done.stdout + done.stderr
    run = tmp_path / "runs" / "tiny"

    problems = {s: lines(run / "problems" / f"{s}.jsonl") for s in ("train", "val", "test")}
    assert {p["family"] for p in problems["train"]} == {"fizzbuzz"}
    assert {p["family"] for p in problems["val"]} == {p["family"] for p in problems["test"]} == {"rpn", "fizzbuzz"}
    assert json.loads((run / "config.json").read_text())["heldout_families"] == ["rpn"]

    # generation sampled no rpn problem; training data holds none (the rpn traces were left out, and counted)
    assert {family(r) for r in lines(run / "samples" / "iter_1.jsonl")} == {"fizzbuzz"}
    solutions = lines(run / "solutions" / "iter_1.jsonl")
    assert solutions and {ex["family"] for ex in solutions} == {"fizzbuzz"}
    assert not any(ex["problem_id"].startswith("rpn/") for ex in solutions)
    stages = json.loads((run / "state.json").read_text())["stages"]
    assert stages["1/collect"]["left_out_heldout"] == {"rpn": 6} and stages["1/collect"]["examples"] == 6

    # the curriculum has no level for it, in the state and in metrics.jsonl
    assert set(stages["1/decide"]["state"]["levels"]) == set(stages["0/decide"]["state"]["levels"]) == {"fizzbuzz"}
    records = {(r["iteration"], r["split"]): r for r in lines(run / "metrics.jsonl")}
    curriculum = records[(1, "val")]["curriculum"]
    assert set(curriculum["levels"]) == set(curriculum["next_levels"]) == set(curriculum["solve_rates"]) == {"fizzbuzz"}

    # every val and test line reports the held-out and the trained families apart
    for k in (0, 1):
        for split in ("val", "test"):
            m = records[(k, split)]["metrics"]
            assert m["heldout"]["families"] == ["rpn"] and m["trained"]["families"] == ["fizzbuzz"]
            assert m["heldout"]["n_problems"] == m["by_family"]["rpn"]["n_problems"] == 2
            assert m["trained"]["n_problems"] == 2 and m["overall"]["n_problems"] == 4
            assert m["heldout"]["greedy_pass@1"] == m["by_family"]["rpn"]["greedy_pass@1"]
            # keeping and stopping read the overall val score, as without held-out families
            assert records[(k, split)]["score"]["greedy_pass@1"] == records[(k, "val")]["metrics"]["overall"][
                "greedy_pass@1"]
    assert "heldout" not in records[(1, "train")]["metrics"]
    summaries = [x for x in done.stderr.splitlines() if x.startswith("iter ")]
    assert len(summaries) == 2 and all(" | trained " in x and " | held-out " in x for x in summaries)
    assert "vs base)" in summaries[1].split(" | held-out ")[1].split(" | ")[0]

    # --resume may not change which families are held out (problems.* drew the run's problem files)
    refused = axiom("iterate", "--resume", str(run), "problems.heldout_families=[]", timeout=120)
    assert refused.returncode == 2 and "problems.heldout_families cannot change on --resume" in refused.stderr
    with pytest.raises(ConfigError, match="problems.heldout_families cannot change on --resume"):
        resume_config(RunDir(run), ["problems.heldout_families=[fizzbuzz]"])
