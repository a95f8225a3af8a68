"""Rotate a list to the right by k places; k may exceed the length or be negative."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value, k_low, k_high);
# k is drawn from k_low * n .. k_high * n - 1 for a list of n values
_PARAMS = {
    1: (3, 8, 0, 99, 0, 1),
    2: (3, 10, 0, 199, 0, 2),
    3: (3, 12, 0, 999, 0, 4),
    4: (4, 16, -99, 99, -2, 3),
    5: (4, 20, -999, 999, -4, 4),
    6: (5, 26, -10**4, 10**4, -10, 10),
    7: (6, 32, -10**4, 10**4, -100, 100),
    8: (8, 40, -10**6, 10**6, -10**5, 10**5),
    9: (10, 50, -10**9, 10**9, -10**8, 10**8),
    10: (12, 60, -10**9, 10**9, -10**16, 10**16),
}


def _values(rng: random.Random, n: int, lo: int, hi: int) -> list[int]:
    return rng.choices(range(lo, hi + 1), k=n)


@register_family("rotate_list")
class RotateList(Family):
    version = 2  # 2: every problem tests one value and (level 5+) the empty list, then one kind of k
    entry_point = "rotate_list"
    signature = "def rotate_list(nums: list[int], k: int) -> list[int]"
    description = (
        "Return a new list holding nums rotated to the right by k places: every element moves k\n"
        "positions towards the end, and elements pushed past the end come back at the front, so\n"
        "rotate_list([1, 2, 3, 4, 5], 2) == [4, 5, 1, 2, 3]. k may be larger than the length (rotating\n"
        "by the length gives the list back unchanged) or negative (a negative k rotates to the left:\n"
        "rotate_list([1, 2, 3, 4, 5], -1) == [2, 3, 4, 5, 1]). An empty list gives an empty list for any k.\n"
        "Do not modify nums."
    )
    levels = {
        1: "3-8 values in 0..99, 0 <= k < length",
        2: "3-10 values, k up to twice the length",
        3: "3-12 values, k up to four times the length",
        4: "4-16 values in -99..99, negative k (rotate left)",
        5: "4-20 values, k in -4n..4n; the empty list is an edge case",
        6: "5-26 values, k in -10n..10n",
        7: "6-32 values, k in -100n..100n",
        8: "8-40 values up to +-10^6, |k| up to ~10^6",
        9: "10-50 values up to +-10^9, |k| up to ~10^9",
        10: "12-60 values up to +-10^9, |k| up to ~10^17",
    }
    reference_source = '''def rotate_list(nums: list[int], k: int) -> list[int]:
    n = len(nums)
    if n == 0:
        return []
    k %= n  # Python's % is never negative: -1 % 5 == 4, a left turn by 1 is a right turn by 4
    return nums[n - k:] + nums[:n - k]
'''
    category = "lists"
    wrong_sources = (
        '''def rotate_list(nums, k):  # no modulo: k larger than the length leaves the list unchanged
    return nums[-k:] + nums[:-k]
''',
        '''def rotate_list(nums, k):  # rotates to the left instead of the right
    if not nums:
        return []
    k %= len(nums)
    return nums[k:] + nums[:k]
''',
        '''def rotate_list(nums, k):  # ignores the sign of k: a negative k also rotates to the right
    if not nums:
        return []
    k = abs(k) % len(nums)
    return nums[len(nums) - k:] + nums[:len(nums) - k]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, k_low, k_high = _PARAMS[difficulty]
        n = rng.randint(short, long)
        return (_values(rng, n, lo, hi), rng.randint(k_low * n, k_high * n - 1))

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, k_low, k_high = _PARAMS[difficulty]
        # the short lists always (one value and, from level 5, none: n % 0 fails), then one kind of k
        pool = ["full_turns", "last_to_front"] + (["one_left"] if difficulty >= 4 else [])
        kinds = ["single"] + (["empty"] if difficulty >= 5 else []) + rng.sample(pool, 1)
        edges = []
        for kind in kinds:
            n = rng.randint(short, long)
            nums = _values(rng, n, lo, hi)
            if kind == "full_turns":  # a multiple of the length: the list comes back unchanged
                edges.append((nums, n * rng.randint(max(1, k_low), max(1, k_high))))
            elif kind == "single":  # one value: any k leaves it; a wide range keeps the input rare
                edges.append(([rng.randint(-10**6, 10**6) if difficulty >= 4 else rng.randint(0, 10**6)],
                               rng.randint(k_low, k_high + 5)))
            elif kind == "last_to_front":  # k = 1 (or 1 plus whole turns)
                edges.append((nums, 1 + n * rng.randint(0, max(0, k_high - 1))))
            elif kind == "one_left":  # k = -1: the first element goes to the end
                edges.append((nums, -1 - n * rng.randint(0, -k_low - 1)))
            else:
                edges.append(([], rng.randint(-10**6, 10**6)))
        return edges

    def check_args(self, nums: list[int], k: int) -> None:
        assert isinstance(nums, list) and type(k) is int, "nums must be a list and k an int"
        assert all(type(v) is int for v in nums), f"non-integer value in {nums!r}"
