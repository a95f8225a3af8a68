"""Family-specific checks for the simulation and grid/graph families: fast references agree with the
stored reference solutions, input checks refuse broken inputs, and the recursion traps do trap."""

from __future__ import annotations

import random
import sys

import pytest

from axiom.problems.families.count_islands import _random_grid, count_by_runs
from axiom.problems.families.grid_shortest_path import _maze, _open_grid, _place, fewest_steps
from axiom.problems.families.josephus import survivor
from axiom.problems.families.tree_depth import _checked_depth, _random_tree
from axiom.problems.family import get_family, instance_rng

VERIFIER_RECURSION_LIMIT = 10_000  # what the sandbox sets (axiom/verify/sandbox.py)


def stored(name: str):
    """The family's reference_source as a function."""
    return get_family(name)._reference


def test_josephus_fast_survivor_matches_the_recurrence_and_a_simulation():
    def simulate(n, k):
        people, at = list(range(1, n + 1)), 0
        while len(people) > 1:
            at = (at + k - 1) % len(people)
            people.pop(at)
        return people[0]

    recurrence = stored("josephus")
    rng = random.Random(0)
    for _ in range(2000):
        n, k = rng.randint(1, 200), rng.randint(1, 300)
        assert survivor(n, k) == recurrence(n, k) == simulate(n, k), (n, k)
    for _ in range(20):
        n, k = rng.randint(10**4, 10**5), rng.randint(2, 40)
        assert survivor(n, k) == recurrence(n, k), (n, k)


def test_count_islands_by_runs_matches_the_flood_fill():
    flood = stored("count_islands")
    rng = random.Random(1)
    for _ in range(2000):
        grid = _random_grid(rng, rng.randint(1, 12), rng.randint(1, 12), rng.random())
        assert count_by_runs(grid) == flood(grid), grid
    assert count_by_runs([]) == flood([]) == 0


def test_grid_shortest_path_bitmask_search_matches_the_queue():
    bfs = stored("grid_shortest_path")
    rng = random.Random(2)
    for _ in range(1500):
        rows, cols = rng.randint(1, 12), rng.randint(2, 14)
        cells = _maze(rng, rows, cols) if rng.random() < 0.4 else _open_grid(rng, rows, cols)
        grid = _place(rng, cells)
        assert fewest_steps(grid) == bfs(grid), grid


def test_tree_depth_check_matches_the_reference_and_refuses_non_trees():
    levels = stored("tree_depth")
    rng = random.Random(3)
    for _ in range(1500):
        parents = _random_tree(rng, rng.randint(2, 40), rng.random() < 0.5)
        assert _checked_depth(parents) == levels(parents), parents
    for broken in ([0], [1, 0], [-1, 2, 1], [-1, -1], [-1, 5], [-1, 0, 3, 2], [-1, True]):
        with pytest.raises(AssertionError):
            get_family("tree_depth").check_args(broken)
    assert get_family("tree_depth").reference([-1, 0, 1]) == 3  # cached: booleans equal to it still fail
    with pytest.raises(AssertionError):
        get_family("tree_depth").check_args([-1, False, True])


@pytest.mark.parametrize("name, args", [
    ("stack_machine", (["ADD"],)),
    ("stack_machine", (["PUSH 1", "PUSH 0", "DIV"],)),
    ("stack_machine", (["PUSH 01"],)),
    ("stack_machine", (["PUSH 2", "JUMP"],)),
    ("robot_walk", ("F1  L",)),
    ("robot_walk", ("F-1",)),
    ("ledger_balance", (-1, ["+5"])),
    ("ledger_balance", (5, ["*5"])),
    ("count_islands", (["#.", "#"],)),
    ("grid_shortest_path", (["S..", "..."],)),
    ("grid_shortest_path", (["SE", "E."],)),
    ("topological_order", (3, [[0, 3]])),
    ("connected_components", (3, [[0, 1, 2]])),
    ("josephus", (0, 3)),
])
def test_checks_refuse_broken_inputs(name, args):
    with pytest.raises(AssertionError):
        get_family(name).check_args(*args)


@pytest.mark.parametrize("name, wrong", [("count_islands", 2), ("tree_depth", 2)])
def test_recursive_solutions_fail_at_levels_9_and_10_under_the_verifier_limit(name, wrong):
    """Every level 9-10 problem leads with an input deeper than the verifier lets a recursion go."""
    fam = get_family(name)
    namespace: dict = {}
    exec(fam.wrong_sources[wrong], namespace)
    recursive = namespace[fam.entry_point]
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(VERIFIER_RECURSION_LIMIT)
    try:
        for level in (9, 10):
            for index in range(3):
                deep = fam.edge_cases(instance_rng(name, fam.version, level, "train", 0, index), level)[0]
                with pytest.raises(RecursionError):
                    recursive(*deep)
    finally:
        sys.setrecursionlimit(limit)
