"""Modular exponentiation: base ** exp % mod, with exponents up to +-10^50.

Up to level 5 the naive ways (a loop of exp multiplications, or base ** exp then % mod) are fast
enough; from level 6 exponents reach 10^9 and only square-and-multiply (or pow(base, exp, mod))
finishes. Edge cases: exp = 0, mod = 1 (everything is 0 modulo 1), a base divisible by mod, and
negative bases, whose result must still land in 0..mod-1.

From level 6 the exponent may be negative: a power of base's inverse modulo mod, asked in every
problem from there on. Level 6 asks for the inverse itself (exp = -1) modulo a prime, level 7 for
larger negative powers, levels 8-10 modulo a composite number too (Fermat's pow(base, mod - 2, mod)
finds the inverse only modulo a prime; the extended Euclidean algorithm or pow(base, -1, mod) always
does), and levels 9-10 also of a base that has no inverse (gcd(base, mod) > 1), where the answer is
-1. A loop that ignores the sign returns 1 for any negative exponent.
"""

from __future__ import annotations

import random
from math import gcd, isqrt

from axiom.problems.families.is_prime import random_prime
from axiom.problems.family import Family, register_family

# level: (largest |base|, largest exp, largest mod, negative bases)
_SPEC = {
    1: (100, 20, 1000, False),
    2: (1000, 100, 10**4, False),
    3: (10**4, 1000, 10**5, False),
    4: (10**5, 10**4, 10**6, False),
    5: (10**6, 10**5, 10**9, False),
    6: (10**9, 10**9, 10**9, True),
    7: (10**12, 10**12, 10**12, True),
    8: (10**15, 10**18, 10**15, True),
    9: (10**18, 10**30, 10**18, True),
    10: (10**18, 10**50, 10**18, True),
}
# level: chance that a random test's exp is negative (none below level 6)
_NEGATIVE = {6: 0.1, 7: 0.2, 8: 0.3, 9: 0.5, 10: 0.6}


