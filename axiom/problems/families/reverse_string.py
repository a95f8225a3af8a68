"""Reverse a string, code point by code point."""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

_LOWER = string.ascii_lowercase
_ALNUM = string.ascii_letters + string.digits
_PRINTABLE = _ALNUM + " " * 8 + string.punctuation  # spaces weighted so they are common
# Precomposed letters only: no combining marks, so reversing code points reverses what a reader sees.
_NON_ASCII = "éèàçñßüöäøåæœłžšÉÜÖжщыяюфдЖλπΩδ中文字日本語한국"
_WORLD = _PRINTABLE + _NON_ASCII
_ALLOWED = frozenset(_WORLD)
# level: (shortest, longest, alphabet)
_SPEC = {
    1: (3, 8, _LOWER),
    2: (4, 12, _LOWER),
    3: (4, 16, _ALNUM),
    4: (5, 20, _PRINTABLE),
    5: (5, 28, _PRINTABLE),
    6: (6, 36, _PRINTABLE),
    7: (6, 46, _PRINTABLE),
    8: (8, 56, _WORLD),
    9: (8, 68, _WORLD),
    10: (10, 80, _WORLD),
}


@register_family("reverse_string")
class ReverseString(Family):
    entry_point = "reverse_string"
    signature = "def reverse_string(s: str) -> str"
    description = (
        "Return the string s reversed: the last character first and the first character last.\n"
        "Every character counts, including spaces, punctuation, digits and non-ASCII letters such as\n"
        "é or 中; reverse by Unicode code point, exactly like s[::-1]. The empty string reverses to\n"
        "the empty string."
    )
    levels = {
        1: "lowercase letters, length 3-8; a palindrome",
        2: "lowercase, length 4-12; the empty string",
        3: "mixed case and digits, length 4-16",
        4: "spaces and punctuation, length 5-20",
        5: "length 5-28; leading and trailing spaces",
        6: "length 6-36",
        7: "length 6-46",
        8: "non-ASCII letters (é, ß, ж, 中...), length 8-56",
        9: "non-ASCII, length 8-68",
        10: "non-ASCII, length 10-80",
    }
    reference_source = '''def reverse_string(s: str) -> str:
    return s[::-1]
'''
    category = "strings"
    wrong_sources = (
        '''def reverse_string(s):  # loses leading and trailing spaces
    return s.strip()[::-1]
''',
        '''def reverse_string(s):  # reverses bytes, mangling non-ASCII letters
    return s.encode("utf-8")[::-1].decode("utf-8", "ignore")
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, alphabet = _SPEC[difficulty]
        return ("".join(rng.choices(alphabet, k=rng.randint(lo, hi))),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, alphabet = _SPEC[difficulty]
        # Edge inputs come from large spaces (each input belongs to one split only): no one-character
        # string, of which there are at most ~150; only "" is shared by every split.
        pool = ["palindrome"] + (["empty"] if difficulty >= 2 else [])
        if difficulty >= 5:
            pool.append("spaces")
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):  # two a problem, so most tests stay random
            if kind == "palindrome":  # reads the same both ways
                half = "".join(rng.choices(alphabet, k=rng.randint(3, (hi - 1) // 2)))
                edges.append((half + rng.choice(("", rng.choice(alphabet))) + half[::-1],))
            elif kind == "empty":
                edges.append(("",))
            else:  # spaces at the ends must move too
                core = "".join(rng.choices(alphabet, k=rng.randint(lo, hi - 6)))
                edges.append((" " * rng.randint(1, 3) + core + " " * rng.randint(0, 3),))
        return edges

    def check_args(self, s: str) -> None:
        assert isinstance(s, str), f"expected a string, got {type(s).__name__}"
        assert set(s) <= _ALLOWED, f"unexpected character in {s!r}"
