"""Count the occurrences of a pattern in a text, overlapping ones included; '?' in the pattern matches any
one character.

The wildcard comes in at level 6 (in two thirds of the problems, every one from 7) and takes over by
level 10, where every pattern has one and some are nothing but wildcards: `str.count`, `str.find` and
slices compared with == never match a '?', since the text has none.
"""

from __future__ import annotations

import random
import re
import string

from axiom.problems.family import Family, register_family

_CASED = "abcABC"
_SPACED = "abcdAB .,!"
_NON_ASCII = "abcAB .éжλ中"
_ALLOWED = frozenset(string.ascii_letters + string.digits + " .,!" + _NON_ASCII)
# level: (shortest text, longest, longest sub, alphabet, copies of sub or of a periodic run planted,
#         chance a problem tests a pattern with a wildcard, chance a random pattern has wildcards,
#         share of a pattern's characters made wildcards)
_SPEC = {
    1: (8, 16, 2, "abc", 1, 0.0, 0.0, 0.0),
    2: (8, 20, 3, "abc", 2, 0.0, 0.0, 0.0),
    3: (10, 24, 4, "abc", 2, 0.0, 0.0, 0.0),
    4: (10, 30, 4, "abc", 3, 0.0, 0.0, 0.0),
    5: (12, 36, 5, _CASED, 3, 0.0, 0.0, 0.0),
    6: (16, 48, 5, _SPACED, 3, 2 / 3, 0.2, 0.3),
    7: (30, 80, 6, _SPACED, 4, 1.0, 0.2, 0.3),
    8: (40, 120, 6, _NON_ASCII, 4, 1.0, 0.4, 0.4),
    9: (100, 400, 8, _NON_ASCII, 6, 1.0, 0.7, 0.5),
    10: (150, 600, 12, _NON_ASCII, 10, 1.0, 1.0, 0.6),
}


