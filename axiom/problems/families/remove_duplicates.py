"""Drop repeated values from a list, keeping the first occurrence of each in order."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

_INT = frozenset({int})  # type(True) is bool, so booleans are not ints here
# level: (shortest, longest list, smallest value, largest value, fewest distinct values per item)
_PARAMS = {
    1: (4, 8, 0, 49, 0.4), 2: (3, 12, 0, 99, 0.35), 3: (3, 16, 0, 199, 0.3), 4: (4, 20, -200, 200, 0.25),
    5: (4, 26, -300, 300, 0.2), 6: (5, 32, -500, 500, 0.2), 7: (6, 40, -1000, 1000, 0.15),
    8: (8, 48, -10**5, 10**5, 0.15), 9: (10, 54, -10**9, 10**9, 0.1), 10: (12, 60, -10**9, 10**9, 0.1),
}


def _distinct(rng: random.Random, lo: int, hi: int, n: int) -> list[int]:
    """n different values from lo..hi, in random order."""
    values = rng.choices(range(lo, hi + 1), k=n)
    # n draws that happen to be different are a uniform draw of n different values; when some
    # repeat (rare in a wide range), draw them without replacement instead
    return values if len(set(values)) == n else rng.sample(range(lo, hi + 1), n)


def _with_repeats(rng: random.Random, n: int, lo: int, hi: int, least: float) -> list[int]:
    # a pool of distinct values smaller than the list forces repeats; its size sets the rate
    size = min(hi - lo + 1, max(1, round(n * rng.uniform(least, 1.0))))
    pool = rng.choices(range(lo, hi + 1), k=size)
    return rng.choices(pool, k=n)


@register_family("remove_duplicates")
class RemoveDuplicates(Family):
    entry_point = "remove_duplicates"
    signature = "def remove_duplicates(items: list[int]) -> list[int]"
    description = (
        "Return a new list with the repeated values of `items` removed: keep only the first occurrence\n"
        "of each value, in the order the first occurrences appear. Repeats need not be next to each\n"
        "other. Do not sort and do not modify `items`. An empty list gives an empty list; a list with\n"
        "no repeats gives an equal copy."
    )
    levels = {
        1: "4-8 values in 0..49",
        2: "3-12 values in 0..99; the empty list is an edge case",
        3: "3-16 values in 0..199",
        4: "4-20 values in -200..200 (negatives)",
        5: "4-26 values in -300..300",
        6: "5-32 values in -500..500",
        7: "6-40 values in -1000..1000, more repeats",
        8: "8-48 values in -10^5..10^5",
        9: "10-54 values up to +-10^9, many repeats",
        10: "12-60 values up to +-10^9",
    }
    reference_source = '''def remove_duplicates(items: list[int]) -> list[int]:
    seen = set()
    result = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result
'''
    category = "lists"
    wrong_sources = (
        '''def remove_duplicates(items):  # loses the original order
    return sorted(set(items))
''',
        '''def remove_duplicates(items):  # keeps last occurrences instead of first
    return list(dict.fromkeys(reversed(items)))[::-1]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, least = _PARAMS[difficulty]
        return (_with_repeats(rng, rng.randint(short, long), lo, hi, least),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, _ = _PARAMS[difficulty]
        # the empty list is the one input every split may share (build_splits exempts it)
        kinds = ["all_equal", "no_repeats", "apart"] + (["empty"] if difficulty >= 2 else [])
        edges = []
        for kind in rng.sample(kinds, 3):
            n = rng.randint(max(short, 4), max(long, 6))
            if kind == "empty":
                items = []
            elif kind == "all_equal":
                # splits may not share an input, even across levels: one value needs a wide range
                wide = (lo, hi) if hi - lo >= 10**6 else (0, 10**6) if lo >= 0 else (-10**6, 10**6)
                items = [rng.randint(*wide)] * n
            elif kind == "no_repeats":
                items = _distinct(rng, lo, hi, n)
            else:  # every repeat comes after some other value, never right next to its twin
                first = _distinct(rng, lo, hi, max(3, (n + 1) // 2))
                again = rng.sample(first, rng.randint(1, len(first)))
                if again[0] == first[-1]:
                    again.append(again.pop(0))
                if again[0] == first[-1]:  # only one value to repeat and it is the last one
                    again[0] = first[0]
                items = first + again
            edges.append((items,))
        return edges

    def check_args(self, items: list[int]) -> None:
        assert isinstance(items, list), "items must be a list"
        assert _INT.issuperset(map(type, items)), f"non-integer value in {items!r}"

    def reference(self, items: list[int]) -> list[int]:
        # reference_source in C: a dict keeps the first occurrence of each key, in order
        return list(dict.fromkeys(items))
