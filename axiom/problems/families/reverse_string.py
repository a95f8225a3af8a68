"""Reverse a string, code point by code point, except that combining marks stay after their letter.

From level 6 some inputs carry combining marks (U+0301 after an e draws é): `s[::-1]` puts each mark
before its letter, on the wrong character. Every problem from level 6 tests one string with marks, more
of the random strings have them as the level rises, and from level 9 several marks follow one character
(their order kept) and a mark may stand at the very start.
"""

from __future__ import annotations

import random
import string
import unicodedata

from axiom.problems.family import Family, register_family

_LOWER = string.ascii_lowercase
_ALNUM = string.ascii_letters + string.digits
_PRINTABLE = _ALNUM + " " * 8 + string.punctuation  # spaces weighted so they are common
# Precomposed letters: one code point each, which s[::-1] keeps whole.
_NON_ASCII = "éèàçñßüöäøåæœłžšÉÜÖжщыяюфдЖλπΩδ中文字日本語한국"
_WORLD = _PRINTABLE + _NON_ASCII
# Combining marks (unicodedata.combining() > 0): grave, acute, circumflex, tilde, diaeresis, ring, caron,
# dot below, cedilla, ogonek, macron below.
_MARKS = "\u0300\u0301\u0302\u0303\u0308\u030a\u030c\u0323\u0327\u0328\u0331"
_ALLOWED = frozenset(_WORLD + _MARKS)
# level: (shortest, longest, alphabet, chance a problem tests marks, chance a random input has marks,
#         most marks on one character, chance a problem tests a mark at the start)
_SPEC = {
    1: (3, 8, _LOWER, 0.0, 0.0, 1, 0.0),
    2: (4, 12, _LOWER, 0.0, 0.0, 1, 0.0),
    3: (4, 16, _ALNUM, 0.0, 0.0, 1, 0.0),
    4: (5, 20, _PRINTABLE, 0.0, 0.0, 1, 0.0),
    5: (5, 28, _PRINTABLE, 0.0, 0.0, 1, 0.0),
    6: (6, 36, _PRINTABLE, 1.0, 0.0, 1, 0.0),
    7: (6, 46, _PRINTABLE, 1.0, 0.3, 1, 0.0),
    8: (8, 56, _WORLD, 1.0, 0.5, 1, 0.0),
    9: (8, 68, _WORLD, 1.0, 0.7, 3, 0.5),
    10: (10, 80, _WORLD, 1.0, 1.0, 3, 0.5),
}


