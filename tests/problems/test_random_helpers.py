"""The fast random helpers of axiom.problems.family must draw exactly what `random` would."""

import random

import pytest

from axiom.problems.family import randint, randints, signed_ints


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


@pytest.mark.parametrize("bits", [1, 8, 21, 31, 32])
def test_signed_ints_cover_the_signed_range_and_nothing_else(bits):
    rng = random.Random(bits)
    drawn = signed_ints(rng, bits, 4000)
    lo, hi = -2 ** (bits - 1), 2 ** (bits - 1) - 1
    assert all(type(v) is int and lo <= v <= hi for v in drawn)
    if bits <= 8:
        assert set(drawn) == set(range(lo, hi + 1))
    else:
        assert min(drawn) < lo // 2 and max(drawn) > hi // 2  # both ends of the range are reached


def test_signed_ints_are_a_fixed_function_of_the_stream():
    # the bytes are read little-endian whatever the machine: these values hold everywhere
    assert signed_ints(random.Random(7), 32, 3) == [1390851128, -223916572, 647892279]
    assert signed_ints(random.Random(7), 21, 3) == [679126, -109335, 316353]
    rng = random.Random(7)
    signed_ints(rng, 32, 0)
    assert rng.random() == random.Random(7).random()  # k = 0 draws nothing


def test_signed_ints_refuse_more_than_32_bits():
    with pytest.raises(ValueError, match="bits"):
        signed_ints(random.Random(0), 33, 1)
