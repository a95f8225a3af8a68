"""The second largest distinct value of a list, or None when there is none. From level 6 the list holds
nested lists, whose integers count too, at any depth."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value, chance the largest value repeats)
_PARAMS = {
    1: (3, 8, 0, 99, 0.0),
    2: (3, 10, 0, 99, 0.3),
    3: (3, 12, 0, 999, 0.5),
    4: (4, 16, -99, 99, 0.5),
    5: (4, 20, -999, 999, 0.5),
    6: (5, 26, -10**4, 10**4, 0.6),
    7: (6, 32, -10**4, 10**4, 0.6),
    8: (8, 40, -10**6, 10**6, 0.6),
    9: (10, 50, -10**9, 10**9, 0.7),
    10: (12, 60, -10**9, 10**9, 0.7),
}


def _values(rng: random.Random, n: int, lo: int, hi: int, repeat_top: float, negative_only: bool) -> list[int]:
    if negative_only:  # every value below zero: a running maximum that starts at 0 is wrong
        hi = -1
    nums = rng.choices(range(lo, hi + 1), k=n)
    if rng.random() < repeat_top:  # the largest value several times: it is still only the largest
        top = max(nums)
        for i in rng.sample(range(n), rng.randint(1, max(1, n // 3))):
            nums[i] = top
    return nums


# level: (chance a random list is nested, deepest nesting, chance of an empty list after an item), and the
# nested kinds every problem of the level tests:
#   inner_second: the answer is only inside a nested list (the top-level values alone give another one)
#   inner_max: the maximum only inside nested lists, at two depths (a repeat, which does not count)
#   empties: empty lists among the items, one of them first (max() of an empty list fails)
#   deep: the answer wrapped several lists deep (flattening one level is not enough)
#   nested_none: one value repeated at several depths, with empty lists: no answer (None)
_NESTED = {
    6: (0.3, 1, 0.0, ("inner_second",)),
    7: (0.4, 2, 0.1, ("inner_second", "empties")),
    8: (0.5, 3, 0.1, ("inner_max", "deep", "empties")),
    9: (0.6, 4, 0.15, ("deep", "inner_second", "nested_none")),
    10: (0.7, 5, 0.2, ("deep", "inner_max", "nested_none")),
}


def _wrap(x: object, depth: int) -> object:
    for _ in range(depth):
        x = [x]
    return x


def _nest(rng: random.Random, values: list, depth: int, empty: float) -> list:
    """values in their order, some runs of them wrapped in lists nested up to `depth` deep, and (chance
    `empty` after each item) empty lists in between."""
    out: list = []
    i = 0
    while i < len(values):
        if depth > 0 and rng.random() < 0.3:
            j = min(len(values), i + rng.randint(1, 4))
            out.append(_nest(rng, values[i:j], depth - 1, empty))
            i = j
        else:
            out.append(values[i])
            i += 1
        if rng.random() < empty:
            out.append([])
    return out


@register_family("second_largest")
class SecondLargest(Family):
    # 3: levels 6-10 hold nested lists (any depth, empty ones too) whose integers count
    # 4: nested lists are described from level 6 (level_rules), where they first come: under the whole
    #    description the default model solved 1 of 30
    version = 4
    entry_point = "second_largest"
    signature = "def second_largest(nums: list) -> int | None"
    description = (
        "Return the second largest distinct value in nums: the largest value that is strictly smaller\n"
        "than the maximum. Repeats of the maximum do not count, so second_largest([5, 5, 3]) == 3.\n"
        "Values may be negative. Return None when there is no such value: for an empty list, a single\n"
        "element, or a list whose values are all equal. Do not modify nums."
    )
    level_rules = {6: (
        "nums may also hold lists, nested to any depth: every integer inside them, however deep, is a\n"
        "value of nums, and an empty list holds none, so second_largest([3, [9, [9, 5]], []]) == 5 and\n"
        "second_largest([[4], [], [[4]]]) is None."
    )}
    levels = {
        1: "3-8 values in 0..99; all values equal (None)",
        2: "3-10 values in 0..99, the maximum sometimes repeated; all values equal (None)",
        3: "3-12 values in 0..999; a single value (None) is an edge case",
        4: "4-16 values in -99..99 (negatives); all values equal (None)",
        5: "4-20 values in -999..999; the empty list; every value negative",
        6: "5-26 values up to +-10^4; nested lists one deep, the answer only inside one",
        7: "6-32 values up to +-10^4; nested lists two deep, empty lists",
        8: "8-40 values up to +-10^6; three deep, the maximum only inside a nested list",
        9: "10-50 values up to +-10^9, the maximum often repeated; four deep; one value at every depth (None)",
        10: "12-60 values up to +-10^9; five deep, empty lists often",
    }
    reference_source = '''def second_largest(nums: list) -> int | None:
    def flatten(items):
        for x in items:
            if isinstance(x, list):
                yield from flatten(x)  # a nested list: its integers count too
            else:
                yield x

    distinct = sorted(set(flatten(nums)))
    if len(distinct) < 2:
        return None
    return distinct[-2]
'''
    category = "lists"
    wrong_sources = (
        '''def second_largest(nums):  # counts a repeated maximum twice
    if len(nums) < 2:
        return None
    return sorted(nums)[-2]
''',
        '''def second_largest(nums):  # starts from 0: wrong when every value is negative
    if len(set(nums)) < 2:
        return None
    first = second = 0
    for x in nums:
        if x > first:
            first, second = x, first
        elif first > x > second:
            second = x
    return second
''',
        '''def second_largest(nums):  # returns -1 instead of None
    distinct = sorted(set(nums))
    return distinct[-2] if len(distinct) >= 2 else -1
''',
        '''def second_largest(nums):  # skips nested lists instead of looking inside them
    distinct = sorted({x for x in nums if not isinstance(x, list)})
    return distinct[-2] if len(distinct) >= 2 else None
''',
        '''def second_largest(nums):  # flattens one level only: lists inside lists are lost
    values = set()
    for x in nums:
        if isinstance(x, list):
            values.update(y for y in x if not isinstance(y, list))
        else:
            values.add(x)
    distinct = sorted(values)
    return distinct[-2] if len(distinct) >= 2 else None
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, repeat_top = _PARAMS[difficulty]
        negative_only = difficulty >= 5 and rng.random() < 0.2
        nums = _values(rng, rng.randint(short, long), lo, hi, repeat_top, negative_only)
        chance, depth, empty, _ = _NESTED.get(difficulty, (0.0, 0, 0.0, ()))
        if rng.random() < chance:
            return (_nest(rng, nums, rng.randint(1, depth), empty),)
        return (nums,)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, _ = _PARAMS[difficulty]
        _, _, _, nested = _NESTED.get(difficulty, (0.0, 0, 0.0, ()))
        pool = ["two_values", "top_repeated", "all_equal"]
        if difficulty >= 3:
            pool.append("single")
        if difficulty >= 5:
            pool += ["empty", "negative"]
        # always two distinct values (a `< 2` drifting to `<= 2` answers None there) and one value, maybe
        # repeated (a `< 2` drifting to `< 1` fails there, not on the empty list); then one more kind while
        # there is room for the level's nested kinds (levels 6-10), which come last
        kinds = ["two_values"]
        kinds.append(rng.choice([k for k in pool if k in ("single", "all_equal")]))
        if len(nested) < 3:
            kinds.append(rng.choice([k for k in pool if k not in kinds]))
        edges = []
        for kind in kinds:
            n = rng.randint(short, long)
            if kind == "two_values":  # only two distinct values, each repeated
                a, b = rng.sample(range(lo, hi + 1), 2)
                edges.append((rng.choices([a, b], k=n - 2) + [a, b],))
            elif kind == "top_repeated":
                edges.append((_values(rng, n, lo, hi, 1.0, False),))
            elif kind == "single":
                edges.append(([rng.randint(lo, hi)],))
            elif kind == "all_equal":
                edges.append(([rng.randint(lo, hi)] * n,))
            elif kind == "negative":
                edges.append((_values(rng, n, lo, hi, 0.5, True),))
            else:
                edges.append(([],))
        return edges + [(self._nested_case(rng, kind, difficulty),) for kind in nested]

    def _nested_case(self, rng: random.Random, kind: str, difficulty: int) -> list:
        short, long, lo, hi, _ = _PARAMS[difficulty]
        _, depth, empty, _ = _NESTED[difficulty]
        n = rng.randint(max(short, 6), long)
        mid = lo + (hi - lo) // 2
        low = rng.choices(range(lo, mid), k=n)  # the values below the two largest
        top, second = hi - rng.randrange((hi - mid) // 2), mid + rng.randrange((hi - mid) // 2)
        if kind == "inner_second":  # the maximum at the top level, the answer only in a nested list
            inner = [second] + rng.sample(low, min(2, len(low)))
            rng.shuffle(inner)
            items = low + [top, _wrap(inner, rng.randint(0, depth - 1))]
        elif kind == "inner_max":  # the maximum only nested (twice, at two depths), the answer at the top
            items = low + [second, _wrap([top, rng.choice(low)], depth), _wrap(top, rng.randint(1, depth))]
        elif kind == "empties":
            items = [[]] + _nest(rng, low + [top, second], depth, 0.2) + [_wrap([], rng.randint(1, depth))]
        elif kind == "deep":  # the answer depth lists deep, next to a lower value
            items = _nest(rng, low + [top], 1, empty) + [_wrap([rng.choice(low), second], depth)]
        else:  # nested_none: one value at every depth, empty lists, no answer
            items = [[], _wrap([], depth), top] + [_wrap(top, d) for d in range(depth + 1)]
        rng.shuffle(items)
        return items

    def stated(self, args: list) -> bool:
        # 'Return None ... for an empty list, a single element, or a list whose values are all equal': every
        # split may test these, so they take values from the level's range, however few such lists it has
        # (a flat list only: a nested one's answer takes looking inside)
        return all(type(v) is int for v in args[0]) and len(set(args[0])) <= 1

    def check_args(self, nums: list) -> None:
        assert isinstance(nums, list), "nums must be a list"
        for v in nums:
            if type(v) is list:
                self.check_args(v)
            else:
                assert type(v) is int, f"a value neither int nor list in {nums!r}"
