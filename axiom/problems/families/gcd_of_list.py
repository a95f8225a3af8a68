"""The greatest common divisor of a list of integers (never negative; 0 for no numbers or all zeros).

Each list is a common factor g times random cofactors, so the answer is g or a multiple of it and
is rarely 1. Zeros (gcd(0, x) = |x|) and negative numbers come at higher levels; from level 7 the
values are too large to try every divisor of the smallest number.
"""

from __future__ import annotations

import random
from math import gcd

from axiom.problems.family import Family, register_family

_INT = frozenset({int})  # type(True) is bool, so booleans are not ints here
# level: (shortest, longest list, largest common factor, largest cofactor, chance of a zero, negatives)
_SPEC = {
    1: (2, 3, 100, 100, 0.0, False),
    2: (2, 5, 300, 300, 0.0, False),
    3: (2, 5, 1000, 1000, 0.0, False),
    4: (2, 6, 1000, 10**4, 0.1, False),
    5: (2, 6, 10**4, 10**4, 0.1, True),
    6: (3, 8, 10**6, 10**4, 0.1, True),
    7: (3, 10, 10**9, 10**4, 0.1, True),
    8: (4, 12, 10**12, 10**6, 0.15, True),
    9: (5, 16, 10**15, 10**6, 0.15, True),
    10: (6, 20, 10**18, 10**9, 0.15, True),
}


def _numbers(rng: random.Random, n: int, difficulty: int) -> list[int]:
    _, _, top_g, top_c, zeros, negatives = _SPEC[difficulty]
    # a coprime list a fifth of the time; otherwise a common factor of any magnitude up to top_g
    g = 1 if rng.random() < 0.2 else rng.randint(1, rng.choice((10, top_g // 10 or 10, top_g)))
    nums = [g * rng.randint(1, top_c) for _ in range(n)]
    if zeros:
        nums = [0 if rng.random() < zeros else x for x in nums]
    if negatives:
        nums = [-x if rng.random() < 0.4 else x for x in nums]
    return nums


@register_family("gcd_of_list")
class GcdOfList(Family):
    # 2: the description spells out Euclid's algorithm and how a list folds it (the default model
    #    divided the numbers instead); level 1 holds 2-3 numbers; every problem tests [] from level 2
    # 3: a plain description again: under the spelled-out algorithm the default model wrote `gcd // num`
    #    (0 of 30), under this one Euclid's loop (9 of 9 at levels 1-3)
    version = 3
    entry_point = "gcd_of_list"
    signature = "def gcd_of_list(nums: list[int]) -> int"
    description = (
        "Return the greatest common divisor of all the integers in nums: the largest positive integer\n"
        "that divides every one of them (math.gcd may help). The numbers may be negative or zero; the\n"
        "result is never negative. If nums is empty or holds only zeros, return 0."
    )
    levels = {
        1: "2-3 positive numbers, a common factor up to 100 times cofactors up to 100; all equal",
        2: "2-5 numbers up to 9*10^4; the empty list",
        3: "2-5 numbers up to 10^6; a single number",
        4: "2-6 numbers up to 10^7; zeros, and zeros with one other number",
        5: "negative numbers, up to 10^8",
        6: "3-8 numbers up to 10^10",
        7: "3-10 numbers up to 10^13: trying every divisor times out",
        8: "4-12 numbers up to 10^18",
        9: "5-16 numbers up to 10^21",
        10: "6-20 numbers up to 10^27",
    }
    reference_source = '''def gcd_of_list(nums: list[int]) -> int:
    result = 0
    for x in nums:
        a, b = result, abs(x)
        while b:
            a, b = b, a % b
        result = a
    return result
'''
    category = "math"
    wrong_sources = (
        '''def gcd_of_list(nums):  # Euclid without abs(): a negative number can make the result negative
    result = 0
    for x in nums:
        a, b = result, x
        while b:
            a, b = b, a % b
        result = a
    return result
''',
        '''from functools import reduce
from math import gcd


def gcd_of_list(nums):  # reduce() without a start value fails on the empty list
    return reduce(gcd, nums)
''',
        '''def gcd_of_list(nums):  # starts from nums[0] as it is: a single negative number comes back negative
    result = nums[0] if nums else 0
    for x in nums[1:]:
        a, b = abs(result), abs(x)
        while b:
            a, b = b, a % b
        result = a
    return result
''',
    )

    def reference(self, nums: list[int]) -> int:
        return gcd(*nums)

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long = _SPEC[difficulty][:2]
        return (_numbers(rng, rng.randint(short, long), difficulty),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, _, _, _, negatives = _SPEC[difficulty]
        # the empty list (its answer is stated) in every problem from level 2, then one more kind
        pool = ["all equal"] + (["single"] if difficulty >= 3 else []) + (["zeros"] if difficulty >= 4 else [])
        edges = []
        for kind in (["empty"] if difficulty >= 2 else []) + rng.sample(pool, 1):
            if kind == "empty":
                edges.append(([],))
            elif kind == "single":  # the gcd of one number is its absolute value
                x = rng.randint(1, 10**6) * (-1 if negatives else 1)
                edges.append(([x],))
            elif kind == "all equal":
                x = rng.randint(2, 10**6) * (rng.choice((-1, 1)) if negatives else 1)
                edges.append(([x] * rng.randint(2, long),))
            else:  # zeros around one number (its absolute value is the answer), zero first
                nums = [0] * rng.randint(1, long - 1)
                nums.insert(rng.randint(1, len(nums)), rng.randint(2, 10**6) * (-1 if negatives else 1))
                edges.append((nums,))
        return edges

    def check_args(self, nums: list[int]) -> None:
        assert isinstance(nums, list), "nums must be a list"
        assert _INT.issuperset(map(type, nums)), f"non-integer value in {nums!r}"
        assert all(abs(x) <= 10**27 for x in nums), f"value out of range in {nums!r}"
