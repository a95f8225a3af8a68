"""Read a Roman numeral: the classic single numeral in, its integer value out.

Train, val and test share no test input, and there are only 3,999 standard numerals, so every level
draws from the whole range up to 3999 (level 1 too: numerals without a 4 or a 9, about 2,000 of
them) and the upper levels add inputs of their own: lowercase numerals, shorter forms such as IC,
4000 and more. That is room for hundreds of problems a level; a draw far beyond that stops with a
CapacityError. (Version 2 took a list of numerals for more room, and the default model, whatever the
prompt said, read each list item as one symbol: 0 of 30.)
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
# level: (largest value, chance a digit is a 4 or a 9, chance of a long digit 3, 7 or 8,
#         chance the numeral takes its shorter form, chance it is written in lowercase)
_SPEC = {
    1: (3999, 0.0, 0.0, 0.0, 0.0),  # levels 1-2: no 4 or 9 at all, every symbol is added (see _value)
    2: (9999, 0.0, 0.0, 0.0, 0.0),
    3: (3999, 0.2, 0.0, 0.0, 0.0),
    4: (3999, 0.3, 0.3, 0.0, 0.0),
    5: (3999, 0.5, 0.0, 0.0, 0.0),
    6: (3999, 0.4, 0.3, 0.0, 0.3),
    7: (3999, 0.4, 0.3, 0.0, 0.5),
    8: (3999, 0.4, 0.3, 0.3, 0.4),
    9: (9999, 0.4, 0.3, 0.3, 0.4),
    10: (9999, 0.5, 0.3, 0.35, 0.5),
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
    """reference_source's rule, for an uppercase numeral."""
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


def _numeral(rng: random.Random, difficulty: int, subtractive: float | None = None, long: float | None = None,
             shorter: float | None = None, lowercase: float | None = None) -> str:
    """A numeral as the level draws it; an edge case overrides one of the level's chances."""
    largest, *chances = _SPEC[difficulty]
    subtractive, long, shorter, lowercase = (level if given is None else given for level, given in
                                             zip(chances, (subtractive, long, shorter, lowercase), strict=True))
    if rng.random() < shorter:  # a value whose shorter form differs, in that form
        numeral = to_short(rng.choice(_shorter(largest)))
    else:
        numeral = to_roman(_value(rng, largest, subtractive, long))
    return numeral.lower() if rng.random() < lowercase else numeral


