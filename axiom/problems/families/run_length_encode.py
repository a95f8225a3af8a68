"""Run-length encode a string: each run of one character becomes its length followed by the character."""

from __future__ import annotations

import random
import string
from itertools import groupby

from axiom.problems.family import Family, register_family

_LETTERS = string.ascii_letters
_PRINTABLE = string.ascii_letters + " " + string.punctuation
_WITH_DIGITS = _PRINTABLE + string.digits
_NON_ASCII = "éèàçñßüöäøåæœłžšÉÜÖжщыяюфдЖλπΩδ中文字日本語"
_WORLD = _WITH_DIGITS + _NON_ASCII
_ALLOWED = frozenset(_WORLD)
# level: (fewest runs, most runs, longest run, alphabet)
_SPEC = {
    1: (4, 7, 4, "abcde"),
    2: (3, 7, 5, string.ascii_lowercase),
    3: (3, 8, 15, string.ascii_lowercase),
    4: (4, 9, 12, _LETTERS),
    5: (4, 10, 12, _PRINTABLE),
    6: (4, 12, 14, _WITH_DIGITS),
    7: (5, 14, 30, _WITH_DIGITS),
    8: (5, 16, 30, _WORLD),
    9: (6, 18, 120, _WORLD),
    10: (8, 20, 250, _WORLD),
}


def _runs(rng: random.Random, n: int, longest: int, alphabet: str, previous: str = "") -> str:
    """n runs, each of a character other than the one before it, mostly 1-3 long, some up to `longest`."""
    out = []
    for _ in range(n):
        ch = rng.choice(alphabet)
        if previous.isalpha() and ch.isalpha() and rng.random() < 0.25 and previous.swapcase() in alphabet:
            ch = previous.swapcase()  # 'a' next to 'A': two runs, not one
        while ch == previous:
            ch = rng.choice(alphabet)
        size = rng.randint(1, 3) if rng.random() < 0.6 else rng.randint(1, longest)
        out.append(ch * size)
        previous = ch
    return "".join(out)


@register_family("run_length_encode")
class RunLengthEncode(Family):
    entry_point = "run_length_encode"
    signature = "def run_length_encode(s: str) -> str"
    description = (
        "Run-length encode the string s. Split s into maximal runs of one repeated character and write\n"
        "each run, in order, as its length in decimal followed by the character: \"aaabcc\" becomes\n"
        "\"3a1b2c\". Every run is written with its count, even a run of length 1, and a run of 12 'x'\n"
        "is written \"12x\". Characters are compared exactly: 'a' and 'A' are different characters, and\n"
        "digits, spaces and punctuation are characters like any other (\"111  \" becomes \"312 \").\n"
        "A character that appears again later starts a new run (\"aabaa\" becomes \"2a1b2a\").\n"
        "The empty string encodes to the empty string."
    )
    levels = {
        1: "4-7 runs of a-e, runs 1-4 long; a string with no repeats",
        2: "3-7 runs of lower-case letters; the empty string",
        3: "runs up to 15 long: counts of two digits",
        4: "upper and lower case: 'a' next to 'A' are two runs",
        5: "spaces and punctuation",
        6: "digits in the input, 4-12 runs",
        7: "runs up to 30 long, 5-14 runs",
        8: "non-ASCII characters (é, ж, 中...)",
        9: "runs up to 120 long, 6-18 runs",
        10: "runs up to 250 long (three-digit counts), 8-20 runs",
    }
    reference_source = '''def run_length_encode(s: str) -> str:
    parts = []
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        parts.append(str(j - i) + s[i])
        i = j
    return "".join(parts)
'''
    category = "strings"
    wrong_sources = (
        '''def run_length_encode(s):  # leaves out the count of a run of length 1
    out, i = "", 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out += (str(j - i) if j - i > 1 else "") + s[i]
        i = j
    return out
''',
        '''def run_length_encode(s):  # splits runs longer than 9 so each count is one digit
    out, i = "", 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i] and j - i < 9:
            j += 1
        out += str(j - i) + s[i]
        i = j
    return out
''',
        '''def run_length_encode(s):  # counts every occurrence of a character, not runs
    counts = {}
    for ch in s:
        counts[ch] = counts.get(ch, 0) + 1
    return "".join(str(n) + ch for ch, n in counts.items())
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most, longest, alphabet = _SPEC[difficulty]
        return (_runs(rng, rng.randint(fewest, most), longest, alphabet),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, longest, alphabet = _SPEC[difficulty]
        pool = ["no repeats"] + (["empty"] if difficulty >= 2 else []) + (["long run"] if difficulty >= 3 else [])
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):  # two a problem, so most tests stay random
            if kind == "no repeats":  # every run has length 1
                edges.append((_runs(rng, rng.randint(max(fewest, 7), most + 4), 1, alphabet),))
            elif kind == "empty":
                edges.append(("",))
            else:  # a run of 10 or more inside random runs
                head = _runs(rng, rng.randint(1, 3), 3, alphabet)
                long = _runs(rng, 1, 1, alphabet, head[-1]) * rng.randint(10, max(longest, 20))
                edges.append((head + long + _runs(rng, rng.randint(1, 3), 3, alphabet, long[-1]),))
        return edges

    def check_args(self, s: str) -> None:
        assert isinstance(s, str), f"expected a string, got {type(s).__name__}"
        assert set(s) <= _ALLOWED, f"unexpected character in {s!r}"

    def reference(self, s: str) -> str:
        # reference_source, with the runs found in C
        return "".join(f"{len(list(run))}{ch}" for ch, run in groupby(s))
