"""The index of the first character that occurs exactly once in a string, or in a slice of it, or -1.

The optional start and end (Python's slice rules) come in at level 6: a start in a third of the problems
(the answer is an index into s, not into the slice), start and end in two thirds at level 7, negative
ones in every problem from level 8, and values beyond the ends of s (clipped) from level 9. Characters
outside the slice do not count, so one that occurs once inside it and again outside is unique.
"""

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
# level: (shortest, longest string, alphabet, most characters that occur once, chance a problem tests a
#         slice, chance a random input is one)
_SPEC = {
    1: (4, 10, _LOWER, 2, 0.0, 0.0),
    2: (5, 14, _LOWER, 2, 0.0, 0.0),
    3: (6, 18, _LOWER, 3, 0.0, 0.0),
    4: (6, 22, _LETTERS, 3, 0.0, 0.0),
    5: (8, 28, _ALNUM, 3, 0.0, 0.0),
    6: (8, 34, _PRINTABLE, 3, 1 / 3, 0.0),
    7: (10, 42, _PRINTABLE, 3, 2 / 3, 0.2),
    8: (10, 52, _WORLD, 4, 1.0, 0.4),
    9: (12, 64, _WORLD, 4, 1.0, 0.6),
    10: (12, 80, _WORLD, 4, 1.0, 0.8),
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


def _bounds(rng: random.Random, n: int, difficulty: int) -> tuple[int, ...]:
    """A start (level 6), or a start and an end (7 on) for a string of n characters: non-negative inside the
    string at first, from level 8 negative half the time, from level 9 now and then beyond either end."""
    start = rng.randint(1, max(1, n - 2))
    if difficulty == 6:
        return (start,)
    end = rng.randint(min(n, start + 2), n)
    if difficulty >= 8:
        start, end = (v - n if rng.random() < 0.5 else v for v in (start, end))
    if difficulty >= 9 and rng.random() < 0.3:  # clipped to the string: s[-n - 3:n + 5] is all of it
        if rng.random() < 0.5:
            start = -n - rng.randint(1, 5)
        else:
            end = n + rng.randint(1, 5)
    return (start, end)


def _slice_string(rng: random.Random, difficulty: int, inside: bool = False) -> tuple:
    """A string and bounds; with `inside`, the first unique character of the slice occurs outside it too."""
    short, long, alphabet, most = _SPEC[difficulty][:4]
    for _ in range(20):
        s = _string(rng, rng.randint(short, long), alphabet, rng.randint(1, most), rng.random() < 0.5)
        bounds = _bounds(rng, len(s), difficulty)
        lo, hi, _ = slice(bounds[0], bounds[1] if len(bounds) > 1 else None).indices(len(s))
        first = next((i for i in range(lo, hi) if s[lo:hi].count(s[i]) == 1), -1)
        if lo > 0 and first >= 0 and (not inside or s.count(s[first]) > 1):
            break
    return (s, *bounds)


@register_family("first_unique_char")
class FirstUniqueChar(Family):
    # 2: optional start and end, Python's slice rules: a start in some problems at level 6, start and end in
    # most at 7, negative values in every problem from 8, values beyond the ends of s from 9; a string
    # without a unique character (-1) in every problem
    # 3: the rule for start and end is stated from level 6 (level_rules), where they are first passed:
    #    under the whole description the default model solved 3 of 30, none at level 1
    version = 3
    entry_point = "first_unique_char"
    signature = "def first_unique_char(s: str, start: int = 0, end: int | None = None) -> int"
    description = (
        "Return the index (counting from 0) of the first character of s that occurs exactly once in the\n"
        "whole string. Characters are compared exactly: \"a\" and \"A\" are different characters, and\n"
        "spaces, digits, punctuation and non-ASCII letters count like any other character. Return -1\n"
        "when every character occurs more than once, and for the empty string."
    )
    level_rules = {6: (
        "With the optional arguments start and end, look only at the slice s[start:end], with Python's\n"
        "slice rules (a negative value counts from the end of s, a value beyond either end of s is\n"
        "clipped to it, end=None means the end of s): find the first character of the slice that occurs\n"
        "exactly once in the slice (occurrences outside it do not count) and return its index in s, not\n"
        "in the slice, or -1 if there is none. So first_unique_char('abcab', 2) is 2 (in 'cab' the 'c'\n"
        "comes first) and first_unique_char('xyzzy', -4, -1) is 1 (the 'y' of 'yzz')."
    )}
    levels = {
        1: "lowercase, length 4-10",
        2: "lowercase, length 5-14; the empty string and no unique character (-1)",
        3: "lowercase, length 6-18; the only unique character last",
        4: "upper and lower case, length 6-22 (a and A differ)",
        5: "letters and digits, length 8-28",
        6: "punctuation and spaces, length 8-34; a start in a third of the problems",
        7: "length 10-42; a start and an end in two thirds of the problems",
        8: "non-ASCII letters, length 10-52; negative starts and ends in every problem, a character unique in "
           "the slice that occurs outside it too",
        9: "length 12-64; starts and ends beyond the ends of s (clipped)",
        10: "length 12-80; a start and an end in most random inputs",
    }
    reference_source = '''def first_unique_char(s: str, start: int = 0, end: int | None = None) -> int:
    # the slice's bounds as indices into s: negative ones count from the end, both clipped to the string
    start, end, _ = slice(start, end).indices(len(s))
    counts = {}
    for i in range(start, end):
        counts[s[i]] = counts.get(s[i], 0) + 1
    for i in range(start, end):
        if counts[s[i]] == 1:
            return i
    return -1
'''
    category = "dicts_sets"
    wrong_sources = (
        '''def first_unique_char(s, start=0, end=None):  # only looks ahead: misses that the character occurred before
    start, end, _ = slice(start, end).indices(len(s))
    for i in range(start, end):
        if s[i] not in s[i + 1:end]:
            return i
    return -1
''',
        '''def first_unique_char(s, start=0, end=None):  # ignores case: "a" and "A" counted as one character
    lowered = s.lower()
    start, end, _ = slice(start, end).indices(len(s))
    for i in range(start, end):
        if lowered[start:end].count(lowered[i]) == 1:
            return i
    return -1
''',
        '''def first_unique_char(s, start=0, end=None):  # None instead of -1 when there is none
    start, end, _ = slice(start, end).indices(len(s))
    for i in range(start, end):
        if s[start:end].count(s[i]) == 1:
            return i
    return None
''',
        '''def first_unique_char(s, start=0, end=None):  # the index in the slice, not in s
    t = s[start:end]
    for i, ch in enumerate(t):
        if t.count(ch) == 1:
            return i
    return -1
''',
        '''def first_unique_char(s, start=0, end=None):  # counts the characters in all of s, not in the slice
    start, end, _ = slice(start, end).indices(len(s))
    for i in range(start, end):
        if s.count(s[i]) == 1:
            return i
    return -1
''',
        '''def first_unique_char(s, start=0, end=None):  # adds start to the slice's index, even a negative start
    t = s[start:end]
    for i, ch in enumerate(t):
        if t.count(ch) == 1:
            return start + i
    return -1
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, alphabet, most, _, p_slice = _SPEC[difficulty]
        if rng.random() < p_slice:
            return _slice_string(rng, difficulty)
        uniques = rng.randint(1, most) if rng.random() < 0.75 else 0  # a quarter have none: -1
        return (_string(rng, rng.randint(short, long), alphabet, uniques, difficulty >= 4 and rng.random() < 0.5),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, alphabet, most, p_problem, _ = _SPEC[difficulty]
        pool = ["none"] + (["empty"] if difficulty >= 2 else [])
        if difficulty >= 3:
            pool.append("last")
        if difficulty >= 4:
            pool.append("case_twin")
        kinds = ["none"] + rng.sample(pool[1:], min(1, len(pool) - 1))  # -1 in every problem, and one more
        if rng.random() < p_problem:  # from level 6 a slice whose first unique character occurs outside it too
            kinds.append("slice")
        edges = []
        for kind in kinds:
            n = rng.randint(short, long)
            if kind == "none":  # every character at least twice, the first one exactly twice (at both ends)
                s = _string(rng, n - 2, alphabet, 0)
                c = rng.choice([c for c in alphabet if c not in s] or [s[0]])
                edges.append((c + s + c,))
            elif kind == "last":  # the only once-only character is the last one
                s = _string(rng, n - 1, alphabet, 0)
                edges.append((s + rng.choice([c for c in alphabet if c not in s]),))
            elif kind == "case_twin":
                edges.append((_string(rng, n, alphabet, 1, case_twin=True),))
            elif kind == "slice":
                edges.append(_slice_string(rng, difficulty, inside=True))
            else:
                edges.append(("",))
        return edges

    def check_args(self, s: str, start: int = 0, end: int | None = None) -> None:
        assert isinstance(s, str), f"expected a string, got {type(s).__name__}"
        assert set(s) <= _ALLOWED, f"unexpected character in {s!r}"
        assert type(start) is int and (end is None or type(end) is int), f"bad bounds {start!r}, {end!r}"
