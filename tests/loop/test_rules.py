"""The loop's rules on their own: curriculum moves, keeping and stopping, regression flags, config checks."""

from __future__ import annotations

import json

import pytest

from axiom.config import help_text, load_config
from axiom.errors import ConfigError
from axiom.loop.config import CurriculumConfig, IterateConfig, StoppingConfig, pool_levels
from axiom.loop.curriculum import active_problems, solve_rates, update_levels
from axiom.loop.orchestrator import check_config
from axiom.loop.stopping import LoopState, decide, drop_reason, family_drops, regression_flags, stop_reason
from axiom.problems import make_problem


def block(overall: float, **families: float) -> dict:
    return {"overall": {"greedy_pass@1": overall},
            "by_family": {f: {"greedy_pass@1": v} for f, v in families.items()}}


def test_curriculum_raises_solved_lowers_collapsed_and_stays_in_the_pool():
    cfg = CurriculumConfig(raise_at=0.6, lower_at=0.1, step=1)
    levels = {"rpn": [2, 3], "fizzbuzz": [2, 3], "fibonacci": [2, 3], "two_sum": [9, 10]}
    rates = {"rpn": 0.75, "fizzbuzz": 0.05, "fibonacci": 0.3, "two_sum": 0.9}
    new, moves = update_levels(levels, rates, cfg, pool=range(1, 11))
    assert new == {"rpn": [3, 4], "fizzbuzz": [1, 2], "fibonacci": [2, 3], "two_sum": [9, 10]}
    assert moves == {"rpn": "raised", "fizzbuzz": "lowered"}
    assert update_levels(levels, rates, cfg, pool=[2, 3])[0]["rpn"] == [2, 3]  # nothing drawn above level 3
    assert update_levels(levels, rates, CurriculumConfig(enabled=False), range(1, 11))[0] == levels


def test_pool_covers_what_the_curriculum_can_reach():
    assert pool_levels([2, 3], CurriculumConfig(step=1), iterations=2) == [1, 2, 3, 4, 5]
    assert pool_levels([2, 3], CurriculumConfig(enabled=False), iterations=5) == [2, 3]
    assert pool_levels([9], CurriculumConfig(step=2, max_level=10), iterations=3) == [3, 4, 5, 6, 7, 8, 9, 10]


def test_solve_rates_and_active_problems():
    ps = [make_problem("rpn", d, "train", 0, i) for d in (1, 2) for i in range(2)]
    rows = [{"problem_id": ps[0].id, "status": "passed"}, {"problem_id": ps[1].id, "status": "wrong_answer"}]
    assert solve_rates({p.id: p for p in ps}, rows) == {"rpn": 0.5}
    assert [p.difficulty for p in active_problems(ps, {"rpn": [2]})] == [2, 2]


def test_keep_only_if_val_holds_and_stop_after_patience():
    cfg = StoppingConfig(iterations=10, patience=2, tolerance=0.0)
    s0 = LoopState(policy=None, best_iteration=0, best_score=0.40, stale=0, levels={})
    s1, kept = decide(s0, 1, 0.50, cfg)
    assert kept and (s1.policy, s1.best_iteration, s1.best_score, s1.stale, s1.stopped) == (1, 1, 0.5, 0, None)
    s2, kept = decide(s1, 2, 0.45, cfg)  # worse: dropped, the policy stays at iteration 1
    assert not kept and (s2.policy, s2.best_iteration, s2.stale, s2.stopped) == (1, 1, 1, None)
    s3, kept = decide(s2, 3, 0.50, cfg)  # equal: kept, but not an improvement
    assert kept and s3.policy == 3 and s3.best_iteration == 1 and s3.stale == 2
    assert "patience 2" in s3.stopped
    loose, kept = decide(s1, 2, 0.45, StoppingConfig(iterations=10, patience=2, tolerance=0.1))
    assert kept and loose.policy == 2 and loose.best_score == 0.5
    assert "iterations = 3" in decide(s0, 3, 0.9, StoppingConfig(iterations=3))[0].stopped
    # a stop at the iteration limit is asked again on resume, so a finished run can be extended
    assert stop_reason(s1, 1, StoppingConfig(iterations=1)) and not stop_reason(s1, 1, StoppingConfig(iterations=4))


