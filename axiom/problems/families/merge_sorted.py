"""Merge two sorted lists into one sorted list, keeping every value, duplicates included."""

from __future__ import annotations

import operator
import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value, chance both lists share a small pool)
_PARAMS = {
    1: (2, 5, 0, 99, 0.0),
    2: (1, 7, 0, 199, 0.2),
    3: (0, 9, 0, 499, 0.4),
    4: (0, 12, -99, 99, 0.5),
    5: (0, 15, -999, 999, 0.5),
    6: (0, 18, -10**4, 10**4, 0.5),
    7: (0, 22, -10**4, 10**4, 0.6),
    8: (0, 28, -10**6, 10**6, 0.6),
    9: (0, 34, -10**9, 10**9, 0.6),
    10: (0, 40, -10**9, 10**9, 0.7),
}


def _pair(rng: random.Random, na: int, nb: int, lo: int, hi: int, shared: float) -> tuple[list[int], list[int]]:
    if rng.random() < shared:  # both drawn from a few values: repeats within and across the lists
        pool = rng.sample(range(lo, hi + 1), max(1, (na + nb) // 3))
        return sorted(rng.choices(pool, k=na)), sorted(rng.choices(pool, k=nb))
    values = range(lo, hi + 1)
    return sorted(rng.choices(values, k=na)), sorted(rng.choices(values, k=nb))


@register_family("merge_sorted")
class MergeSorted(Family):
    entry_point = "merge_sorted"
    signature = "def merge_sorted(a: list[int], b: list[int]) -> list[int]"
    description = (
        "You are given two lists of integers a and b, each sorted in non-decreasing order (values may\n"
        "repeat and may be negative). Return one new list, sorted in non-decreasing order, that holds\n"
        "every value of a and every value of b: its length is len(a) + len(b), and a value that occurs\n"
        "twice in total occurs twice in the result. Either list may be empty. Do not modify a or b."
    )
    levels = {
        1: "2-5 values each in 0..99",
        2: "1-7 values each in 0..199, some repeats",
        3: "0-9 values each (one list may be empty), repeats across the lists",
        4: "0-12 values each in -99..99 (negatives)",
        5: "0-15 values each in -999..999",
        6: "0-18 values each up to +-10^4",
        7: "0-22 values each, many repeats",
        8: "0-28 values each up to +-10^6",
        9: "0-34 values each up to +-10^9",
        10: "0-40 values each up to +-10^9, lengths far apart",
    }
    reference_source = '''def merge_sorted(a: list[int], b: list[int]) -> list[int]:
    result = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            result.append(a[i])
            i += 1
        else:
            result.append(b[j])
            j += 1
    result.extend(a[i:])
    result.extend(b[j:])
    return result
'''
    category = "lists"
    wrong_sources = (
        '''def merge_sorted(a, b):  # forgets what is left of the longer list after the loop
    result = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            result.append(a[i])
            i += 1
        else:
            result.append(b[j])
            j += 1
    return result
''',
        '''def merge_sorted(a, b):  # drops repeated values
    return sorted(set(a) | set(b))
''',
        '''def merge_sorted(a, b):  # appends the rest of a only, never the rest of b
    result = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            result.append(a[i])
            i += 1
        else:
            result.append(b[j])
            j += 1
    return result + a[i:]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, shared = _PARAMS[difficulty]
        return _pair(rng, rng.randint(short, long), rng.randint(short, long), lo, hi, shared)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, _ = _PARAMS[difficulty]
        pool = ["a_first", "b_first", "equal"] + (["one_empty"] if difficulty >= 2 else [])
        if difficulty >= 3:
            pool.append("both_empty")
        edges = []
        for kind in rng.sample(pool, 2):
            na, nb = rng.randint(max(short, 2), max(long, 4)), rng.randint(max(short, 2), max(long, 4))
            if kind in ("a_first", "b_first"):  # every value of one list is below every value of the other
                low, high = _pair(rng, na, nb, lo, hi, 0.0)
                cut = rng.randint(lo, hi - 1)
                low, high = [min(v, cut) for v in low], [max(v, cut + 1) for v in high]
                edges.append((low, high) if kind == "a_first" else (high, low))
            elif kind == "equal":  # the same list twice: every value is repeated
                a, _ = _pair(rng, na, 0, lo, hi, 0.0)
                edges.append((a, list(a)))
            elif kind == "one_empty":
                a, _ = _pair(rng, na, 0, lo, hi, 0.0)
                edges.append((a, []) if rng.random() < 0.5 else ([], a))
            else:
                edges.append(([], []))
        return edges

    def check_args(self, a: list[int], b: list[int]) -> None:
        assert isinstance(a, list) and isinstance(b, list), "a and b must be lists"
        for values in (a, b):
            assert all(type(v) is int for v in values), f"non-integer value in {values!r}"
            assert all(map(operator.le, values, values[1:])), f"{values!r} is not sorted"
