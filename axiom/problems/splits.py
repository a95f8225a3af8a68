"""Train/val/test splits that share no test input and no prompt.

Held-out splits are drawn first (test, then val, then train), so the test set depends only on
its own size and seed, never on how much training data was asked for. Within a family every
input (hidden tests and worked examples) belongs to one split only: a worked example shown in
a training prompt is never a hidden test of a held-out problem.

Two kinds of input are exempt, since every split must test them and they tell nothing about any
other problem: a degenerate input, whose every argument is empty (`""`, `[]`), of which a family
has only one; and an input whose answer the description states outright (`Family.stated`: to_base's
'Zero is "0" in every base'), which a held-out problem gives away to anyone who reads its prompt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from axiom.errors import CapacityError
from axiom.problems.family import get_family, input_key, make_problem
from axiom.problems.record import Problem

SPLIT_ORDER = ("test", "val", "train")


def problem_inputs(p: Problem) -> list[str]:
    """Canonical keys of every input a problem shows or tests, less the degenerate and the stated ones."""
    fam = get_family(p.family)
    inputs = [t.args for t in p.tests] + [e["args"] for e in p.meta.get("examples", [])]
    return [input_key(a) for a in inputs if not (is_degenerate(a) or fam.stated(a))]


def is_degenerate(args: list) -> bool:
    """True for an input whose every argument is empty, like `("",)` or `([],)`."""
    return bool(args) and all(isinstance(a, (str, list, dict)) and len(a) == 0 for a in args)


def build_splits(families: Sequence[str], difficulties: Sequence[int], sizes: Mapping[str, int],
                 seed: int, n_tests: int = 5, n_examples: int = 2) -> dict[str, list[Problem]]:
    """`sizes[split]` problems per (family, difficulty) for each split, disjoint in inputs and prompts."""
    order = [s for s in SPLIT_ORDER if s in sizes] + sorted(s for s in sizes if s not in SPLIT_ORDER)
    out: dict[str, list[Problem]] = {s: [] for s in order}
    for name in families:
        fam = get_family(name)
        owner: dict[str, str] = {}  # input key -> split that uses it, across all levels of the family
        prompts: set[str] = set()
        for split in order:
            for d in difficulties:
                out[split] += _fill_cell(fam, d, split, seed, sizes[split], owner, prompts, n_tests, n_examples)
    return out


def _fill_cell(fam, difficulty: int, split: str, seed: int, n: int, owner: dict[str, str],
               prompts: set[str], n_tests: int, n_examples: int) -> list[Problem]:
    accepted: list[Problem] = []
    index, misses = 0, 0
    while len(accepted) < n:
        p = make_problem(fam, difficulty, split, seed, index, n_tests=n_tests, n_examples=n_examples)
        index += 1
        keys = problem_inputs(p)
        if p.prompt in prompts or any(owner.get(k, split) != split for k in keys):
            misses += 1
            if misses > 200:  # consecutive rejections: the cell's input space is used up
                raise CapacityError(
                    f"{fam.name} level {difficulty}: found only {len(accepted)} of {n} {split} problems "
                    f"whose inputs are not used by another split; ask for fewer problems in this cell")
            continue
        prompts.add(p.prompt)
        for k in keys:
            owner[k] = split
        accepted.append(p)
        misses = 0
    return accepted