def test_a_family_that_falls_too_far_vetoes_keeping():
    cfg = StoppingConfig(iterations=10, patience=3, max_family_drop=40)
    policy, now = block(0.5, is_palindrome=1.0, rpn=0.0), block(0.6, is_palindrome=0.2, rpn=1.0)
    drops = family_drops(now, policy, "greedy_pass@1", 40)
    assert [(d["family"], d["points"]) for d in drops] == [("is_palindrome", -80.0)]
    assert drop_reason(drops, 40) == "is_palindrome -80 > 40" and drop_reason([], 40) is None
    assert family_drops(now, policy, "greedy_pass@1", 80) == []      # exactly the limit is allowed
    # 0.8 -> 0.6 is 20.000000000000007 points in floats: losing one of 5 problems is not more than 20
    assert family_drops(block(0.5, is_palindrome=0.6), block(0.5, is_palindrome=0.8), "greedy_pass@1", 20) == []
    s0 = LoopState(policy=None, best_iteration=0, best_score=0.5, stale=0, levels={})
    s1, kept = decide(s0, 1, 0.6, cfg, veto=drop_reason(drops, 40))
    # not kept and no improvement, though overall val rose: the next iteration samples from the base model again
    assert not kept and (s1.policy, s1.best_iteration, s1.best_score, s1.stale) == (None, 0, 0.5, 1)
    assert decide(s0, 1, 0.6, cfg)[1]


def _greedy(problems, passed: set[str]) -> list[dict]:
    return [{"problem_id": p.id, "sample": 0, "greedy": True, "completion": "x", "finish_reason": "stop",
             "status": "passed" if p.id in passed else "wrong_answer", "passed_tests": 0, "total_tests": 5,
             "score": 1.0 if p.id in passed else 0.0, "error": None, "duration_s": 0.0, "tokens": 1} for p in problems]


@pytest.mark.parametrize("limit,kept", [(None, True), (80, True), (40, False)])
def test_decide_stage_does_not_keep_a_checkpoint_a_family_fell_under(tmp_path, limit, kept):
    """is_palindrome 5/5 -> 1/5 on val while rpn 0/5 -> 5/5: overall val rises 50% -> 60%."""
    from axiom.jsonl import write_jsonl
    from axiom.loop.decide import decide_stage
    from axiom.loop.rundir import RunDir
    from axiom.loop.stages import Context

    val = [make_problem(f, 1, "val", 0, i) for f in ("is_palindrome", "rpn") for i in range(5)]
    train = [make_problem(f, 1, "train", 0, 0) for f in ("is_palindrome", "rpn")]
    pal, rpn = [p.id for p in val[:5]], [p.id for p in val[5:]]
    overrides = ["evaluate.samples=0", "problems.train_difficulties=1"]
    cfg = load_config(IterateConfig, None, overrides + ([] if limit is None else [f"stopping.max_family_drop={limit}"]))
    run = RunDir(tmp_path / "run")
    ctx = Context(cfg, run, {"train": train, "val": val, "test": []}, progress=False)
    write_jsonl(run.samples(0, "val"), _greedy(val, set(pal)))
    state = LoopState(**decide_stage(ctx, 0, None)["state"])
    write_jsonl(run.samples(1, "val"), _greedy(val, {pal[0], *rpn}))
    write_jsonl(run.samples(1), _greedy(train, set()))
    run.finish(1, "collect", {"examples": 2, "by_source": {"iter_1": 2}, "by_family": {"rpn": 2}})
    run.finish(1, "train", {"train_loss": 0.5})
    record = decide_stage(ctx, 1, state)
    assert record["kept"] is kept and record["score"] == pytest.approx(0.6)
    assert record["state"]["policy"] == (1 if kept else None)
    if limit is None:
        assert "not_kept" not in record and "dropped" not in record["summary"]
    elif kept:
        assert record["not_kept"] is None and record["family_drops"] == []
    else:
        assert record["not_kept"] == "a val family fell more than stopping.max_family_drop: is_palindrome -80 > 40"
        assert [d["family"] for d in record["family_drops"]] == ["is_palindrome"]
        assert "not kept: is_palindrome -80 > 40 (policy stays iter 0)" in record["summary"]


CHAIN = ("```python\ndef is_palindrome(s: str) -> bool:\n    t = s.lower().replace(' ', '').replace(', ', '')"
         ".replace('!', '').replace('?', '')\n    return t == t[::-1]\n```")
CLEAN = "```python\ndef is_palindrome(s: str) -> bool:\n    return s == s[::-1]\n```"


