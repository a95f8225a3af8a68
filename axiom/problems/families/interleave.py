"""Interleave two lists, alternating elements, with the rest of the longer list appended."""

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


def _lengths(rng: random.Random, short: int, long: int, spread: int) -> tuple[int, int]:
    n = rng.randint(short, long)
    m = min(long, max(short, n + rng.randint(-spread, spread)))
    return (n, m) if rng.random() < 0.5 else (m, n)


@register_family("interleave")
class Interleave(Family):
    version = 2  # 2: every problem tests a longer a and a longer b (and from level 3 an empty list)
    entry_point = "interleave"
    signature = "def interleave(a: list[int], b: list[int]) -> list[int]"
    description = (
        "Return a new list that alternates the elements of a and b, starting with a: a[0], b[0], a[1],\n"
        "b[1], and so on. When one list runs out, append the remaining elements of the other list in\n"
        "their order, so the result always has len(a) + len(b) elements. Either list may be empty.\n"
        "Do not modify a or b."
    )
    levels = {
        1: "two lists of the same length, 2-6 values in 0..99; one list longer as an edge case",
        2: "lengths 2-7, differing by up to 2",
        3: "lengths 1-8, differing by up to 4; an empty list is an edge case",
        4: "lengths 1-10 in -99..99",
        5: "lengths 1-12, differing by up to 8; both lists empty is an edge case",
        6: "lengths 1-16 up to +-10^4",
        7: "lengths 1-20, far apart",
        8: "lengths 1-26 up to +-10^6",
        9: "lengths 1-32 up to +-10^9",
        10: "lengths 1-40 up to +-10^9, one list often much longer",
    }
    reference_source = '''def interleave(a: list[int], b: list[int]) -> list[int]:
    result = []
    for i in range(max(len(a), len(b))):
        if i < len(a):
            result.append(a[i])
        if i < len(b):
            result.append(b[i])
    return result
'''
    category = "lists"
    wrong_sources = (
        '''def interleave(a, b):  # zip stops at the shorter list and drops the rest
    result = []
    for x, y in zip(a, b):
        result += [x, y]
    return result
''',
        '''def interleave(a, b):  # starts with b instead of a
    result = []
    for i in range(max(len(a), len(b))):
        if i < len(b):
            result.append(b[i])
        if i < len(a):
            result.append(a[i])
    return result
''',
        '''def interleave(a, b):  # appends the rest of a, never the rest of b
    result = []
    for x, y in zip(a, b):
        result += [x, y]
    return result + a[len(b):]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, spread, lo, hi = _PARAMS[difficulty]
        n, m = _lengths(rng, short, long, spread)
        values = range(lo, hi + 1)
        return (rng.choices(values, k=n), rng.choices(values, k=m))

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, _, lo, hi = _PARAMS[difficulty]
        # a longer and b longer, both: the rest of each list must be appended; then an empty list
        pool = (["one_empty"] if difficulty >= 3 else []) + (["both_empty"] if difficulty >= 5 else [])
        kinds = ["a_longer", "b_longer"] + rng.sample(pool, min(1, len(pool)))
        values = range(lo, hi + 1)
        edges = []
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
        return edges

    def check_args(self, a: list[int], b: list[int]) -> None:
        assert isinstance(a, list) and isinstance(b, list), "a and b must be lists"
        assert all(type(v) is int for v in a + b), f"non-integer value in {a!r} or {b!r}"
