"""The length of the longest strictly increasing run of consecutive elements."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value, chance of a plateau after each value)
_PARAMS = {
    1: (4, 8, 0, 99, 0.0),
    2: (4, 10, 0, 99, 0.0),
    3: (5, 14, 0, 999, 0.1),
    4: (5, 18, -99, 99, 0.1),
    5: (6, 22, -999, 999, 0.15),
    6: (6, 28, -10**4, 10**4, 0.15),
    7: (8, 34, -10**4, 10**4, 0.2),
    8: (8, 42, -10**6, 10**6, 0.2),
    9: (10, 50, -10**9, 10**9, 0.2),
    10: (12, 60, -10**9, 10**9, 0.25),
}


def _runs(rng: random.Random, n: int, lo: int, hi: int, plateau: float) -> list[int]:
    """n values made of increasing stretches of random lengths; a plateau repeats the previous value."""
    out: list[int] = []
    while len(out) < n:
        length = min(n - len(out), rng.randint(1, max(2, n // 2)))
        out += sorted(rng.sample(range(lo, hi + 1), length))
    for i in range(1, n):
        if rng.random() < plateau:  # equal neighbours end a strictly increasing run
            out[i] = out[i - 1]
    return out


@register_family("longest_increasing_run")
class LongestIncreasingRun(Family):
    version = 2  # 2: every problem tests the longest run first and (level 2+) the empty list
    entry_point = "longest_increasing_run"
    signature = "def longest_increasing_run(nums: list[int]) -> int"
    description = (
        "Return the length of the longest run of consecutive elements of nums that is strictly\n"
        "increasing: each element of the run is greater than the one before it (an equal neighbour ends\n"
        "the run). The run must be contiguous, not a subsequence with gaps. A single element is a run of\n"
        "length 1, so any non-empty list gives at least 1; an empty list gives 0."
    )
    levels = {
        1: "4-8 values in 0..99",
        2: "4-10 values; the empty list and a decreasing list are edge cases",
        3: "5-14 values in 0..999, equal neighbours (plateaus)",
        4: "5-18 values in -99..99 (negatives)",
        5: "6-22 values in -999..999",
        6: "6-28 values up to +-10^4",
        7: "8-34 values, more plateaus; all-equal lists",
        8: "8-42 values up to +-10^6",
        9: "10-50 values up to +-10^9",
        10: "12-60 values up to +-10^9, many plateaus",
    }
    reference_source = '''def longest_increasing_run(nums: list[int]) -> int:
    if not nums:
        return 0
    best = current = 1
    for i in range(1, len(nums)):
        current = current + 1 if nums[i] > nums[i - 1] else 1
        best = max(best, current)
    return best
'''
    category = "lists"
    wrong_sources = (
        '''def longest_increasing_run(nums):  # counts equal neighbours as increasing
    if not nums:
        return 0
    best = current = 1
    for i in range(1, len(nums)):
        current = current + 1 if nums[i] >= nums[i - 1] else 1
        best = max(best, current)
    return best
''',
        '''def longest_increasing_run(nums):  # only checks a run when it breaks: misses one at the end
    if not nums:
        return 0
    best = current = 1
    for i in range(1, len(nums)):
        if nums[i] > nums[i - 1]:
            current += 1
        else:
            best = max(best, current)
            current = 1
    return best
''',
        '''def longest_increasing_run(nums):  # counts the steps up, one less than the elements
    best = current = 0
    for i in range(1, len(nums)):
        current = current + 1 if nums[i] > nums[i - 1] else 0
        best = max(best, current)
    return best
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, plateau = _PARAMS[difficulty]
        return (_runs(rng, rng.randint(short, long), lo, hi, plateau),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, plateau = _PARAMS[difficulty]
        pool = ["longest_last", "all_increasing"] + (["decreasing"] if difficulty >= 2 else [])
        if difficulty >= 7:
            pool.append("all_equal")
        # the longest run first and (level 2 on) the empty list always, then one more kind
        kinds = ["longest_first"] + (["empty"] if difficulty >= 2 else []) + rng.sample(pool, 1)
        edges = []
        for kind in kinds:
            n = rng.randint(short, long)
            if kind == "longest_first":  # ending below its first value: a loop from i = 0 that compares
                # nums[0] with nums[-1] lengthens the first run; n values in all, like the level's other lists
                head = sorted(rng.sample(range(lo + 1, hi + 1), rng.randint(n // 2 + 1, n - 1)))
                edges.append((head + _runs(rng, n - len(head) - 1, lo, hi, plateau) + [lo],))
            elif kind == "longest_last":  # a run longer than any before it ends the list
                tail = sorted(rng.sample(range(lo, hi + 1), rng.randint(n // 2 + 1, n)))
                edges.append((_runs(rng, n - len(tail), lo, hi, plateau) + tail,))
            elif kind == "all_increasing":
                edges.append((sorted(rng.sample(range(lo, hi + 1), n)),))
            elif kind == "decreasing":  # every run has length 1
                edges.append((sorted(rng.sample(range(lo, hi + 1), n), reverse=True),))
            elif kind == "empty":
                edges.append(([],))
            else:  # one value repeated: the answer is 1
                edges.append(([rng.randint(lo, hi)] * n,))
        return edges

    def check_args(self, nums: list[int]) -> None:
        assert isinstance(nums, list), "nums must be a list"
        assert all(type(v) is int for v in nums), f"non-integer value in {nums!r}"
