"""The longest substring that reads the same backwards; the leftmost one when several are longest."""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

_MIXED = "abcdeABCDE"
_SPACED = "abcdefABCDEF0123 .,"
_NON_ASCII = "abcdeABCDE012 .éжλ中ñÜ"
_ALLOWED = frozenset(string.ascii_letters + string.digits + " .," + _NON_ASCII)
# level: (shortest, longest, alphabet, palindromes planted, longest planted half)
_SPEC = {
    1: (8, 12, "abcde", 1, 2),  # one odd palindrome inside a string that has no other (see _inner)
    2: (8, 16, "abcde", 1, 3),  # one longest palindrome, no tie (see sample_args and edge_cases)
    3: (8, 20, "abcdef", 1, 4),
    4: (10, 24, "abcdefgh", 2, 5),
    5: (12, 30, _MIXED, 2, 6),
    6: (14, 40, _SPACED, 2, 8),
    7: (20, 60, _SPACED, 2, 10),
    8: (30, 100, _NON_ASCII, 3, 14),
    9: (50, 200, _NON_ASCII, 3, 20),
    10: (100, 400, _NON_ASCII, 3, 30),
}


def _palindrome(rng: random.Random, half: int, alphabet: str) -> str:
    """A palindrome of length 2*half or 2*half+1."""
    left = "".join(rng.choices(alphabet, k=half))
    return left + rng.choice(("", rng.choice(alphabet))) + left[::-1]


def _plain(rng: random.Random, n: int, alphabet: str) -> str:
    """n characters with no palindrome longer than one: each differs from the two before it (drawn all at
    once, then any character equal to one of the two before it drawn again)."""
    out = rng.choices(alphabet, k=n)
    for i in range(1, n):
        while out[i] == out[i - 1] or (i > 1 and out[i] == out[i - 2]):
            out[i] = rng.choice(alphabet)
    return "".join(out)


def _plant(rng: random.Random, s: str, palindromes: list[str]) -> str:
    """s with the palindromes inserted at random places, in order."""
    cuts = sorted(rng.randint(0, len(s)) for _ in palindromes)
    pieces, last = [], 0
    for cut, p in zip(cuts, palindromes, strict=True):
        pieces += [s[last:cut], p]
        last = cut
    return "".join(pieces) + s[last:]


def _unique(s: str) -> bool:
    """True when s has exactly one longest palindrome (no tie for the leftmost rule to break)."""
    size = len(_longest(s))
    return sum(s[i:i + size] == s[i:i + size][::-1] for i in range(len(s) - size + 1)) == 1


def _inner(rng: random.Random, lo: int, hi: int, alphabet: str, half: int) -> str:
    """Level 1: a string with exactly one longest palindrome, of odd length 3-5 and touching neither end
    ("dcbabed"), so that no tie, no even length and no end of the string is in play."""
    while True:
        p = _palindrome(rng, rng.randint(1, half), alphabet)
        if len(p) % 2 == 0:
            continue
        rest = _plain(rng, rng.randint(lo, hi) - len(p), alphabet)
        cut = rng.randint(1, len(rest) - 1)
        s = rest[:cut] + p + rest[cut:]
        if _longest(s) == p and s.index(p) == cut and _unique(s):
            return s


def _longest(s: str) -> str:
    """reference_source in fewer Python steps: a longest palindrome ending at i is at most two longer than
    the best so far, so test just those two lengths, each with one slice compared in C (once its two
    end characters match)."""
    start, size = 0, min(len(s), 1)
    for i in range(1, len(s)):
        a = i - size - 1
        if a >= 0 and s[a] == s[i] and s[a:i + 1] == s[a:i + 1][::-1]:
            start, size = a, size + 2
        elif s[i - size] == s[i] and s[i - size:i + 1] == s[i - size:i + 1][::-1]:
            start, size = i - size, size + 1
    # the first palindrome of each new length is the one found, so this is the leftmost longest
    return s[start:start + size]


