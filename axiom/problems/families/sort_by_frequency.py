"""Sort a list by how often each value occurs, most frequent first, ties by smaller value."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value, fewest distinct values per element)
_PARAMS = {
    1: (4, 8, 0, 20, 0.3),
    2: (5, 10, 0, 50, 0.3),
    3: (5, 12, 0, 99, 0.35),
    4: (6, 14, -50, 50, 0.35),
    5: (6, 18, -99, 99, 0.4),
    6: (8, 22, -999, 999, 0.4),
    7: (8, 28, -10**4, 10**4, 0.45),
    8: (10, 34, -10**6, 10**6, 0.45),
    9: (12, 42, -10**9, 10**9, 0.5),
    10: (15, 50, -10**9, 10**9, 0.5),
}


def _with_repeats(rng: random.Random, n: int, lo: int, hi: int, least: float) -> list[int]:
    # a pool of distinct values smaller than the list forces repeats; its size sets how many
    pool = rng.sample(range(lo, hi + 1), min(hi - lo + 1, max(2, round(n * rng.uniform(least, 0.7)))))
    return rng.choices(pool, k=n)


@register_family("sort_by_frequency")
class SortByFrequency(Family):
    entry_point = "sort_by_frequency"
    signature = "def sort_by_frequency(nums: list[int]) -> list[int]"
    description = (
        "Return a new list holding every element of nums, ordered by how many times each value occurs\n"
        "in nums: values that occur more often come first. Values that occur the same number of times\n"
        "are ordered by value, smaller first. All copies of a value stay together, so\n"
        "sort_by_frequency([4, 6, 2, 6, 4, 4, 2]) == [4, 4, 4, 2, 2, 6, 6]. Values may be negative.\n"
        "An empty list gives an empty list. Do not modify nums."
    )
    levels = {
        1: "4-8 values in 0..20, many repeats",
        2: "5-10 values in 0..50",
        3: "5-12 values in 0..99; all values distinct is an edge case (plain ascending sort)",
        4: "6-14 values in -50..50 (negatives); the empty list",
        5: "6-18 values in -99..99",
        6: "8-22 values in -999..999, fewer repeats, more ties",
        7: "8-28 values up to +-10^4",
        8: "10-34 values up to +-10^6",
        9: "12-42 values up to +-10^9",
        10: "15-50 values up to +-10^9",
    }
    reference_source = '''def sort_by_frequency(nums: list[int]) -> list[int]:
    counts = {}
    for x in nums:
        counts[x] = counts.get(x, 0) + 1
    return sorted(nums, key=lambda x: (-counts[x], x))
'''
    category = "sorting_searching"
    wrong_sources = (
        '''def sort_by_frequency(nums):  # breaks ties by the larger value first
    counts = {}
    for x in nums:
        counts[x] = counts.get(x, 0) + 1
    return sorted(nums, key=lambda x: (-counts[x], -x))
''',
        '''def sort_by_frequency(nums):  # no tie-break: ties keep their order of appearance, interleaved
    counts = {}
    for x in nums:
        counts[x] = counts.get(x, 0) + 1
    return sorted(nums, key=lambda x: -counts[x])
''',
        '''def sort_by_frequency(nums):  # returns each value once instead of every element
    counts = {}
    for x in nums:
        counts[x] = counts.get(x, 0) + 1
    return sorted(counts, key=lambda x: (-counts[x], x))
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, least = _PARAMS[difficulty]
        return (_with_repeats(rng, rng.randint(short, long), lo, hi, least),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, _ = _PARAMS[difficulty]
        pool = ["tie", "one_dominant"]
        if difficulty >= 3:
            pool.append("distinct")
        if difficulty >= 4:
            pool.append("empty")
        edges = []
        for kind in rng.sample(pool, 2):
            n = rng.randint(max(short, 6), long)
            if kind == "tie":  # every value the same number of times, shuffled: order by value alone
                values = rng.sample(range(lo, hi + 1), rng.randint(2, 4))
                nums = values * rng.randint(2, 3)
                rng.shuffle(nums)
            elif kind == "one_dominant":  # one value more than half the time
                nums = [rng.randint(lo, hi)] * (n // 2 + 1) + _with_repeats(rng, n - n // 2 - 1, lo, hi, 0.5)
                rng.shuffle(nums)
            elif kind == "distinct":
                nums = rng.sample(range(lo, hi + 1), n)
            else:
                nums = []
            edges.append((nums,))
        return edges

    def check_args(self, nums: list[int]) -> None:
        assert isinstance(nums, list), "nums must be a list"
        assert all(type(v) is int for v in nums), f"non-integer value in {nums!r}"
