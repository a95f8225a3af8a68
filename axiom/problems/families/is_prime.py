"""Decide whether an integer is prime.

Half the inputs are primes; the composites include products of two large primes. Every problem
tests a prime squared (which a divisor loop that stops below the square root misses), twice a
prime (which a loop over odd divisors misses) and, from level 3, a number below 2. From level 3
on the numbers are too large for trial division up to n; division up to the square root stays fast.
The module also holds the deterministic Miller-Rabin test that prime_factors uses.
"""

from __future__ import annotations

import random
from math import isqrt

from axiom.problems.family import Family, register_family

# Deterministic for every n < 3.3 * 10^24 (far above anything generated here).
_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)
# level: (smallest n, largest n, chance a composite is hard: a product of two large primes)
_SPEC = {
    1: (2, 2 * 10**6, 0.2),
    2: (2 * 10**6, 10**7, 0.3),
    3: (10**7, 3 * 10**7, 0.4),
    4: (3 * 10**7, 10**8, 0.5),
    5: (10**8, 10**9, 0.6),
    6: (10**9, 10**10, 0.7),
    7: (10**10, 3 * 10**10, 0.8),
    8: (3 * 10**10, 10**11, 0.9),
    9: (10**10, 10**11, 0.9),
    10: (5 * 10**10, 10**11, 1.0),
}


def miller_rabin(n: int) -> bool:
    """True when n is prime (exact for n < 3.3 * 10^24)."""
    if n < 2:
        return False
    for p in _BASES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in _BASES:
        x = pow(a, d, n)
        if x == 1 or x == n - 1:
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def random_prime(rng: random.Random, lo: int, hi: int) -> int:
    """A prime in lo..hi (the next prime after a random start; lo..hi must hold one)."""
    while True:
        n = rng.randint(lo, hi)
        while n <= hi:
            if miller_rabin(n):
                return n
            n += 1


def _hard_composite(rng: random.Random, lo: int, hi: int) -> int:
    """A product of two primes, one of them near the square root of hi (squares are edge cases: the
    primes near the square root of a level's range are too few to draw thousands of squares from)."""
    root = isqrt(hi)
    p = random_prime(rng, max(2, root // 10), root)
    return p * random_prime(rng, max(2, lo // p + 1), hi // p)


@register_family("is_prime")
class IsPrime(Family):
    version = 2  # 2: every problem tests a prime squared, twice a prime and (from level 3) a number below 2
    entry_point = "is_prime"
    signature = "def is_prime(n: int) -> bool"
    description = (
        "Return True if the integer n is prime and False otherwise. A prime is an integer greater than 1\n"
        "whose only positive divisors are 1 and itself, so 0, 1 and every negative number are not prime.\n"
        "n can be as large as 10^12: testing divisors only up to the square root of n keeps it fast."
    )
    levels = {
        1: "n in 2..2*10^6; some composites are products of two primes; "
           "edge cases: a prime squared (up to 10^12), an even number",
        2: "n in 2*10^6..10^7",
        3: "n in 10^7..3*10^7: trial division up to n times out; negative numbers (0 and 1 rarely)",
        4: "n in 3*10^7..10^8",
        5: "n in 10^8..10^9",
        6: "n in 10^9..10^10",
        7: "n in 10^10..3*10^10, mostly hard composites (two large primes)",
        8: "n in 3*10^10..10^11, nearly all composites hard",
        9: "n in 10^10..10^11",
        10: "n in 5*10^10..10^11, every composite hard",
    }
    reference_source = '''def is_prime(n: int) -> bool:
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True
'''
    category = "math"
    wrong_sources = (
        '''def is_prime(n):  # stops one divisor short of the square root: squares of primes pass
    if n < 2:
        return False
    for d in range(2, int(n ** 0.5)):
        if n % d == 0:
            return False
    return True
''',
        '''def is_prime(n):  # only 1 is ruled out: 0 and negative numbers come out prime
    if n == 1:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True
''',
        '''def is_prime(n):  # tries odd divisors only, so even numbers look prime
    if n < 2:
        return False
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True
''',
    )

    def reference(self, n: int) -> bool:
        return miller_rabin(n)

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, hard = _SPEC[difficulty]
        if rng.random() < 0.5:
            return (random_prime(rng, lo, hi),)
        if rng.random() < hard:
            return (_hard_composite(rng, lo, hi),)
        while True:
            n = rng.randint(lo, hi)
            if not miller_rabin(n):
                return (n,)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, _ = _SPEC[difficulty]
        # a loop that stops below the square root never tries p in p * p (78,000 primes: p * p < 10^12)
        edges = [(random_prime(rng, max(3, isqrt(lo)), 10**6) ** 2,)]
        # twice a prime: code that skips the test for 2 finds no odd divisor and calls it prime
        edges.append((2 * random_prime(rng, max(2, lo // 2), hi // 2),))
        if difficulty >= 3:  # odd (an even one is caught by the test for 2) and from a wide range, so splits
            edges.append((2 * rng.randint(-5 * 10**5, 0) + 1,))  # need not share it: negative, 1 rarely
        return edges

    def check_args(self, n: int) -> None:
        assert type(n) is int, f"n must be an int, got {type(n).__name__}"
        assert -10**6 <= n <= 10**12, f"n out of range: {n}"
