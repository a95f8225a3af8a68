"""The largest sum of a non-empty contiguous subarray (Kadane's problem), optionally of at most max_len elements.

Up to level 5 no test gives max_len, and Kadane's scan is the whole task. From level 6 a growing share
of the problems test a max_len shorter than the best unbounded run (half of them at level 6, every one
from level 9), and more random tests give one: the window of starts must slide (prefix sums and a
monotonic queue), and Kadane's restart-when-too-long shortcut is wrong.
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, largest absolute value)
_PARAMS = {
    1: (3, 6, 20), 2: (3, 10, 40), 3: (3, 14, 60), 4: (3, 18, 100), 5: (4, 24, 500),
    6: (5, 30, 1000), 7: (6, 38, 10**4), 8: (8, 46, 10**6), 9: (10, 54, 10**9), 10: (12, 60, 10**9),
}
# level: (chance of an edge case whose max_len binds, chance that a random test gives a max_len); none below 6
_BOUNDED = {6: (0.5, 0.1), 7: (0.65, 0.2), 8: (0.8, 0.3), 9: (1.0, 0.5), 10: (1.0, 0.7)}


def _mixed(rng: random.Random, n: int, top: int) -> list[int]:
    # one side of the value range is shrunk per list, so negatives make up a quarter to three
    # quarters of it: the best run is sometimes the whole list, sometimes a single element
    lo, hi = -top, top
    if rng.random() < 0.5:
        lo = -rng.randint(top // 3, top)
    else:
        hi = rng.randint(top // 3, top)
    return rng.choices(range(lo, hi + 1), k=n)


def _shortest_best_run(nums: list[int]) -> int:
    """The length of the shortest subarray with the largest sum: each end's best start is the latest
    one with the smallest prefix sum before it."""
    best, length = nums[0], 1
    low, low_at, total = 0, 0, 0  # the smallest prefix sum so far, where it ends (latest on ties)
    for end, value in enumerate(nums, 1):
        total += value
        if (total - low, low_at - end) > (best, -length):
            best, length = total - low, end - low_at
        if total <= low:
            low, low_at = total, end
    return length


@register_family("max_subarray")
class MaxSubarray(Family):
    # 2: every problem tests a single value and a list with no negative
    # 3: an optional max_len (the subarray's longest length), tested from level 6, more often with the level
    version = 3
    entry_point = "max_subarray"
    signature = "def max_subarray(nums: list[int], max_len: int | None = None) -> int"
    description = (
        "You are given a non-empty list of integers `nums`, which may include negative numbers and\n"
        "zeros. Return the largest sum of a contiguous subarray: a run of one or more consecutive\n"
        "elements. The subarray may not be empty, so when every number is negative the answer is the\n"
        "largest (least negative) element; when every number is positive it is the sum of the whole list.\n"
        "When max_len is given (an integer >= 1), the subarray may hold at most max_len elements:\n"
        "max_subarray([4, -1, 5, 6], 2) == 11 (5 + 6), while max_subarray([4, -1, 5, 6]) == 14. Without it\n"
        "(None) any length is allowed."
    )
    levels = {
        1: "3-6 values in -20..20; a single value and an all-positive list are edge cases",
        2: "3-10 values in -40..40",
        3: "3-14 values in -60..60",
        4: "3-18 values in -100..100",
        5: "4-24 values in -500..500",
        6: "5-30 values in -1000..1000; half the problems test a max_len shorter than the best run, "
           "a tenth of the other tests give a max_len",
        7: "6-38 values in -10^4..10^4; 65% of the problems test a binding max_len, a fifth of the other tests "
           "give one",
        8: "8-46 values in -10^6..10^6; 80% of the problems test a binding max_len, 30% of the other tests give one",
        9: "10-54 values up to +-10^9; every problem tests a binding max_len, half the other tests give one",
        10: "12-60 values up to +-10^9; every problem tests a binding max_len, 70% of the other tests give one",
    }
    reference_source = '''from collections import deque


def max_subarray(nums: list[int], max_len: int | None = None) -> int:
    max_len = max_len or len(nums)  # None: no bound
    prefix = [0]  # prefix[i] is sum(nums[:i]), so nums[i:j] sums to prefix[j] - prefix[i]
    for value in nums:
        prefix.append(prefix[-1] + value)
    best = nums[0]
    starts = deque()  # the starts worth keeping, their prefix sums increasing: starts[0] is the best
    for end in range(1, len(prefix)):
        while starts and prefix[starts[-1]] >= prefix[end - 1]:
            starts.pop()
        starts.append(end - 1)
        if starts[0] < end - max_len:  # one step too far back: the subarray would be longer than max_len
            starts.popleft()
        best = max(best, prefix[end] - prefix[starts[0]])
    return best
'''
    category = "recursion_dp"
    wrong_sources = (
        '''def max_subarray(nums, max_len=None):  # Kadane's scan, restarted when the run grows too long
    best = current = nums[0]
    length = 1
    for x in nums[1:]:
        if current > 0 and (max_len is None or length < max_len):
            current, length = current + x, length + 1
        else:
            current, length = x, 1
        best = max(best, current)
    return best
''',
        '''def max_subarray(nums, max_len=None):  # ignores max_len
    best = current = nums[0]
    for x in nums[1:]:
        current = max(x, current + x)
        best = max(best, current)
    return best
''',
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
        nums = _mixed(rng, rng.randint(short, long), top)
        if rng.random() < _BOUNDED.get(difficulty, (0.0, 0.0))[1]:
            return (nums, rng.randint(1, len(nums)))
        return (nums,)

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
        if rng.random() < _BOUNDED.get(difficulty, (0.0, 0.0))[0]:
            edges.append(self._binding(rng, short, long, top))
        return edges

    def _binding(self, rng: random.Random, short: int, long: int, top: int) -> tuple:
        """A list and a max_len shorter than every best unbounded run, so the bound changes the answer."""
        while True:
            nums = _mixed(rng, rng.randint(max(short, 4), max(long, 5)), top)
            shortest = _shortest_best_run(nums)
            if shortest > 1:
                return (nums, rng.randint(1, shortest - 1))

    def check_args(self, nums: list[int], max_len: int | None = None) -> None:
        assert isinstance(nums, list) and nums, "nums must be a non-empty list"
        assert all(type(v) is int for v in nums), f"non-integer value in {nums!r}"
        assert max_len is None or (type(max_len) is int and max_len >= 1), f"max_len must be >= 1, got {max_len!r}"
