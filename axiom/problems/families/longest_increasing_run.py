"""The length of the longest strictly increasing run of consecutive elements; a None (levels 6-10) is a gap
that ends a run."""

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


# level: chance that a random value is None, the gap kinds every problem of the level tests:
#   bridge: a None inside an increasing stretch: dropping the Nones first joins two runs into a longer one
#   ends: Nones at both ends (code that starts from nums[0] or stops at nums[-1] meets one)
#   after_gap: two or more Nones in a row, the longest run right after them
#   lone: one value between Nones (a run of 1), the rest of the list all Nones
_GAPS = {
    6: (0.05, ("bridge",)),
    7: (0.1, ("bridge", "ends")),
    8: (0.15, ("bridge", "after_gap", "ends")),
    9: (0.2, ("bridge", "after_gap", "lone")),
    10: (0.3, ("bridge", "after_gap", "lone")),
}
_ALL_NONE = 0.03  # levels 9-10: the chance that a random list is only Nones (the answer 0)


def _filtered_answer(nums: list) -> int:
    """The answer of code that drops the Nones first (wrong: it joins runs across a gap)."""
    values = [x for x in nums if x is not None]
    best = current = min(1, len(values))
    for i in range(1, len(values)):
        current = current + 1 if values[i] > values[i - 1] else 1
        best = max(best, current)
    return best


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
    version = 3  # 3: levels 6-10 hold None values, gaps that end a run and belong to none
    entry_point = "longest_increasing_run"
    signature = "def longest_increasing_run(nums: list[int | None]) -> int"
    description = (
        "Return the length of the longest run of consecutive elements of nums that is strictly\n"
        "increasing: each element of the run is greater than the one before it (an equal neighbour ends\n"
        "the run). The run must be contiguous, not a subsequence with gaps. A single element is a run of\n"
        "length 1, so any list with a number in it gives at least 1; an empty list gives 0.\n"
        "nums may also hold None, a missing value: a None belongs to no run and ends the run before it, so\n"
        "the numbers on its two sides are never in the same run (skipping the Nones and comparing across\n"
        "them is wrong): longest_increasing_run([1, 2, None, 3, 4, 5]) == 3, and a list of only Nones\n"
        "gives 0."
    )
    levels = {
        1: "4-8 values in 0..99",
        2: "4-10 values; the empty list and a decreasing list are edge cases",
        3: "5-14 values in 0..999, equal neighbours (plateaus)",
        4: "5-18 values in -99..99 (negatives)",
        5: "6-22 values in -999..999",
        6: "6-28 values up to +-10^4; a None inside an increasing stretch (it splits the run)",
        7: "8-34 values, more plateaus; all-equal lists; Nones at both ends, 10% of values None",
        8: "8-42 values up to +-10^6; Nones in a row with the longest run right after them",
        9: "10-50 values up to +-10^9, 20% None; one number among Nones; now and then only Nones (0)",
        10: "12-60 values up to +-10^9, many plateaus, 30% None",
    }
    reference_source = '''def longest_increasing_run(nums: list[int | None]) -> int:
    best = current = 0
    for i, x in enumerate(nums):
        if x is None:
            current = 0  # a gap ends the run and starts none
        elif current > 0 and x > nums[i - 1]:
            current += 1
        else:
            current = 1
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
        '''def longest_increasing_run(nums):  # drops the Nones first, so a run goes on across a gap
    values = [x for x in nums if x is not None]
    if not values:
        return 0
    best = current = 1
    for i in range(1, len(values)):
        current = current + 1 if values[i] > values[i - 1] else 1
        best = max(best, current)
    return best
''',
        '''def longest_increasing_run(nums):  # compares with the last number before a gap, as if it were not there
    best = current = 0
    last = None
    for x in nums:
        if x is None:
            continue
        current = current + 1 if last is not None and x > last else 1
        last = x
        best = max(best, current)
    return best
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, plateau = _PARAMS[difficulty]
        n = rng.randint(short, long)
        if difficulty >= 9 and rng.random() < _ALL_NONE:
            return ([None] * n,)
        nums: list = _runs(rng, n, lo, hi, plateau)
        gap, _ = _GAPS.get(difficulty, (0.0, ()))
        return ([None if rng.random() < gap else x for x in nums],)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, plateau = _PARAMS[difficulty]
        pool = ["longest_last", "all_increasing"] + (["decreasing"] if difficulty >= 2 else [])
        if difficulty >= 7:
            pool.append("all_equal")
        _, gaps = _GAPS.get(difficulty, (0.0, ()))
        # the longest run first and (level 2 on) the empty list always, then one more kind while there is room
        # for the level's gap kinds (levels 6-10), which come last
        kinds = ["longest_first"] + (["empty"] if difficulty >= 2 else []) + rng.sample(pool, int(len(gaps) < 3))
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
        return edges + [self._gap_case(rng, kind, difficulty) for kind in gaps]

    def _gap_case(self, rng: random.Random, kind: str, difficulty: int) -> tuple:
        short, long, lo, hi, plateau = _PARAMS[difficulty]
        n = rng.randint(max(short, 8), long)
        if kind == "lone":  # one value among Nones: a run of 1 (a wide range keeps the input rare)
            nums: list = [None] * n
            nums[rng.randrange(n)] = rng.randint(-10**9, 10**9)
            return (nums,)
        for _ in range(100):
            nums = _runs(rng, n, lo, hi, plateau)
            if kind == "bridge":  # a None inside a long increasing stretch, so no longer run is left
                tail = sorted(rng.sample(range(lo, hi + 1), rng.randint(4, max(4, n // 2))))
                nums = nums[:n - len(tail)] + tail
                nums[rng.randint(n - len(tail) + 1, n - 2)] = None
                if _filtered_answer(nums) != self.reference(nums):
                    return (nums,)
            elif kind == "ends":  # Nones first and last
                nums[0] = nums[-1] = None
                if rng.random() < 0.5:
                    nums[1] = None
                return (nums,)
            else:  # after_gap: two or three Nones, then the longest run
                tail = sorted(rng.sample(range(lo, hi + 1), rng.randint(n // 2, n - 4)))
                head = _runs(rng, n - len(tail) - 3, lo, hi, plateau)
                return (head + [None] * rng.randint(2, 3) + tail,)
        raise AssertionError(f"no {kind} list found")  # unreachable in practice: bridge succeeds at once

    def check_args(self, nums: list) -> None:
        assert isinstance(nums, list), "nums must be a list"
        assert all(type(v) is int or v is None for v in nums), f"a value neither int nor None in {nums!r}"