@pytest.mark.parametrize("options,kept,dropped", [
    ([], CHAIN, None),                                              # today: the first passing sample
    (["recipe.prefer=shortest"], CLEAN, None),
    (["recipe.drop_repetitive=true"], CLEAN, {"is_palindrome": 1}),
])
def test_collect_prefers_short_solutions_and_drops_repetitive_ones(tmp_path, options, kept, dropped):
    """The v2-cpu run's is_palindrome: a `.replace` chain that passed by luck, sampled before a clean solution."""
    from axiom.jsonl import read_jsonl, write_jsonl
    from axiom.loop.rundir import RunDir
    from axiom.loop.stages import Context, collect

    p = make_problem("is_palindrome", 1, "train", 0, 0)
    run = RunDir(tmp_path / "run")
    cfg = load_config(IterateConfig, None, ["recipe.max_per_problem=1", *options])
    rows = [{"problem_id": p.id, "sample": i, "completion": text, "status": "passed", "finish_reason": "stop"}
            for i, text in enumerate([CHAIN, CLEAN])]
    write_jsonl(run.samples(1), rows)
    record = collect(Context(cfg, run, {"train": [p], "val": [], "test": []}, progress=False), 1)
    assert [ex["completion"] for _, ex in read_jsonl(run.solutions(1))] == [kept]
    assert record.get("dropped_repetitive") == dropped


def test_regression_flags_name_the_family_and_what_it_fell_against():
    base, prev = block(0.5, rpn=0.6, fizzbuzz=0.4), block(0.55, rpn=0.7, fizzbuzz=0.4)
    now = block(0.52, rpn=0.3, fizzbuzz=0.36)
    flags = regression_flags("val", now, base, prev, "greedy_pass@1", points=5.0)
    assert {(f["family"], f["versus"], f["points"]) for f in flags} == {("rpn", "baseline", -30.0),
                                                                     ("rpn", "previous", -40.0)}
    assert regression_flags("val", now, base, None, "greedy_pass@1", points=50.0) == []
    # 0.2 -> 0.15 (one of 20 problems) is 5.000000000000002 points in floats: not more than 5
    assert regression_flags("val", block(0.15), block(0.2), None, "greedy_pass@1", points=5.0) == []


def test_config_errors_name_the_key(tmp_path):
    with pytest.raises(ConfigError, match="stoping"):
        load_config(IterateConfig, None, ["stoping.iterations=2"])
    with pytest.raises(ConfigError, match="train_from"):
        load_config(IterateConfig, None, ["recipe.train_from=last"])
    with pytest.raises(ConfigError, match="lower_at < raise_at"):
        load_config(IterateConfig, None, ["curriculum.raise_at=0.01"])
    with pytest.raises(ConfigError, match="problems.families: unknown family 'nosuchfamily'"):
        load_config(IterateConfig, None, ["problems.families=[rpn, nosuchfamily]"])
    with pytest.raises(ConfigError, match="problems.eval_difficulties: .*integers 1-10"):
        load_config(IterateConfig, None, ["problems.eval_difficulties=0-3"])
    cfg = load_config(IterateConfig, None, ["problems.families=[rpn]", f"model.name={tmp_path}"])
    with pytest.raises(Exception, match="config.json"):
        check_config(cfg)
    cfg = load_config(IterateConfig, None, ["problems.families=[rpn]", "evaluate.greedy=false", "evaluate.samples=4"])
    with pytest.raises(ConfigError, match="greedy"):
        check_config(cfg)
    text = help_text(IterateConfig)
    assert "recipe.train_from" in text and "train.lora_r" in text and "stopping.patience" in text


@pytest.mark.parametrize("name", ["quickstart", "seed-phase6", "seed-exp02", "v2-qwen0.5b"])
def test_shipped_configs_load_and_check(name):
    from pathlib import Path

    cfg = load_config(IterateConfig, Path(__file__).resolve().parents[2] / "configs" / f"{name}.yaml")
    check_config(cfg)
    assert cfg.recipe.train_from == "base" and cfg.recipe.replay


def test_a_run_directory_has_one_runner(tmp_path):
    from axiom.loop.rundir import RunDir

    first = RunDir(tmp_path / "run")
    first.lock()
    with pytest.raises(ConfigError, match="another `axiom iterate`"):
        RunDir(tmp_path / "run").lock()


