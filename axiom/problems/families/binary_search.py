"""Find the first index of a target in a sorted list, or -1 when it is absent.

Up to level 5 the values never repeat, so the first index is the only one. From level 6 values may
repeat, and the target's run of copies gets likelier and longer with the level: a plain binary search
returns whichever copy it meets first, and only a search for the leftmost copy (lower bound) is right.
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value)
_PARAMS = {
    1: (2, 8, 0, 199), 2: (2, 12, 0, 499), 3: (2, 16, 0, 999), 4: (3, 20, -999, 999),
    5: (4, 26, -2000, 2000), 6: (5, 32, -5000, 5000), 7: (6, 40, -10**4, 10**4),
    8: (8, 48, -10**6, 10**6), 9: (10, 54, -10**9, 10**9), 10: (15, 60, -10**9, 10**9),
}
# level: (chance that a found target comes in a run of copies, most copies in a run); none below level 6
_RUNS = {6: (0.15, 3), 7: (0.25, 4), 8: (0.4, 5), 9: (0.8, 8), 10: (1.0, 12)}


def _wide(lo: int, hi: int) -> tuple[int, int]:
    # Splits may not share an input, even across levels, so a one-value edge case ([x], x) needs
    # a range of a million values or more, not the few hundred a low level uses for its lists.
    return (lo, hi) if hi - lo >= 10**6 else (0, 10**6) if lo >= 0 else (-10**6, 10**6)


def _sorted_values(rng: random.Random, n: int, lo: int, hi: int) -> list[int]:
    """n different values from lo..hi in increasing order; the gaps between them leave room for
    absent targets inside the list's range."""
    return sorted(rng.sample(range(lo, hi + 1), n))


def _repeat(arr: list[int], at: int, copies: int) -> list[int]:
    """arr with its value at index `at` repeated `copies` times in place."""
    return arr[:at] + [arr[at]] * copies + arr[at + 1:]


def _scatter(rng: random.Random, arr: list[int], most: int, target: int) -> list[int]:
    """arr with about a fifth of its values other than target repeated 2..most times."""
    out = []
    for v in arr:
        out += [v] * (rng.randint(2, most) if v != target and rng.random() < 0.2 else 1)
    return out


def _absent_inside(rng: random.Random, arr: list[int]) -> int:
    """A value between arr[0] and arr[-1] that is not in arr, or just outside when there is none."""
    present = set(arr)
    for _ in range(20):
        t = rng.randint(arr[0], arr[-1])
        if t not in present:
            return t
    return arr[-1] + 1 if rng.random() < 0.5 else arr[0] - 1


def _below(rng: random.Random, arr: list[int], lo: int, spread: int) -> int:
    # below the smallest value but not below the level's range (no negatives before level 4),
    # unless the list already starts at the bottom of it
    return max(arr[0] - rng.randint(1, spread), min(lo, arr[0] - 1))


