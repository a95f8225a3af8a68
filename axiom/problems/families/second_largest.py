"""The second largest distinct value of a list, or None when there is none."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value, chance the largest value repeats)
_PARAMS = {
    1: (3, 8, 0, 99, 0.0),
    2: (3, 10, 0, 99, 0.3),
    3: (3, 12, 0, 999, 0.5),
    4: (4, 16, -99, 99, 0.5),
    5: (4, 20, -999, 999, 0.5),
    6: (5, 26, -10**4, 10**4, 0.6),
    7: (6, 32, -10**4, 10**4, 0.6),
    8: (8, 40, -10**6, 10**6, 0.6),
    9: (10, 50, -10**9, 10**9, 0.7),
    10: (12, 60, -10**9, 10**9, 0.7),
}


def _values(rng: random.Random, n: int, lo: int, hi: int, repeat_top: float, negative_only: bool) -> list[int]:
    if negative_only:  # every value below zero: a running maximum that starts at 0 is wrong
        hi = -1
    nums = rng.choices(range(lo, hi + 1), k=n)
    if rng.random() < repeat_top:  # the largest value several times: it is still only the largest
        top = max(nums)
        for i in rng.sample(range(n), rng.randint(1, max(1, n // 3))):
            nums[i] = top
    return nums


@register_family("second_largest")
class SecondLargest(Family):
    version = 2  # 2: every problem tests two distinct values and an input with no answer
    entry_point = "second_largest"
    signature = "def second_largest(nums: list[int]) -> int | None"
    description = (
        "Return the second largest distinct value in nums: the largest value that is strictly smaller\n"
        "than the maximum. Repeats of the maximum do not count, so second_largest([5, 5, 3]) == 3.\n"
        "Values may be negative. Return None when there is no such value: for an empty list, a single\n"
        "element, or a list whose values are all equal. Do not modify nums."
    )
    levels = {
        1: "3-8 values in 0..99; all values equal (None)",
        2: "3-10 values in 0..99, the maximum sometimes repeated; all values equal (None)",
        3: "3-12 values in 0..999; a single value (None) is an edge case",
        4: "4-16 values in -99..99 (negatives); all values equal (None)",
        5: "4-20 values in -999..999; the empty list; every value negative",
        6: "5-26 values up to +-10^4",
        7: "6-32 values up to +-10^4",
        8: "8-40 values up to +-10^6",
        9: "10-50 values up to +-10^9, the maximum often repeated",
        10: "12-60 values up to +-10^9",
    }
    reference_source = '''def second_largest(nums: list[int]) -> int | None:
    distinct = sorted(set(nums))
    if len(distinct) < 2:
        return None
    return distinct[-2]
'''
    category = "lists"
    wrong_sources = (
        '''def second_largest(nums):  # counts a repeated maximum twice
    if len(nums) < 2:
        return None
    return sorted(nums)[-2]
''',
        '''def second_largest(nums):  # starts from 0: wrong when every value is negative
    if len(set(nums)) < 2:
        return None
    first = second = 0
    for x in nums:
        if x > first:
            first, second = x, first
        elif first > x > second:
            second = x
    return second
''',
        '''def second_largest(nums):  # returns -1 instead of None
    distinct = sorted(set(nums))
    return distinct[-2] if len(distinct) >= 2 else -1
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, repeat_top = _PARAMS[difficulty]
        negative_only = difficulty >= 5 and rng.random() < 0.2
        return (_values(rng, rng.randint(short, long), lo, hi, repeat_top, negative_only),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, _ = _PARAMS[difficulty]
        pool = ["two_values", "top_repeated", "all_equal"]
        if difficulty >= 3:
            pool.append("single")
        if difficulty >= 5:
            pool += ["empty", "negative"]
        # always two distinct values (a `< 2` drifting to `<= 2` answers None there) and one value, maybe
        # repeated (a `< 2` drifting to `< 1` fails there, not on the empty list); then one more kind
        kinds = ["two_values"]
        kinds.append(rng.choice([k for k in pool if k in ("single", "all_equal")]))
        kinds.append(rng.choice([k for k in pool if k not in kinds]))
        edges = []
        for kind in kinds:
            n = rng.randint(short, long)
            if kind == "two_values":  # only two distinct values, each repeated
                a, b = rng.sample(range(lo, hi + 1), 2)
                edges.append((rng.choices([a, b], k=n - 2) + [a, b],))
            elif kind == "top_repeated":
                edges.append((_values(rng, n, lo, hi, 1.0, False),))
            elif kind == "single":
                edges.append(([rng.randint(lo, hi)],))
            elif kind == "all_equal":
                edges.append(([rng.randint(lo, hi)] * n,))
            elif kind == "negative":
                edges.append((_values(rng, n, lo, hi, 0.5, True),))
            else:
                edges.append(([],))
        return edges

    def stated(self, args: list) -> bool:
        # 'Return None ... for an empty list, a single element, or a list whose values are all equal': every
        # split may test these, so they take values from the level's range, however few such lists it has
        return len(set(args[0])) <= 1

    def check_args(self, nums: list[int]) -> None:
        assert isinstance(nums, list), "nums must be a list"
        assert all(type(v) is int for v in nums), f"non-integer value in {nums!r}"
