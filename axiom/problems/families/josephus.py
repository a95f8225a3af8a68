"""The Josephus problem: every k-th person leaves a circle of n; who is left at the end?

A high level has circles of up to a million people: simulating with a list (each removal shifts the
rest) is quadratic and times out, the recurrence J(i) = (J(i-1) + k) mod i is linear and passes.
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

_WIDE_K = (2, 3000, 1, 10**9)  # a small circle, counts that go round it many times
# level: regimes (fewest people, most people, smallest k, largest k), one drawn per input
_SPEC = {
    1: [(2, 150, 1, 150)],  # small circles: a list simulation or the recursive formula is fine
    2: [(2, 600, 1, 400)],
    3: [(2, 2000, 1, 2000)],  # circles past Python's default recursion depth (1000)
    4: [(2, 3000, 1, 10**6)],  # the count goes round the circle many times
    5: [(3000, 10**4, 2, 40), _WIDE_K],
    6: [(10**4, 5 * 10**4, 2, 40), _WIDE_K],  # past the verifier's recursion limit (10,000)
    7: [(3 * 10**4, 10**5, 2, 40), _WIDE_K],  # a list simulation (O(n^2)) starts to time out
    8: [(10**5, 3 * 10**5, 2, 40), _WIDE_K],
    9: [(3 * 10**5, 10**6, 2, 30), (3 * 10**5, 10**6, 2, 30), _WIDE_K],
    10: [(5 * 10**5, 10**6, 2, 30), (5 * 10**5, 10**6, 2, 30), _WIDE_K],
}


def survivor(n: int, k: int) -> int:
    """reference_source's answer in O(k log n) steps rather than O(n).

    While J(i-1) + k stays below i the recurrence J(i) = (J(i-1) + k) mod i wraps nothing, so a run
    of such steps is one addition.
    """
    if k == 1:
        return n
    r = 0  # J(i), 0-based
    i = min(n, k)
    for size in range(2, i + 1):  # circles no larger than k: every step wraps
        r = (r + k) % size
    while i < n:
        run = min(n - i, (i - r - 1) // (k - 1))  # steps that do not wrap around
        if run > 0:
            r += run * k
            i += run
        else:
            i += 1
            r = (r + k) % i
    return r + 1


@register_family("josephus")
class Josephus(Family):
    entry_point = "josephus"
    signature = "def josephus(n: int, k: int) -> int"
    version = 2  # 2: a worked example in the description; levels 1-2 are smaller circles whose k > n edge
    # case wraps round only a few times; a known-wrong recursive solution
    description = (
        "n people stand in a circle, numbered 1 to n clockwise. Starting with person 1, count people\n"
        "clockwise 1, 2, ..., k; the person counted k leaves the circle. The count starts again at 1\n"
        "with the next person still in the circle, and so on until one person is left. Return that\n"
        "person's number (1 to n).\n"
        "For example, josephus(5, 2) returns 3: people leave in the order 2, 4, 1, 5, and person 3 is\n"
        "left. k may be larger than the number of people left: the count then goes round the circle\n"
        "more than once (josephus(3, 5) returns 1: person 2 leaves, then person 3). With k = 1 people\n"
        "leave in the order 1, 2, 3, ... and person n is left; with n = 1 the answer is 1.\n"
        "n >= 1 and k >= 1. Small circles can simply be simulated. The hardest tests have n up to 10^6\n"
        "and k up to 10^9: there, simulating the circle with a list (O(n^2)) is too slow and a recursion\n"
        "n calls deep is too deep; only a method about linear in n passes."
    )
    levels = {
        1: "n 2-150, k 1-150; a single person; k a little larger than n",
        2: "n 2-600, k 1-400",
        3: "n 2-2000, k 1-2000: deeper than Python's default recursion limit; k up to 10^6 above n",
        4: "n 2-3000, k up to 10^6: the count goes round the circle many times",
        5: "n up to 10^4 (k up to 40), or n up to 3000 and k up to 10^9",
        6: "n up to 5*10^4: deeper than the verifier's recursion limit (10,000)",
        7: "n up to 10^5: a list simulation (O(n^2)) starts to time out",
        8: "n up to 3*10^5; k = 1",
        9: "n up to 10^6: only a linear (or faster) method passes",
        10: "n 5*10^5 to 10^6, or k up to 10^9",
    }
    reference_source = '''def josephus(n: int, k: int) -> int:
    survivor = 0  # 0-based position of the survivor in a circle of i people
    for i in range(2, n + 1):
        survivor = (survivor + k) % i
    return survivor + 1
'''
    category = "simulation"
    wrong_sources = (
        '''def josephus(n, k):  # 0-based answer: forgets to add 1
    r = 0
    for i in range(2, n + 1):
        r = (r + k) % i
    return r
''',
        '''def josephus(n, k):  # the recurrence stops one circle short
    r = 0
    for i in range(1, n):
        r = (r + k) % i
    return r + 1
''',
        '''def josephus(n, k):  # restarts the count at person 1 after each removal
    people = list(range(1, n + 1))
    while len(people) > 1:
        people.pop((k - 1) % len(people))
    return people[0]
''',
        '''def josephus(n, k):  # the recursive formula: one call per person, too deep for large n
    if n == 1:
        return 1
    return (josephus(n - 1, k) + k - 1) % n + 1
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most, k_lo, k_hi = rng.choice(_SPEC[difficulty])
        return (rng.randint(fewest, most), rng.randint(k_lo, k_hi))

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        # Each edge input varies over a large range (each input belongs to one split only):
        # no "k = 2 with n = 10" edge, of which there are only a few hundred.
        pool = ["one person", "k > n"] + (["k = 1"] if difficulty >= 8 else [])
        edges = []
        for kind in rng.sample(pool, 2):
            if kind == "one person":
                edges.append((1, rng.randint(1, 10**9)))
            elif kind == "k > n" and difficulty <= 2:  # the count wraps round the circle a few times
                n = rng.randint(2, 100)
                edges.append((n, rng.randint(n + 1, 4 * n + 20)))
            elif kind == "k > n":  # the count wraps round the circle up to 10^6 / 2 times
                n = rng.randint(2, 60)
                edges.append((n, rng.randint(n + 1, 10**6)))
            else:  # everyone leaves in order; the last person stays
                edges.append((rng.randint(10**4, 3 * 10**5), 1))
        return edges

    def check_args(self, n: int, k: int) -> None:
        assert type(n) is int and type(k) is int, f"n and k must be ints, got {n!r}, {k!r}"
        assert 1 <= n <= 10**6 and 1 <= k <= 10**9, f"n={n}, k={k} out of range"

    def reference(self, n: int, k: int) -> int:
        return survivor(n, k)
