"""The k-th smallest element of a list (1-based, duplicates counted)."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value, chance of a list with many repeats)
_PARAMS = {
    1: (3, 8, 0, 99, 0.0),
    2: (4, 10, 0, 99, 0.3),
    3: (4, 12, 0, 999, 0.5),
    4: (5, 16, -99, 99, 0.5),
    5: (5, 20, -999, 999, 0.6),
    6: (6, 26, -10**4, 10**4, 0.6),
    7: (8, 32, -10**4, 10**4, 0.7),
    8: (8, 40, -10**6, 10**6, 0.7),
    9: (10, 50, -10**9, 10**9, 0.8),
    10: (12, 60, -10**9, 10**9, 0.8),
}


def _values(rng: random.Random, n: int, lo: int, hi: int, repeats: float) -> list[int]:
    if rng.random() < repeats:  # a pool smaller than the list: values repeat
        return rng.choices(rng.sample(range(lo, hi + 1), max(2, n // rng.randint(2, 4))), k=n)
    return rng.sample(range(lo, hi + 1), n)


@register_family("kth_smallest")
class KthSmallest(Family):
    entry_point = "kth_smallest"
    signature = "def kth_smallest(nums: list[int], k: int) -> int"
    description = (
        "Given a non-empty list of integers nums and an integer k with 1 <= k <= len(nums), return the\n"
        "k-th smallest element: the element at position k - 1 when nums is sorted in ascending order.\n"
        "k counts from 1, so k = 1 asks for the minimum and k = len(nums) for the maximum. Repeated\n"
        "values count separately: kth_smallest([3, 1, 3, 2], 3) == 3 and kth_smallest([3, 1, 3, 2], 4) == 3.\n"
        "Values may be negative. Do not modify nums."
    )
    levels = {
        1: "3-8 distinct values in 0..99; k = 1 (minimum) and k = len(nums) (maximum) are edge cases",
        2: "4-10 values in 0..99, some with repeats",
        3: "4-12 values in 0..999, half the lists with repeats",
        4: "5-16 values in -99..99 (negatives)",
        5: "5-20 values in -999..999; a single value and all values equal",
        6: "6-26 values up to +-10^4",
        7: "8-32 values, many repeats",
        8: "8-40 values up to +-10^6",
        9: "10-50 values up to +-10^9",
        10: "12-60 values up to +-10^9, many repeats",
    }
    reference_source = '''def kth_smallest(nums: list[int], k: int) -> int:
    return sorted(nums)[k - 1]
'''
    category = "sorting_searching"
    wrong_sources = (
        '''def kth_smallest(nums, k):  # counts each value once, ignoring repeats
    return sorted(set(nums))[min(k, len(set(nums))) - 1]
''',
        '''def kth_smallest(nums, k):  # treats k as 0-based
    return sorted(nums)[min(k, len(nums) - 1)]
''',
        '''def kth_smallest(nums, k):  # the k-th largest instead
    return sorted(nums, reverse=True)[k - 1]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, repeats = _PARAMS[difficulty]
        nums = _values(rng, rng.randint(short, long), lo, hi, repeats)
        return (nums, rng.randint(1, len(nums)))

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, repeats = _PARAMS[difficulty]
        pool = ["first", "last"]
        if difficulty >= 5:
            pool += ["single", "all_equal"]
        # one-value inputs need a wide range, so splits seldom share them
        wide = (lo, hi) if hi - lo >= 10**6 else (-10**6, 10**6)
        edges = []
        for kind in rng.sample(pool, 2):
            nums = _values(rng, rng.randint(short, long), lo, hi, repeats)
            if kind == "first":  # the minimum
                edges.append((nums, 1))
            elif kind == "last":  # the maximum
                edges.append((nums, len(nums)))
            elif kind == "single":
                edges.append(([rng.randint(*wide)], 1))
            else:
                n = rng.randint(short, long)
                edges.append(([rng.randint(*wide)] * n, rng.randint(1, n)))
        return edges

    def check_args(self, nums: list[int], k: int) -> None:
        assert isinstance(nums, list) and nums, "nums must be a non-empty list"
        assert all(type(v) is int for v in nums), f"non-integer value in {nums!r}"
        assert type(k) is int and 1 <= k <= len(nums), f"k = {k!r} is not in 1..{len(nums)}"