@register_family("mod_pow")
class ModPow(Family):
    version = 2  # 2: a negative exp is a power of base's inverse modulo mod (-1 when there is none), from level 6
    entry_point = "mod_pow"
    signature = "def mod_pow(base: int, exp: int, mod: int) -> int"
    description = (
        "Return base raised to the power exp, modulo mod: the value of (base ** exp) % mod, which is\n"
        "always in 0..mod-1, also when base is negative. mod >= 1; base ** 0 is 1, and every number is\n"
        "0 modulo 1. exp can be as large as 10^50, so compute the power by repeated squaring, reducing\n"
        "modulo mod at every step.\n"
        "exp may also be negative: base ** exp then means inv ** -exp, where inv is the inverse of base\n"
        "modulo mod, the number in 0..mod-1 with (base * inv) % mod == 1 % mod (mod_pow(3, -1, 7) == 5,\n"
        "since 3 * 5 = 15 leaves 1). The inverse exists exactly when gcd(base, mod) == 1 (mod need not be\n"
        "prime); when it does not exist, return -1 (mod_pow(4, -1, 6) == -1)."
    )
    levels = {
        1: "base <= 100, exp <= 20, mod <= 1000",
        2: "exp <= 100; exp = 0",
        3: "exp <= 1000",
        4: "exp <= 10^4; mod = 1",
        5: "exp <= 10^5, mod up to 10^9",
        6: "exp up to 10^9: a multiplication loop times out; negative bases; an inverse (exp = -1) modulo a prime "
           "in every problem, a negative exp modulo a prime in a tenth of the other tests",
        7: "exp and mod up to 10^12; a negative power modulo a prime in every problem and a fifth of the tests",
        8: "exp up to 10^18, mod up to 10^15; a negative exp modulo a composite number (most of the time) in every "
           "problem and 30% of the tests",
        9: "exp up to 10^30, mod up to 10^18; a negative exp in half the tests; a base with no inverse (-1) in "
           "every problem",
        10: "exp up to 10^50, |base| and mod up to 10^18; a negative exp in 60% of the tests; a base with no inverse",
    }
    reference_source = '''from math import gcd


def mod_pow(base: int, exp: int, mod: int) -> int:
    if exp < 0:  # a power of base's inverse, which exists only when gcd(base, mod) == 1
        if gcd(base, mod) != 1:
            return -1
        base, exp = pow(base, -1, mod), -exp
    result = 1 % mod
    base %= mod
    while exp > 0:
        if exp % 2 == 1:
            result = result * base % mod
        base = base * base % mod
        exp //= 2
    return result
'''
    category = "math"
    wrong_sources = (
        '''def mod_pow(base, exp, mod):  # starts from 1, not 1 % mod: exp = 0 with mod = 1 gives 1
    result = 1
    base %= mod
    while exp > 0:
        if exp % 2 == 1:
            result = result * base % mod
        base = base * base % mod
        exp //= 2
    return result
''',
        '''def mod_pow(base, exp, mod):  # Fermat's shortcut exp % (mod - 1) holds only for a prime mod
    return pow(base, exp % (mod - 1), mod)
''',
        '''def mod_pow(base, exp, mod):  # drops the sign of a negative base
    return pow(abs(base), exp, mod)
''',
        '''def mod_pow(base, exp, mod):  # Fermat's inverse pow(base, mod - 2, mod) holds only for a prime mod
    if exp < 0:
        if base % mod == 0:
            return -1
        base, exp = pow(base, mod - 2, mod), -exp
    return pow(base, exp, mod)
''',
        '''def mod_pow(base, exp, mod):  # pow raises ValueError where base has no inverse
    return pow(base, exp, mod)
''',
    )

    def reference(self, base: int, exp: int, mod: int) -> int:
        if exp < 0 and gcd(base, mod) != 1:
            return -1
        return pow(base, exp, mod)

    def _base(self, rng: random.Random, difficulty: int) -> int:
        top, _, _, negative = _SPEC[difficulty]
        return rng.randint(-top if negative else 0, top)

    def _mod(self, rng: random.Random, difficulty: int) -> int:
        """A mod for a negative exp: a prime up to level 7, then a prime or a product of two numbers."""
        top_mod = _SPEC[difficulty][2]
        if difficulty <= 7 or rng.random() < 0.25:
            return random_prime(rng, 3, top_mod)
        root = isqrt(top_mod)
        return rng.randint(2, root) * rng.randint(2, root)

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        _, top_exp, top_mod, _ = _SPEC[difficulty]
        # exponents of every size up to the level's largest, not only ones near it
        exp = rng.randint(0, rng.choice((top_exp, top_exp // 1000 or top_exp)))
        if rng.random() < _NEGATIVE.get(difficulty, 0.0):
            mod = self._mod(rng, difficulty)
            base = self._base(rng, difficulty)
            while difficulty <= 8 and gcd(base, mod) != 1:  # an inverse exists: none missing before level 9
                base = self._base(rng, difficulty)
            return (base, -exp or -1, mod)
        return (self._base(rng, difficulty), exp, rng.randint(2, top_mod))

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        _, top_exp, top_mod, _ = _SPEC[difficulty]
        pool = ["base multiple"] + (["exp zero"] if difficulty >= 2 else []) + (["mod one"] if difficulty >= 4 else [])
        kinds = rng.sample(pool, min(2, len(pool)))
        if difficulty >= 6:
            kinds.append("inverse")
        if difficulty >= 9:
            kinds.append("no inverse")
        edges = []
        for kind in kinds:
            base, exp, mod = self._base(rng, difficulty), rng.randint(1, top_exp), rng.randint(2, top_mod)
            if kind == "exp zero":  # base ** 0 == 1, also for a base with no inverse (a factor shared with mod)
                factor = rng.randint(2, isqrt(top_mod))
                mod = factor * rng.randint(2, top_mod // factor)
                edges.append((factor * rng.randint(1, max(1, abs(base) // factor)) * (-1 if base < 0 else 1), 0, mod))
            elif kind == "mod one":  # everything is 0 modulo 1, base ** 0 and inverses included
                edges.append((base, rng.choice((0, exp, -exp) if difficulty >= 6 else (0, exp)), 1))
            elif kind == "base multiple":  # base divisible by mod: 0 for any exp >= 1
                edges.append((mod * rng.randint(1, 1000) * rng.choice((-1, 1) if base < 0 else (1,)), exp, mod))
            elif kind == "inverse":  # the inverse itself (exp = -1) at level 6, half the time from level 7
                mod = self._mod(rng, difficulty)
                while gcd(base, mod) != 1:
                    base = self._base(rng, difficulty)
                edges.append((base, -1 if difficulty == 6 or rng.random() < 0.5 else -exp, mod))
            else:  # no inverse: base shares a factor with a composite mod
                factor = rng.randint(2, isqrt(top_mod))
                mod = factor * rng.randint(2, top_mod // factor)
                base = factor * rng.randint(1, max(1, abs(base) // factor)) * (-1 if base < 0 else 1)
                edges.append((base, -1 if rng.random() < 0.5 else -exp, mod))
        return edges

    def check_args(self, base: int, exp: int, mod: int) -> None:
        assert all(type(v) is int for v in (base, exp, mod)), "base, exp and mod must be ints"
        assert abs(exp) <= 10**50 and mod >= 1, f"need |exp| <= 10^50 and mod >= 1, got exp={exp}, mod={mod}"
