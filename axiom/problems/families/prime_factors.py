"""The prime factorisation of n, ascending, each prime as often as it divides n.

Inputs mix uniformly random n with built ones: smooth numbers (many small, repeated factors),
a small number times one large prime, primes, and products of two primes near the square root.
The large prime factors make the naive loop (try every d up to the last factor) time out from
level 6 on; dividing out factors up to the square root and keeping what is left stays fast.
"""

from __future__ import annotations

import random
from math import gcd, isqrt

from axiom.problems.families.is_prime import miller_rabin, random_prime
from axiom.problems.family import Family, register_family

_SMALL_PRIMES = [p for p in range(2, 1000) if all(p % d for d in range(2, isqrt(p) + 1))]
_KINDS = ("random", "smooth", "big prime", "prime", "two primes")
# level: (largest n, weights of _KINDS)
_SPEC = {
    1: (10**6, (6, 3, 1, 1, 0)),
    2: (10**7, (5, 3, 2, 1, 0)),
    3: (10**8, (4, 3, 2, 1, 1)),
    4: (10**8, (4, 3, 3, 1, 1)),
    5: (10**9, (3, 3, 3, 1, 1)),
    6: (10**10, (2, 2, 4, 1, 2)),
    7: (10**11, (2, 2, 4, 1, 2)),
    8: (10**11, (2, 2, 4, 1, 2)),
    9: (10**11, (1, 2, 4, 1, 3)),
    10: (10**11, (1, 2, 4, 1, 4)),
}


def _rho(n: int) -> int:
    """A proper divisor of the odd composite n (Pollard's rho, Floyd cycle finding)."""
    for c in range(1, 64):
        x = y = 2
        d = 1
        while d == 1:
            x = (x * x + c) % n
            y = (y * y + c) % n
            y = (y * y + c) % n
            d = gcd(x - y, n)
        if d != n:
            return d
    raise ValueError(f"no factor found for {n}")


def factorize(n: int) -> list[int]:
    """Prime factors of n >= 1, ascending, with multiplicity (fast for n up to ~10^18)."""
    out = []
    for p in _SMALL_PRIMES:
        if p * p > n:
            break
        while n % p == 0:
            out.append(p)
            n //= p
    rest = [n] if n > 1 else []
    while rest:
        m = rest.pop()
        if miller_rabin(m):
            out.append(m)
        else:
            d = _rho(m)
            rest += [d, m // d]
    return sorted(out)


def _smooth(rng: random.Random, hi: int) -> int:
    """A product of small primes, several of them repeated, at least 2 and at most hi."""
    n = 1
    for _ in range(40):
        p = rng.choice(_SMALL_PRIMES[:rng.choice((4, 10, 25))])
        if n * p > hi:
            break
        n *= p ** rng.randint(1, 3) if n * p ** 3 <= hi else p
    return max(n, 2)


@register_family("prime_factors")
class PrimeFactors(Family):
    version = 2  # 2: every problem tests a prime squared, p * p * q and 3 * q (was two of a prime, p * p, p * p * q)
    entry_point = "prime_factors"
    signature = "def prime_factors(n: int) -> list[int]"
    description = (
        "Return the prime factorisation of the integer n >= 2 as a list of primes in ascending order,\n"
        "each prime repeated as many times as it divides n, so that the product of the list is n.\n"
        "For example prime_factors(12) is [2, 2, 3] and a prime p gives [p]. n can be as large as 10^12:\n"
        "divide out factors up to the square root of what is left, and what remains above 1 is prime."
    )
    levels = {
        1: "n in 2..10^6; edge cases: a prime squared (up to 10^12), p * p * q, 3 * q",
        2: "n up to 10^7; repeated factors",
        3: "n up to 10^8; products of two primes",
        4: "n up to 10^8, more large prime factors",
        5: "n up to 10^9",
        6: "n up to 10^10, often a large prime factor: trying every divisor up to n times out",
        7: "n up to 10^11",
        8: "n up to 10^11",
        9: "n up to 10^11, more products of two large primes",
        10: "n up to 10^11, mostly large prime factors",
    }
    reference_source = '''def prime_factors(n: int) -> list[int]:
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1 if d == 2 else 2
    if n > 1:
        factors.append(n)
    return factors
'''
    category = "math"
    wrong_sources = (
        '''def prime_factors(n):  # forgets the prime left over above the square root
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    return factors
''',
        '''def prime_factors(n):  # each prime once, not as often as it divides n
    factors = []
    d = 2
    while d * d <= n:
        if n % d == 0:
            factors.append(d)
            while n % d == 0:
                n //= d
        d += 1
    if n > 1:
        factors.append(n)
    return factors
''',
    )

    def reference(self, n: int) -> list[int]:
        return factorize(n)

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        hi, weights = _SPEC[difficulty]
        kind = rng.choices(_KINDS, weights)[0]
        if kind == "random":
            return (rng.randint(2, hi),)
        if kind == "smooth":
            return (_smooth(rng, hi),)
        if kind == "prime":
            return (random_prime(rng, 2, hi),)
        if kind == "big prime":  # a small cofactor, one prime above the square root
            small = rng.randint(2, max(2, isqrt(hi) // 10))
            return (small * random_prime(rng, max(2, hi // small // 10), hi // small),)
        root = isqrt(hi)  # two primes, both near the square root
        return (random_prime(rng, root // 10, root) * random_prime(rng, root // 10, root),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        hi, _ = _SPEC[difficulty]
        p = rng.choice(_SMALL_PRIMES[:10])
        return [
            # p twice, nothing left over: a loop that stops below the square root, or appends what is left
            # even when it is 1, fails; p from 78,000 primes whatever the level
            (random_prime(rng, 2, 10**6) ** 2,),
            # a repeated small prime, then a large one
            (p * p * random_prime(rng, max(2, hi // (p * p) // 100), hi // (p * p)),),
            # 3 and a large prime: a divisor loop that steps from 2 to 4 skips 3
            (3 * random_prime(rng, max(5, hi // 300), hi // 3),),
        ]

    def check_args(self, n: int) -> None:
        assert type(n) is int, f"n must be an int, got {type(n).__name__}"
        assert 2 <= n <= 10**12, f"n out of range: {n}"
