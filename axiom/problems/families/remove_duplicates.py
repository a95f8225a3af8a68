"""Drop repeated values from a list, keeping the first occurrence of each in order. From level 6 the list
mixes ints with floats, booleans and strings, and a value repeats only with its type: 1, 1.0, True and "1"
are four values."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

_INT = frozenset({int})  # type(True) is bool, so booleans are not ints here
_TYPES = frozenset({int, float, bool, str})
# level: (shortest, longest list, smallest value, largest value, fewest distinct values per item)
_PARAMS = {
    1: (4, 8, 0, 49, 0.4), 2: (3, 12, 0, 99, 0.35), 3: (3, 16, 0, 199, 0.3), 4: (4, 20, -200, 200, 0.25),
    5: (4, 26, -300, 300, 0.2), 6: (5, 32, -500, 500, 0.2), 7: (6, 40, -1000, 1000, 0.15),
    8: (8, 48, -10**5, 10**5, 0.15), 9: (10, 54, -10**9, 10**9, 0.1), 10: (12, 60, -10**9, 10**9, 0.1),
}
# level: the types a random list mixes in with its ints (levels 1-5: ints only), and the mixed kinds every
# problem of the level tests:
#   floats: floats such as 2.5, repeated, among ints (no float equals an int yet)
#   int_float: x and float(x) both, each repeated: 3 == 3.0 in Python, yet they are two values here
#   bools: True next to 1 and False next to 0 (True == 1, False == 0), each repeated
#   strings: x and str(x) both, "True", "" and "0" next to True, 0 and False
_MIXED = {
    6: (("float",), ("floats",)),
    7: (("float",), ("int_float", "floats")),
    8: (("float", "bool"), ("bools", "int_float", "floats")),
    9: (("float", "bool", "str"), ("bools", "int_float", "strings")),
    10: (("float", "bool", "str"), ("strings", "bools", "int_float")),
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


def _typed(rng: random.Random, v: int, kinds: tuple[str, ...], integral: bool) -> object:
    """v as one of the types in kinds, or left an int: a float (v + 0.5, or float(v) where `integral`),
    a boolean, or a string."""
    kind = rng.choice(("int",) + kinds)
    if kind == "float":
        return float(v) if integral and rng.random() < 0.5 else v + 0.5
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "str":
        return rng.choice((str(v), str(v % 2), "True", "False", "", "1.0", "0"))
    return v


@register_family("remove_duplicates")
class RemoveDuplicates(Family):
    version = 2  # 2: levels 6-10 mix in floats, booleans and strings; a value repeats only with its type
    entry_point = "remove_duplicates"
    signature = "def remove_duplicates(items: list) -> list"
    description = (
        "Return a new list with the repeated values of `items` removed: keep only the first occurrence\n"
        "of each value, in the order the first occurrences appear. Repeats need not be next to each\n"
        "other. Do not sort and do not modify `items`. An empty list gives an empty list; a list with\n"
        "no repeats gives an equal copy.\n"
        "items may hold ints, floats, booleans and strings. Two items are repeats of each other only when\n"
        "they have the same type and the same value: 1, 1.0, True and \"1\" are four different values,\n"
        "although 1 == 1.0 == True in Python (and so are 0, 0.0, False and \"\"), so\n"
        "remove_duplicates([1, True, 1.0, 1, True, \"1\"]) == [1, True, 1.0, \"1\"]."
    )
    levels = {
        1: "4-8 values in 0..49",
        2: "3-12 values in 0..99; the empty list is an edge case",
        3: "3-16 values in 0..199",
        4: "4-20 values in -200..200 (negatives)",
        5: "4-26 values in -300..300",
        6: "5-32 values in -500..500; floats such as 2.5 among the ints",
        7: "6-40 values in -1000..1000, more repeats; 3 and 3.0 both (two values)",
        8: "8-48 values in -10^5..10^5; booleans: True next to 1, False next to 0",
        9: "10-54 values up to +-10^9, many repeats; strings: 7 and \"7\", \"\" next to False and 0",
        10: "12-60 values up to +-10^9, every type mixed",
    }
    reference_source = '''def remove_duplicates(items: list) -> list:
    seen = set()
    result = []
    for item in items:
        key = (type(item), item)  # 1 == 1.0 == True in Python, but they are three values here
        if key not in seen:
            seen.add(key)
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
        '''def remove_duplicates(items):  # compares with ==, so 1, 1.0 and True count as one value
    seen = set()
    result = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result
''',
        '''def remove_duplicates(items):  # keys by str(): 7 and "7" count as one value
    seen = set()
    result = []
    for item in items:
        if str(item) not in seen:
            seen.add(str(item))
            result.append(item)
    return result
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, least = _PARAMS[difficulty]
        items: list = _with_repeats(rng, rng.randint(short, long), lo, hi, least)
        if difficulty >= 6:  # each distinct value takes one type, so its repeats keep it
            types, _ = _MIXED[difficulty]
            typed = {v: _typed(rng, v, types, difficulty >= 7) for v in set(items)}
            items = [typed[v] for v in items]
        return (items,)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, _ = _PARAMS[difficulty]
        mixed = _MIXED[difficulty][1] if difficulty >= 6 else ()
        # the empty list is the one input every split may share (build_splits exempts it)
        kinds = ["all_equal", "no_repeats", "apart"] + (["empty"] if difficulty >= 2 else [])
        edges = []
        for kind in rng.sample(kinds, 3 if len(mixed) < 2 else 5 - len(mixed)):
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
        for kind in mixed:
            n = rng.randint(max(short, 6), long)
            items = _with_repeats(rng, n, lo, hi, 0.5)
            if kind == "floats":  # floats that equal no int, repeated
                halves = [v + 0.5 for v in rng.sample(items, 2)]
                extra = halves + halves + [rng.choice(halves)]
            elif kind == "int_float":  # x and float(x), each twice, the float first or the int first
                x = rng.choice(items)
                extra = [float(x), float(x), x] if rng.random() < 0.5 else [float(x), x, float(x)]
            elif kind == "bools":  # True and False between 1 and 0, each repeated
                extra = [True, 1, False, 0, True, 1.0, False]
            else:  # strings: x and str(x), "" and "0" next to 0, False and True
                x = rng.choice(items)
                extra = [str(x), x, "", 0, "0", False, str(x), "True", True, ""]
            for v in extra:  # spread in random places, keeping their own order
                items.insert(rng.randint(0, len(items)), v)
            edges.append((items,))
        return edges

    def check_args(self, items: list) -> None:
        assert isinstance(items, list), "items must be a list"
        assert _TYPES.issuperset(map(type, items)), f"a value of another type in {items!r}"

    def reference(self, items: list) -> list:
        # reference_source, mostly in C: a dict keeps the first occurrence of each (type, value) key, in order
        return [item for _, item in dict.fromkeys(zip(map(type, items), items, strict=True))]
