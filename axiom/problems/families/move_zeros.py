"""Move every zero to the end of a list, keeping the other values in their order. From level 6 the list
also holds floats, strings and booleans: a zero is an int or float equal to 0, never False or "0"."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, largest |value|, negatives?, highest share of zeros)
_PARAMS = {
    1: (4, 8, 20, False, 0.3),
    2: (4, 10, 50, False, 0.4),
    3: (5, 12, 50, True, 0.4),
    4: (5, 16, 99, True, 0.5),
    5: (6, 20, 999, True, 0.5),
    6: (6, 26, 10**4, True, 0.6),
    7: (8, 32, 10**4, True, 0.7),
    8: (8, 40, 10**6, True, 0.7),
    9: (10, 50, 10**9, True, 0.8),
    10: (12, 60, 10**9, True, 0.8),
}
# level: chance that a non-zero value is a float, a string, a boolean (else an int); chance that a zero is
# 0.0; and the mixed kinds every problem of the level tests:
#   float_zero: zeros 0 and 0.0 among floats (code that knows only the int 0 leaves 0.0 in place)
#   strings: "0" and "" among the values (neither is a zero; `if not x` moves "")
#   false: False among the values, next to zeros (False == 0 in Python, yet it is no zero and stays)
#   falsy: only False, 0, 0.0, "" and "0": the zeros go to the end, the rest keep their order
_MIXED = {
    6: (0.25, 0.0, 0.0, 0.3, ("float_zero",)),
    7: (0.2, 0.15, 0.0, 0.3, ("float_zero", "strings")),
    8: (0.2, 0.15, 0.1, 0.3, ("false", "float_zero", "strings")),
    9: (0.2, 0.2, 0.15, 0.3, ("false", "falsy", "float_zero", "strings")),
    10: (0.2, 0.2, 0.2, 0.4, ("false", "falsy", "strings", "float_zero")),
}
_WORDS = ("0", "", "0.0", "a", "zero", "00", " ", "x", "None", "False", "-0", "o")


def _nonzero(rng: random.Random, n: int, top: int, negatives: bool) -> list[int]:
    values = rng.choices(range(1, top + 1), k=n)
    return [-v if negatives and rng.random() < 0.5 else v for v in values]


def _mixed(rng: random.Random, n: int, top: int, difficulty: int, kinds: tuple[str, ...] = ()) -> list:
    """n non-zero values of the level's types (or of the named ones: "float", "str", "bool")."""
    to_float, to_str, to_bool, _, _ = _MIXED[difficulty]
    out: list = []
    for v in _nonzero(rng, n, top, True):
        r = rng.random()
        if r < to_float or "float" in kinds and r < 0.4:
            out.append(round(v / rng.choice((4, 8, 10, 100)), 2) or 0.5)  # never 0.0: that is a zero
        elif r < to_float + to_str or "str" in kinds and r < 0.7:
            out.append(rng.choice(_WORDS))
        elif r < to_float + to_str + to_bool or "bool" in kinds and r < 0.9:
            out.append(rng.random() < 0.3)  # False more often than True
        else:
            out.append(v)
    return out


def _sprinkle(rng: random.Random, nums: list, zeros: int, float_zero: float = 0.0) -> list:
    for i in rng.sample(range(len(nums)), zeros):
        nums[i] = 0.0 if rng.random() < float_zero else 0
    return nums