def _marked(rng: random.Random, s: str, most: int) -> str:
    """s with 1-3 (or more for longer s) of its characters, never a space, followed by 1..most marks."""
    chars = list(s)
    spots = [i for i, ch in enumerate(chars) if ch != " "] or [0]
    for i in rng.sample(spots, min(len(spots), rng.randint(1, max(1, len(s) // 8)))):
        chars[i] += "".join(rng.choices(_MARKS, k=rng.randint(1, most)))
    return "".join(chars)


@register_family("reverse_string")
class ReverseString(Family):
    # 2: combining marks stay after the character before them: a marked string in every problem from level
    # 6, more of them as the level rises; several marks on one character and a mark at the start from 9
    version = 2
    entry_point = "reverse_string"
    signature = "def reverse_string(s: str) -> str"
    description = (
        "Return the string s reversed: the last character first and the first character last.\n"
        "Every character counts, including spaces, punctuation, digits and non-ASCII letters such as\n"
        "é or 中, and the empty string reverses to the empty string. Reverse by Unicode code point, like\n"
        "s[::-1], with one exception: a combining mark (a code point ch with unicodedata.combining(ch)\n"
        "not 0, such as the accent U+0301 in 'e\\u0301', which displays as é) belongs to the code point\n"
        "before it and moves with it, staying right after it; several marks after one code point keep\n"
        "their order. So reverse_string('ae\\u0301b') is 'be\\u0301a'. A mark at the very start of s,\n"
        "with nothing before it, moves on its own."
    )
    levels = {
        1: "lowercase letters, length 3-8; a palindrome",
        2: "lowercase, length 4-12; the empty string",
        3: "mixed case and digits, length 4-16",
        4: "spaces and punctuation, length 5-20",
        5: "length 5-28; leading and trailing spaces",
        6: "length 6-36; a string with combining marks (one after a character) in every problem",
        7: "length 6-46; combining marks in a third of the random strings too",
        8: "non-ASCII letters (é, ß, ж, 中...), length 8-56; combining marks in half the random strings",
        9: "length 8-68; up to three marks on one character; a mark at the very start",
        10: "length 10-80, combining marks in every random input",
    }
    reference_source = '''import unicodedata


def reverse_string(s: str) -> str:
    # each code point with the combining marks that follow it, then those groups in reverse order
    groups = []
    for ch in s:
        if groups and unicodedata.combining(ch):
            groups[-1] += ch
        else:
            groups.append(ch)
    return "".join(reversed(groups))
'''
    category = "strings"
    wrong_sources = (
        '''def reverse_string(s):  # loses leading and trailing spaces
    return s.strip()[::-1]
''',
        '''def reverse_string(s):  # reverses bytes, mangling non-ASCII letters
    return s.encode("utf-8")[::-1].decode("utf-8", "ignore")
''',
        '''def reverse_string(s):  # every code point on its own: marks land before their letter
    return s[::-1]
''',
        '''import unicodedata


def reverse_string(s):  # keeps a mark after its letter, but several marks come out in reverse order
    out = list(s[::-1])
    i = 0
    while i < len(out) - 1:
        if unicodedata.combining(out[i]) and not unicodedata.combining(out[i + 1]):
            out[i], out[i + 1] = out[i + 1], out[i]
            i += 1
        i += 1
    return "".join(out)
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, alphabet, _, p_marks, most, _ = _SPEC[difficulty]
        s = "".join(rng.choices(alphabet, k=rng.randint(lo, hi)))
        return (_marked(rng, s, most) if rng.random() < p_marks else s,)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, alphabet, p_marks, _, most, p_start = _SPEC[difficulty]
        # Edge inputs come from large spaces (each input belongs to one split only): no one-character
        # string, of which there are at most ~150; only "" is shared by every split.
        pool = ["palindrome"] + (["empty"] if difficulty >= 2 else [])
        if difficulty >= 5:
            pool.append("spaces")
        kinds = rng.sample(pool, min(2, len(pool)))  # two a problem, so most tests stay random
        if rng.random() < p_marks:  # from level 6 a string with marks
            kinds.append("mark at start" if rng.random() < p_start else "marks")
        edges = []
        for kind in kinds:
            if kind == "palindrome":  # reads the same both ways
                half = "".join(rng.choices(alphabet, k=rng.randint(3, (hi - 1) // 2)))
                edges.append((half + rng.choice(("", rng.choice(alphabet))) + half[::-1],))
            elif kind == "empty":
                edges.append(("",))
            elif kind == "spaces":  # spaces at the ends must move too
                core = "".join(rng.choices(alphabet, k=rng.randint(lo, hi - 6)))
                edges.append((" " * rng.randint(1, 3) + core + " " * rng.randint(0, 3),))
            else:  # marks after some characters; from level 9 perhaps one at the very start too
                s = _marked(rng, "".join(rng.choices(alphabet, k=rng.randint(lo, hi))), most)
                if kind == "mark at start":
                    s = rng.choice(_MARKS) + s
                edges.append((s,))
        return edges

    def check_args(self, s: str) -> None:
        assert isinstance(s, str), f"expected a string, got {type(s).__name__}"
        assert set(s) <= _ALLOWED, f"unexpected character in {s!r}"

    def reference(self, s: str) -> str:
        if not any(unicodedata.combining(ch) for ch in s):
            return s[::-1]
        return self._reference(s)
