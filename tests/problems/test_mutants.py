"""The mutation library (axiom/problems/mutants.py) and the mutation score (axiom/problems/mutation_score.py)."""

from __future__ import annotations

import ast
import random

import pytest

from axiom.problems.family import Family, get_family, registered_families
from axiom.problems.mutants import mutants
from axiom.problems.mutation_score import battery, constant_sources, level_problems, score_level
from axiom.problems.record import Problem
from axiom.problems.record import TestCase as Case  # not collected as a test class
from axiom.verify import Limits, Verifier

# (operator, a line of a small function, what one of its mutants makes of that line)
EXPECTED = [
    ("compare", "if a < b:\n        return 1", "if a <= b:"),
    ("compare", "if a < b:\n        return 1", "if a >= b:"),
    ("compare", "return a == b", "return a != b"),
    ("compare", "return a in b", "return a not in b"),
    ("arithmetic", "return a + b", "return a - b"),
    ("arithmetic", "return a * b", "return a // b"),
    ("arithmetic", "a += 1", "a -= 1"),
    ("swap_operands", "return a - b", "return b - a"),
    ("constant", "return a + 1", "return a + 2"),
    ("constant", "return a + 1", "return a + 0"),
    ("constant", "return True", "return False"),
    ("constant", "return None", "return 0"),
    ("constant", "return 'x' + a", "return '' + a"),
    ("unary", "return not a", "return a"),
    ("unary", "return -a", "return a"),
    ("boolean", "return a and b", "return a or b"),
    ("boolean", "return a and b", "return b"),
    ("branch", "if a:\n        return 1", "if False:"),
    ("branch", "if a:\n        return 1", "if True:"),
    ("branch", "return 1 if a else 2", "return 1"),
    ("branch", "return [x for x in a if x]", "return [x for x in a]"),
    ("else", "if a:\n        b = 1\n    else:\n        b = 2", ""),
    ("call_args", "return pow(a, b)", "return pow(b, a)"),
    ("swap_items", "return [a, b]", "return [b, a]"),
    ("name", "return min(a, b)", "return max(a, b)"),
    ("name", "return a.lower()", "return a.upper()"),
    ("slice", "return a[1:]", "return a[:]"),
    ("statement", "b.append(a)", "pass"),
    ("break_continue", "for x in a:\n        break", "continue"),
    ("return", "c = a\n    return b", "return c"),
]


@pytest.mark.parametrize("operator, line, after", EXPECTED, ids=[f"{o}:{a or '(removed)'}" for o, _, a in EXPECTED])
def test_each_operator_makes_the_expected_mutant(operator, line, after):
    source = "def f(a, b):\n    " + line + "\n"
    found = [m for m in mutants(source) if m.operator == operator]
    assert after in [m.after for m in found], [(m.before, m.after) for m in found]


def test_no_mutant_of_annotations_docstrings_or_a_number_added_either_way():
    source = 'def f(a: int = 3) -> list[int]:\n    """Doc."""\n    return [a + 1]\n'
    afters = [m.after for m in mutants(source)]
    assert all("list[int]" in m.source and '"""Doc."""' in m.source.replace("'''", '"""') for m in mutants(source))
    assert "return [1 + a]" not in afters  # equivalent for every number
    assert "def f(a: int=4) -> list[int]:" in afters  # defaults are code


@pytest.mark.parametrize("name", sorted(registered_families()))
def test_mutants_of_every_reference_are_distinct_valid_and_stable(name):
    source = registered_families()[name].reference_source
    found = mutants(source)
    assert found, f"{name}: no mutants"
    texts = [m.source for m in found]
    assert len(set(texts)) == len(texts)
    assert ast.unparse(ast.parse(source)) + "\n" not in texts
    for m in found:
        compile(m.source, "<mutant>", "exec")
        assert m.before != m.after and m.line >= 1
    assert [m.source for m in mutants(source)] == texts
    assert [m.source for m in mutants(source, limit=3)] == [texts[i * len(texts) // 3] for i in range(3)][:len(texts)]


class PositiveSum(Family):
    """A fake family, never registered: the sum of the positive values of a list."""

    name = "positive_sum_fake"
    entry_point = "positive_sum"
    signature = "def positive_sum(xs: list[int]) -> int"
    description = "Sum the positive values."
    levels = {lv: "" for lv in range(1, 11)}
    category = "math"
    reference_source = ("def positive_sum(xs: list[int]) -> int:\n    total = 0\n    for x in xs:\n"
                        "        if x > 0:\n            total += x\n    return total\n")

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        return ([rng.randint(-3, 3) for _ in range(rng.randint(0, 6))],)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        return [([],), ([1],)]


@pytest.fixture(scope="module")
def verifier():
    with Verifier(workers=2, limits=Limits(timeout_s=2.0)) as v:
        yield v


def _problem(fam: Family, pid: str, inputs: list[list[int]]) -> Problem:
    tests = tuple(Case([xs], {}, fam.reference(xs)) for xs in inputs)
    return Problem(pid, fam.name, 1, "", fam.entry_point, fam.signature, tests, reference_solution=fam.reference_source)


def test_classification_of_known_mutants(verifier):
    fam = PositiveSum()
    by_after = {m.after: m for m in mutants(fam.reference_source)}
    chosen = [by_after["if x >= 0:"],      # equivalent: adding 0 changes nothing
              by_after["total -= x"],      # killed by the test below
              by_after["if x > 1:"]]       # passes [2, -3] and [5], but gets [1] wrong: a miss
    problems = [_problem(fam, "p0", [[2, -3], [5]])]
    tests = battery(fam, 1, size=60)
    assert len(tests) == 60 and len({repr(t.args) for t in tests}) == 60
    assert [t.args for t in tests[:2]] == [[[]], [[1]]]  # the edge cases lead
    score = score_level(fam, 1, verifier, problems, chosen, tests)
    assert (score.mutants, score.equivalent, score.killed, score.missed) == (3, 1, 1, 1)
    assert score.kill_rate == 0.5
    [survivor] = score.survivors
    assert survivor["after"] == "if x > 1:" and survivor["battery_failure"]["error"].startswith("wrong answer")
    assert score.constants_passing == []


def test_a_constant_that_passes_is_reported(verifier):
    fam = PositiveSum()
    problems = [_problem(fam, "all-zero", [[-1], [-2, -3], [0]])]
    assert "    return 0" in [s.splitlines()[-1] for s in constant_sources(fam, problems[0])]
    score = score_level(fam, 1, verifier, problems, [], battery(fam, 1, size=10))
    assert {"problem": "all-zero", "source": "return 0"} in score.constants_passing


def test_a_real_family_scores_without_error(verifier):
    fam = get_family("two_sum")
    score = score_level(fam, 1, verifier, level_problems(fam, 1, 1), tests=battery(fam, 1, size=40))
    assert score.mutants == len(mutants(fam.reference_source))
    assert score.killed + score.missed + score.equivalent * score.problems == score.mutants * score.problems
    assert score.constants_passing == []
