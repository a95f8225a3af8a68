"""The digital root of n ** exponent: sum the decimal digits, again and again, until one digit is left.

n grows from a few digits to hundreds (far beyond 64 bits) at level 10. Edge cases are multiples
of 9 (digital root 9, where `n % 9` gives 0) and numbers whose digit sums pass through 10 (19 -> 10 -> 1)
(one pass is not enough, and `while n > 10` stops at 10). From level 6 the optional exponent raises n
to a power: small ones first (computing the power is fine), then powers of up to 10^5 digits (level 8:
str() refuses ints past 4,300 digits) and exponents up to 10^18 (levels 9-10: only arithmetic modulo 9
finishes, since the digit sum keeps a number's remainder modulo 9).
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (fewest digits of n, most digits, chance a problem tests a power, chance a random input is a
#         power, largest exponent)
_SPEC = {1: (6, 8, 0.0, 0.0, 1), 2: (7, 10, 0.0, 0.0, 1), 3: (9, 12, 0.0, 0.0, 1), 4: (11, 16, 0.0, 0.0, 1),
         5: (16, 22, 0.0, 0.0, 1), 6: (20, 30, 1 / 3, 0.0, 9), 7: (25, 50, 2 / 3, 0.3, 40),
         8: (40, 100, 1.0, 0.5, 1000), 9: (60, 200, 1.0, 0.7, 10**9), 10: (100, 300, 1.0, 1.0, 10**18)}


def _number(rng: random.Random, digits: int) -> int:
    return rng.randint(10 ** (digits - 1), 10**digits - 1)


def _exponent(rng: random.Random, largest: int) -> int:
    """2..largest, spread over its orders of magnitude (10^18 should not mean only 18-digit exponents)."""
    return rng.randint(2, min(largest, 10 ** rng.randint(1, len(str(largest)))))


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
    # 3: an optional exponent from level 6: the digital root of n ** exponent, with exponents rising to
    # 10^18 at levels 9-10, where only arithmetic modulo 9 finishes
    # 4: the rule for exponent is stated from level 6 (level_rules), where powers first come: under
    #    the whole description the default model solved no level (0 of 30)
    version = 4
    entry_point = "digital_root"
    signature = "def digital_root(n: int, exponent: int = 1) -> int"
    description = (
        "Given an integer n >= 0, add up its decimal digits; if the sum has more than one digit, add up\n"
        "the digits of the sum, and repeat until a single digit is left. Return that digit (0-9).\n"
        "For example 9875 -> 9+8+7+5 = 29 -> 2+9 = 11 -> 1+1 = 2, so digital_root(9875) is 2, and\n"
        "digital_root(0) is 0. n can have hundreds of digits."
    )
    level_rules = {6: (
        "With the optional second argument exponent >= 1 (1 when omitted), return the digital root of\n"
        "n ** exponent instead: digital_root(12, 2) is 9, since 12 ** 2 = 144 -> 1+4+4 = 9. The exponent\n"
        "can be as large as 10^18, so n ** exponent itself may be far too large to compute (and str()\n"
        "refuses ints of more than 4,300 digits)."
    )}
    levels = {
        1: "6-8 digits; a digital root of 1 reached through 10 (19 -> 10 -> 1); multiples of 9",
        2: "7-10 digits",
        3: "9-12 digits",
        4: "11-16 digits",
        5: "16-22 digits: past 64 bits",
        6: "20-30 digits; in a third of the problems a power, exponent 2-9",
        7: "25-50 digits; in two thirds of the problems powers, exponents up to 40 (at most 2,000 digits)",
        8: "40-100 digits; powers in every problem, exponents up to 1,000: up to 10^5 digits, past what "
           "str() converts; a multiple of 3 to a power of 100-1,000 (root 9)",
        9: "60-200 digits; most inputs powers, exponents up to 10^9: too large to compute",
        10: "100-300 digits; every random input a power, exponents up to 10^18",
    }
    reference_source = '''def digital_root(n: int, exponent: int = 1) -> int:
    if n == 0:
        return 0
    # a digit sum keeps the remainder modulo 9, so the root is n ** exponent modulo 9, with 9 for 0
    return (pow(n, exponent, 9) - 1) % 9 + 1
'''
    category = "math"
    # (Known-wrong solutions run in the test process without a time limit: none may compute a power that
    # only levels 9-10 make too large, such as `1 + (n ** exponent - 1) % 9`, which passes levels 1-8.)
    wrong_sources = (
        '''def digital_root(n, exponent=1):  # n % 9 is 0, not 9, for multiples of 9
    return pow(n, exponent, 9)
''',
        '''def digital_root(n, exponent=1):  # one pass of digit sums only
    return sum(int(d) for d in str(n ** exponent))
''',
        '''def digital_root(n, exponent=1):  # stops at 10, which has two digits
    n = n ** exponent
    while n > 10:
        n = sum(int(d) for d in str(n))
    return n
''',
        '''def digital_root(n, exponent=1):  # computes the power: str() refuses it, or it never finishes
    n = n ** exponent
    while n >= 10:
        n = sum(int(d) for d in str(n))
    return n
''',
        '''def digital_root(n, exponent=1):  # forgets the exponent
    return 0 if n == 0 else 1 + (n - 1) % 9
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, _, p_power, largest = _SPEC[difficulty]
        n = _number(rng, rng.randint(lo, hi))
        return (n, _exponent(rng, largest)) if rng.random() < p_power else (n,)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, p_problem, _, largest = _SPEC[difficulty]
        edges: list[tuple] = [(_through_ten(rng, rng.randint(lo, hi)),),
                              (_number(rng, rng.randint(lo, hi)) // 9 * 9 or 9 * 10 ** (lo - 1),)]
        if rng.random() < p_problem:  # a power; from level 8 a large one of a multiple of 3, whose root is 9
            n = _number(rng, rng.randint(lo, hi))  # (n % 9 says 0) and whose power is too long for str()
            if difficulty >= 8:
                edges.append((n // 3 * 3, rng.randint(largest // 10, largest)))
            else:
                edges.append((n, _exponent(rng, largest)))
        return edges

    def check_args(self, n: int, exponent: int = 1) -> None:
        assert type(n) is int and type(exponent) is int, f"n and exponent must be ints, got {n!r}, {exponent!r}"
        assert 0 <= n < 10**300, f"n out of range: {n}"
        assert 1 <= exponent <= 10**18, f"exponent out of range: {exponent}"
