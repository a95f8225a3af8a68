"""The edit (Levenshtein) distance between two strings: fewest insertions, deletions and replacements.

Pairs are mostly a string and an edited copy (so the distance is small and the cheap path is not
obvious), sometimes two independent strings. From level 6 plain recursion times out. The
generator answers with Myers' bit-parallel algorithm (as Hyyro formulates it), which gives the same
distance as the table in reference_source.
"""

from __future__ import annotations

import random

from axiom.problems.families.longest_common_subsequence import ALLOWED, SPEC, edited, pair
from axiom.problems.family import Family, register_family

# the same size ladder as longest_common_subsequence: level -> (shortest, longest string, alphabet).
# Levels 1-2 pair a string only with a lightly edited copy: level 1 with one or two edits after its first
# letter (the first letters agree), level 2 with one to three edits anywhere; independent strings and the
# empty string come at level 3.


def near_pair(rng: random.Random, difficulty: int) -> tuple[str, str]:
    """A string and a copy with a few edits after its first letter (levels 1-2), in either order."""
    lo, hi, alphabet = SPEC[difficulty]
    a = "".join(rng.choices(alphabet, k=rng.randint(lo, hi)))
    b = a[0] + edited(rng, a[1:], alphabet, rng.randint(1, difficulty + 1))  # the first letter kept
    return (a, b) if rng.random() < 0.5 else (b, a)


def levenshtein(a: str, b: str) -> int:
    """reference_source's answer, bit-parallel: pv and mv hold the +1 and -1 steps down the current
    column of the table (one bit per character of a), and `score` follows its last row."""
    if not a:
        return len(b)
    peq: dict[str, int] = {}
    for i, ch in enumerate(a):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    top = 1 << (len(a) - 1)
    pv, mv, score = full, 0, len(a)
    for ch in b:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
    return score


@register_family("edit_distance")
class EditDistance(Family):
    # 2: the description shows the empty string and an edit at the start (the default model left the
    #    table's first row and column at 0); levels 1-2 pair a string with a lightly edited copy only, and
    #    from level 2 a's first letter deleted is an edge case
    # 3: level 2 still edits after the first letter (the default model solved level 1 and no level with an
    #    edit at the start); edits anywhere, and a's first letter deleted, come at level 3
    version = 3
    entry_point = "edit_distance"
    signature = "def edit_distance(a: str, b: str) -> int"
    description = (
        "Return the edit distance between the strings a and b: the fewest single-character edits that\n"
        "turn a into b, where an edit inserts one character, deletes one character, or replaces one\n"
        "character with another, each costing 1. Characters are compared exactly (upper and lower case\n"
        "differ). Equal strings are at distance 0, and the distance between the empty string and s is\n"
        "len(s) either way round, so edit_distance(\"\", \"abc\") is 3; an edit at the start costs as much\n"
        "as one anywhere else: edit_distance(\"xabc\", \"abc\") is 1 and edit_distance(\"kitten\",\n"
        "\"sitting\") is 3. Strings can be 120 characters long, so build a table over prefixes instead of\n"
        "recursing blindly."
    )
    levels = {
        1: "4-8 letters from a-d, and a copy with one or two edits after the first letter; identical strings",
        2: "5-10 letters from a-e, and a copy with one to three edits after the first letter; one edit apart",
        3: "6-12 letters from a-f: a copy with up to half its letters edited anywhere, or an independent string; "
           "an empty string; a's first letter deleted",
        4: "6-14 letters from a-f; one string a prefix of the other",
        5: "8-20 letters from a-h",
        6: "10-30 letters from a-j: plain recursion times out",
        7: "15-45 letters from a-l",
        8: "20-60 letters, upper and lower case (they differ)",
        9: "30-80 letters",
        10: "40-120 letters and digits",
    }
    reference_source = '''def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]
'''
    category = "recursion_dp"
    wrong_sources = (
        '''def edit_distance(a, b):  # no replacement: a replace counts as a delete plus an insert
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return len(a) + len(b) - 2 * prev[-1]
''',
        '''def edit_distance(a, b):  # compares position by position, plus the difference in length
    return sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b))
''',
        '''def edit_distance(a, b):  # first row and column left at 0: edits against an empty prefix are free
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                table[i][j] = table[i - 1][j - 1]
            else:
                table[i][j] = 1 + min(table[i - 1][j], table[i][j - 1], table[i - 1][j - 1])
    return table[len(a)][len(b)]
''',
    )

    def reference(self, a: str, b: str) -> int:
        return levenshtein(a, b)

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        return near_pair(rng, difficulty) if difficulty <= 2 else pair(rng, *SPEC[difficulty])

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, alphabet = SPEC[difficulty]
        pool = ["identical"] + (["one edit"] if difficulty >= 2 else []) + (["at the start"] if difficulty >= 3 else [])
        pool += (["empty"] if difficulty >= 3 else []) + (["prefix"] if difficulty >= 4 else [])
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):
            s = "".join(rng.choices(alphabet, k=rng.randint(max(lo, 4), hi)))
            if kind == "identical":  # distance 0
                edges.append((s, s))
            elif kind == "empty":  # distance len(s)
                edges.append(("", s) if rng.random() < 0.5 else (s, ""))
            elif kind == "one edit":  # distance 1 (or 0 if a replacement drew the same letter); at level 2
                # after the first letter, as all its edits are
                b = edited(rng, s, alphabet, 1) if difficulty >= 3 else s[0] + edited(rng, s[1:], alphabet, 1)
                edges.append((s, b))
            elif kind == "at the start":  # a's first letter deleted gives b: distance 1 (a table whose first
                # column is off, or a deletion that costs 2, gets it wrong)
                edges.append((rng.choice([c for c in alphabet if c != s[0]]) + s, s))
            else:  # b extends a: distance len(b) - len(a)
                tail = "".join(rng.choices(alphabet, k=rng.randint(1, max(1, hi // 3))))
                edges.append((s, s + tail) if rng.random() < 0.5 else (s + tail, s))
        return edges

    def check_args(self, a: str, b: str) -> None:
        assert isinstance(a, str) and isinstance(b, str), "a and b must be strings"
        assert len(a) <= 200 and len(b) <= 200, "strings too long"
        assert set(a) <= ALLOWED and set(b) <= ALLOWED, f"unexpected character in {a!r} or {b!r}"