@register_family("binary_search")
class BinarySearch(Family):
    # 2: every problem's hidden tests are its five edge cases (both ends, the middle, above, below or
    #    between), so they kill >= 90% of the reference's mutants at every level; plain rng draws
    # 3: values may repeat from level 6 and the answer is the first copy's index: the found targets
    #    come in runs of copies, likelier and longer up to level 10 (a plain binary search fails there)
    version = 3
    entry_point = "binary_search"
    signature = "def binary_search(arr: list[int], target: int) -> int"
    description = (
        "You are given a list of integers `arr` sorted in non-decreasing order and an integer `target`.\n"
        "Values may repeat: then return the index of the FIRST occurrence of `target` (the smallest i with\n"
        "arr[i] == target), counting from 0, so binary_search([1, 4, 4, 4, 9], 4) == 1.\n"
        "If `target` does not occur in `arr`, return -1. An empty list contains nothing, so the answer\n"
        "for it is -1. Values may be negative. Use binary search so the function stays fast."
    )
    levels = {
        1: "2-8 values in 0..199, no value repeated; targets at both ends, in the middle, above, and below or "
           "between the values; a list of one or two values",
        2: "2-12 values in 0..499; the empty list",
        3: "2-16 values in 0..999",
        4: "3-20 values in -999..999 (negative values)",
        5: "4-26 values in -2000..2000",
        6: "5-32 distinct values in -5000..5000, a fifth of them repeated 2-3 times; a found target has "
           "2-3 copies 15% of the time",
        7: "6-40 distinct values in -10^4..10^4, repeated up to 4 times; a found target has copies 25% of the time",
        8: "8-48 distinct values in -10^6..10^6, repeated up to 5 times; a found target has copies 40% of the time",
        9: "10-54 distinct values up to +-10^9, repeated up to 8 times; a found target has copies 80% of the time",
        10: "15-60 distinct values up to +-10^9, repeated up to 12 times; every found target has 2-12 copies",
    }
    reference_source = '''def binary_search(arr: list[int], target: int) -> int:
    lo, hi = 0, len(arr)
    while lo < hi:  # the first index holding a value >= target is in lo..hi
        mid = (lo + hi) // 2
        if arr[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(arr) and arr[lo] == target:
        return lo
    return -1
'''
    category = "sorting_searching"
    wrong_sources = (
        '''def binary_search(arr, target):  # None instead of -1 when absent
    lo, hi = 0, len(arr) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if arr[mid] == target:
            return mid
        if arr[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return None
''',
        '''def binary_search(arr, target):  # lo < hi skips the last candidate
    lo, hi = 0, len(arr) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if arr[mid] == target:
            return mid
        if arr[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
''',
        '''def binary_search(arr, target):  # stops at any copy of target, not the first
    lo, hi = 0, len(arr) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if arr[mid] == target:
            return mid
        if arr[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
''',
        '''def binary_search(arr, target):  # the last copy of target, not the first
    lo, hi = 0, len(arr)
    while lo < hi:
        mid = (lo + hi) // 2
        if arr[mid] <= target:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1 if lo > 0 and arr[lo - 1] == target else -1
''',
    )

    def _run(self, rng: random.Random, difficulty: int) -> int:
        """How many copies a found target comes in: 1 (no run) or 2..the level's most."""
        chance, most = _RUNS.get(difficulty, (0.0, 1))
        return rng.randint(2, most) if rng.random() < chance else 1

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi = _PARAMS[difficulty]
        arr = _sorted_values(rng, rng.randint(short, long), lo, hi)
        r = rng.random()
        if r < 0.5:
            at = rng.randrange(len(arr))
            target = arr[at]
            arr = _repeat(arr, at, self._run(rng, difficulty))
        elif r < 0.9:
            target = _absent_inside(rng, arr)
        else:  # outside the range on either side
            target = _below(rng, arr, lo, 50) if rng.random() < 0.5 else arr[-1] + rng.randint(1, 50)
        if difficulty >= 6:  # other values repeat too (they do not change the answer)
            arr = _scatter(rng, arr, _RUNS[difficulty][1], target)
        return (arr, target)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        # Five a problem, each the undoing of a common mistake: a target at either end (wrong starting
        # bounds, a loop that stops one step early), one inside (returning lo or hi instead of mid,
        # turning the wrong way), an absent one above the values (reading past the end) and one below
        # or between them (a bound that never moves past mid). A quarter of the time one of them is
        # asked of a list of 0-2 values instead. From level 6 a found target may come in a run of
        # copies (the first copy's index is the answer: at the start, the start of the last run, or
        # inside), and other values repeat as well.
        short, long, lo, hi = _PARAMS[difficulty]

        def values() -> list[int]:
            return _sorted_values(rng, rng.randint(max(short, 3), long), lo, hi)

        def tiny() -> bool:
            return rng.random() < 0.25

        def others(arr: list[int], target: int) -> list[int]:  # values other than the target repeat as well
            return _scatter(rng, arr, _RUNS[difficulty][1], target) if difficulty >= 6 else arr

        x, y = sorted(rng.sample(range(*_wide(lo, hi)), 2))  # the values of a tiny list
        first = [x] if tiny() else values()
        last = [x, y] if tiny() else values()
        inside = values()
        above = [] if difficulty >= 2 and tiny() else values()
        left = [y] if tiny() else values()
        if len(left) == 1:
            left_target = y - rng.randint(1, 9)
        else:
            left_target = _below(rng, left, lo, 9) if rng.random() < 0.5 else _absent_inside(rng, left)
        # the middle third: found before the search has narrowed to one or two values
        at = rng.randint(len(inside) // 3, (len(inside) - 1) * 2 // 3)
        middle = inside[at]
        above_target = above[-1] + rng.randint(1, 9) if above else x
        first_target, last_target = first[0], last[-1]
        first = others(_repeat(first, 0, self._run(rng, difficulty)), first_target)
        last = others(_repeat(last, len(last) - 1, self._run(rng, difficulty)), last_target)
        inside = others(_repeat(inside, at, self._run(rng, difficulty)), middle)
        return [(first, first_target), (last, last_target), (inside, middle),
                (others(above, above_target), above_target), (others(left, left_target), left_target)]

    def check_args(self, arr: list[int], target: int) -> None:
        assert isinstance(arr, list) and type(target) is int, "arr must be a list and target an int"
        assert all(type(v) is int for v in arr), f"non-integer value in {arr!r}"
        assert all(arr[i] <= arr[i + 1] for i in range(len(arr) - 1)), f"{arr!r} is not sorted"
