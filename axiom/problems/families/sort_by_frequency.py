"""Sort a list by how often each value occurs, most frequent first, ties by smaller value."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value, fewest distinct values per element)
_PARAMS = {
    1: (4, 10, 0, 99, 0.3),  # levels 1-2: each value with a count of its own, no tie to break (see _no_ties)
    2: (6, 14, 0, 99, 0.3),
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


def _no_ties(rng: random.Random, difficulty: int, n: int, reversed_order: bool = False) -> list[int]:
    """Levels 1-2: at most n elements, two or three values (level 2: three or four) that occur 1-5 times,
    no two of them equally often, shuffled (with `reversed_order`, the more often a value occurs the
    larger it is: frequency order is the reverse of value order)."""
    lo, hi = _PARAMS[difficulty][2:4]
    while True:
        counts = rng.sample(range(1, 6), rng.choice((2, 3) if difficulty == 1 else (3, 4)))
        if sum(counts) <= n:
            break
    values = rng.sample(range(lo, hi + 1), len(counts))
    if reversed_order:
        values, counts = sorted(values), sorted(counts)
    nums = [v for v, c in zip(values, counts, strict=True) for _ in range(c)]
    rng.shuffle(nums)
    return nums


@register_family("sort_by_frequency")
class SortByFrequency(Family):
    # 2: the description says that every element stays (the answer is as long as nums) and explains its
    # worked example; levels 1-2 give each value a count of its own, so no tie needs breaking
    version = 2
    entry_point = "sort_by_frequency"
    signature = "def sort_by_frequency(nums: list[int]) -> list[int]"
    description = (
        "Sort the list nums by frequency and return the sorted list. Every element stays, so the result\n"
        "is as long as nums: a value that occurs k times in nums occurs k times in the result, its copies\n"
        "side by side. Values that occur more often come first; values that occur the same number of\n"
        "times are ordered by value, smaller first. For example, sort_by_frequency([4, 6, 2, 6, 4, 4, 2])\n"
        "returns [4, 4, 4, 2, 2, 6, 6]: 4 occurs three times, then 2 and 6 occur twice each, and 2 is\n"
        "smaller than 6. Values may be negative. An empty list gives an empty list. Do not modify nums."
    )
    levels = {
        1: "4-10 values in 0..99, two or three distinct values, each with a count of its own (no tie to break)",
        2: "6-14 values in 0..99, three or four distinct values, still no two of them equally often",
        3: "5-12 values in 0..99: equal counts, broken by the smaller value; all values distinct (ascending)",
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
        if difficulty <= 2:
            return (_no_ties(rng, difficulty, rng.randint(short, long)),)
        return (_with_repeats(rng, rng.randint(short, long), lo, hi, least),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, _ = _PARAMS[difficulty]
        if difficulty <= 2:  # the commonest value is the largest: neither value order nor rarest-first will do
            return [(_no_ties(rng, difficulty, long, reversed_order=True),)]
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