def test_families_the_model_rarely_solves_get_more_samples(tmp_path):
    from axiom.jsonl import write_jsonl
    from axiom.loop.rundir import RunDir
    from axiom.loop.stages import Context, boosted_families

    problems = {split: [make_problem(f, 1, split, 0, i) for f in ("rpn", "fizzbuzz") for i in range(2)]
                for split in ("train", "val")} | {"test": []}
    run = RunDir(tmp_path / "run")
    (tmp_path / "run" / "samples").mkdir(parents=True)

    def rows(split, rpn_passed, fizzbuzz_passed):  # 2 samples of each of 2 problems a family: 4, the first ones pass
        passed = {"rpn": rpn_passed, "fizzbuzz": fizzbuzz_passed}
        family_rows = {f: [p.id for p in problems[split] if p.family == f for _ in range(2)] for f in passed}
        return [{"problem_id": pid, "status": "passed" if i < passed[f] else "wrong_answer"}
                for f, ids in family_rows.items() for i, pid in enumerate(ids)]

    write_jsonl(run.samples(0, "val"), rows("val", 0, 2))       # rpn 0/4, fizzbuzz 2/4
    write_jsonl(run.samples(1), rows("train", 2, 0))           # rpn 2/4, fizzbuzz 0/4
    cfg = IterateConfig()
    ctx = Context(cfg, run, problems, progress=False)
    assert boosted_families(ctx, 1) == {}  # off by default
    cfg.generate.boost_below = 0.3
    assert boosted_families(ctx, 1) == {"rpn": 0.0}  # iteration 1 reads the baseline's val samples
    assert boosted_families(ctx, 2) == {"fizzbuzz": 0.0}  # later ones the previous training samples
    cfg.generate.boost_below = 0.6
    assert boosted_families(ctx, 2) == {"fizzbuzz": 0.0, "rpn": 0.5}
    cfg.generate.boost_factor = 1
    assert boosted_families(ctx, 2) == {}
    with pytest.raises(ConfigError, match="boost_below"):
        load_config(IterateConfig, None, ["generate.boost_below=2"])


def test_dpo_stage_trains_on_pass_fail_pairs_from_the_sft_adapter(tmp_path, tiny_model):
    from axiom.jsonl import write_jsonl
    from axiom.loop.rundir import RunDir
    from axiom.loop.stages import Context, dpo
    from axiom.train.sft import SFTConfig, train_sft

    train = [make_problem(f, 1, "train", 0, i) for f in ("rpn", "fizzbuzz") for i in range(2)]
    run = RunDir(tmp_path / "run")
    cfg = load_config(IterateConfig, None, ["dpo.enabled=true", "dpo.max_steps=2", "dpo.batch_size=2",
                                            "dpo.lora_r=4", "dpo.lora_alpha=8"])
    ctx = Context(cfg, run, {"train": train, "val": [], "test": []}, progress=False)
    good = [{"problem_id": p.id, "sample": 0, "completion": f"```python\n{p.reference_solution}\n```",
             "status": "passed", "score": 1.0} for p in train]
    bad = [{"problem_id": p.id, "sample": 1, "completion": f"```python\ndef {p.entry_point}(*a):\n    return 0\n```",
            "status": "wrong_answer", "score": 0.2} for p in train[:3]]
    write_jsonl(run.samples(1), good + bad)
    train_sft(tiny_model, [{"prompt": "x", "completion": "y"}] * 2, str(run.sft_checkpoint(1)),
              SFTConfig(max_steps=1, batch_size=2, lora_r=4, lora_alpha=8))
    cfg.model.name = tiny_model
    record = dpo(ctx, 1)
    assert record["pairs"] == 3 and record["by_family"] == {"fizzbuzz": 1, "rpn": 2} and record["steps"] == 2
    meta = json.loads((run.checkpoint(1) / "axiom_train.json").read_text())
    assert meta["kind"] == "dpo" and meta["continued_from"] == str(run.sft_checkpoint(1))

    write_jsonl(run.samples(2), good)  # nothing failed: no pairs, the SFT adapter is the iteration's
    train_sft(tiny_model, [{"prompt": "x", "completion": "y"}] * 2, str(run.sft_checkpoint(2)),
              SFTConfig(max_steps=1, batch_size=2, lora_r=4, lora_alpha=8))
    assert dpo(ctx, 2)["pairs"] == 0
    assert (run.checkpoint(2) / "adapter_model.safetensors").read_bytes() == \
        (run.sft_checkpoint(2) / "adapter_model.safetensors").read_bytes()
