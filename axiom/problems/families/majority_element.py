"""The value that occurs in more than half of a list, or None when no value does."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value, chance a near miss: exactly half or by one)
_PARAMS = {
    1: (3, 9, 0, 99, 0.0),
    2: (4, 11, 0, 99, 0.2),
    3: (4, 14, 0, 999, 0.4),
    4: (5, 18, -99, 99, 0.5),
    5: (5, 22, -999, 999, 0.6),
    6: (6, 28, -10**4, 10**4, 0.6),
    7: (8, 34, -10**4, 10**4, 0.7),
    8: (8, 42, -10**6, 10**6, 0.8),
    9: (10, 50, -10**9, 10**9, 0.8),
    10: (15, 61, -10**9, 10**9, 0.9),
}


def _list(rng: random.Random, n: int, lo: int, hi: int, count: int) -> list[int]:
    """n values, one of which occurs `count` times; the others come from a few values that repeat."""
    top = rng.randint(lo, hi)
    others = [v for v in rng.sample(range(lo, hi + 1), 3 + (n - count) // 2) if v != top]
    nums = [top] * count + rng.choices(others, k=n - count)
    rng.shuffle(nums)
    return nums


@register_family("majority_element")
class MajorityElement(Family):
    entry_point = "majority_element"
    version = 3  # 2: every problem from level 3 tests a value that fills exactly half; 3: at every level
    signature = "def majority_element(nums: list[int]) -> int | None"
    description = (
        "Return the majority element of nums: the value that occurs more than len(nums) / 2 times.\n"
        "There is at most one. If no value occurs more than half the time (a value that fills exactly\n"
        "half of the list is not a majority), return None; the empty list has no majority. Values may\n"
        "be negative."
    )
    levels = {
        1: "3-9 values in 0..99; a majority fills two thirds or more; (in every problem) a value filling exactly half",
        2: "4-11 values; a single value is an edge case",
        3: "4-14 values in 0..999, majorities by one",
        4: "5-18 values in -99..99 (negatives); the empty list",
        5: "5-22 values in -999..999",
        6: "6-28 values up to +-10^4",
        7: "8-34 values, mostly near misses",
        8: "8-42 values up to +-10^6",
        9: "10-50 values up to +-10^9",
        10: "15-61 values up to +-10^9, almost all near misses",
    }
    reference_source = '''def majority_element(nums: list[int]) -> int | None:
    counts = {}
    for x in nums:
        counts[x] = counts.get(x, 0) + 1
    for value, count in counts.items():
        if count > len(nums) / 2:
            return value
    return None
'''
    category = "dicts_sets"
    wrong_sources = (
        '''def majority_element(nums):  # the most common value, without checking it fills over half
    if not nums:
        return None
    return max(set(nums), key=nums.count)
''',
        '''def majority_element(nums):  # accepts a value that fills exactly half
    for x in set(nums):
        if nums.count(x) >= len(nums) / 2:
            return x
    return None
''',
        '''def majority_element(nums):  # Boyer-Moore vote without the second pass that confirms it
    candidate, votes = None, 0
    for x in nums:
        if votes == 0:
            candidate = x
        votes += 1 if x == candidate else -1
    return candidate
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, near = _PARAMS[difficulty]
        n = rng.randint(short, long)
        half = n // 2
        if rng.random() < near:  # right at the line: a majority by one, or exactly half (none)
            count = half + 1 if rng.random() < 0.5 else max(1, half - (n % 2))
        elif rng.random() < 0.5:  # a clear majority
            count = rng.randint(max(half + 1, (2 * n + 2) // 3), n)
        else:  # well short of half
            count = rng.randint(1, max(1, half - 1))
        return (_list(rng, n, lo, hi, count),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, _ = _PARAMS[difficulty]
        pool = ["by_one"] + (["single"] if difficulty >= 2 else []) + (["empty"] if difficulty >= 4 else [])
        # every problem holds a value in exactly half (`>=` for `>` passes everything else)
        kinds = ["exactly_half"] + rng.sample(pool, 1)
        edges = []
        for kind in kinds:
            n = rng.randint(max(short, 4), long)
            if kind == "by_one":  # one more than half
                edges.append((_list(rng, n, lo, hi, n // 2 + 1),))
            elif kind == "single":  # a wide range keeps one-value inputs rare
                edges.append(([rng.randint(-10**6 if lo < 0 else 0, 10**6)],))
            elif kind == "exactly_half":  # an even length, one value in exactly half: no majority
                n -= n % 2
                edges.append((_list(rng, n, lo, hi, n // 2),))
            else:
                edges.append(([],))
        return edges

    def check_args(self, nums: list[int]) -> None:
        assert isinstance(nums, list), "nums must be a list"
        assert all(type(v) is int for v in nums), f"non-integer value in {nums!r}"
