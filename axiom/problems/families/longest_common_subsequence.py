"""The length of the longest common subsequence of two strings.

Most pairs are a string and an edited copy of it, so the answer is large and not just the common
letter count; the rest are independent strings over the same small alphabet. From level 6 plain
recursion times out; the O(len(a) * len(b)) table is what a solution needs. The generator answers
with the bit-parallel algorithm (Allison-Dix / Hyyro), which computes the same length.

A "?" is a wildcard that matches any one character. Up to level 5 no string holds one. From level 6
a growing share of the problems test a pair whose answer the wildcards raise (a third of them at
level 6, every one from level 9), and more random pairs hold a few: a table that compares characters with
== alone undercounts them.
"""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

_LOWER = string.ascii_lowercase
# level: (shortest, longest string, alphabet)
SPEC = {
    1: (4, 8, "abcd"),
    2: (5, 10, "abcde"),
    3: (6, 12, "abcdef"),
    4: (6, 14, "abcdef"),
    5: (8, 20, _LOWER[:8]),
    6: (10, 30, _LOWER[:10]),
    7: (15, 45, _LOWER[:12]),
    8: (20, 60, _LOWER[:10] + string.ascii_uppercase[:10]),
    9: (30, 80, string.ascii_letters),
    10: (40, 120, string.ascii_letters + string.digits),
}
ALLOWED = frozenset(string.ascii_letters + string.digits + "?")
# level: (chance of an edge case whose wildcards raise the answer, chance that a random pair holds wildcards,
# most wildcards in a string); none below level 6
WILD = {6: (0.35, 0.05, 2), 7: (0.5, 0.1, 3), 8: (0.7, 0.2, 4), 9: (1.0, 0.4, 5), 10: (1.0, 0.6, 6)}


def edited(rng: random.Random, s: str, alphabet: str, edits: int) -> str:
    """`s` after `edits` random deletions, insertions and replacements."""
    chars = list(s)
    for _ in range(edits):
        how = rng.randrange(3) if chars else 1
        if how == 0:
            del chars[rng.randrange(len(chars))]
        elif how == 1:
            chars.insert(rng.randint(0, len(chars)), rng.choice(alphabet))
        else:
            chars[rng.randrange(len(chars))] = rng.choice(alphabet)
    return "".join(chars)


