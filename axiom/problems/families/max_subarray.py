"""The largest sum of a non-empty contiguous subarray (Kadane's problem)."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, largest absolute value)
_PARAMS = {
    1: (3, 6, 20), 2: (3, 10, 40), 3: (3, 14, 60), 4: (3, 18, 100), 5: (4, 24, 500),
    6: (5, 30, 1000), 7: (6, 38, 10**4), 8: (8, 46, 10**6), 9: (10, 54, 10**9), 10: (12, 60, 10**9),
}


def _mixed(rng: random.Random, n: int, top: int) -> list[int]:
    # one side of the value range is shrunk per list, so negatives make up a quarter to three
    # quarters of it: the best run is sometimes the whole list, sometimes a single element
    lo, hi = -top, top
    if rng.random() < 0.5:
        lo = -rng.randint(top // 3, top)
    else:
        hi = rng.randint(top // 3, top)
    return rng.choices(range(lo, hi + 1), k=n)


@register_family("max_subarray")
class MaxSubarray(Family):
    version = 2  # 2: every problem tests a single value and a list with no negative
    entry_point = "max_subarray"
    signature = "def max_subarray(nums: list[int]) -> int"
    description = (
        "You are given a non-empty list of integers `nums`, which may include negative numbers and\n"
        "zeros. Return the largest sum of a contiguous subarray: a run of one or more consecutive\n"
        "elements. The subarray may not be empty, so when every number is negative the answer is the\n"
        "largest (least negative) element; when every number is positive it is the sum of the whole list."
    )
    levels = {
        1: "3-6 values in -20..20; a single value and an all-positive list are edge cases",
        2: "3-10 values in -40..40",
        3: "3-14 values in -60..60",
        4: "3-18 values in -100..100",
        5: "4-24 values in -500..500",
        6: "5-30 values in -1000..1000",
        7: "6-38 values in -10^4..10^4",
        8: "8-46 values in -10^6..10^6",
        9: "10-54 values up to +-10^9",
        10: "12-60 values up to +-10^9",
    }
    reference_source = '''def max_subarray(nums: list[int]) -> int:
    best = current = nums[0]
    for value in nums[1:]:
        current = current + value if current > 0 else value
        if current > best:
            best = current
    return best
'''
    category = "recursion_dp"
    wrong_sources = (
        '''def max_subarray(nums):  # 0 when every number is negative
    best = current = 0
    for x in nums:
        current = max(0, current + x)
        best = max(best, current)
    return best
''',
        '''def max_subarray(nums):  # only subarrays that start at index 0
    best, total = nums[0], 0
    for x in nums:
        total += x
        best = max(best, total)
    return best
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, top = _PARAMS[difficulty]
        return (_mixed(rng, rng.randint(short, long), top),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, top = _PARAMS[difficulty]
        edges = []
        # always a single value and a list with no negative (the whole list is the answer): code that starts from
        # the wrong end or counts the first value twice fails one of them; then one list with no positive
        for kind in ("single", "all_positive", rng.choice(("all_negative", "zeros"))):
            n = rng.randint(max(short, 4), max(long, 5))
            if kind == "single":
                # splits may not share an input, even across levels: one value needs a wide range
                wide = max(top, 10**6)
                nums = [rng.randint(-wide, wide)]
            elif kind == "all_negative":
                nums = rng.choices(range(-top, 0), k=n)
            elif kind == "all_positive":
                nums = rng.choices(range(1, top + 1), k=n)
            else:  # zeros among negatives: the answer is 0
                nums = rng.choices(range(-top, 1), k=n)
                nums = [0 if v < 0 and rng.random() < 0.3 else v for v in nums]
                nums[rng.randrange(n)] = 0
            edges.append((nums,))
        return edges

    def check_args(self, nums: list[int]) -> None:
        assert isinstance(nums, list) and nums, "nums must be a non-empty list"
        assert all(type(v) is int for v in nums), f"non-integer value in {nums!r}"