@register_family("move_zeros")
class MoveZeros(Family):
    version = 2  # 2: levels 6-10 mix in floats (0.0 is a zero), strings and booleans (False is not a zero)
    entry_point = "move_zeros"
    signature = "def move_zeros(nums: list) -> list"
    description = (
        "Return a new list with every zero of nums moved to the end. The other values (negative ones\n"
        "included) keep their original relative order, and so do the zeros, which keep their value, so\n"
        "move_zeros([0, 3, 0, -1, 2]) == [3, -1, 2, 0, 0]. A list without zeros comes back unchanged; an\n"
        "empty list gives an empty list. nums may hold ints, floats, strings and booleans: a zero is an\n"
        "int or a float equal to 0 (0 or 0.0), never a boolean and never a string. False is not a zero\n"
        "although False == 0 in Python, and neither is \"0\" nor \"\": they stay among the other values, so\n"
        "move_zeros([False, 0, \"0\", 0.0, 1.5]) == [False, \"0\", 1.5, 0, 0.0]. Do not modify nums."
    )
    levels = {
        1: "4-8 values in 0..20, up to 30% zeros",
        2: "4-10 values in 0..50; a list without zeros and the empty list are edge cases",
        3: "5-12 values in -50..50 (negatives)",
        4: "5-16 values in -99..99, up to half zeros; zeros at the front",
        5: "6-20 values in -999..999",
        6: "6-26 values up to +-10^4; floats, and zeros written 0.0",
        7: "8-32 values, up to 70% zeros; strings such as \"0\" and \"\" (not zeros)",
        8: "8-40 values up to +-10^6; booleans: False next to zeros (not a zero)",
        9: "10-50 values up to +-10^9, up to 80% zeros; lists of only False, 0, 0.0, \"\" and \"0\"",
        10: "12-60 values up to +-10^9, every type mixed, more booleans and 0.0",
    }
    reference_source = '''def move_zeros(nums: list) -> list:
    def is_zero(x):
        return type(x) in (int, float) and x == 0  # False == 0, but a bool is no zero

    kept = [x for x in nums if not is_zero(x)]
    return kept + [x for x in nums if is_zero(x)]
'''
    category = "lists"
    wrong_sources = (
        '''def move_zeros(nums):  # keeps only positive values, losing the negatives
    return [x for x in nums if x > 0] + [0] * nums.count(0)
''',
        '''def move_zeros(nums):  # swaps each zero with the last value: the order is lost
    nums = list(nums)
    end = len(nums) - 1
    i = 0
    while i < end:
        if nums[i] == 0:
            nums[i], nums[end] = nums[end], nums[i]
            end -= 1
        else:
            i += 1
    return nums
''',
        '''def move_zeros(nums):  # removes the zeros instead of moving them
    return [x for x in nums if x != 0]
''',
        '''def move_zeros(nums):  # x != 0 is False for False too: it moves False as a zero
    return [x for x in nums if x != 0] + [x for x in nums if x == 0]
''',
        '''def move_zeros(nums):  # knows only the int 0: 0.0 stays in place
    return [x for x in nums if type(x) is not int or x != 0] + [x for x in nums if type(x) is int and x == 0]
''',
        '''def move_zeros(nums):  # moves every falsy value: "" and False too
    return [x for x in nums if x] + [x for x in nums if not x]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, top, negatives, share = _PARAMS[difficulty]
        n = rng.randint(short, long)
        zeros = rng.randint(1, max(1, int(share * n)))
        if difficulty < 6:
            return (_sprinkle(rng, _nonzero(rng, n, top, negatives), zeros),)
        return (_sprinkle(rng, _mixed(rng, n, top, difficulty), zeros, _MIXED[difficulty][3]),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, top, negatives, share = _PARAMS[difficulty]
        mixed = _MIXED[difficulty][4] if difficulty >= 6 else ()
        pool = ["one_value"] + (["no_zeros", "empty"] if difficulty >= 2 else [])
        if difficulty >= 4:
            pool.append("zeros_first")
        edges = []
        for kind in rng.sample(pool, min(2 if len(mixed) < 4 else 1, len(pool))):
            n = rng.randint(short, long)
            if kind == "one_value":  # a single non-zero value among zeros; a wide range keeps it rare
                nums = [0] * n
                nums[rng.randrange(n)] = rng.randint(1, 10**6) * (rng.choice((-1, 1)) if negatives else 1)
            elif kind == "no_zeros":
                nums = _nonzero(rng, n, top, negatives)
            elif kind == "zeros_first":  # a block of zeros, then the values
                nums = [0] * rng.randint(2, 4) + _nonzero(rng, n, top, negatives)
            else:
                nums = []
            edges.append((nums,))
        for kind in mixed:
            n = rng.randint(max(short, 8), long)
            zeros = rng.randint(2, max(2, int(share * n)))
            if kind == "float_zero":  # zeros of both kinds among floats and ints
                nums = _sprinkle(rng, _mixed(rng, n, top, difficulty, ("float",)), zeros, 0.5)
                nums[rng.randrange(n)] = 0.0
            elif kind == "strings":
                nums = _sprinkle(rng, _mixed(rng, n, top, difficulty, ("str",)), zeros)
                i, j = rng.sample(range(n), 2)
                nums[i], nums[j] = "0", ""
            elif kind == "false":  # False right before and after a zero
                nums = _sprinkle(rng, _mixed(rng, n, top, difficulty, ("bool",)), zeros, 0.3)
                i = rng.randrange(1, n - 1)
                nums[i - 1:i + 2] = [False, rng.choice((0, 0.0)), False]
            else:  # falsy: only False, zeros, "" and "0" (a wide length range keeps the input rare)
                nums = rng.choices([False, 0, 0.0, "", "0", False], k=rng.randint(8, max(30, long)))
                nums[rng.randrange(len(nums))] = False
                nums[rng.randrange(len(nums))] = 0
            edges.append((nums,))
        return edges

    def check_args(self, nums: list) -> None:
        assert isinstance(nums, list), "nums must be a list"
        assert all(type(v) in (int, float, str, bool) for v in nums), f"a value of another type in {nums!r}"
