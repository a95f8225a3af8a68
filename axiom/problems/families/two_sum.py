"""Find the only pair of positions whose values add up to a target.

Inputs are built so the contract holds: the answer pair is chosen first, then every other value
is drawn so it forms no pair summing to the target with anything already in the list.
"""

from __future__ import annotations

import random
from itertools import count, repeat, starmap
from math import floor
from operator import mul, sub

from axiom.problems.family import Family, randint, randints, register_family, signed_ints

_INT = frozenset({int})  # type(True) is bool, so booleans are not ints here
_WIDE = 2 * 10**4  # levels whose value range is at least this wide draw first and check after (TwoSum._fill_checked)
# level: (shortest, longest list, smallest value, largest value)
_PARAMS = {
    1: (3, 6, 0, 50), 2: (3, 10, 0, 99), 3: (3, 14, 0, 199), 4: (4, 18, -200, 200),
    5: (5, 22, -500, 500), 6: (6, 26, -1000, 1000), 7: (8, 30, -10**4, 10**4),
    # version 2: the widest levels span a power of two (2^21 values; the int32 range), drawn from
    # random bytes (signed_ints) at a third of the cost of scaled floats
    8: (10, 34, -2**20, 2**20 - 1), 9: (12, 38, -2**31, 2**31 - 1), 10: (15, 40, -2**31, 2**31 - 1),
}


def _draw(rng: random.Random, lo: int, hi: int, k: int) -> list[int]:
    """k values in lo..hi."""
    bits = (hi - lo).bit_length()
    if lo == -hi - 1 and hi - lo + 1 == 1 << bits:
        return signed_ints(rng, bits, k)
    return randints(rng, lo, hi, k)


