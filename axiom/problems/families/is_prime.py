"""Decide whether an integer is prime.

Half the inputs are primes; the composites include products of two large primes. Every problem
tests a prime squared (which a divisor loop that stops below the square root misses), twice a
prime (which a loop over odd divisors misses) and, from level 3, a number below 2. From level 3
on the numbers are too large for trial division up to n; division up to the square root stays fast
up to level 7 (10^7 divisions for n = 10^14) and then runs out of time: up to 10^8 divisions a number
at level 8, 3 * 10^8 at level 9 and 10^9 at level 10 (n up to 10^18), where only a fast test such as
Miller-Rabin finishes.
The module also holds the deterministic Miller-Rabin test that prime_factors uses.
"""

from __future__ import annotations

import random
from functools import lru_cache
from math import gcd, isqrt, prod

from axiom.problems.family import Family, register_family

# Deterministic for every n < 3.3 * 10^24 (far above anything generated here).
_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)
# Fewer bases decide smaller n (Jaeschke; Jim Sinclair's seven below 2^64): each base is a modular
# power, and levels 9-10 draw thousands of primes a second, up to 10^18
_FEWER_BASES = ((4_759_123_141, (2, 7, 61)), (1_122_004_669_633, (2, 13, 23, 1662803)),
                (1 << 64, (2, 325, 9375, 28178, 450775, 9780504, 1795265022)))
# the primes below 100 and their product: one gcd rules out most composites before any modular power
_SMALL_PRIMES = frozenset(p for p in range(2, 100) if all(p % q for q in range(2, p)))
_SMALL_PRODUCT = prod(_SMALL_PRIMES)
# level: (smallest n, largest n, chance a composite is hard: a product of two large primes)
_SPEC = {
    1: (2, 2 * 10**6, 0.2),
    2: (2 * 10**6, 10**7, 0.3),
    3: (10**7, 3 * 10**7, 0.4),
    4: (3 * 10**7, 10**8, 0.5),
    5: (10**8, 10**9, 0.6),
    6: (10**9, 10**12, 0.7),
    7: (10**12, 10**14, 0.8),
    8: (10**14, 10**16, 0.9),
    9: (10**16, 10**17, 0.9),
    10: (10**17, 10**18, 1.0),
}


@lru_cache(maxsize=1024)  # the generator tests a drawn prime, then asks the reference about it
def miller_rabin(n: int) -> bool:
    """True when n is prime (exact for n < 3.3 * 10^24)."""
    if n < 2:
        return False
    if gcd(n, _SMALL_PRODUCT) != 1:  # a multiple of a prime below 100: prime only if it is that prime
        return n in _SMALL_PRIMES
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    bases = next((b for below, b in _FEWER_BASES if n < below), _BASES)
    for a in bases:
        a %= n
        if a == 0:  # a multiple of n says nothing (n > 97 here, so only the large bases can be)
            continue
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
        if n <= 2:
            return 2
        n |= 1  # 2 is the only even prime: the next prime from an even n is at n + 1 or later
        while n <= hi:
            if miller_rabin(n):
                return n
            n += 2


def _hard_composite(rng: random.Random, lo: int, hi: int) -> int:
    """A product of two primes, one of them near the square root of hi (squares are edge cases: the
    primes near the square root of a level's range are too few to draw thousands of squares from)."""
    root = isqrt(hi)
    p = random_prime(rng, max(2, root // 10), root)
    return p * random_prime(rng, max(2, lo // p + 1), hi // p)


@register_family("is_prime")
class IsPrime(Family):
    # 2: every problem tests a prime squared, twice a prime and (from level 3) a number below 2
    # 3: levels 6-10 reach 10^12, 10^14, 10^16, 10^17 and 10^18: trial division up to the square root runs out
    #    of time from level 8 (a prime squared within the level's range from level 6); the reference is Miller-Rabin
    version = 3
    entry_point = "is_prime"
    signature = "def is_prime(n: int) -> bool"
    description = (
        "Return True if the integer n is prime and False otherwise. A prime is an integer greater than 1\n"
        "whose only positive divisors are 1 and itself, so 0, 1 and every negative number are not prime.\n"
        "n can be as large as 10^18. Trial division up to the square root of n is fast enough for n up to\n"
        "about 10^14, but it takes about 10^8 steps at 10^16 and 10^9 at 10^18, far past the time limit:\n"
        "there use a fast test such as Miller-Rabin, which is exact for every n below 3.3 * 10^24 with\n"
        "the bases 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31 and 37."
    )
    levels = {
        1: "n in 2..2*10^6; some composites are products of two primes; "
           "edge cases: a prime squared (up to 10^12), an even number, a prime p with p - 1 divisible by 8",
        2: "n in 2*10^6..10^7",
        3: "n in 10^7..3*10^7: trial division up to n times out; negative numbers (0 and 1 rarely)",
        4: "n in 3*10^7..10^8",
        5: "n in 10^8..10^9",
        6: "n in 10^9..10^12; from here a prime squared in the level's range",
        7: "n in 10^12..10^14, mostly hard composites (two large primes): trial division up to the square root "
           "takes up to 10^7 steps a number",
        8: "n in 10^14..10^16, nearly all composites hard: trial division takes up to 10^8 steps a number and "
           "often runs out of time",
        9: "n in 10^16..10^17: trial division runs out of time, a fast test (Miller-Rabin) is needed",
        10: "n in 10^17..10^18, every composite hard",
    }
    reference_source = '''def is_prime(n: int) -> bool:
    if n < 2:
        return False
    bases = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)  # Miller-Rabin with these is exact below 3.3 * 10^24
    for p in bases:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0  # n - 1 == d * 2 ** s with d odd
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in bases:
        x = pow(a, d, n)
        if x == 1 or x == n - 1:
            continue
        for _ in range(s - 1):  # square until x reaches n - 1; a prime n always gets there
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False  # a is a witness: n is composite
    return True
'''
    category = "math"
    wrong_sources = (
        '''def is_prime(n):  # trial division up to 10^6 only: right below 10^12, not for two factors above 10^6
    if n < 2:
        return False
    for d in range(2, min(int(n ** 0.5), 10**6) + 1):
        if n % d == 0:
            return n == d
    return True
''',
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
        # a loop that stops below the square root never tries p in p * p (78,000 primes: p * p < 10^12); from
        # level 6 p * p is within the level's range (24,000 primes or more), so it takes trial division as long
        # as a prime of the level does
        top = isqrt(hi) if difficulty >= 6 else 10**6
        edges = [(random_prime(rng, max(3, isqrt(lo)), top) ** 2,)]
        # twice a prime: code that skips the test for 2 finds no odd divisor and calls it prime
        edges.append((2 * random_prime(rng, max(2, lo // 2), hi // 2),))
        if difficulty >= 3:  # odd (an even one is caught by the test for 2) and from a wide range, so splits
            edges.append((2 * rng.randint(-5 * 10**5, 0) + 1,))  # need not share it: negative, 1 rarely
        # a prime p = 1 (mod 8): p - 1 has three factors 2 or more, so Miller-Rabin must square its way to
        # p - 1 (a prime p = 3 (mod 4) passes at the first power and never tests the squaring loop)
        while True:
            n = rng.randint(lo, hi)
            n += (1 - n) % 8
            while n <= hi and not miller_rabin(n):
                n += 8
            if n <= hi:
                edges.append((n,))
                return edges

    def check_args(self, n: int) -> None:
        assert type(n) is int, f"n must be an int, got {type(n).__name__}"
        assert -10**6 <= n <= 10**18, f"n out of range: {n}"
