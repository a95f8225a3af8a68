"""Splits share no input and no prompt; seeds do not overlap (unlike Random(seed + idx))."""

from collections import Counter

from axiom.problems.family import Family, get_family, input_key, make_problem, registered_families
from axiom.problems.splits import build_splits, is_degenerate, problem_inputs
from axiom.problems.suites import V2


def assert_disjoint(splits):
    # problem_inputs() leaves out only degenerate inputs (every argument empty, see is_degenerate) and
    # those whose answer the description states (Family.stated)
    owner = {}
    for split, problems in splits.items():
        prompts = [p.prompt for p in problems]
        assert len(set(prompts)) == len(prompts), f"duplicate prompt within {split}"
        for p in problems:
            for key in problem_inputs(p):
                first = owner.setdefault((p.family, key), split)
                assert first == split, f"{p.id} reuses an input of {first}"
    all_prompts = Counter(p.prompt for ps in splits.values() for p in ps)
    assert max(all_prompts.values()) == 1


def test_ten_thousand_problems_per_split_share_no_input_or_prompt():
    # 11 families x 10 levels x 91 = 10,010 problems per split, 30,030 in all
    splits = build_splits(V2, range(1, 11), {"train": 91, "val": 91, "test": 91}, seed=7)
    assert {s: len(ps) for s, ps in splits.items()} == {"test": 10010, "val": 10010, "train": 10010}
    assert_disjoint(splits)
    # and the ids say where each came from
    assert all(p.meta["split"] == s and f"/{s}/" in p.id for s, ps in splits.items() for p in ps)


def test_only_all_empty_inputs_count_as_degenerate():
    assert is_degenerate([""]) and is_degenerate([[]]) and is_degenerate(["", []])
    assert not is_degenerate([[], 5]) and not is_degenerate(["a"]) and not is_degenerate([0]) and not is_degenerate([])


def test_an_input_whose_answer_the_description_states_is_left_out_of_the_leak_check(monkeypatch):
    p = make_problem("rpn", 3, "train", 7, 0)
    every = problem_inputs(p)
    shown = p.tests[0].args
    monkeypatch.setattr(type(get_family("rpn")), "stated", lambda self, args: args == shown)
    assert problem_inputs(p) == [k for k in every if k != input_key(shown)]


def test_only_these_families_state_answers_so_every_other_familys_splits_are_unchanged():
    stating = sorted(n for n, fam in registered_families().items() if type(fam).stated is not Family.stated)
    assert stating == ["collatz_steps", "format_duration", "second_largest", "to_base"]


def test_inputs_whose_answer_the_description_states_are_shared_by_every_split_and_nothing_else_is():
    # both test 0 in every problem: to_base ('Zero is "0" in every base') and format_duration ('A duration
    # of 0 seconds is "now"'); every other input keeps to one split
    splits = build_splits(["to_base", "format_duration"], [1, 5, 10], {"train": 30, "val": 10, "test": 10}, seed=3)
    assert_disjoint(splits)
    for problems in splits.values():
        assert all(any(t.args[0] == 0 for t in p.tests) for p in problems)


def test_held_out_splits_do_not_depend_on_train_size():
    small = build_splits(["rpn"], [3], {"train": 2, "val": 3, "test": 3}, seed=1)
    large = build_splits(["rpn"], [3], {"train": 50, "val": 3, "test": 3}, seed=1)
    assert small["test"] == large["test"] and small["val"] == large["val"]


def test_neighbouring_seeds_share_almost_nothing():
    # reasoning-gym's Random(seed + idx) makes seed 2 repeat 1,999 of 2,000 items of seed 1
    for family in V2:
        a = {make_problem(family, 5, "train", 1, i).prompt for i in range(200)}
        b = {make_problem(family, 5, "train", 2, i).prompt for i in range(200)}
        assert len(a & b) <= 2, family