def _fill(rng: random.Random, n: int, x: int, y: int, lo: int, hi: int, i: int, j: int,
          repeats: int, screen: bool = True) -> list[int]:
    """A list of n values with x at position i, y at j (i < j) and no other pair summing to x + y.

    `repeats` of the other values are copies of earlier ones: duplicates that form no pair.
    A drawn value that would complete a pair is dropped and replaced by a spare draw; in the rare
    case that too many are, the list comes out shorter, with x and y still at its ends when i = 0
    and j = n - 1. With screen=False the draws are not screened for pairs: at the wide levels a
    stray pair is rare and TwoSum._fill_checked checks the finished list instead.
    """
    target = x + y
    fresh = n - 2 - repeats
    others = _draw(rng, lo, hi, fresh)
    if screen and _stray_pair(others, x, y, target):
        used = {x, y}  # membership only; never iterated
        drawn, others = others + _draw(rng, lo, hi, 4 + fresh // 4), []
        for v in drawn:
            if len(others) == fresh:
                break
            if target - v not in used:
                used.add(v)
                others.append(v)
    if repeats and others:
        # a copy of v is safe unless v is half the target (then the two copies would be a pair)
        safe = [v for v in others if 2 * v != target] if target % 2 == 0 and target // 2 in others else others
        if safe:
            # rng.choices(safe, k=repeats), then one position a copy, as the same floats in one draw
            floats = list(starmap(rng.random, repeat((), 2 * repeats)))
            # (a list, drawn before any insert: safe may be `others` itself)
            copies = list(map(safe.__getitem__, map(floor, map(mul, floats[:repeats], repeat(float(len(safe)))))))
            insert = others.insert
            for size, f, v in zip(count(len(others) + 1), floats[repeats:], copies):
                insert(int(f * size), v)
    others.insert(i, x)
    others.insert(j, y)
    return others


def _stray_pair(others: list[int], x: int, y: int, target: int) -> bool:
    """Whether a drawn value completes a pair with x, y or another drawn value (one C-level test)."""
    partners = set(map(sub, repeat(target), others))
    return x in partners or y in partners or not partners.isdisjoint(others)


def _pairs(nums: list[int], target: int) -> tuple[int, list[int] | None]:
    """The number of position pairs i < j with nums[i] + nums[j] == target, and the pair when it is one."""
    values = set(nums)
    # the values whose complement is present too: the pair's values, and half the target if present
    paired = values.intersection(map(sub, repeat(target), values))
    if len(paired) == 2:  # the usual case: x + y == target with x != y (half the target would make 3)
        x, y = paired
        if len(values) == len(nums) or (nums.count(x) == 1 and nums.count(y) == 1):
            i, j = nums.index(x), nums.index(y)
            return 1, [i, j] if i < j else [j, i]
    if len(values) == len(nums):  # no repeats: each such value is in exactly one pair, or is half the target
        pairs = (len(paired) - (target % 2 == 0 and target // 2 in values)) // 2
    else:
        count = nums.count
        pairs = sum(count(v) * count(target - v) if 2 * v < target else count(v) * (count(v) - 1) // 2
                    for v in paired if 2 * v <= target)
    if pairs != 1:
        return pairs, None
    # the one pair's positions (half the target may be present once without pairing)
    for v in paired:
        if 2 * v != target:
            return 1, sorted((nums.index(v), nums.index(target - v)))
        if nums.count(v) == 2:
            first = nums.index(v)
            return 1, [first, nums.index(v, first + 1)]
    raise AssertionError("unreachable: one pair counted, none found")


def _pair(rng: random.Random, lo: int, hi: int, zero_target: bool) -> tuple[int, int]:
    x = randint(rng, lo, hi)
    return (x, -x) if zero_target else (x, randint(rng, lo, hi))


def _positions(rng: random.Random, n: int) -> tuple[int, int]:
    """Two different positions below n, smaller first, every pair equally likely."""
    i, j = int(rng.random() * n), int(rng.random() * (n - 1))
    j += j >= i
    return min(i, j), max(i, j)


@register_family("two_sum")
class TwoSum(Family):
    version = 2  # 2: levels 8-10 draw from power-of-two ranges (int32 at 9 and 10); levels 7-10 check once
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
        n = randint(rng, short, long)
        x, y = _pair(rng, lo, hi, difficulty >= 4 and rng.random() < 0.15)
        i, j = _positions(rng, n)
        return (self._fill_checked(rng, n, x, y, lo, hi, i, j, repeats=randint(rng, 0, (n - 2) // 4)), x + y)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi = _PARAMS[difficulty]
        kinds = ["two_items", "ends", "duplicates"] + (["equal_pair"] if difficulty >= 3 else [])
        edges = []
        for kind in rng.sample(kinds, 3):
            n = 2 if kind == "two_items" else randint(rng, max(short, 4), max(long, 5))
            vlo, vhi = lo, hi
            if kind == "two_items" and hi - lo < 10**4:
                # splits may not share an input, even across levels: [x, y] needs a wider range
                vlo, vhi = (0, 10**4) if lo >= 0 else (-10**4, 10**4)
            x = randint(rng, vlo, vhi)
            y = x if kind == "equal_pair" else randint(rng, vlo, vhi)
            i, j = (0, n - 1) if kind in ("two_items", "ends") else _positions(rng, n)
            repeats = randint(rng, 1, (n - 2) // 2) if kind == "duplicates" else 0
            edges.append((self._fill_checked(rng, n, x, y, lo, hi, i, j, repeats), x + y))
        return edges

    def check_args(self, nums: list[int], target: int) -> None:
        known = self.recall(id(nums))
        if known is not None and known[0] is nums and known[1] == target:
            return  # this very list was checked (by _fill_checked) when it was made
        assert isinstance(nums, list) and type(target) is int, "nums must be a list and target an int"
        assert len(nums) >= 2 and _INT.issuperset(map(type, nums)), f"need >= 2 integers, got {nums!r}"
        pairs, answer = _pairs(nums, target)
        assert pairs == 1, f"{nums!r} has {pairs} pairs summing to {target}, not exactly one"
        # keyed by the list's identity (holding the list keeps its id from being reused): hashing a
        # 40-value tuple twice per input costs more than the rest of the recall
        self.remember(id(nums), (nums, target, answer))

    def _fill_checked(self, rng: random.Random, n: int, x: int, y: int, lo: int, hi: int, i: int, j: int,
                      repeats: int) -> list[int]:
        """_fill; at the wide levels the draws go unscreened and the finished list is checked
        once, here (the same test as check_args, which then recalls it): a stray pair is rare
        there, and when there is one the list is drawn again, screened."""
        if hi - lo < _WIDE:
            return _fill(rng, n, x, y, lo, hi, i, j, repeats)
        nums = _fill(rng, n, x, y, lo, hi, i, j, repeats, screen=False)
        pairs, answer = _pairs(nums, x + y)
        if pairs != 1:
            return _fill(rng, n, x, y, lo, hi, i, j, repeats)
        self.remember(id(nums), (nums, x + y, answer))
        return nums

    def reference(self, nums: list[int], target: int) -> list[int]:
        known = self.recall(id(nums))
        if known is not None and known[0] is nums and known[1] == target:
            return list(known[2])
        return self._reference(nums, target)