@register_family("longest_palindromic_substring")
class LongestPalindromicSubstring(Family):
    # 2: every problem tests palindromes at both ends of the string, and a first-character answer
    # (levels 1-3) or a tie (level 4 on)
    # 3: level 1 plants one odd palindrome away from both ends of a string that has no other (no tie, no
    # even length, no end of the string in play; the edge cases start at level 2); the description says
    # t == t[::-1] and shows the leftmost of two longest
    # 4: a plain description: under the one that spelled out t == t[::-1], the leftmost tie and what a
    #    single character is, the default model solved nothing (0 of 30); under this one 9 of 9 at levels 1-3
    version = 4
    entry_point = "longest_palindromic_substring"
    signature = "def longest_palindromic_substring(s: str) -> str"
    description = (
        "Return the longest palindromic substring of s. If several have the greatest length, return the\n"
        "leftmost one. Characters are compared exactly (case, spaces and punctuation count). The empty\n"
        "string gives the empty string."
    )
    levels = {
        1: "a-e, length 8-12: one palindrome of length 3 or 5 inside a string that has no other (no tie, no end)",
        2: "length 8-16, a planted palindrome of any length, one longest (no tie); palindromes at either end; \"\"",
        3: "a-f, length 8-20, ties; the whole string a palindrome; a string whose answer is its first character",
        4: "a-h, length 10-24, two planted palindromes; ties, where the leftmost wins",
        5: "upper and lower case (case-sensitive), length 12-30",
        6: "digits, spaces and punctuation, length 14-40",
        7: "length 20-60",
        8: "non-ASCII characters, length 30-100",
        9: "length 50-200",
        10: "length 100-400, palindromes up to 61 characters",
    }
    reference_source = '''def longest_palindromic_substring(s: str) -> str:
    best_start, best_len = 0, 0
    for centre in range(2 * len(s) - 1):
        # centre 2i is the character i, centre 2i + 1 the gap after it
        left = centre // 2
        right = left + centre % 2
        while left >= 0 and right < len(s) and s[left] == s[right]:
            left -= 1
            right += 1
        if right - left - 1 > best_len:
            best_start, best_len = left + 1, right - left - 1
    return s[best_start:best_start + best_len]
'''
    category = "strings"
    wrong_sources = (
        '''def longest_palindromic_substring(s):  # returns the last longest one, not the first
    best = s[:1]
    for i in range(len(s)):
        for j in range(i + 1, len(s) + 1):
            t = s[i:j]
            if t == t[::-1] and len(t) >= len(best):
                best = t
    return best
''',
        '''def longest_palindromic_substring(s):  # only tries odd lengths, missing "abba"
    best = ""
    for c in range(len(s)):
        lo = hi = c
        while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
            lo, hi = lo - 1, hi + 1
        if hi - lo - 1 > len(best):
            best = s[lo + 1:hi]
    return best
''',
        '''def longest_palindromic_substring(s):  # forgets that one character is a palindrome
    best = ""
    for i in range(len(s)):
        for j in range(i + 2, len(s) + 1):
            t = s[i:j]
            if t == t[::-1] and len(t) > len(best):
                best = t
    return best
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, alphabet, planted, half = _SPEC[difficulty]
        if difficulty == 1:
            return (_inner(rng, lo, hi, alphabet, half),)
        while True:
            s = "".join(rng.choices(alphabet, k=rng.randint(lo, hi)))
            s = _plant(rng, s, [_palindrome(rng, rng.randint(1, half), alphabet) for _ in range(planted)])
            if difficulty > 2 or _unique(s):  # level 2: one longest palindrome, no tie
                return (s,)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, alphabet, _, half = _SPEC[difficulty]
        # From level 2: a palindrome that ends the string and one that starts it (from level 3 the whole
        # string, both at once); the empty string; a string whose answer is its first character (level 3)
        # or a tie (level 4 on): the leftmost of equally long palindromes wins. Level 2 has no tie at all.
        if difficulty == 1:
            return []
        kinds = ["end", "start", "empty"] if difficulty == 2 else \
            ["end", "whole", "plain" if difficulty < 4 else "tie", "empty"]
        edges = []
        for kind in kinds:
            if kind in ("end", "start"):  # the centres at either end of the string matter
                while True:
                    p = _palindrome(rng, rng.randint(2, max(2, half)), alphabet)
                    rest = _plain(rng, rng.randint(lo, hi), alphabet)
                    if kind == "start":  # s[-1] is the character after p: an index let below 0 wraps around
                        if rest[0] in rest[-3:-1]:
                            continue
                        rest = rest[:-1] + rest[0]
                    if difficulty > 2 or _unique(rest + p if kind == "end" else p + rest):
                        break
                edges.append((rest + p if kind == "end" else p + rest,))
            elif kind == "plain":  # the answer is the first character
                edges.append((_plain(rng, rng.randint(max(lo, 10), hi), alphabet),))
            elif kind == "empty":
                edges.append(("",))
            elif kind == "whole":
                edges.append((_palindrome(rng, rng.randint(lo // 2, hi // 2), alphabet),))
            else:  # two different palindromes of the same length apart from each other; the first wins
                k = rng.randint(2, max(2, half))
                first, second = _palindrome(rng, k, alphabet), _palindrome(rng, k, alphabet)
                while len(second) != len(first) or second == first:
                    second = _palindrome(rng, k, alphabet)
                s = _plain(rng, rng.randint(lo, hi), alphabet)
                a, b = sorted(rng.sample(range(len(s) + 1), 2))
                edges.append((s[:a] + first + s[a:b] + second + s[b:],))
        return edges

    def check_args(self, s: str) -> None:
        assert isinstance(s, str), f"expected a string, got {type(s).__name__}"
        assert set(s) <= _ALLOWED, f"unexpected character in {s!r}"

    def reference(self, s: str) -> str:
        return _longest(s)
