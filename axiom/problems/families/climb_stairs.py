"""Count the ways to climb n stairs when each move climbs one of the allowed step sizes.

Moves are ordered (1+2 and 2+1 are two ways), which is what separates this from counting coin
combinations. The answer grows exponentially with n, so from level 5 plain recursion times out
and only a table (or memoised recursion) finishes; answers become exact integers of up to ~90 digits.
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

_INT = frozenset({int})  # type(True) is bool, so booleans are not ints here
# level: (smallest n, largest n, fewest step sizes, most step sizes, largest step size)
# Level 1 is plain: its sizes are at most n, listed in increasing order, and n can be reached.
_SPEC = {
    1: (10, 25, 2, 4, 25),
    2: (10, 25, 3, 4, 20),
    3: (15, 30, 3, 4, 20),
    4: (20, 35, 3, 5, 20),
    5: (25, 45, 3, 5, 20),
    6: (30, 60, 3, 5, 20),
    7: (40, 100, 3, 5, 20),
    8: (60, 150, 2, 6, 20),
    9: (100, 200, 3, 6, 25),
    10: (150, 300, 3, 6, 30),
}


@register_family("climb_stairs")
class ClimbStairs(Family):
    # 2: the description says how the count builds up stair by stair (the default model ignored `steps`
    #    and wrote Fibonacci); level 1 lists sizes at most n in increasing order and n is reachable;
    #    from level 2 every problem tests an unsorted list led by a size larger than n where one fits
    version = 2
    entry_point = "climb_stairs"
    signature = "def climb_stairs(n: int, steps: list[int]) -> int"
    description = (
        "You are at the bottom of a staircase with n stairs (n >= 0). Each move climbs exactly s stairs,\n"
        "where s is one of the allowed sizes in `steps` (distinct positive integers, in any order). Return\n"
        "the number of different sequences of moves that end exactly on stair n; the order of moves\n"
        "matters, so with steps [1, 2] and n = 3 there are 3 ways (1+1+1, 1+2, 2+1). Count stair by\n"
        "stair: the ways to reach stair i are the sum, over every size s in steps with s <= i, of the ways\n"
        "to reach stair i - s. For n = 0 there is exactly one way (no moves), and if n cannot be reached\n"
        "the answer is 0. n goes up to 300 and the count can be huge: return the exact integer, and avoid\n"
        "recomputing the same stair."
    )
    levels = {
        1: "n 10-25, 2-4 step sizes up to n in increasing order; n can be reached",
        2: "n 10-25, 3-4 sizes up to 20 in any order (some larger than n); n = 0 (one way)",
        3: "n 15-30; no way at all (every size a multiple of 2 or 3, n not)",
        4: "n 20-35, 3-5 sizes: plain recursion slows down",
        5: "n 25-45: plain recursion times out",
        6: "n 30-60, 3-5 sizes",
        7: "n 40-100, sizes up to 20",
        8: "n 60-150, 2-6 sizes",
        9: "n 100-200, 3-6 sizes up to 25",
        10: "n 150-300, sizes up to 30: answers of up to ~90 digits",
    }
    reference_source = '''def climb_stairs(n: int, steps: list[int]) -> int:
    ways = [1] + [0] * n
    for i in range(1, n + 1):
        for s in steps:
            if s <= i:
                ways[i] += ways[i - s]
    return ways[n]
'''
    category = "recursion_dp"
    wrong_sources = (
        '''def climb_stairs(n, steps):  # counts combinations (1+2 = 2+1), not ordered sequences
    ways = [1] + [0] * n
    for s in steps:
        for i in range(s, n + 1):
            ways[i] += ways[i - s]
    return ways[n]
''',
        '''def climb_stairs(n, steps):  # says there is no way to climb zero stairs
    if n == 0:
        return 0
    ways = [1] + [0] * n
    for i in range(1, n + 1):
        for s in steps:
            if s <= i:
                ways[i] += ways[i - s]
    return ways[n]
''',
        '''def climb_stairs(n, steps):  # stops at the first size that is too big, as if steps were sorted
    ways = [1] + [0] * n
    for i in range(1, n + 1):
        for s in steps:
            if s > i:
                break
            ways[i] += ways[i - s]
    return ways[n]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, fewest, most, top = _SPEC[difficulty]
        if difficulty == 1:  # sizes up to n, smallest first, drawn again until n can be reached
            while True:
                n = rng.randint(lo, hi)
                steps = sorted(rng.sample(range(1, min(n, top) + 1), rng.randint(fewest, most)))
                if self.reference(n, steps):
                    return (n, steps)
        return (rng.randint(lo, hi), rng.sample(range(1, top + 1), rng.randint(fewest, most)))

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, fewest, most, top = _SPEC[difficulty]
        if difficulty == 1:  # plain inputs only
            return []
        # an unsorted list in every problem, then n = 0 or (level 3+) no way at all
        edges = []
        for kind in ["unsorted"] + rng.sample(["zero"] + (["no way"] if difficulty >= 3 else []), 1):
            n = rng.randint(max(lo, 5), hi)
            if kind == "zero":  # one way: make no move
                edges.append((0, rng.sample(range(1, top + 1), rng.randint(fewest, most))))
            elif kind == "no way":  # every size a multiple of g (up to 30, whatever the level), n not
                g = rng.choice((2, 3))
                sizes = rng.sample(range(g, 31, g), rng.randint(fewest, most))
                edges.append((n - 1 if n % g == 0 else n, sizes))
            else:  # the largest size first, larger than the first stairs (than n itself where the level's
                # sizes allow: a table read at a negative index goes wrong there); the others after it
                steps = rng.sample(range(1, min(n, top) + 1), rng.randint(max(fewest, 2), most) - 1)
                big = rng.randint(n + 1, top) if n < top else max(steps)
                edges.append((n, [big] + [s for s in steps if s != big]))
        return edges

    def check_args(self, n: int, steps: list[int]) -> None:
        assert type(n) is int and 0 <= n <= 300, f"n must be an int in 0..300, got {n!r}"
        assert isinstance(steps, list) and 1 <= len(steps) <= 6, f"steps must be a list of 1-6 sizes: {steps!r}"
        assert _INT.issuperset(map(type, steps)), f"non-integer step size in {steps!r}"
        assert all(1 <= s <= 30 for s in steps) and len(set(steps)) == len(steps), f"bad step sizes {steps!r}"
