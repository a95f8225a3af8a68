"""Running (prefix) sums of a list: element i of the result is the sum of nums[0..i]."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value)
_PARAMS = {
    1: (3, 8, 0, 20),
    2: (3, 10, 0, 99),
    3: (4, 14, -50, 50),
    4: (4, 18, -200, 200),
    5: (5, 24, -1000, 1000),
    6: (6, 30, -10**4, 10**4),
    7: (8, 36, -10**6, 10**6),
    8: (8, 44, -10**9, 10**9),
    9: (10, 52, -10**12, 10**12),
    10: (12, 60, -10**18, 10**18),
}


@register_family("running_sum")
class RunningSum(Family):
    entry_point = "running_sum"
    signature = "def running_sum(nums: list[int]) -> list[int]"
    description = (
        "Return the running sums of nums: a new list of the same length whose element i is\n"
        "nums[0] + nums[1] + ... + nums[i], the sum of everything up to and including position i.\n"
        "For example running_sum([1, 2, 3]) == [1, 3, 6]. Values may be negative and very large (use\n"
        "exact integer arithmetic). An empty list gives an empty list. Do not modify nums."
    )
    levels = {
        1: "3-8 values in 0..20",
        2: "3-10 values in 0..99; the empty list is an edge case",
        3: "4-14 values in -50..50 (negatives, sums that return to zero)",
        4: "4-18 values in -200..200",
        5: "5-24 values in -1000..1000",
        6: "6-30 values up to +-10^4",
        7: "8-36 values up to +-10^6",
        8: "8-44 values up to +-10^9",
        9: "10-52 values up to +-10^12",
        10: "12-60 values up to +-10^18 (sums past 64 bits)",
    }
    reference_source = '''def running_sum(nums: list[int]) -> list[int]:
    result = []
    total = 0
    for x in nums:
        total += x
        result.append(total)
    return result
'''
    category = "lists"
    wrong_sources = (
        '''def running_sum(nums):  # sums before position i, leaving nums[i] itself out
    result = []
    total = 0
    for x in nums:
        result.append(total)
        total += x
    return result
''',
        '''def running_sum(nums):  # adds only the previous element, not everything before it
    return [x + (nums[i - 1] if i > 0 else 0) for i, x in enumerate(nums)]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi = _PARAMS[difficulty]
        return (rng.choices(range(lo, hi + 1), k=rng.randint(short, long)),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi = _PARAMS[difficulty]
        pool = ["single", "zeros"] + (["empty"] if difficulty >= 2 else [])
        if difficulty >= 3:
            pool.append("back_to_zero")
        edges = []
        for kind in rng.sample(pool, 2):
            n = rng.randint(short, long)
            if kind == "single":  # one value; a wide range keeps the input rare
                edges.append(([rng.randint(min(lo, -10**6 if lo < 0 else 0), max(hi, 10**6))],))
            elif kind == "zeros":  # zeros in between repeat the previous sum
                nums = rng.choices(range(lo, hi + 1), k=n)
                for i in rng.sample(range(n), n // 2):
                    nums[i] = 0
                edges.append((nums,))
            elif kind == "back_to_zero":  # each value followed later by its negation: the total ends at 0
                half = rng.choices(range(1, hi + 1), k=max(2, n // 2))
                edges.append((half + [-x for x in rng.sample(half, len(half))],))
            else:
                edges.append(([],))
        return edges

    def check_args(self, nums: list[int]) -> None:
        assert isinstance(nums, list), "nums must be a list"
        assert all(type(v) is int for v in nums), f"non-integer value in {nums!r}"
