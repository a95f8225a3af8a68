"""Interleave two lists, alternating elements (or, levels 6-10, blocks of k elements), with the rest of the
longer list appended."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, largest difference between the lengths, smallest value, largest value)
_PARAMS = {
    1: (2, 6, 0, 0, 99),
    2: (2, 7, 2, 0, 99),
    3: (1, 8, 4, 0, 999),
    4: (1, 10, 6, -99, 99),
    5: (1, 12, 8, -999, 999),
    6: (1, 16, 12, -10**4, 10**4),
    7: (1, 20, 16, -10**4, 10**4),
    8: (1, 26, 22, -10**6, 10**6),
    9: (1, 32, 30, -10**9, 10**9),
    10: (1, 40, 40, -10**9, 10**9),
}
# level: chance that a random input passes a block size k, the largest such k, and the block kinds every
# problem of the level tests (levels 1-5 never pass k, so k = 1):
#   blocks: both lists the same length, a multiple of k (whole blocks only)
#   partial: lengths no multiple of k and different: a short last block, then the rest of the longer list
#   k_over: k at least the shorter length but below the longer one: one block of each, then the rest
#   k_huge: k at least both lengths: a, then b
_BLOCKS = {
    6: (0.2, 2, ("blocks",)),
    7: (0.3, 3, ("blocks", "partial")),
    8: (0.4, 5, ("partial", "blocks")),
    9: (0.6, 8, ("partial", "k_over", "blocks")),
    10: (0.7, 12, ("partial", "k_over", "k_huge")),
}


def _lengths(rng: random.Random, short: int, long: int, spread: int) -> tuple[int, int]:
    n = rng.randint(short, long)
    m = min(long, max(short, n + rng.randint(-spread, spread)))
    return (n, m) if rng.random() < 0.5 else (m, n)


def _block_case(rng: random.Random, kind: str, top: int, values: range) -> tuple[list[int], list[int], int]:
    k = rng.randint(2, top)
    if kind == "blocks":
        na = nb = k * rng.randint(2, 4)
    elif kind == "partial":  # the shorter list ends inside a block, the longer one goes on past it
        na = k * rng.randint(1, 3) + rng.randint(1, k - 1)
        nb = na + rng.randint(1, 2 * k)
    elif kind == "k_over":  # the shorter list fits in one block, the longer one does not
        nb = rng.randint(1, k)
        na = k + rng.randint(1, k + 2)
    else:  # k_huge: one block of each, the whole of a then the whole of b
        na, nb = rng.randint(1, k), rng.randint(1, k)
        k += rng.randint(0, 5)
    if rng.random() < 0.5:
        na, nb = nb, na
    return rng.choices(values, k=na), rng.choices(values, k=nb), k


@register_family("interleave")
class Interleave(Family):
    version = 3  # 3: levels 6-10 pass a block size k (a third argument) and take k elements of each list in turn
    entry_point = "interleave"
    signature = "def interleave(a: list[int], b: list[int], k: int = 1) -> list[int]"
    description = (
        "Return a new list that alternates the elements of a and b, starting with a: a[0], b[0], a[1],\n"
        "b[1], and so on. When one list runs out, append the remaining elements of the other list in\n"
        "their order, so the result always has len(a) + len(b) elements. Either list may be empty.\n"
        "The optional third argument k (k >= 1, default 1) makes the lists alternate in blocks of k\n"
        "elements instead: a[0:k], then b[0:k], then a[k:2*k], then b[k:2*k], and so on, where a block is\n"
        "shorter (or empty) when its list runs out, so interleave([1, 2, 3], [7, 8, 9, 10, 11], 2) ==\n"
        "[1, 2, 7, 8, 3, 9, 10, 11] and a k at least as large as both lists gives a + b.\n"
        "Do not modify a or b."
    )
    levels = {
        1: "two lists of the same length, 2-6 values in 0..99; one list longer as an edge case",
        2: "lengths 2-7, differing by up to 2",
        3: "lengths 1-8, differing by up to 4; an empty list is an edge case",
        4: "lengths 1-10 in -99..99",
        5: "lengths 1-12, differing by up to 8; both lists empty is an edge case",
        6: "lengths 1-16 up to +-10^4; blocks of k = 2 (lists of the same length, whole blocks)",
        7: "lengths 1-20, far apart; k up to 3, a short last block",
        8: "lengths 1-26 up to +-10^6; k up to 5",
        9: "lengths 1-32 up to +-10^9; k up to 8, k past the shorter list's length",
        10: "lengths 1-40 up to +-10^9, k up to 12; k past both lengths (a + b)",
    }
    reference_source = '''def interleave(a: list[int], b: list[int], k: int = 1) -> list[int]:
    result = []
    for i in range(0, max(len(a), len(b)), k):
        result.extend(a[i:i + k])  # a slice past the end is short or empty
        result.extend(b[i:i + k])
    return result
'''
    category = "lists"
    wrong_sources = (
        '''def interleave(a, b, k=1):  # zip stops at the shorter list and drops the rest
    result = []
    for x, y in zip(a, b):
        result += [x, y]
    return result
''',
        '''def interleave(a, b, k=1):  # starts with b instead of a
    result = []
    for i in range(max(len(a), len(b))):
        if i < len(b):
            result.append(b[i])
        if i < len(a):
            result.append(a[i])
    return result
''',
        '''def interleave(a, b, k=1):  # appends the rest of a, never the rest of b
    result = []
    for x, y in zip(a, b):
        result += [x, y]
    return result + a[len(b):]
''',
        '''def interleave(a, b, k=1):  # ignores k: alternates single elements
    result = []
    for i in range(max(len(a), len(b))):
        if i < len(a):
            result.append(a[i])
        if i < len(b):
            result.append(b[i])
    return result
''',
        '''def interleave(a, b, k=1):  # blocks stop at the shorter length, not at the end of a block
    n = min(len(a), len(b))
    result = []
    for i in range(0, n, k):
        result += a[i:min(i + k, n)] + b[i:min(i + k, n)]
    return result + a[n:] + b[n:]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, spread, lo, hi = _PARAMS[difficulty]
        n, m = _lengths(rng, short, long, spread)
        values = range(lo, hi + 1)
        a, b = rng.choices(values, k=n), rng.choices(values, k=m)
        chance, top, _ = _BLOCKS.get(difficulty, (0.0, 1, ()))
        if rng.random() < chance:
            return (a, b, rng.randint(2, top))
        return (a, b)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, _, lo, hi = _PARAMS[difficulty]
        _, top, blocks = _BLOCKS.get(difficulty, (0.0, 1, ()))
        # a longer and b longer, both: the rest of each list must be appended; then an empty list
        pool = (["one_empty"] if difficulty >= 3 else []) + (["both_empty"] if difficulty >= 5 else [])
        # then the level's kinds of block (from level 9 they take the empty list's place)
        room = 1 if len(blocks) < 3 else 0
        kinds = ["a_longer", "b_longer"] + rng.sample(pool, min(room, len(pool)))
        values = range(lo, hi + 1)
        edges: list[tuple] = []
        for kind in kinds:
            n = rng.randint(max(short, 2), long)
            if kind == "a_longer":  # several values of a left over after b runs out
                edges.append((rng.choices(values, k=n + rng.randint(2, 5)), rng.choices(values, k=n)))
            elif kind == "b_longer":
                edges.append((rng.choices(values, k=n), rng.choices(values, k=n + rng.randint(2, 5))))
            elif kind == "one_empty":
                full = rng.choices(values, k=n)
                edges.append((full, []) if rng.random() < 0.5 else ([], full))
            else:
                edges.append(([], []))
        edges += [_block_case(rng, kind, top, values) for kind in blocks]
        return edges

    def check_args(self, a: list[int], b: list[int], k: int = 1) -> None:
        assert isinstance(a, list) and isinstance(b, list), "a and b must be lists"
        assert type(k) is int and k >= 1, "k must be an int >= 1"
        assert all(type(v) is int for v in a + b), f"non-integer value in {a!r} or {b!r}"
