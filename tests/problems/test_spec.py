"""The one problem spec: held-out splits drawn first and excluded from training, the same draw everywhere."""

from __future__ import annotations

import pytest

from axiom.config import load_config
from axiom.errors import ConfigError
from axiom.jobs import DistillConfig
from axiom.loop.config import IterateConfig
from axiom.problems.spec import ProblemSpec
from axiom.problems.splits import problem_inputs
from axiom.train.grpo import GRPOConfig

SPEC = {"families": ["rpn", "fizzbuzz", "two_sum"], "train_difficulties": "1-3", "eval_difficulties": "1,3",
        "train_per_cell": 6, "val_per_cell": 3, "test_per_cell": 3}


def inputs(problems) -> set[tuple[str, str]]:
    return {(p.family, k) for p in problems for k in problem_inputs(p)}


def test_held_out_is_drawn_first_and_shares_nothing_with_training():
    splits = ProblemSpec(**SPEC).draw()
    assert {p.difficulty for p in splits["train"]} == {1, 2, 3}
    assert {p.difficulty for p in splits["val"]} == {p.difficulty for p in splits["test"]} == {1, 3}
    assert [len(splits[s]) for s in ("train", "val", "test")] == [3 * 3 * 6, 3 * 2 * 3, 3 * 2 * 3]
    held_out = splits["val"] + splits["test"]
    assert not inputs(splits["train"]) & inputs(held_out)
    assert not {p.prompt for p in splits["train"]} & {p.prompt for p in held_out}
    fewer = ProblemSpec(**{**SPEC, "train_per_cell": 1}).draw()  # the held-out splits do not depend on it
    assert [p.id for p in fewer["val"] + fewer["test"]] == [p.id for p in held_out]


def test_every_config_that_names_problems_draws_the_loops_held_out_and_trains_outside_it():
    overrides = [f"problems.{k}={v}" for k, v in SPEC.items()]
    loop = load_config(IterateConfig, None, overrides).draw_problems()
    held_out = inputs(loop["val"] + loop["test"])
    distill = load_config(DistillConfig, None, overrides).split_problems("train")
    grpo = load_config(GRPOConfig, None, overrides).problems.draw()["train"]
    for train in (distill, grpo):
        assert train and not inputs(train) & held_out
    # distill's training problems are the loop's, at the levels training starts from
    assert [p.to_dict() for p in distill] == [p.to_dict() for p in loop["train"] if p.difficulty in (1, 2, 3)]
    assert ProblemSpec(**SPEC).draw()["test"] == loop["test"]


