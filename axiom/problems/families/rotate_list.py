"""Rotate a list to the right by k places; k may exceed the length or be negative. From level 6 a None is a
fixed slot: it stays in place and the other values rotate among the remaining slots."""

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


# level: chance that a random value is None (a fixed slot), and the slot kinds every problem of the level tests:
#   one_slot: one None inside the list, 0 < k below the number of values
#   ends: Nones first and last, a small negative k
#   big_k: several Nones and a large k, where k modulo the length (Nones counted) rotates the values wrongly
#   all_none: only Nones: no value to rotate, the list comes back as it is (k % 0 fails)
_SLOTS = {
    6: (0.05, ("one_slot",)),
    7: (0.1, ("one_slot", "ends")),
    8: (0.15, ("big_k", "ends", "one_slot")),
    9: (0.2, ("big_k", "ends", "all_none")),
    10: (0.3, ("big_k", "all_none", "ends")),
}


def _values(rng: random.Random, n: int, lo: int, hi: int) -> list[int]:
    return rng.choices(range(lo, hi + 1), k=n)


def _mod_length(nums: list, k: int) -> list:
    """What code that takes k modulo len(nums), Nones counted, gives (wrong where the Nones matter)."""
    values = [x for x in nums if x is not None]
    n = len(values)
    k %= len(nums)
    it = iter(values[n - k:] + values[:n - k])
    return [None if x is None else next(it, None) for x in nums]


@register_family("rotate_list")
class RotateList(Family):
    version = 3  # 3: levels 6-10 hold None values, fixed slots that stay while the other values rotate
    entry_point = "rotate_list"
    signature = "def rotate_list(nums: list[int | None], k: int) -> list[int | None]"
    description = (
        "Return a new list holding nums rotated to the right by k places: every element moves k\n"
        "positions towards the end, and elements pushed past the end come back at the front, so\n"
        "rotate_list([1, 2, 3, 4, 5], 2) == [4, 5, 1, 2, 3]. k may be larger than the length (rotating\n"
        "by the length gives the list back unchanged) or negative (a negative k rotates to the left:\n"
        "rotate_list([1, 2, 3, 4, 5], -1) == [2, 3, 4, 5, 1]). An empty list gives an empty list for any k.\n"
        "nums may also hold None, a fixed slot: every None stays where it is, and the other values rotate\n"
        "by k places among the remaining slots, in order, as if the Nones were not there:\n"
        "rotate_list([1, None, 2, 3], 1) == [3, None, 1, 2]. With Nones, it is a rotation by the number of\n"
        "values (not the length) that gives the list back, and a list of only Nones comes back\n"
        "unchanged for any k. Do not modify nums."
    )
    levels = {
        1: "3-8 values in 0..99, 0 <= k < length",
        2: "3-10 values, k up to twice the length",
        3: "3-12 values, k up to four times the length",
        4: "4-16 values in -99..99, negative k (rotate left)",
        5: "4-20 values, k in -4n..4n; the empty list is an edge case",
        6: "5-26 values, k in -10n..10n; one None (a fixed slot) with a small k",
        7: "6-32 values, k in -100n..100n; Nones at both ends, 10% of values None",
        8: "8-40 values up to +-10^6, |k| up to ~10^6; several Nones and a large k",
        9: "10-50 values up to +-10^9, |k| up to ~10^9, 20% None; a list of only Nones",
        10: "12-60 values up to +-10^9, |k| up to ~10^17, 30% None",
    }
    reference_source = '''def rotate_list(nums: list[int | None], k: int) -> list[int | None]:
    values = [x for x in nums if x is not None]  # a None is a fixed slot: only the values move
    n = len(values)
    if n == 0:
        return list(nums)
    k %= n  # Python's % is never negative: -1 % 5 == 4, a left turn by 1 is a right turn by 4
    moved = iter(values[n - k:] + values[:n - k])
    return [None if x is None else next(moved) for x in nums]
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
        '''def rotate_list(nums, k):  # rotates the Nones along with the values
    if not nums:
        return []
    k %= len(nums)
    return nums[len(nums) - k:] + nums[:len(nums) - k]
''',
        '''def rotate_list(nums, k):  # takes k modulo the whole length, the Nones counted
    values = [x for x in nums if x is not None]
    if not values:
        return list(nums)
    n = len(values)
    k %= len(nums)
    moved = iter(values[n - k:] + values[:n - k])
    return [None if x is None else next(moved, None) for x in nums]
''',
        '''def rotate_list(nums, k):  # keeps every falsy value in place: a 0 stays put like a None
    values = [x for x in nums if x]
    if not values:
        return list(nums)
    n = len(values)
    k %= n
    moved = iter(values[n - k:] + values[:n - k])
    return [next(moved) if x else x for x in nums]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, k_low, k_high = _PARAMS[difficulty]
        n = rng.randint(short, long)
        gap, _ = _SLOTS.get(difficulty, (0.0, ()))
        nums: list = [None if rng.random() < gap else x for x in _values(rng, n, lo, hi)]
        return (nums, rng.randint(k_low * n, k_high * n - 1))

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, k_low, k_high = _PARAMS[difficulty]
        _, slots = _SLOTS.get(difficulty, (0.0, ()))
        # the short lists always (one value and, from level 5, none: n % 0 fails); then, while there is room,
        # a k that moves the values of a list holding a 0 (code that drops falsy values, not Nones, loses it);
        # levels 1-5 a whole number of turns too; levels 6-10 their slot kinds
        kinds = ["single"] + (["empty"] if difficulty >= 5 else [])
        if len(slots) < 3:
            kinds.append(rng.choice(["last_to_front"] + (["one_left"] if difficulty >= 4 else [])))
        if not slots:
            kinds.append("full_turns")
        edges = []
        for kind in kinds:
            n = rng.randint(short, long)
            nums = _values(rng, n, lo, hi)
            nums[rng.randrange(n)] = 0
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
        return edges + [self._slot_case(rng, kind, difficulty) for kind in slots]

    def _slot_case(self, rng: random.Random, kind: str, difficulty: int) -> tuple:
        short, long, lo, hi, k_low, k_high = _PARAMS[difficulty]
        n = rng.randint(max(short, 8), long)
        if kind == "all_none":  # any k from a wide range, so the input stays rare
            return ([None] * n, rng.randint(-10**6, 10**6))
        nums: list = _values(rng, n, lo, hi)
        if kind == "one_slot":  # one None strictly inside, 0 < k < number of values
            slots = [rng.randint(1, n - 2)]
            k = rng.randint(1, n - 2)
        elif kind == "ends":  # Nones first and last, a left turn by a few places
            slots = [0, n - 1]
            k = -rng.randint(1, n - 3)
        else:  # big_k: several Nones, a large k (drawn below)
            slots = rng.sample(range(n), rng.randint(2, n // 3))
        # a 0 among the values: code that drops falsy values instead of Nones loses it
        nums[rng.choice([i for i in range(n) if i not in slots])] = 0
        for i in slots:
            nums[i] = None
        while kind == "big_k":
            k = rng.randint(k_low * n, k_high * n - 1)
            if _mod_length(nums, k) != self.reference(nums, k):
                break
        return (nums, k)

    def check_args(self, nums: list, k: int) -> None:
        assert isinstance(nums, list) and type(k) is int, "nums must be a list and k an int"
        assert all(type(v) is int or v is None for v in nums), f"a value neither int nor None in {nums!r}"
