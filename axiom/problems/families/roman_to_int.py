"""Read Roman numerals: a list of them in, their integer values out.

A list, not the classic single numeral: there are only 3,999 numerals, and train, val and test must
share no test input, so one numeral per input would run out after a few hundred problems. A list of
a few numerals keeps the task the same while every level draws from millions of inputs.
"""

from __future__ import annotations

import functools
import random
import re

from axiom.problems.family import Family, register_family

_TABLE = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_SYMBOLS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# the shorter forms of levels 8-10: I, X or C before any larger symbol (IL=49, IC=99, XD=490, IM=999...),
# read by the same rule; greedy on this table (the symbols and those pairs) gives the shortest such numeral
_SHORT_TABLE = sorted([(value, symbol) for symbol, value in _SYMBOLS.items()]
                      + [(big - small, a + b) for a, small in _SYMBOLS.items() for b, big in _SYMBOLS.items()
                         if a in "IXC" and big > small], reverse=True)
# a well-formed numeral: any number of M, then hundreds, tens and units each in their one standard form
_WELL_FORMED = re.compile(r"M*(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
# level: (fewest numerals, most, largest value, chance a digit is a 4 or a 9, chance of a long digit 3, 7 or 8,
#         chance a numeral takes its shorter form)
_SPEC = {
    1: (3, 5, 39, 0.0, 0.2, 0.0),  # no 4 or 9 at all: every symbol is added (see _value)
    2: (3, 5, 39, 0.4, 0.0, 0.0),
    3: (3, 5, 399, 0.3, 0.0, 0.0),
    4: (3, 6, 3999, 0.3, 0.0, 0.0),
    5: (4, 6, 3999, 0.6, 0.0, 0.0),
    6: (4, 8, 3999, 0.4, 0.2, 0.0),
    7: (5, 8, 3999, 0.3, 0.5, 0.0),
    8: (5, 10, 3999, 0.4, 0.4, 0.25),
    9: (6, 12, 9999, 0.4, 0.4, 0.25),
    10: (8, 14, 9999, 0.5, 0.4, 0.35),
}


def to_roman(n: int) -> str:
    out = []
    for value, symbols in _TABLE:
        count, n = divmod(n, value)
        out.append(symbols * count)
    return "".join(out)


def to_short(n: int) -> str:
    """n in the shortest form the subtraction rule reads (99 -> IC, 1994 -> MXMIV)."""
    out = []
    for value, symbols in _SHORT_TABLE:
        count, n = divmod(n, value)
        out.append(symbols * count)
    return "".join(out)


def _read(numeral: str) -> int:
    """reference_source's rule for one numeral."""
    total = 0
    for i, symbol in enumerate(numeral):
        value = _SYMBOLS[symbol]
        total += -value if i + 1 < len(numeral) and _SYMBOLS[numeral[i + 1]] > value else value
    return total


@functools.cache
def _shorter(largest: int) -> list[int]:
    """The values up to `largest` whose shorter form differs from the standard one (49, 99, 490-499,
    990-999 and their kin: 38 in every thousand)."""
    return [n for n in range(1, largest + 1) if to_short(n) != to_roman(n)]


def _value(rng: random.Random, largest: int, subtractive: float, long: float) -> int:
    """A value in 1..largest, built digit by digit so that 4s and 9s (IV, XC...) and long digits 3, 7
    and 8 (VIII, DCCC...) come as often as the level asks. Without 4s and 9s (subtractive 0, level 1)
    no digit is a 4 or a 9, so that every symbol of the numeral is added."""
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
            if place < 1000 and not subtractive and digit in (4, 9):
                digit -= 1
            n += digit * place
        if 1 <= n <= largest:
            return n


def _numeral(rng: random.Random, difficulty: int) -> str:
    _, _, largest, subtractive, long, shorter = _SPEC[difficulty]
    if rng.random() < shorter:  # a value whose shorter form differs, in that form
        return to_short(rng.choice(_shorter(largest)))
    return to_roman(_value(rng, largest, subtractive, long))


@register_family("roman_to_int")
class RomanToInt(Family):
    # 2: the description says that each string is one whole numeral, read symbol by symbol; level 1
    # adds every symbol (no 4 or 9), level 2 brings IV and IX; levels 8-10 add the shorter forms the
    # same rule reads (IC=99, XM=990), which a table of the six standard pairs misreads
    version = 2
    entry_point = "roman_to_int"
    signature = "def roman_to_int(numerals: list[str]) -> list[int]"
    description = (
        "`numerals` is a list of Roman numerals, each one a whole numeral written as a string such as\n"
        "\"XIV\". Return the list of their integer values, in the same order: roman_to_int([\"XIV\", \"VIII\"])\n"
        "returns [14, 8]. Read each numeral on its own, symbol by symbol from left to right, with I=1,\n"
        "V=5, X=10, L=50, C=100, D=500 and M=1000: add each symbol's value, except when the next symbol\n"
        "of the same numeral is larger: then subtract it. So IV=4, IX=9, XL=40, XC=90, CD=400, CM=900\n"
        "and MCMXCIV is 1994; the same rule reads the shorter forms that some numerals use, such as\n"
        "IC=99, XM=990 and MXMIV=1994. Numbers of 4000 or more repeat M once per thousand (MMMMCM is\n"
        "4900). Every numeral is at least 1. An empty list gives an empty list."
    )
    levels = {
        1: "3-5 numerals up to 39 made of I, V and X, every symbol added (no 4 or 9, so no IV or IX)",
        2: "3-5 numerals up to 39 with IV and IX: a smaller symbol before a larger one is subtracted",
        3: "up to 399 (L, C, XL, XC); the empty list",
        4: "3-6 numerals up to 3999 (D, M, CD, CM); numerals of 3s, 7s and 8s, the longest",
        5: "4-6 numerals, most digits a 4 or a 9 (subtractive pairs everywhere)",
        6: "4-8 numerals, long digits such as VIII and DCCC",
        7: "5-8 numerals, mostly long ones (MMMDCCCLXXXVIII)",
        8: "5-10 numerals; shorter forms such as IC=99 and XM=990, read by the same rule",
        9: "6-12 numerals up to 9999: thousands beyond 3 written as repeated M",
        10: "8-14 numerals up to 9999, a third of them in shorter forms",
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
        '''def roman_to_int(numerals):  # reads the six standard pairs as tokens: IC is not 99
    pairs = {"IV": 4, "IX": 9, "XL": 40, "XC": 90, "CD": 400, "CM": 900}
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    out = []
    for numeral in numerals:
        total, i = 0, 0
        while i < len(numeral):
            if numeral[i:i + 2] in pairs:
                total, i = total + pairs[numeral[i:i + 2]], i + 2
            else:
                total, i = total + values[numeral[i]], i + 1
        out.append(total)
    return out
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most = _SPEC[difficulty][:2]
        return ([_numeral(rng, difficulty) for _ in range(rng.randint(fewest, most))],)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, largest, subtractive, _, shorter = _SPEC[difficulty]
        pool = (["subtractive"] if subtractive else []) + (["empty"] if difficulty >= 3 else [])
        pool += (["longest"] if difficulty >= 4 else []) + (["shorter"] if shorter else [])
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):  # at most two a problem, so most tests stay random
            n = rng.randint(fewest, most)
            if kind == "subtractive":  # most digits a 4 or a 9
                edges.append(([to_roman(_value(rng, largest, 0.7, 0.0)) for _ in range(n)],))
            elif kind == "empty":
                edges.append(([],))
            elif kind == "shorter":  # every numeral in a shorter form: IC, XM, MCDIL...
                edges.append(([to_short(rng.choice(_shorter(largest))) for _ in range(n)],))
            else:  # numerals made of 3s, 7s and 8s, the longest of all
                edges.append(([to_roman(_value(rng, largest, 0.0, 1.0)) for _ in range(n)],))
        return edges

    def check_args(self, numerals: list[str]) -> None:
        assert isinstance(numerals, list), "numerals must be a list"
        for numeral in numerals:
            assert isinstance(numeral, str) and numeral and set(numeral) <= _SYMBOLS.keys(), \
                f"{numeral!r} is not a Roman numeral"
            assert _WELL_FORMED.fullmatch(numeral) or numeral == to_short(_read(numeral)), \
                f"{numeral!r} is neither a well-formed Roman numeral nor the shorter form of one"
