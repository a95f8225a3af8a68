"""The fast random helpers of axiom.problems.family must draw exactly what `random` would."""

import random

import pytest

from axiom.problems.family import randint, randints


@pytest.mark.parametrize("lo, hi", [(0, 0), (0, 1), (-5, 5), (1, 10**4), (-10**9, 10**9), (-10**12, -10**11)])
@pytest.mark.parametrize("k", [0, 1, 7, 40])
def test_randints_is_choices_over_the_range(lo, hi, k):
    a, b = random.Random(lo * 31 + k), random.Random(lo * 31 + k)
    assert randints(a, lo, hi, k) == b.choices(range(lo, hi + 1), k=k)
    assert a.random() == b.random()  # the same stream afterwards, too


def test_randints_stays_in_range_and_reaches_both_ends():
    rng = random.Random(0)
    drawn = randints(rng, -3, 3, 2000)
    assert set(drawn) == set(range(-3, 4))
    assert all(type(v) is int for v in drawn)


def test_randint_covers_its_range():
    rng = random.Random(1)
    assert {randint(rng, 2, 6) for _ in range(500)} == {2, 3, 4, 5, 6}
