"""The n-th term of a Fibonacci-style sequence with chosen first two terms.

Generalised from fib(n) on purpose: fib(n) alone has about 11 distinct inputs at level 1, and
train, val and test must share no test input, so every test passes the first two terms a and b
as well as n. For the same reason the classic start (a = 0, b = 1), whose only freedom is n,
is an edge case in just a fifth of the problems.
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (largest n, largest a and b in absolute value, whether a and b may be negative)
_PARAMS = {
    1: (10, 199, False), 2: (20, 299, False), 3: (30, 999, False), 4: (60, 999, False),
    5: (90, 999, False), 6: (150, 999, True), 7: (300, 10**4, True), 8: (600, 10**6, True),
    9: (1200, 10**9, True), 10: (2000, 10**9, True),
}


def _fib_pair(n: int) -> tuple[int, int]:
    """(Fib(n), Fib(n + 1)) of the classic sequence, by fast doubling."""
    if n == 0:
        return 0, 1
    f, g = _fib_pair(n >> 1)
    c = f * (2 * g - f)
    d = f * f + g * g
    return (d, c + d) if n & 1 else (c, d)


@register_family("fibonacci")
class Fibonacci(Family):
    entry_point = "fibonacci"
    signature = "def fibonacci(n: int, a: int = 0, b: int = 1) -> int"
    description = (
        "A Fibonacci-style sequence starts with F(0) = a and F(1) = b, and every later term is the sum\n"
        "of the two before it: F(k) = F(k-1) + F(k-2). Return F(n) for a given n >= 0.\n"
        "So fibonacci(0, a, b) returns a, fibonacci(1, a, b) returns b, and with the defaults a = 0,\n"
        "b = 1 it is the classic Fibonacci sequence 0, 1, 1, 2, 3, 5, ... The start values may be\n"
        "negative, and n can be in the thousands, so the result can be a very large integer:\n"
        "compute it iteratively (plain recursion is far too slow)."
    )
    levels = {
        1: "n <= 10, a and b in 0..199",
        2: "n <= 20, a and b in 0..299",
        3: "n <= 30, a and b in 0..999",
        4: "n <= 60",
        5: "n <= 90: results pass 64 bits",
        6: "n <= 150, negative a and b in -999..999",
        7: "n <= 300, a and b in -10^4..10^4",
        8: "n <= 600, a and b in -10^6..10^6",
        9: "n 300-1200, a and b up to +-10^9",
        10: "n 1000-2000, a and b up to +-10^9: naive recursion times out",
    }
    reference_source = '''def fibonacci(n: int, a: int = 0, b: int = 1) -> int:
    for _ in range(n):
        a, b = b, a + b
    return a
'''
    category = "recursion_dp"
    wrong_sources = (
        '''def fibonacci(n, a=0, b=1):  # ignores the given starting values
    x, y = 0, 1
    for _ in range(n):
        x, y = y, x + y
    return x
''',
        '''def fibonacci(n, a=0, b=1):  # wrong for n == 0
    for _ in range(n - 1):
        a, b = b, a + b
    return b
''',
    )

    def reference(self, n: int, a: int = 0, b: int = 1) -> int:
        # Same values as reference_source, in O(log n) steps: F(n) = a * Fib(n-1) + b * Fib(n).
        if n == 0:
            return a
        prev, cur = _fib_pair(n - 1)
        return a * prev + b * cur

    def _start(self, rng: random.Random, difficulty: int, least_top: int = 0) -> tuple[int, int]:
        _, top, negative = _PARAMS[difficulty]
        top = max(top, least_top)
        lo = -top if negative else 0
        return rng.randint(lo, top), rng.randint(lo, top)

    def _n(self, rng: random.Random, difficulty: int) -> int:
        top = _PARAMS[difficulty][0]
        bottom = {9: 300, 10: 1000}.get(difficulty, 0)
        return rng.randint(bottom, top)

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        return (self._n(rng, difficulty), *self._start(rng, difficulty))

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        # n = 0 and n = 1 leave only a and b free: draw them from a wider range, as splits may
        # not share an input (even across levels)
        edges = [(0, *self._start(rng, difficulty, 10**4)), (1, *self._start(rng, difficulty, 10**4))]
        if rng.random() < 0.2:
            edges.append((self._n(rng, difficulty), 0, 1))
        return edges

    def check_args(self, n: int, a: int = 0, b: int = 1) -> None:
        assert all(type(v) is int for v in (n, a, b)), "n, a and b must be integers"
        assert 0 <= n <= 2000, f"n must be in 0..2000, got {n}"
