"""is_prime: the generator's Miller-Rabin (fewer bases for smaller n) and the stored reference_source
(Miller-Rabin with the twelve prime bases) against a sieve and on numbers that fool weaker tests."""

import random

from axiom.problems import registered_families
from axiom.problems.families.is_prime import miller_rabin, random_prime

FAMILY = registered_families()["is_prime"]
# strong pseudoprimes to the first bases (each fools the shorter prime-base sets), Carmichael numbers,
# and the bounds of the smaller base sets
TRICKY = [2047, 1373653, 25326001, 3215031751, 2152302898747, 3474749660383, 341550071728321,
          3825123056546413051, 318665857834031151167461, 561, 1105, 1729, 41041, 825265, 321197185,
          4759123141, 4759123141 - 2, 1122004669633, 1662803, 1662803**2, 2**61 - 1, 2**64 - 59, 2**64 + 13]


def sieve(n: int) -> bytearray:
    is_p = bytearray([1]) * (n + 1)
    is_p[0] = is_p[1] = 0
    for i in range(2, int(n**0.5) + 1):
        if is_p[i]:
            is_p[i * i::i] = bytearray(len(is_p[i * i::i]))
    return is_p


def test_miller_rabin_and_the_reference_match_a_sieve():
    primes = sieve(200_000)
    stored = FAMILY._reference
    for n in range(-50, 200_001):
        expected = n >= 0 and bool(primes[n])
        assert miller_rabin(n) == expected, n
        if n % 7 == 0 or n < 1000:  # the stored solution is slower: every seventh number
            assert stored(n) == expected, n


def test_miller_rabin_agrees_with_the_reference_on_large_and_tricky_numbers():
    rng = random.Random(3)
    cases = list(TRICKY)
    for digits in range(8, 19):
        cases += [rng.randint(10 ** (digits - 1), 10**digits) | 1 for _ in range(300)]
        half = 10 ** (digits // 2)
        cases += [random_prime(rng, half // 10, half) * random_prime(rng, half // 10, half) for _ in range(50)]
        cases += [random_prime(rng, 10 ** (digits - 1), 10**digits) for _ in range(50)]
    for n in cases:
        assert miller_rabin(n) == FAMILY._reference(n), n
