"""The index of the first character that occurs exactly once in a string, or -1."""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

_LOWER = string.ascii_lowercase
_LETTERS = string.ascii_letters
_ALNUM = _LETTERS + string.digits
_PRINTABLE = _ALNUM + string.punctuation + " "
_WORLD = _PRINTABLE + "éèàçñßüöäøåæœłžšÉÜÖжщыяюфдЖλπΩδ中文字日本語한국"
_ALLOWED = frozenset(_WORLD)
# level: (shortest, longest string, alphabet, most characters that occur once)
_SPEC = {
    1: (4, 10, _LOWER, 2),
    2: (5, 14, _LOWER, 2),
    3: (6, 18, _LOWER, 3),
    4: (6, 22, _LETTERS, 3),
    5: (8, 28, _ALNUM, 3),
    6: (8, 34, _PRINTABLE, 3),
    7: (10, 42, _PRINTABLE, 3),
    8: (10, 52, _WORLD, 4),
    9: (12, 64, _WORLD, 4),
    10: (12, 80, _WORLD, 4),
}


def _string(rng: random.Random, n: int, alphabet: str, uniques: int, case_twin: bool = False) -> str:
    """n characters: `uniques` of them occur once, every other character at least twice."""
    once = rng.sample(alphabet, uniques)
    others = [c for c in alphabet if c not in once]
    repeated = rng.sample(others, min(len(others), rng.randint(1, max(1, (n - uniques) // 2))))
    if case_twin:  # the other case of a once-only letter occurs too: "a" and "A" are different characters
        twins = [t for t in map(str.swapcase, once) if len(t) == 1 and t in alphabet and t not in once + repeated]
        repeated = twins[:1] + repeated[:-1] if twins else repeated
    chars = once + repeated * 2
    chars += rng.choices(repeated, k=max(0, n - len(chars)))
    rng.shuffle(chars)
    return "".join(chars)


@register_family("first_unique_char")
class FirstUniqueChar(Family):
    entry_point = "first_unique_char"
    signature = "def first_unique_char(s: str) -> int"
    description = (
        "Return the index (counting from 0) of the first character of s that occurs exactly once in the\n"
        "whole string. Characters are compared exactly: \"a\" and \"A\" are different characters, and\n"
        "spaces, digits, punctuation and non-ASCII letters count like any other character. Return -1\n"
        "when every character occurs more than once, and for the empty string."
    )
    levels = {
        1: "lowercase, length 4-10",
        2: "lowercase, length 5-14; the empty string and no unique character (-1)",
        3: "lowercase, length 6-18; the only unique character last",
        4: "upper and lower case, length 6-22 (a and A differ)",
        5: "letters and digits, length 8-28",
        6: "punctuation and spaces, length 8-34",
        7: "length 10-42",
        8: "non-ASCII letters, length 10-52",
        9: "length 12-64",
        10: "length 12-80",
    }
    reference_source = '''def first_unique_char(s: str) -> int:
    counts = {}
    for ch in s:
        counts[ch] = counts.get(ch, 0) + 1
    for i, ch in enumerate(s):
        if counts[ch] == 1:
            return i
    return -1
'''
    category = "dicts_sets"
    wrong_sources = (
        '''def first_unique_char(s):  # only looks ahead: misses that the character occurred before
    for i, ch in enumerate(s):
        if ch not in s[i + 1:]:
            return i
    return -1
''',
        '''def first_unique_char(s):  # ignores case: "a" and "A" counted as one character
    lowered = s.lower()
    for i, ch in enumerate(lowered):
        if lowered.count(ch) == 1:
            return i
    return -1
''',
        '''def first_unique_char(s):  # None instead of -1 when there is none
    for i, ch in enumerate(s):
        if s.count(ch) == 1:
            return i
    return None
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, alphabet, most = _SPEC[difficulty]
        uniques = rng.randint(1, most) if rng.random() < 0.75 else 0  # a quarter have none: -1
        return (_string(rng, rng.randint(short, long), alphabet, uniques, difficulty >= 4 and rng.random() < 0.5),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, alphabet, most = _SPEC[difficulty]
        pool = ["none"] + (["empty"] if difficulty >= 2 else [])
        if difficulty >= 3:
            pool.append("last")
        if difficulty >= 4:
            pool.append("case_twin")
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):
            n = rng.randint(short, long)
            if kind == "none":  # every character at least twice
                edges.append((_string(rng, n, alphabet, 0),))
            elif kind == "last":  # the only once-only character is the last one
                s = _string(rng, n - 1, alphabet, 0)
                edges.append((s + rng.choice([c for c in alphabet if c not in s]),))
            elif kind == "case_twin":
                edges.append((_string(rng, n, alphabet, 1, case_twin=True),))
            else:
                edges.append(("",))
        return edges

    def check_args(self, s: str) -> None:
        assert isinstance(s, str), f"expected a string, got {type(s).__name__}"
        assert set(s) <= _ALLOWED, f"unexpected character in {s!r}"
