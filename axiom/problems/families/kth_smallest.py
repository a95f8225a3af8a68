"""The k-th smallest element of a list (1-based, duplicates counted); a negative k counts from the largest.

Up to level 5 k is positive. From level 6 some tests ask with a negative k, as Python indexes
(-1: the maximum, -len(nums): the minimum), more of them as the level rises; from level 8 an edge
case does, chosen so that `sorted(nums)[k - 1]` (k read as positive) gives another value.
"""

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
# level: chance that a random test's k is negative (none below level 6)
_NEGATIVE = {6: 0.12, 7: 0.2, 8: 0.3, 9: 0.4, 10: 0.5}


def _values(rng: random.Random, n: int, lo: int, hi: int, repeats: float) -> list[int]:
    if rng.random() < repeats:  # a pool smaller than the list: values repeat
        return rng.choices(rng.sample(range(lo, hi + 1), max(2, n // rng.randint(2, 4))), k=n)
    return rng.sample(range(lo, hi + 1), n)


@register_family("kth_smallest")
class KthSmallest(Family):
    version = 2  # 2: a negative k counts from the largest (-1: the maximum); from level 6, more with the level
    entry_point = "kth_smallest"
    signature = "def kth_smallest(nums: list[int], k: int) -> int"
    description = (
        "Given a non-empty list of integers nums and an integer k with 1 <= k <= len(nums), return the\n"
        "k-th smallest element: the element at position k - 1 when nums is sorted in ascending order.\n"
        "k counts from 1, so k = 1 asks for the minimum and k = len(nums) for the maximum. Repeated\n"
        "values count separately: kth_smallest([3, 1, 3, 2], 3) == 3 and kth_smallest([3, 1, 3, 2], 4) == 3.\n"
        "k may also be negative (-len(nums) <= k <= -1, never 0): it then counts from the largest, as a\n"
        "negative Python index does, so k = -1 asks for the maximum, k = -2 for the second largest and\n"
        "k = -len(nums) for the minimum: kth_smallest([3, 1, 3, 2], -1) == 3, kth_smallest([3, 1, 3, 2], -3) == 2.\n"
        "Values may be negative. Do not modify nums."
    )
    levels = {
        1: "3-8 distinct values in 0..99; k = 1 (minimum) and k = len(nums) (maximum) are edge cases",
        2: "4-10 values in 0..99, some with repeats",
        3: "4-12 values in 0..999, half the lists with repeats",
        4: "5-16 values in -99..99 (negatives)",
        5: "5-20 values in -999..999; a single value and all values equal",
        6: "6-26 values up to +-10^4; a negative k (counting from the largest) in 12% of the tests",
        7: "8-32 values, many repeats; a negative k in 20% of the tests",
        8: "8-40 values up to +-10^6; a negative k in 30% of the tests, and as an edge case in a quarter of "
           "the problems",
        9: "10-50 values up to +-10^9; a negative k in 40% of the tests and an edge case in every problem",
        10: "12-60 values up to +-10^9, many repeats; a negative k in half the tests and in every problem",
    }
    reference_source = '''def kth_smallest(nums: list[int], k: int) -> int:
    # (k > 0) counts as 1: index k - 1 for a positive k, and a negative k is already a Python index
    return sorted(nums)[k - (k > 0)]
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
        '''def kth_smallest(nums, k):  # reads a negative k as a positive one: sorted(nums)[-2] for k = -1
    return sorted(nums)[k - 1]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, repeats = _PARAMS[difficulty]
        nums = _values(rng, rng.randint(short, long), lo, hi, repeats)
        if rng.random() < _NEGATIVE.get(difficulty, 0.0):
            return (nums, -rng.randint(1, len(nums)))
        return (nums, rng.randint(1, len(nums)))

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        # Every problem asks for the minimum of a list where it occurs once (k = 1: an index off by one
        # gives another value), then one of the other kinds; from level 9 a negative k as well.
        short, long, lo, hi, repeats = _PARAMS[difficulty]
        pool = ["last"]
        if difficulty >= 5:
            pool += ["single", "all_equal"]
        if difficulty == 8:  # one kind among four: a negative k in a quarter of the problems
            pool.append("negative")
        # one-value inputs need a wide range, so splits seldom share them
        wide = (lo, hi) if hi - lo >= 10**6 else (-10**6, 10**6)
        edges = []
        kinds = ["first", rng.choice(pool)]
        if difficulty >= 9 and kinds[1] != "negative":
            kinds.insert(1, "negative")
        for kind in kinds:
            nums = _values(rng, rng.randint(short, long), lo, hi, repeats)
            if kind == "first":  # the minimum, once: its other copies become other values of the list
                low = min(nums)
                rest = [v for v in nums if v != low] or [low + 1]
                nums = [rng.choice(rest) if v == low else v for v in nums]
                nums[rng.randrange(len(nums))] = low
                edges.append((nums, 1))
            elif kind == "last":  # the maximum
                edges.append((nums, len(nums)))
            elif kind == "negative":  # a k that counts from the largest, where sorted(nums)[k - 1] differs
                if len(set(nums)) == 1:
                    nums = _values(rng, rng.randint(short, long), lo, hi, 0.0)
                ordered = sorted(nums)
                ks = [k for k in range(-len(nums), 0) if k == -len(nums) or ordered[k - 1] != ordered[k]]
                edges.append((nums, rng.choice(ks)))
            elif kind == "single":
                edges.append(([rng.randint(*wide)], 1))
            else:
                n = rng.randint(short, long)
                edges.append(([rng.randint(*wide)] * n, rng.randint(1, n)))
        return edges

    def check_args(self, nums: list[int], k: int) -> None:
        assert isinstance(nums, list) and nums, "nums must be a non-empty list"
        assert all(type(v) is int for v in nums), f"non-integer value in {nums!r}"
        assert type(k) is int and 1 <= abs(k) <= len(nums), f"k = {k!r} is not in 1..{len(nums)} or its negative"
