"""Find a target's index in a strictly increasing list, or -1 when it is absent."""

from __future__ import annotations

import operator
import random
from itertools import accumulate, repeat
from operator import add

from axiom.problems.family import Family, randint, register_family

_INT = frozenset({int})  # type(True) is bool, so booleans are not ints here
# level: (shortest, longest list, smallest value, largest value)
_PARAMS = {
    1: (2, 8, 0, 199), 2: (2, 12, 0, 499), 3: (2, 16, 0, 999), 4: (3, 20, -999, 999),
    5: (4, 26, -2000, 2000), 6: (5, 32, -5000, 5000), 7: (6, 40, -10**4, 10**4),
    8: (8, 48, -10**6, 10**6), 9: (10, 54, -10**9, 10**9), 10: (15, 60, -10**9, 10**9),
}
_EDGE_KINDS = ("single_present", "single_absent", "first", "last", "below", "above")


def _wide(lo: int, hi: int) -> tuple[int, int]:
    # Splits may not share an input, even across levels, so a one-value edge case ([x], x) needs
    # a range of a million values or more, not the few hundred a low level uses for its lists.
    return (lo, hi) if hi - lo >= 10**6 else (0, 10**6) if lo >= 0 else (-10**6, 10**6)


def _sorted_values(rng: random.Random, n: int, lo: int, hi: int, longest: int) -> list[int]:
    # random steps of 1 up to several leave gaps, so absent targets can fall inside the range
    step = max(2, (hi - lo) // longest)
    start = randint(rng, lo, hi - (n - 1) * step)
    # steps 1..2^bits, never above `step` (so the last value stays <= hi): n - 1 calls of getrandbits
    # from C cost a third of rng.choices(range(1, step + 1), k=n - 1)
    bits = step.bit_length() - 1
    return list(accumulate(map(add, map(rng.getrandbits, repeat(bits, n - 1)), repeat(1)), initial=start))


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
    entry_point = "binary_search"
    signature = "def binary_search(arr: list[int], target: int) -> int"
    description = (
        "You are given a list of integers `arr` sorted in strictly increasing order (no value repeats)\n"
        "and an integer `target`. Return the index of `target` in `arr`, counting from 0.\n"
        "If `target` does not occur in `arr`, return -1. An empty list contains nothing, so the answer\n"
        "for it is -1. Values may be negative. Use binary search so the function stays fast."
    )
    levels = {
        1: "2-8 values in 0..199, about half the targets present; a single value is an edge case",
        2: "2-12 values in 0..499; the empty list is an edge case",
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
        arr = _sorted_values(rng, randint(rng, short, long), lo, hi, long)
        r = rng.random()
        if r < 0.5:
            target = rng.choice(arr)
        elif r < 0.9:
            target = _absent_inside(rng, arr)
        else:  # outside the range on either side
            target = _below(rng, arr, lo, 50) if rng.random() < 0.5 else arr[-1] + rng.randint(1, 50)
        return (arr, target)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi = _PARAMS[difficulty]
        kinds = list(_EDGE_KINDS) + (["empty"] if difficulty >= 2 else [])
        edges = []
        for kind in rng.sample(kinds, 3):
            if kind == "empty":
                edges.append(([], rng.randint(*_wide(lo, hi))))
            elif kind.startswith("single"):
                x = rng.randint(*_wide(lo, hi))
                missing = x + rng.choice((-1, 1)) * rng.randint(1, 9)
                edges.append(([x], x if kind == "single_present" else missing))
            else:
                arr = _sorted_values(rng, randint(rng, max(short, 3), long), lo, hi, long)
                if kind == "first":
                    target = arr[0]
                elif kind == "last":
                    target = arr[-1]
                elif kind == "below":
                    target = _below(rng, arr, lo, 9)
                else:  # above
                    target = arr[-1] + randint(rng, 1, 9)
                edges.append((arr, target))
        return edges

    def check_args(self, arr: list[int], target: int) -> None:
        assert isinstance(arr, list) and type(target) is int, "arr must be a list and target an int"
        assert _INT.issuperset(map(type, arr)), f"non-integer value in {arr!r}"
        assert all(map(operator.lt, arr, arr[1:])), f"{arr!r} is not strictly increasing"
