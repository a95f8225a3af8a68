"""Read Roman numerals: a list of them in, their integer values out.

A list, not the classic single numeral: there are only 3,999 numerals, and train, val and test must
share no test input, so one numeral per input would run out after a few hundred problems. A list of
a few numerals keeps the task the same while every level draws from millions of inputs.
"""

from __future__ import annotations

import random
import re

from axiom.problems.family import Family, register_family

_TABLE = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
# a well-formed numeral: any number of M, then hundreds, tens and units each in their one standard form
_WELL_FORMED = re.compile(r"M*(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
# level: (fewest numerals, most, largest value, chance a digit is a 4 or a 9, chance of a long digit 3, 7 or 8)
_SPEC = {
    1: (4, 5, 39, 0.2, 0.0),
    2: (3, 5, 89, 0.3, 0.0),
    3: (3, 5, 399, 0.3, 0.0),
    4: (3, 6, 3999, 0.3, 0.0),
    5: (4, 6, 3999, 0.6, 0.0),
    6: (4, 8, 3999, 0.4, 0.2),
    7: (5, 8, 3999, 0.3, 0.5),
    8: (5, 10, 3999, 0.4, 0.4),
    9: (6, 12, 9999, 0.4, 0.4),
    10: (8, 14, 9999, 0.5, 0.4),
}


def to_roman(n: int) -> str:
    out = []
    for value, symbols in _TABLE:
        count, n = divmod(n, value)
        out.append(symbols * count)
    return "".join(out)


def _value(rng: random.Random, largest: int, subtractive: float, long: float) -> int:
    """A value in 1..largest, built digit by digit so that 4s and 9s (IV, XC...) and long digits 3, 7
    and 8 (VIII, DCCC...) come as often as the level asks."""
    while True:
        n = 0
        for place in (1000, 100, 10, 1):
            top = largest // place if place == 1000 else min(9, largest // place)  # M repeats, others do not
            fours, longs = [d for d in (4, 9) if d <= top], [d for d in (3, 7, 8) if d <= top]
            r = rng.random()
            if place < 1000 and r < subtractive + long:
                kinds = fours if r < subtractive else longs
                digit = rng.choice(kinds) if kinds else rng.randint(0, top)
            else:
                digit = rng.randint(0, top)
            n += digit * place
        if 1 <= n <= largest:
            return n


@register_family("roman_to_int")
class RomanToInt(Family):
    entry_point = "roman_to_int"
    signature = "def roman_to_int(numerals: list[str]) -> list[int]"
    description = (
        "Convert each Roman numeral in the list `numerals` to its integer value and return the values\n"
        "in the same order. The symbols are I=1, V=5, X=10, L=50, C=100, D=500, M=1000. A symbol is\n"
        "added, except when a larger symbol follows it: then it is subtracted, as in IV=4, IX=9, XL=40,\n"
        "XC=90, CD=400 and CM=900 (so MCMXCIV is 1994). Every numeral is well formed and at least 1;\n"
        "numbers of 4000 or more repeat M once per thousand (MMMMCM is 4900). An empty list gives an\n"
        "empty list."
    )
    levels = {
        1: "4-5 numerals up to 39 (I, V, X), with IV and IX",
        2: "3-5 numerals up to 89 (L, XL)",
        3: "up to 399 (C, XC); the empty list",
        4: "up to 3999 (D, M, CD, CM)",
        5: "4-6 numerals, most digits a 4 or a 9 (subtractive pairs everywhere)",
        6: "4-8 numerals, long digits such as VIII and DCCC",
        7: "5-8 numerals, mostly long ones (MMMDCCCLXXXVIII)",
        8: "5-10 numerals",
        9: "6-12 numerals up to 9999: thousands beyond 3 written as repeated M",
        10: "8-14 numerals up to 9999",
    }
    reference_source = '''def roman_to_int(numerals: list[str]) -> list[int]:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    result = []
    for numeral in numerals:
        total = 0
        for i, symbol in enumerate(numeral):
            value = values[symbol]
            if i + 1 < len(numeral) and values[numeral[i + 1]] > value:
                total -= value
            else:
                total += value
        result.append(total)
    return result
'''
    category = "parsing"
    wrong_sources = (
        '''def roman_to_int(numerals):  # adds every symbol, forgetting subtraction
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    return [sum(values[s] for s in numeral) for numeral in numerals]
''',
        '''def roman_to_int(numerals):  # only knows the subtractive pairs IV and IX
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    out = []
    for numeral in numerals:
        total = sum(values[s] for s in numeral)
        total -= 2 * (numeral.count("IV") + numeral.count("IX"))
        out.append(total)
    return out
''',
        '''def roman_to_int(numerals):  # subtracts the smaller symbol once, but it was already added
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    out = []
    for numeral in numerals:
        total, prev = 0, 0
        for s in numeral:
            v = values[s]
            total += v - prev if prev < v else v
            prev = v
        out.append(total)
    return out
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most, largest, subtractive, long = _SPEC[difficulty]
        return ([to_roman(_value(rng, largest, subtractive, long)) for _ in range(rng.randint(fewest, most))],)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, largest, _, _ = _SPEC[difficulty]
        pool = ["subtractive"] + (["empty"] if difficulty >= 3 else []) + (["longest"] if difficulty >= 4 else [])
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):  # two a problem, so most tests stay random
            n = rng.randint(fewest, most)
            if kind == "subtractive":  # most digits a 4 or a 9
                edges.append(([to_roman(_value(rng, largest, 0.7, 0.0)) for _ in range(n)],))
            elif kind == "empty":
                edges.append(([],))
            else:  # numerals made of 3s, 7s and 8s, the longest of all
                edges.append(([to_roman(_value(rng, largest, 0.0, 1.0)) for _ in range(n)],))
        return edges

    def check_args(self, numerals: list[str]) -> None:
        assert isinstance(numerals, list), "numerals must be a list"
        for numeral in numerals:
            assert isinstance(numeral, str) and numeral and _WELL_FORMED.fullmatch(numeral), \
                f"{numeral!r} is not a well-formed Roman numeral"