@register_family("roman_to_int")
class RomanToInt(Family):
    # 2: the description says that each string is one whole numeral, read symbol by symbol; level 1
    # adds every symbol (no 4 or 9), level 2 brings IV and IX; levels 8-10 add the shorter forms the
    # same rule reads (IC=99, XM=990), which a table of the six standard pairs misreads
    # 3: one numeral, not a list (see the module's docstring), under a plain description; lowercase
    # numerals from level 6
    # 4: level 2 reads longer numerals, still added symbol by symbol (thousands beyond 3 as repeated M);
    # subtraction comes at level 3 (the default model solved level 1 and no level with a 4 or a 9)
    version = 4
    entry_point = "roman_to_int"
    signature = "def roman_to_int(s: str) -> int"
    description = (
        "Convert the Roman numeral s to an integer. The symbols are I=1, V=5, X=10, L=50, C=100, D=500\n"
        "and M=1000; a symbol is subtracted when the symbol after it is larger, so IV=4, XC=90 and\n"
        "MCMXCIV=1994. The same rule reads shorter forms such as IC=99. Numbers of 4000 or more repeat M\n"
        "once per thousand (MMMMCM is 4900). A numeral may be written in lowercase, as page numbers\n"
        "are: xiv is 14."
    )
    levels = {
        1: "numerals up to 3999 with no 4 or 9 in any digit: every symbol is added (MMDCLXVIII)",
        2: "up to 9999, still no 4 or 9: thousands beyond 3 written as repeated M (MMMMMMDCCLXXVIII)",
        3: "some digits a 4 or a 9: a smaller symbol before a larger one is subtracted (XIV, CM)",
        4: "long numerals: digits 3, 7 and 8 (MMMDCCCLXXXVIII) beside subtractive pairs",
        5: "most digits a 4 or a 9 (MCMXCIV, CDXLIV)",
        6: "a third of the numerals in lowercase, as page numbers are written (xiv)",
        7: "half of them in lowercase",
        8: "shorter forms such as IC=99 and XM=990, read by the same rule",
        9: "numbers up to 9999 with all of the above",
        10: "up to 9999, a third in shorter forms, half in lowercase",
    }
    reference_source = '''def roman_to_int(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    s = s.upper()
    total = 0
    for i, symbol in enumerate(s):
        value = values[symbol]
        if i + 1 < len(s) and values[s[i + 1]] > value:
            total -= value
        else:
            total += value
    return total
'''
    category = "parsing"
    few_inputs = "one numeral: 3,999 standard ones, about 2,000 at level 1 (no 4 or 9)"
    wrong_sources = (
        '''def roman_to_int(s):  # adds every symbol, forgetting subtraction
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    return sum(values[c] for c in s.upper())
''',
        '''def roman_to_int(s):  # only knows the subtractive pairs IV and IX
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    s = s.upper()
    return sum(values[c] for c in s) - 2 * (s.count("IV") + s.count("IX"))
''',
        '''def roman_to_int(s):  # subtracts the smaller symbol once, but it was already added
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total, prev = 0, 0
    for c in s.upper():
        v = values[c]
        total += v - prev if prev < v else v
        prev = v
    return total
''',
        '''def roman_to_int(s):  # reads the six standard pairs as tokens: IC is not 99
    pairs = {"IV": 4, "IX": 9, "XL": 40, "XC": 90, "CD": 400, "CM": 900}
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    s = s.upper()
    total, i = 0, 0
    while i < len(s):
        if s[i:i + 2] in pairs:
            total, i = total + pairs[s[i:i + 2]], i + 2
        else:
            total, i = total + values[s[i]], i + 1
    return total
''',
        '''def roman_to_int(s):  # uppercase only: a lowercase numeral raises KeyError
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, c in enumerate(s):
        if i + 1 < len(s) and values[s[i + 1]] > values[c]:
            total -= values[c]
        else:
            total += values[c]
    return total
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        return (_numeral(rng, difficulty),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        _, subtractive, _, shorter, lowercase = _SPEC[difficulty]
        pool = (["subtractive"] if subtractive else []) + (["longest"] if difficulty >= 4 else [])
        pool += (["lowercase"] if lowercase else []) + (["shorter"] if shorter else [])
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):  # at most two a problem, so most tests stay random
            if kind == "subtractive":  # most digits a 4 or a 9
                edges.append((_numeral(rng, difficulty, subtractive=0.7, long=0.0, shorter=0.0),))
            elif kind == "lowercase":
                edges.append((_numeral(rng, difficulty, lowercase=1.0),))
            elif kind == "shorter":  # IC, XM, MCDIL...
                edges.append((_numeral(rng, difficulty, shorter=1.0),))
            else:  # a numeral made of 3s, 7s and 8s, the longest of all
                edges.append((_numeral(rng, difficulty, subtractive=0.0, long=1.0, shorter=0.0),))
        return edges

    def check_args(self, s: str) -> None:
        assert isinstance(s, str) and s and s in (s.upper(), s.lower()), f"{s!r} is not a numeral in one case"
        numeral = s.upper()
        assert set(numeral) <= _SYMBOLS.keys(), f"{s!r} is not a Roman numeral"
        assert _WELL_FORMED.fullmatch(numeral) or numeral == to_short(_read(numeral)), \
            f"{s!r} is neither a well-formed Roman numeral nor the shorter form of one"
