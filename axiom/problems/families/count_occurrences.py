"""Count the occurrences of a substring in a text, overlapping ones included."""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

_CASED = "abcABC"
_SPACED = "abcdAB .,!"
_NON_ASCII = "abcAB .éжλ中"
_ALLOWED = frozenset(string.ascii_letters + string.digits + " .,!" + _NON_ASCII)
# level: (shortest text, longest, longest sub, alphabet, copies of sub or of a periodic run planted)
_SPEC = {
    1: (8, 16, 2, "abc", 1),
    2: (8, 20, 3, "abc", 2),
    3: (10, 24, 4, "abc", 2),
    4: (10, 30, 4, "abc", 3),
    5: (12, 36, 5, _CASED, 3),
    6: (16, 48, 5, _SPACED, 3),
    7: (30, 80, 6, _SPACED, 4),
    8: (40, 120, 6, _NON_ASCII, 4),
    9: (100, 400, 8, _NON_ASCII, 6),
    10: (500, 3000, 12, _NON_ASCII, 10),
}


def _sub(rng: random.Random, longest: int, alphabet: str) -> str:
    """A random pattern, or half the time a periodic one such as "aa" or "abab", whose copies overlap."""
    if rng.random() < 0.5 or longest < 2:
        return "".join(rng.choices(alphabet, k=rng.randint(1, longest)))
    unit = "".join(rng.choices(alphabet, k=rng.randint(1, max(1, longest // 2))))
    return (unit * longest)[:rng.randint(len(unit) + 1, longest)]


def _text(rng: random.Random, n: int, sub: str, alphabet: str, copies: int) -> str:
    """n random characters with copies of sub, or of runs in which sub overlaps itself, planted."""
    chars = rng.choices(alphabet, k=n)
    for _ in range(rng.randint(0, copies)):
        piece = sub
        if rng.random() < 0.5:  # sub extended by its own start: "aba" -> "ababa" holds it twice
            piece = sub + sub[len(sub) - _overlap(sub):] * rng.randint(1, 3)
        i = rng.randint(0, max(0, len(chars) - len(piece)))
        chars[i:i + len(piece)] = piece
    return "".join(chars)


def _overlap(sub: str) -> int:
    """The length of the longest proper prefix of sub that is also a suffix (0 if none)."""
    for k in range(len(sub) - 1, 0, -1):
        if sub.endswith(sub[:k]):
            return k
    return 0


@register_family("count_occurrences")
class CountOccurrences(Family):
    entry_point = "count_occurrences"
    signature = "def count_occurrences(text: str, sub: str) -> int"
    description = (
        "Return how many times the non-empty string `sub` occurs in `text`, counting overlapping\n"
        "occurrences: an occurrence may start at any position i where text[i:i + len(sub)] == sub, even\n"
        "inside an earlier occurrence, so \"aa\" occurs 3 times in \"aaaa\" and \"aba\" twice in \"ababa\".\n"
        "The comparison is case-sensitive and spaces and punctuation count. Return 0 when `sub` does not\n"
        "occur, for instance when it is longer than `text`."
    )
    levels = {
        1: "text of a-c, length 8-16, sub of 1-2 characters; sub at both ends of the text",
        2: "length 8-20, sub of 1-3; overlapping occurrences (aa in aaaa)",
        3: "length 10-24, periodic patterns such as abab",
        4: "length 10-30; sub longer than the text; sub equal to the text",
        5: "upper and lower case: A does not match a",
        6: "spaces and punctuation, length 16-48",
        7: "length 30-80",
        8: "non-ASCII characters, length 40-120",
        9: "length 100-400, patterns up to 8 characters",
        10: "length 500-3000, patterns up to 12 characters, long overlapping runs",
    }
    reference_source = '''def count_occurrences(text: str, sub: str) -> int:
    count = 0
    for i in range(len(text) - len(sub) + 1):
        if text[i:i + len(sub)] == sub:
            count += 1
    return count
'''
    category = "strings"
    wrong_sources = (
        '''def count_occurrences(text, sub):  # str.count skips overlapping occurrences
    return text.count(sub)
''',
        '''def count_occurrences(text, sub):  # off by one: never looks at the last possible position
    return sum(1 for i in range(len(text) - len(sub)) if text[i:i + len(sub)] == sub)
''',
        '''def count_occurrences(text, sub):  # ignores case
    text, sub = text.lower(), sub.lower()
    return sum(1 for i in range(len(text) - len(sub) + 1) if text[i:i + len(sub)] == sub)
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, longest, alphabet, copies = _SPEC[difficulty]
        sub = _sub(rng, longest, alphabet)
        return (_text(rng, rng.randint(lo, hi), sub, alphabet, copies), sub)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, longest, alphabet, copies = _SPEC[difficulty]
        pool = ["both ends"] + (["chain"] if difficulty >= 2 else [])
        if difficulty >= 4:
            pool += ["longer", "equal"]
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):  # two a problem, so most tests stay random
            sub = _sub(rng, longest, alphabet)
            text = _text(rng, rng.randint(lo, hi), sub, alphabet, copies)
            if kind == "both ends":  # the last position is a match too
                edges.append((sub + text + sub, sub))
            elif kind == "chain":  # one character repeated: every position but the last few matches
                ch = rng.choice(alphabet)
                k = rng.randint(2, max(2, longest))
                run = ch * rng.randint(k + 2, max(k + 2, hi // 2))
                edges.append((text[:rng.randint(0, 5)] + run + text[len(text) - rng.randint(0, 5):], ch * k))
            elif kind == "longer":
                edges.append((text[:rng.randint(lo // 2, lo)], text[:lo] + sub))
            else:
                edges.append((text, text))
        return edges

    def check_args(self, text: str, sub: str) -> None:
        assert isinstance(text, str) and isinstance(sub, str), f"expected two strings, got {text!r}, {sub!r}"
        assert sub, "sub must not be empty"
        assert set(text) <= _ALLOWED and set(sub) <= _ALLOWED, f"unexpected character in {text!r} or {sub!r}"

    def reference(self, text: str, sub: str) -> int:
        # reference_source with the search in C: each find starts one past the previous match
        count, i = 0, text.find(sub)
        while i >= 0:
            count += 1
            i = text.find(sub, i + 1)
        return count