def _sub(rng: random.Random, longest: int, alphabet: str) -> str:
    """A random pattern, or half the time a periodic one such as "aa" or "abab", whose copies overlap."""
    if rng.random() < 0.5 or longest < 2:
        return "".join(rng.choices(alphabet, k=rng.randint(1, longest)))
    unit = "".join(rng.choices(alphabet, k=rng.randint(1, max(1, longest // 2))))
    return (unit * longest)[:rng.randint(len(unit) + 1, longest)]


def _wild(rng: random.Random, sub: str, share: float) -> str:
    """sub with about `share` of its characters (at least one) turned into '?'."""
    chars = list(sub)
    for i in rng.sample(range(len(chars)), max(1, round(len(chars) * share * (0.5 + rng.random())))):
        chars[i] = "?"
    return "".join(chars)


def _fill(rng: random.Random, sub: str, alphabet: str) -> str:
    """One text that sub matches: each '?' replaced by a random character."""
    return "".join(rng.choice(alphabet) if ch == "?" else ch for ch in sub)


def _text(rng: random.Random, n: int, sub: str, alphabet: str, copies: int, least: int = 0) -> str:
    """n random characters with copies of sub, or of runs in which sub overlaps itself, planted ('?' filled)."""
    chars = rng.choices(alphabet, k=n)
    for _ in range(rng.randint(least, copies)):
        piece = sub
        if rng.random() < 0.5:  # sub extended by its own start: "aba" -> "ababa" holds it twice
            piece = sub + sub[len(sub) - _overlap(sub):] * rng.randint(1, 3)
        piece = _fill(rng, piece, alphabet)
        i = rng.randint(0, max(0, len(chars) - len(piece)))
        chars[i:i + len(piece)] = piece
    return "".join(chars)


def _overlap(sub: str) -> int:
    """The length of the longest proper prefix of sub that is also a suffix (0 if none); '?' as a letter."""
    for k in range(len(sub) - 1, 0, -1):
        if sub.endswith(sub[:k]):
            return k
    return 0


@register_family("count_occurrences")
class CountOccurrences(Family):
    # 2: '?' in the pattern matches any one character: in most problems at level 6, in every one from 7,
    # in every pattern at level 10; texts at level 10 shortened to 150-600 characters
    version = 2
    entry_point = "count_occurrences"
    signature = "def count_occurrences(text: str, sub: str) -> int"
    description = (
        "Return how many times the non-empty pattern `sub` occurs in `text`, counting overlapping\n"
        "occurrences: an occurrence may start at any position i where text[i:i + len(sub)] matches sub,\n"
        "even inside an earlier occurrence, so \"aa\" occurs 3 times in \"aaaa\" and \"aba\" twice in \"ababa\".\n"
        "A '?' in sub is a wildcard that matches any one character (text never contains '?'): \"a?a\"\n"
        "occurs twice in \"abaca\" and \"??\" 3 times in \"abcd\". Every other character of sub matches only\n"
        "itself: the comparison is case-sensitive and spaces and punctuation count. Return 0 when `sub`\n"
        "does not occur, for instance when it is longer than `text`."
    )
    levels = {
        1: "text of a-c, length 8-16, sub of 1-2 characters; sub at both ends of the text",
        2: "length 8-20, sub of 1-3; overlapping occurrences (aa in aaaa)",
        3: "length 10-24, periodic patterns such as abab",
        4: "length 10-30; sub longer than the text; sub equal to the text",
        5: "upper and lower case: A does not match a",
        6: "spaces and punctuation, length 16-48; patterns with '?' wildcards in most problems",
        7: "length 30-80; a pattern with wildcards in every problem",
        8: "non-ASCII characters, length 40-120; wildcards in 40% of the random patterns",
        9: "length 100-400, patterns up to 8 characters, most of them with wildcards",
        10: "length 150-600, patterns up to 12 characters, every one with wildcards; patterns of wildcards "
            "only",
    }
    reference_source = '''def count_occurrences(text: str, sub: str) -> int:
    count = 0
    for i in range(len(text) - len(sub) + 1):
        if all(s == "?" or s == text[i + j] for j, s in enumerate(sub)):
            count += 1
    return count
'''
    category = "strings"
    wrong_sources = (
        '''def count_occurrences(text, sub):  # str.count skips overlapping occurrences and knows no wildcard
    return text.count(sub)
''',
        '''def count_occurrences(text, sub):  # off by one: never looks at the last possible position
    return sum(1 for i in range(len(text) - len(sub))
               if all(s == "?" or s == t for s, t in zip(sub, text[i:i + len(sub)])))
''',
        '''def count_occurrences(text, sub):  # ignores case
    text, sub = text.lower(), sub.lower()
    return sum(1 for i in range(len(text) - len(sub) + 1)
               if all(s == "?" or s == t for s, t in zip(sub, text[i:i + len(sub)])))
''',
        '''def count_occurrences(text, sub):  # overlapping, but '?' compared as a plain character
    return sum(1 for i in range(len(text) - len(sub) + 1) if text[i:i + len(sub)] == sub)
''',
        '''def count_occurrences(text, sub):  # wildcards as a regular expression, without a lookahead: no overlaps
    import re
    return len(re.findall("".join("." if ch == "?" else re.escape(ch) for ch in sub), text))
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, longest, alphabet, copies, _, p_wild, share = _SPEC[difficulty]
        sub = _sub(rng, longest, alphabet)
        if rng.random() < p_wild:
            sub = _wild(rng, sub, share)
        return (_text(rng, rng.randint(lo, hi), sub, alphabet, copies), sub)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, longest, alphabet, copies, p_problem, _, share = _SPEC[difficulty]
        pool = ["both ends"] + (["chain"] if difficulty >= 2 else [])
        if difficulty >= 4:
            pool += ["longer", "equal"]
        kinds = rng.sample(pool, min(2, len(pool)))  # two a problem, so most tests stay random
        if rng.random() < p_problem:  # and, in most problems at level 6 (all from 7), a wildcard pattern
            kinds.append("only wildcards" if difficulty == 10 and rng.random() < 0.5 else "wildcard")
        edges = []
        for kind in kinds:
            sub = _sub(rng, longest, alphabet)
            if kind == "both ends":  # the last position is a match too
                edges.append((sub + _text(rng, rng.randint(lo, hi), sub, alphabet, copies) + sub, sub))
            elif kind == "chain":  # one character repeated: every position but the last few matches
                ch = rng.choice(alphabet)
                k = rng.randint(2, max(2, longest))
                run = ch * rng.randint(k + 2, max(k + 2, hi // 2))
                ends = rng.choices(alphabet, k=rng.randint(0, 5)), rng.choices(alphabet, k=rng.randint(0, 5))
                edges.append(("".join(ends[0]) + run + "".join(ends[1]), ch * k))
            elif kind == "longer":
                text = _text(rng, lo, sub, alphabet, copies)
                edges.append((text[:rng.randint(lo // 2, lo)], text + sub))
            elif kind == "equal":
                text = _text(rng, rng.randint(lo, hi), sub, alphabet, copies)
                edges.append((text, text))
            elif kind == "wildcard":  # planted copies, with their wildcards filled in differently
                sub = _wild(rng, sub, share)
                edges.append((_text(rng, rng.randint(lo, hi), sub, alphabet, max(2, copies), least=1), sub))
            else:  # nothing but wildcards: every position from which the pattern fits
                edges.append(("".join(rng.choices(alphabet, k=rng.randint(lo, hi))), "?" * rng.randint(2, longest)))
        return edges

    def check_args(self, text: str, sub: str) -> None:
        assert isinstance(text, str) and isinstance(sub, str), f"expected two strings, got {text!r}, {sub!r}"
        assert sub, "sub must not be empty"
        assert set(text) <= _ALLOWED, f"unexpected character in {text!r}"
        assert set(sub) <= _ALLOWED | {"?"}, f"unexpected character in {sub!r}"

    def reference(self, text: str, sub: str) -> int:
        # reference_source with the search in C: str.find from one past each match, or, for a pattern with
        # wildcards, a regular expression in a lookahead (which finds overlapping matches)
        if "?" not in sub:
            count, i = 0, text.find(sub)
            while i >= 0:
                count += 1
                i = text.find(sub, i + 1)
            return count
        pattern = "".join("." if ch == "?" else re.escape(ch) for ch in sub)
        return len(re.findall(f"(?=({pattern}))", text, re.DOTALL))