@pytest.mark.parametrize("override,message", [
    ("problems.eval_dificulties=1", "Did you mean 'eval_difficulties'"),
    ("problems.suite=v3", "problems.suite: unknown suite 'v3'; allowed: v2, phase6, all"),
    ("problems.train_difficulties=0-2", "problems.train_difficulties: difficulties must be integers 1-10"),
    ("problems.train_per_cell=0", "problems.train_per_cell must be >= 1"),
])
def test_spec_errors_are_one_line_and_name_the_key(override, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")) as e:
        load_config(IterateConfig, None, [override])
    assert "\n" not in str(e.value)


def test_problems_sample_on_a_loop_config_writes_the_runs_split(tmp_path):
    from pathlib import Path

    from axiom.cli import main
    from axiom.loop.orchestrator import create_run

    config = Path(__file__).resolve().parents[2] / "configs" / "quickstart.yaml"
    run = create_run(load_config(IterateConfig, config, [f"run.root={tmp_path}"]), str(config))
    for split in ("val", "test"):
        assert main(["problems", "sample", "--config", str(config), "--split", split, "-o", str(tmp_path / split)]) == 0
        assert (tmp_path / split).read_bytes() == run.problems(split).read_bytes()


@pytest.mark.parametrize("heldout,message", [
    ("[rpn]", "problems.heldout_families: 'rpn' is not one of this spec's families; allowed: fizzbuzz, two_sum"),
    ("[fizzbuzz, two_sum]", "problems.heldout_families holds every family (fizzbuzz, two_sum); at least one must "
                            "stay trained"),
    ("[two_sum, two_sum]", "problems.heldout_families: a family is listed twice in ['two_sum', 'two_sum']"),
])
def test_heldout_family_errors_are_one_line_and_name_the_key_and_the_allowed_values(heldout, message):
    with pytest.raises(ConfigError) as e:
        load_config(IterateConfig, None, ["problems.families=[fizzbuzz, two_sum]",
                                          f"problems.heldout_families={heldout}"])
    assert str(e.value) == message


def test_heldout_families_get_val_and_test_problems_and_no_training_problems():
    pool = [1, 2, 3, 4]  # the loop draws every level its curriculum can reach
    trained = ProblemSpec(**SPEC).draw(pool)
    held = ProblemSpec(**SPEC, heldout_families=["fizzbuzz"]).draw(pool)
    assert {p.family for p in held["train"]} == {"rpn", "two_sum"}
    for split in ("val", "test"):
        assert {p.family for p in held[split]} == {"rpn", "fizzbuzz", "two_sum"}
        # a family held out keeps the very problems it had as a trained family, in the same order
        assert [p.to_dict() for p in held[split]] == [p.to_dict() for p in trained[split]]
    # and the other families' training problems do not move either
    assert [p.to_dict() for p in held["train"]] == [p.to_dict() for p in trained["train"] if p.family != "fizzbuzz"]
    assert ProblemSpec(**SPEC, heldout_families=["fizzbuzz"]).trained_families() == ["rpn", "two_sum"]


def test_every_command_that_trains_sees_no_heldout_family():
    overrides = [f"problems.{k}={v}" for k, v in SPEC.items()] + ["problems.heldout_families=[rpn, two_sum]"]
    loop = load_config(IterateConfig, None, overrides)
    assert {p.family for p in loop.draw_problems()["train"]} == {"fizzbuzz"}
    assert {p.family for p in load_config(DistillConfig, None, overrides).split_problems("train")} == {"fizzbuzz"}
    assert {p.family for p in load_config(GRPOConfig, None, overrides).problems.draw()["train"]} == {"fizzbuzz"}
    assert {p.family for p in loop.split_problems("test")} == {"rpn", "fizzbuzz", "two_sum"}


def test_no_heldout_family_draws_what_the_spec_always_drew():
    """The byte-for-byte pins of the shipped configs are tests/loop/test_problem_pin.py; here: [] is the default."""
    a, b = ProblemSpec(**SPEC).draw([1, 2, 3, 4]), ProblemSpec(**SPEC, heldout_families=[]).draw([1, 2, 3, 4])
    assert all([p.to_dict() for p in a[s]] == [p.to_dict() for p in b[s]] for s in ("train", "val", "test"))


def test_from_dir_gives_an_earlier_draws_problems_byte_for_byte(tmp_path):
    """A new recipe on exactly an earlier run's problems, though the generators have moved since."""
    from axiom.problems.record import save_problems

    drawn = ProblemSpec(**SPEC).draw()
    for split, problems in drawn.items():
        save_problems(tmp_path / f"{split}.jsonl", problems)
    other = {**SPEC, "seed": 7, "val_per_cell": 1, "tests": 2}  # counts, tests and seed are then the files'
    loaded = ProblemSpec(**other, from_dir=str(tmp_path)).draw()
    assert {s: [p.to_dict() for p in v] for s, v in loaded.items()} == \
        {s: [p.to_dict() for p in v] for s, v in drawn.items()}
    fewer = ProblemSpec(**{**other, "families": ["rpn", "two_sum"], "eval_difficulties": "3",
                           "heldout_families": ["two_sum"]}, from_dir=str(tmp_path)).draw(train_levels=[1, 2])
    assert {(p.family, p.difficulty) for p in fewer["train"]} == {("rpn", 1), ("rpn", 2)}
    assert {(p.family, p.difficulty) for p in fewer["test"]} == {("rpn", 3), ("two_sum", 3)}


def test_from_dir_names_what_is_wrong(tmp_path):
    from axiom.problems.record import save_problems

    with pytest.raises(ConfigError, match=r"problems.from_dir: .*train.jsonl: no such problem file"):
        ProblemSpec(**SPEC, from_dir=str(tmp_path)).draw()
    drawn = ProblemSpec(**{**SPEC, "families": ["rpn"]}).draw()
    for split, problems in drawn.items():
        save_problems(tmp_path / f"{split}.jsonl", problems)
    with pytest.raises(ConfigError, match=r"val.jsonl has no problems of fizzbuzz, two_sum"):
        ProblemSpec(**SPEC, from_dir=str(tmp_path)).draw()
    (tmp_path / "test.jsonl").write_text('{"id": "x"}\n')
    with pytest.raises(ConfigError, match=r"problems.from_dir: .*test.jsonl:1"):
        ProblemSpec(**{**SPEC, "families": ["rpn"]}, from_dir=str(tmp_path)).draw()
