"""Find the only pair of positions whose values add up to a target.

Inputs are built so the contract holds: the answer pair is chosen first, then every other value
is drawn so it forms no pair summing to the target with anything already in the list.
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value)
_PARAMS = {
    1: (3, 6, 0, 50), 2: (3, 10, 0, 99), 3: (3, 14, 0, 199), 4: (4, 18, -200, 200),
    5: (5, 22, -500, 500), 6: (6, 26, -1000, 1000), 7: (8, 30, -10**4, 10**4),
    8: (10, 34, -2**20, 2**20 - 1), 9: (12, 38, -2**31, 2**31 - 1), 10: (15, 40, -2**31, 2**31 - 1),
}


def _fill(rng: random.Random, n: int, x: int, y: int, lo: int, hi: int, i: int, j: int,
          repeats: int) -> list[int]:
    """A list of n values with x at position i, y at j (i < j) and no other pair summing to x + y.

    `repeats` of the other values are copies of ones already drawn: duplicates that form no pair.
    """
    target = x + y
    used = {x, y}
    others = _unpaired(rng, n - 2 - repeats, lo, hi, target, used)
    safe = [v for v in others if 2 * v != target]  # two copies of half the target would be a pair
    if safe:
        for _ in range(repeats):
            others.insert(rng.randint(0, len(others)), rng.choice(safe))
    else:  # rare: the only value drawn is half the target, so fresh values stand in for the copies
        others += _unpaired(rng, repeats, lo, hi, target, used)
    others.insert(i, x)
    others.insert(j, y)
    return others


def _unpaired(rng: random.Random, count: int, lo: int, hi: int, target: int, used: set[int]) -> list[int]:
    """`count` values from lo..hi, none summing to `target` with a value in `used` or with each other.

    Each is added to `used`. A value drawn twice is kept (a duplicate pairs with nothing the first
    copy did not), unless it is half the target.
    """
    values: list[int] = []
    while len(values) < count:
        v = rng.randint(lo, hi)
        if target - v not in used:
            used.add(v)
            values.append(v)
    return values


def _pairs(nums: list[int], target: int) -> list[list[int]]:
    """Every pair of positions [i, j], i < j, whose values add up to `target`."""
    return [[i, j] for i in range(len(nums)) for j in range(i + 1, len(nums)) if nums[i] + nums[j] == target]


def _positions(rng: random.Random, n: int) -> tuple[int, int]:
    """Two different positions below n, smaller first."""
    i, j = sorted(rng.sample(range(n), 2))
    return i, j


@register_family("two_sum")
class TwoSum(Family):
    # 2: levels 8-10 draw from power-of-two ranges (int32 at 9 and 10)
    # 3: plain rng.randint draws, every value screened as it is drawn
    version = 3
    entry_point = "two_sum"
    signature = "def two_sum(nums: list[int], target: int) -> list[int]"
    description = (
        "You are given a list of integers `nums` and an integer `target`. Exactly one pair of\n"
        "different positions i < j has nums[i] + nums[j] == target. Return that pair as the list [i, j]\n"
        "with the smaller index first. The two positions are different but their values may be equal\n"
        "(for [3, 3] and target 6 the answer is [0, 1]). Other values may repeat without forming a\n"
        "pair. Values and the target may be negative or zero."
    )
    levels = {
        1: "3-6 values in 0..50; a list of two is an edge case",
        2: "3-10 values in 0..99",
        3: "3-14 values in 0..199; an answer of two equal values is an edge case",
        4: "4-18 values in -200..200 (negatives), sometimes target 0",
        5: "5-22 values in -500..500",
        6: "6-26 values in -1000..1000",
        7: "8-30 values in -10^4..10^4",
        8: "10-34 values in -2^20..2^20-1 (about +-10^6)",
        9: "12-38 values anywhere in the 32-bit signed range (about +-2.1*10^9)",
        10: "15-40 values in the 32-bit signed range",
    }
    reference_source = '''def two_sum(nums: list[int], target: int) -> list[int]:
    seen = {}
    for j, value in enumerate(nums):
        if target - value in seen:
            return [seen[target - value], j]
        seen[value] = j
    return []
'''
    category = "dicts_sets"
    wrong_sources = (
        '''def two_sum(nums, target):  # returns the values, not their indices
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                return [nums[i], nums[j]]
    return []
''',
        '''def two_sum(nums, target):  # indices into the sorted list, not the input
    order = sorted(nums)
    lo, hi = 0, len(order) - 1
    while lo < hi:
        total = order[lo] + order[hi]
        if total == target:
            return [lo, hi]
        if total < target:
            lo += 1
        else:
            hi -= 1
    return []
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi = _PARAMS[difficulty]
        n = rng.randint(short, long)
        x = rng.randint(lo, hi)
        # from level 4 on, a pair of opposites sometimes makes the target 0
        y = -x if difficulty >= 4 and rng.random() < 0.15 else rng.randint(lo, hi)
        i, j = _positions(rng, n)
        repeats = rng.randint(0, (n - 2) // 4)
        return (_fill(rng, n, x, y, lo, hi, i, j, repeats), x + y)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi = _PARAMS[difficulty]
        kinds = ["two_items", "ends", "duplicates"] + (["equal_pair"] if difficulty >= 3 else [])
        edges = []
        for kind in rng.sample(kinds, 3):
            n = 2 if kind == "two_items" else rng.randint(max(short, 4), max(long, 5))
            vlo, vhi = lo, hi
            if kind == "two_items" and hi - lo < 10**4:
                # splits may not share an input, even across levels: [x, y] needs a wider range
                vlo, vhi = (0, 10**4) if lo >= 0 else (-10**4, 10**4)
            x = rng.randint(vlo, vhi)
            y = x if kind == "equal_pair" else rng.randint(vlo, vhi)
            i, j = (0, n - 1) if kind in ("two_items", "ends") else _positions(rng, n)
            repeats = rng.randint(1, (n - 2) // 2) if kind == "duplicates" else 0
            edges.append((_fill(rng, n, x, y, lo, hi, i, j, repeats), x + y))
        return edges

    def check_args(self, nums: list[int], target: int) -> None:
        assert isinstance(nums, list) and type(target) is int, "nums must be a list and target an int"
        assert len(nums) >= 2 and all(type(v) is int for v in nums), f"need >= 2 integers, got {nums!r}"
        pairs = _pairs(nums, target)
        assert len(pairs) == 1, f"{nums!r} has {len(pairs)} pairs summing to {target}, not exactly one"
