"""Modular exponentiation: base ** exp % mod, with exponents up to 10^50.

Up to level 5 the naive ways (a loop of exp multiplications, or base ** exp then % mod) are fast
enough; from level 6 exponents reach 10^9 and only square-and-multiply (or pow(base, exp, mod))
finishes. Edge cases: exp = 0, mod = 1 (everything is 0 modulo 1), a base divisible by mod, and
negative bases, whose result must still land in 0..mod-1.
"""

from __future__ import annotations

import random

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


@register_family("mod_pow")
class ModPow(Family):
    entry_point = "mod_pow"
    signature = "def mod_pow(base: int, exp: int, mod: int) -> int"
    description = (
        "Return base raised to the power exp, modulo mod: the value of (base ** exp) % mod, which is\n"
        "always in 0..mod-1, also when base is negative. exp >= 0 and mod >= 1; base ** 0 is 1, and\n"
        "every number is 0 modulo 1. exp can be as large as 10^50, so compute the power by repeated\n"
        "squaring, reducing modulo mod at every step."
    )
    levels = {
        1: "base <= 100, exp <= 20, mod <= 1000",
        2: "exp <= 100; exp = 0",
        3: "exp <= 1000",
        4: "exp <= 10^4; mod = 1",
        5: "exp <= 10^5, mod up to 10^9",
        6: "exp up to 10^9: a multiplication loop times out; negative bases",
        7: "exp and mod up to 10^12",
        8: "exp up to 10^18, mod up to 10^15",
        9: "exp up to 10^30, mod up to 10^18",
        10: "exp up to 10^50, |base| and mod up to 10^18",
    }
    reference_source = '''def mod_pow(base: int, exp: int, mod: int) -> int:
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
    )

    def reference(self, base: int, exp: int, mod: int) -> int:
        return pow(base, exp, mod)

    def _base(self, rng: random.Random, difficulty: int) -> int:
        top, _, _, negative = _SPEC[difficulty]
        return rng.randint(-top if negative else 0, top)

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        _, top_exp, top_mod, _ = _SPEC[difficulty]
        # exponents of every size up to the level's largest, not only ones near it
        exp = rng.randint(0, rng.choice((top_exp, top_exp // 1000 or top_exp)))
        return (self._base(rng, difficulty), exp, rng.randint(2, top_mod))

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        _, top_exp, top_mod, _ = _SPEC[difficulty]
        pool = ["base multiple"] + (["exp zero"] if difficulty >= 2 else []) + (["mod one"] if difficulty >= 4 else [])
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):
            base, exp, mod = self._base(rng, difficulty), rng.randint(1, top_exp), rng.randint(2, top_mod)
            if kind == "exp zero":  # base ** 0 == 1
                edges.append((base, 0, mod))
            elif kind == "mod one":  # everything is 0 modulo 1, base ** 0 included
                edges.append((base, rng.choice((0, exp)), 1))
            else:  # base divisible by mod: 0 for any exp >= 1
                edges.append((mod * rng.randint(1, 1000) * rng.choice((-1, 1) if base < 0 else (1,)), exp, mod))
        return edges

    def check_args(self, base: int, exp: int, mod: int) -> None:
        assert all(type(v) is int for v in (base, exp, mod)), "base, exp and mod must be ints"
        assert 0 <= exp <= 10**50 and mod >= 1, f"need exp >= 0 and mod >= 1, got exp={exp}, mod={mod}"