def pair(rng: random.Random, lo: int, hi: int, alphabet: str) -> tuple[str, str]:
    """Two strings: usually one an edited copy of the other, sometimes independent."""
    a = "".join(rng.choices(alphabet, k=rng.randint(lo, hi)))
    if rng.random() < 0.6:
        b = edited(rng, a, alphabet, rng.randint(1, max(1, len(a) // 2)))
    else:
        b = "".join(rng.choices(alphabet, k=rng.randint(lo, hi)))
    return (a, b) if rng.random() < 0.5 else (b, a)


def wildcards(rng: random.Random, s: str, most: int) -> str:
    """s with 1..most of its characters (as many as it has) replaced by "?"."""
    if not s:
        return s
    chars = list(s)
    for i in rng.sample(range(len(chars)), min(len(chars), rng.randint(1, most))):
        chars[i] = "?"
    return "".join(chars)


def lcs_length(a: str, b: str, wild: bool = True) -> int:
    """reference_source's answer, bit-parallel: the zero bits of v (one per position of a) count
    the matched characters; each character of b updates all of them with a few integer operations.
    A "?" matches anything (in b: every position of a; in a: every character of b), unless wild is
    False: then it is a plain character, as for a solution that ignores the rule."""
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    anything = masks.pop("?", 0) if wild else 0  # the positions of a that match any character
    v = full
    for ch in b:
        u = v & (full if wild and ch == "?" else masks.get(ch, 0) | anything)
        v = ((v + u) | (v - u)) & full
    return len(a) - v.bit_count()


@register_family("longest_common_subsequence")
class LongestCommonSubsequence(Family):
    version = 2  # 2: a "?" matches any one character; pairs whose wildcards raise the answer from level 6
    entry_point = "longest_common_subsequence"
    signature = "def longest_common_subsequence(a: str, b: str) -> int"
    description = (
        "Return the length of the longest common subsequence of the strings a and b. A subsequence keeps\n"
        "some of the characters of a string in their original order, not necessarily next to each other:\n"
        "\"ace\" is a subsequence of \"abcde\". Characters are compared exactly (upper and lower case\n"
        "differ), except that a \"?\" in either string is a wildcard: it matches any one character,\n"
        "another \"?\" included, so longest_common_subsequence(\"a?c\", \"xbc\") == 2. If either string is\n"
        "empty the answer is 0. Strings can be 120 characters long, so build a table over prefixes\n"
        "instead of trying every subsequence."
    )
    levels = {
        1: "4-8 letters from a-d",
        2: "5-10 letters from a-e; an empty string",
        3: "6-12 letters from a-f; no common letter",
        4: "6-14 letters from a-f; one string a subsequence of the other",
        5: "8-20 letters from a-h",
        6: "10-30 letters from a-j: plain recursion times out; 35% of the problems test 1-2 wildcards that raise "
           "the answer, 5% of the other pairs hold some",
        7: "15-45 letters from a-l; half the problems test up to 3 wildcards that raise the answer, a tenth of "
           "the other pairs hold some",
        8: "20-60 letters, upper and lower case (they differ); 70% of the problems test up to 4 wildcards that "
           "raise the answer, a fifth of the other pairs hold some",
        9: "30-80 letters; every problem tests up to 5 wildcards that raise the answer, 40% of the other pairs "
           "hold some",
        10: "40-120 letters and digits; every problem tests up to 6 wildcards that raise the answer, 60% of the "
            "other pairs hold some",
    }
    reference_source = '''def longest_common_subsequence(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            if x == y or "?" in (x, y):  # a "?" matches any character
                cur.append(prev[j] + 1)
            else:
                cur.append(max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]
'''
    category = "recursion_dp"
    wrong_sources = (
        '''def longest_common_subsequence(a, b):  # compares with == only: a "?" matches only another "?"
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]
''',
        '''def longest_common_subsequence(a, b):  # a "?" in a is a wildcard, one in b is not
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x in (y, "?") else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]
''',
        '''def longest_common_subsequence(a, b):  # longest common substring: contiguous only
    best = 0
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            best = max(best, k)
    return best
''',
        '''def longest_common_subsequence(a, b):  # greedy: matches each letter of a as early as possible in b
    count, j = 0, 0
    for ch in a:
        pos = b.find(ch, j)
        if pos != -1:
            count += 1
            j = pos + 1
    return count
''',
        '''from collections import Counter


def longest_common_subsequence(a, b):  # counts common letters, ignoring their order
    return sum((Counter(a) & Counter(b)).values())
''',
    )

    def reference(self, a: str, b: str) -> int:
        return lcs_length(a, b)

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        a, b = pair(rng, *SPEC[difficulty])
        _, chance, most = WILD.get(difficulty, (0.0, 0.0, 0))
        if rng.random() < chance:  # wildcards in one string or both
            which = rng.randrange(3)
            a = wildcards(rng, a, most) if which != 1 else a
            b = wildcards(rng, b, most) if which != 0 else b
        return (a, b)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, alphabet = SPEC[difficulty]
        pool = ["identical"] + (["empty"] if difficulty >= 2 else []) + (["disjoint"] if difficulty >= 3 else [])
        if difficulty >= 4:
            pool.append("subsequence")
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):
            s = "".join(rng.choices(alphabet, k=rng.randint(max(lo, 4), hi)))
            if kind == "identical":  # the whole string
                edges.append((s, s))
            elif kind == "empty":
                edges.append(("", s) if rng.random() < 0.5 else (s, ""))
            elif kind == "disjoint":  # the two halves of the alphabet share nothing: 0
                half = len(alphabet) // 2
                first = "".join(rng.choices(alphabet[:half], k=rng.randint(max(lo, 4), hi)))
                edges.append((first, "".join(rng.choices(alphabet[half:], k=rng.randint(max(lo, 4), hi)))))
            else:  # b is a subsequence of a: the answer is len(b)
                keep = sorted(rng.sample(range(len(s)), rng.randint(2, len(s) - 1)))
                edges.append((s, "".join(s[i] for i in keep)))
        edge, _, most = WILD.get(difficulty, (0.0, 0.0, 0))
        if rng.random() < edge:
            edges.append(self._raised(rng, difficulty, most))
        return edges

    def _raised(self, rng: random.Random, difficulty: int, most: int) -> tuple[str, str]:
        """A pair with wildcards (in one string or both) whose answer is larger than with "?" a plain character."""
        while True:
            a, b = pair(rng, *SPEC[difficulty])
            which = rng.randrange(3)
            a = wildcards(rng, a, most) if which != 1 else a
            b = wildcards(rng, b, most) if which != 0 else b
            if lcs_length(a, b) > lcs_length(a, b, wild=False):
                return (a, b)

    def check_args(self, a: str, b: str) -> None:
        assert isinstance(a, str) and isinstance(b, str), "a and b must be strings"
        assert len(a) <= 200 and len(b) <= 200, "strings too long"
        assert set(a) <= ALLOWED and set(b) <= ALLOWED, f"unexpected character in {a!r} or {b!r}"
