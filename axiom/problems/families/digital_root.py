"""The digital root of n: sum the decimal digits, again and again, until one digit is left.

n grows from a few digits to hundreds (far beyond 64 bits) at level 10. Edge cases are multiples
of 9 (digital root 9, where `n % 9` gives 0) and numbers whose digit sums pass through 10 (19 -> 10 -> 1)
(one pass is not enough, and `while n > 10` stops at 10).
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (fewest digits, most digits)
_DIGITS = {1: (6, 8), 2: (7, 10), 3: (9, 12), 4: (11, 16), 5: (16, 22), 6: (20, 30), 7: (25, 50),
           8: (40, 100), 9: (60, 200), 10: (100, 300)}


def _number(rng: random.Random, digits: int) -> int:
    return rng.randint(10 ** (digits - 1), 10**digits - 1)


def _through_ten(rng: random.Random, digits: int) -> int:
    """A number whose digit sums pass through 10 (19 -> 10 -> 1): `while n > 10` stops there."""
    while True:
        n = _number(rng, digits)
        chain = [n]
        while chain[-1] >= 10:
            chain.append(sum(map(int, str(chain[-1]))))
        if 10 in chain[1:]:
            return n


@register_family("digital_root")
class DigitalRoot(Family):
    # 2: a multiple of 9 at level 1 too (a loop `while n >= 9` never ends there); the digit sums of the
    # other edge case always pass through 10 (a digit sum of 100 went straight to 1)
    version = 2
    entry_point = "digital_root"
    signature = "def digital_root(n: int) -> int"
    description = (
        "Given an integer n >= 0, add up its decimal digits; if the sum has more than one digit, add up\n"
        "the digits of the sum, and repeat until a single digit is left. Return that digit (0-9).\n"
        "For example 9875 -> 9+8+7+5 = 29 -> 2+9 = 11 -> 1+1 = 2, so digital_root(9875) is 2, and\n"
        "digital_root(0) is 0. n can have hundreds of digits."
    )
    levels = {
        1: "6-8 digits; a digital root of 1 reached through 10 (19 -> 10 -> 1); multiples of 9",
        2: "7-10 digits",
        3: "9-12 digits",
        4: "11-16 digits",
        5: "16-22 digits: past 64 bits",
        6: "20-30 digits",
        7: "25-50 digits",
        8: "40-100 digits",
        9: "60-200 digits",
        10: "100-300 digits",
    }
    reference_source = '''def digital_root(n: int) -> int:
    while n >= 10:
        n = sum(int(d) for d in str(n))
    return n
'''
    category = "math"
    wrong_sources = (
        '''def digital_root(n):  # n % 9 is 0, not 9, for multiples of 9
    return n % 9
''',
        '''def digital_root(n):  # one pass of digit sums only
    return sum(int(d) for d in str(n))
''',
        '''def digital_root(n):  # stops at 10, which has two digits
    while n > 10:
        n = sum(int(d) for d in str(n))
    return n
''',
    )

    def reference(self, n: int) -> int:
        return 0 if n == 0 else 1 + (n - 1) % 9

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        return (_number(rng, rng.randint(*_DIGITS[difficulty])),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi = _DIGITS[difficulty]
        return [(_through_ten(rng, rng.randint(lo, hi)),),
                (_number(rng, rng.randint(lo, hi)) // 9 * 9 or 9 * 10 ** (lo - 1),)]

    def check_args(self, n: int) -> None:
        assert type(n) is int, f"n must be an int, got {type(n).__name__}"
        assert 0 <= n < 10**300, f"n out of range: {n}"
