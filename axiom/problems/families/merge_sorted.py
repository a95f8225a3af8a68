"""Merge two sorted lists into one sorted list, keeping every value, duplicates included. The order is by
absolute value, the negative value first on a tie: plain order for the lists of levels 1-5, which hold no
negative value."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, largest absolute value, chance a value is negative,
#         chance both lists share a small pool of absolute values)
_PARAMS = {
    1: (2, 5, 99, 0.0, 0.0),
    2: (1, 7, 199, 0.0, 0.2),
    3: (0, 9, 499, 0.0, 0.4),
    4: (0, 12, 999, 0.0, 0.5),
    5: (0, 15, 10**4, 0.0, 0.5),
    6: (0, 18, 10**4, 0.5, 0.0),
    7: (0, 22, 10**4, 0.5, 0.3),
    8: (0, 28, 10**6, 0.5, 0.5),
    9: (0, 34, 10**9, 0.5, 0.6),
    10: (0, 40, 10**9, 0.5, 0.7),
}
# level: the kinds of signed input every problem of the level tests (levels 1-5 have no negative value):
#   signs: both lists mix signs, no absolute value twice (plain sorting puts every negative first)
#   tie_within: one list holds -x and x side by side (the negative one first)
#   tie_across: x in a and -x in b: ordering by absolute value alone keeps a's x first, which is wrong
_SIGNED = {
    6: ("signs",),
    7: ("signs", "tie_within"),
    8: ("tie_across", "signs"),
    9: ("tie_across", "tie_within", "signs"),
    10: ("tie_across", "tie_within", "signs"),
}


def _order(values: list[int]) -> list[int]:
    """values sorted by absolute value, the negative one first on a tie: a sort by value, then a stable one by
    absolute value (builtins only, so faster than a key of (abs(v), v))."""
    return sorted(sorted(values), key=abs)


def _signed(rng: random.Random, magnitudes: list[int], negative: float) -> list[int]:
    if not negative:
        return sorted(magnitudes)
    rand = rng.random
    return _order([-m if rand() < negative else m for m in magnitudes])


def _pair(rng: random.Random, na: int, nb: int, top: int, negative: float,
          shared: float) -> tuple[list[int], list[int]]:
    if rng.random() < shared:  # both drawn from a few absolute values: repeats and ties within and across
        pool = rng.sample(range(top + 1), max(1, (na + nb) // 3))
        return _signed(rng, rng.choices(pool, k=na), negative), _signed(rng, rng.choices(pool, k=nb), negative)
    values = range(top + 1)
    return _signed(rng, rng.choices(values, k=na), negative), _signed(rng, rng.choices(values, k=nb), negative)


@register_family("merge_sorted")
class MergeSorted(Family):
    version = 2  # 2: the lists are sorted by absolute value (negative first on a tie); negatives from level 6 on
    entry_point = "merge_sorted"
    signature = "def merge_sorted(a: list[int], b: list[int]) -> list[int]"
    description = (
        "You are given two lists of integers a and b, each sorted by absolute value (distance from zero)\n"
        "in non-decreasing order, where of two values with the same absolute value the negative one comes\n"
        "first: [0, -2, 2, 2, -5, 7, -9] is sorted this way (for values that are never negative it is the\n"
        "usual non-decreasing order). Values may repeat. Return one new list, sorted the same way, that\n"
        "holds every value of a and every value of b: its length is len(a) + len(b), and a value that\n"
        "occurs twice in total occurs twice in the result, so merge_sorted([-1, 3], [1, -3]) ==\n"
        "[-1, 1, -3, 3]. Either list may be empty. Do not modify a or b."
    )
    levels = {
        1: "2-5 values each in 0..99",
        2: "1-7 values each in 0..199, some repeats",
        3: "0-9 values each (one list may be empty), repeats across the lists",
        4: "0-12 values each in 0..999",
        5: "0-15 values each in 0..10^4",
        6: "0-18 values each in -10^4..10^4: negatives, ordered by absolute value",
        7: "0-22 values each, many repeats; -x and x in one list",
        8: "0-28 values each up to +-10^6; x in one list and -x in the other",
        9: "0-34 values each up to +-10^9, many ties of absolute value",
        10: "0-40 values each up to +-10^9, lengths far apart, most values shared",
    }
    reference_source = '''def merge_sorted(a: list[int], b: list[int]) -> list[int]:
    def key(v):
        return (abs(v), v)  # by distance from zero, the negative one first on a tie

    result = []
    i = j = 0
    while i < len(a) and j < len(b):
        if key(a[i]) <= key(b[j]):
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
        if abs(a[i]) < abs(b[j]) or abs(a[i]) == abs(b[j]) and a[i] <= b[j]:
            result.append(a[i])
            i += 1
        else:
            result.append(b[j])
            j += 1
    return result
''',
        '''def merge_sorted(a, b):  # drops repeated values
    return sorted(set(a) | set(b), key=lambda v: (abs(v), v))
''',
        '''def merge_sorted(a, b):  # appends the rest of a only, never the rest of b
    result = []
    i = j = 0
    while i < len(a) and j < len(b):
        if (abs(a[i]), a[i]) <= (abs(b[j]), b[j]):
            result.append(a[i])
            i += 1
        else:
            result.append(b[j])
            j += 1
    return result + a[i:]
''',
        '''def merge_sorted(a, b):  # plain order: every negative value first
    return sorted(a + b)
''',
        '''def merge_sorted(a, b):  # by absolute value only: on a tie a's value comes first, even a positive one
    return sorted(a + b, key=abs)
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, top, negative, shared = _PARAMS[difficulty]
        return _pair(rng, rng.randint(short, long), rng.randint(short, long), top, negative, shared)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, top, negative, _ = _PARAMS[difficulty]
        pool = ["a_first", "b_first"] + (["one_empty"] if difficulty >= 2 else [])
        if difficulty >= 3:
            pool.append("both_empty")
        signed = _SIGNED.get(difficulty, ())
        # levels 1-5: the same list twice (values of a and b take turns: a + b is wrong) and one more kind;
        # levels 6-10: the signed kinds, which interleave a and b too, after one or two other kinds
        if signed:
            kinds = rng.sample(pool + ["equal"], 2 if len(signed) < 3 else 1)
        else:
            kinds = ["equal"] + rng.sample(pool, 1)
        edges = []
        for kind in kinds + list(signed):
            na, nb = rng.randint(max(short, 2), max(long, 4)), rng.randint(max(short, 2), max(long, 4))
            if kind in ("a_first", "b_first"):  # every value of one list is nearer zero than those of the other
                cut = rng.randint(1, top - 1)
                low = _signed(rng, rng.choices(range(cut + 1), k=na), negative)
                high = _signed(rng, rng.choices(range(cut + 1, top + 1), k=nb), negative)
                edges.append((low, high) if kind == "a_first" else (high, low))
            elif kind == "equal":  # the same list twice: every value is repeated
                a, _ = _pair(rng, na, 0, top, negative, 0.0)
                edges.append((a, list(a)))
            elif kind == "one_empty":
                a, _ = _pair(rng, na, 0, top, negative, 0.0)
                edges.append((a, []) if rng.random() < 0.5 else ([], a))
            elif kind == "both_empty":
                edges.append(([], []))
            elif kind == "signs":  # distinct absolute values, about half of them negative, in both lists
                magnitudes = rng.sample(range(1, top + 1), na + nb)
                rng.shuffle(magnitudes)
                a = _signed(rng, magnitudes[:na], 0.5)
                b = _signed(rng, magnitudes[na:], 0.5)
                if not any(v < 0 for v in a + b):
                    a = _order([-a[0]] + a[1:])
                edges.append((a, b))
            elif kind == "tie_within":  # -x and x in one list, the other list between and around them
                a, b = _pair(rng, na, nb, top, 0.5, 0.0)
                x = rng.choice(a)
                a = _order(a + [-x]) if x else _order(a + [rng.randint(1, top)])
                edges.append((a, b) if rng.random() < 0.5 else (b, a))
            else:  # tie_across: x in a, -x in b, both at the same place of their lists
                a, b = _pair(rng, na, nb, top, 0.5, 0.0)
                x = rng.randint(1, top)
                edges.append((_order(a + [x]), _order(b + [-x])))
        return edges

    def reference(self, a: list[int], b: list[int]) -> list[int]:
        # reference_source's answer, faster
        return _order(a + b)

    def check_args(self, a: list[int], b: list[int]) -> None:
        assert isinstance(a, list) and isinstance(b, list), "a and b must be lists"
        for values in (a, b):
            assert all(type(v) is int for v in values), f"non-integer value in {values!r}"
            assert values == _order(values), f"{values!r} is not sorted by absolute value"
