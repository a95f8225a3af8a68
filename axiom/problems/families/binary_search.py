"""Find a target's index in a strictly increasing list, or -1 when it is absent."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value)
_PARAMS = {
    1: (2, 8, 0, 199), 2: (2, 12, 0, 499), 3: (2, 16, 0, 999), 4: (3, 20, -999, 999),
    5: (4, 26, -2000, 2000), 6: (5, 32, -5000, 5000), 7: (6, 40, -10**4, 10**4),
    8: (8, 48, -10**6, 10**6), 9: (10, 54, -10**9, 10**9), 10: (15, 60, -10**9, 10**9),
}


def _wide(lo: int, hi: int) -> tuple[int, int]:
    # Splits may not share an input, even across levels, so a one-value edge case ([x], x) needs
    # a range of a million values or more, not the few hundred a low level uses for its lists.
    return (lo, hi) if hi - lo >= 10**6 else (0, 10**6) if lo >= 0 else (-10**6, 10**6)


def _sorted_values(rng: random.Random, n: int, lo: int, hi: int) -> list[int]:
    """n different values from lo..hi in increasing order; the gaps between them leave room for
    absent targets inside the list's range."""
    return sorted(rng.sample(range(lo, hi + 1), n))


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
    version = 2
    entry_point = "binary_search"
    signature = "def binary_search(arr: list[int], target: int) -> int"
    description = (
        "You are given a list of integers `arr` sorted in strictly increasing order (no value repeats)\n"
        "and an integer `target`. Return the index of `target` in `arr`, counting from 0.\n"
        "If `target` does not occur in `arr`, return -1. An empty list contains nothing, so the answer\n"
        "for it is -1. Values may be negative. Use binary search so the function stays fast."
    )
    levels = {
        1: "2-8 values in 0..199; targets at both ends, in the middle, above, and below or between the values; "
           "a list of one or two values",
        2: "2-12 values in 0..499; the empty list",
        3: "2-16 values in 0..999",
        4: "3-20 values in -999..999 (negative values)",
        5: "4-26 values in -2000..2000",
        6: "5-32 values in -5000..5000",
        7: "6-40 values in -10^4..10^4",
        8: "8-48 values in -10^6..10^6",
        9: "10-54 values up to +-10^9",
        10: "15-60 values up to +-10^9",
    }
    reference_source = '''def binary_search(arr: list[int], target: int) -> int:
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
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi = _PARAMS[difficulty]
        arr = _sorted_values(rng, rng.randint(short, long), lo, hi)
        r = rng.random()
        if r < 0.5:
            target = rng.choice(arr)
        elif r < 0.9:
            target = _absent_inside(rng, arr)
        else:  # outside the range on either side
            target = _below(rng, arr, lo, 50) if rng.random() < 0.5 else arr[-1] + rng.randint(1, 50)
        return (arr, target)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        # Five a problem, each the undoing of a common mistake: a target at either end (wrong starting
        # bounds, a loop that stops one step early), one inside (returning lo or hi instead of mid,
        # turning the wrong way), an absent one above the values (reading past the end) and one below
        # or between them (a bound that never moves past mid). A quarter of the time one of them is
        # asked of a list of 0-2 values instead.
        short, long, lo, hi = _PARAMS[difficulty]

        def values() -> list[int]:
            return _sorted_values(rng, rng.randint(max(short, 3), long), lo, hi)

        def tiny() -> bool:
            return rng.random() < 0.25

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
        middle = inside[rng.randint(len(inside) // 3, (len(inside) - 1) * 2 // 3)]
        return [(first, first[0]), (last, last[-1]), (inside, middle),
                (above, above[-1] + rng.randint(1, 9) if above else x), (left, left_target)]

    def check_args(self, arr: list[int], target: int) -> None:
        assert isinstance(arr, list) and type(target) is int, "arr must be a list and target an int"
        assert all(type(v) is int for v in arr), f"non-integer value in {arr!r}"
        assert all(arr[i] < arr[i + 1] for i in range(len(arr) - 1)), f"{arr!r} is not strictly increasing"
