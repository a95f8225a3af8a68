"""The length of the longest common subsequence of two strings.

Most pairs are a string and an edited copy of it, so the answer is large and not just the common
letter count; the rest are independent strings over the same small alphabet. From level 6 plain
recursion times out; the O(len(a) * len(b)) table is what a solution needs. The generator answers
with the bit-parallel algorithm (Allison-Dix / Hyyro), which computes the same length.
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
ALLOWED = frozenset(string.ascii_letters + string.digits)


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


def lcs_length(a: str, b: str) -> int:
    """reference_source's answer, bit-parallel: the zero bits of v (one per position of a) count
    the matched characters; each character of b updates all of them with a few integer operations."""
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for ch in b:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - v.bit_count()


@register_family("longest_common_subsequence")
class LongestCommonSubsequence(Family):
    entry_point = "longest_common_subsequence"
    signature = "def longest_common_subsequence(a: str, b: str) -> int"
    description = (
        "Return the length of the longest common subsequence of the strings a and b. A subsequence keeps\n"
        "some of the characters of a string in their original order, not necessarily next to each other:\n"
        "\"ace\" is a subsequence of \"abcde\". Characters are compared exactly (upper and lower case\n"
        "differ). If either string is empty the answer is 0. Strings can be 120 characters long, so\n"
        "build a table over prefixes instead of trying every subsequence."
    )
    levels = {
        1: "4-8 letters from a-d",
        2: "5-10 letters from a-e; an empty string",
        3: "6-12 letters from a-f; no common letter",
        4: "6-14 letters from a-f; one string a subsequence of the other",
        5: "8-20 letters from a-h",
        6: "10-30 letters from a-j: plain recursion times out",
        7: "15-45 letters from a-l",
        8: "20-60 letters, upper and lower case (they differ)",
        9: "30-80 letters",
        10: "40-120 letters and digits",
    }
    reference_source = '''def longest_common_subsequence(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]
'''
    category = "recursion_dp"
    wrong_sources = (
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
        return pair(rng, *SPEC[difficulty])

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
        return edges

    def check_args(self, a: str, b: str) -> None:
        assert isinstance(a, str) and isinstance(b, str), "a and b must be strings"
        assert len(a) <= 200 and len(b) <= 200, "strings too long"
        assert set(a) <= ALLOWED and set(b) <= ALLOWED, f"unexpected character in {a!r} or {b!r}"
