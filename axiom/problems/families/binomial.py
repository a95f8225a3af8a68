"""The binomial coefficient C(n, k), exactly, and 0 when k is outside 0..n.

The smaller of k and n - k stays small (k <= 4 at level 1, 50 at most) while n grows to 10^12,
which keeps answers to a hundred-odd digits and each level's inputs plentiful. Large n rules out
Pascal's triangle and factorials; k as often close to n as close to 0 rules out a loop over k: the
product formula over min(k, n - k) terms (or math.comb) is what stays fast.
"""

from __future__ import annotations

import random
from math import comb

from axiom.problems.family import Family, register_family

# level: (smallest n, largest n, smallest and largest min(k, n - k)); k itself is small at level 1.
# Levels 1-4 keep n at most 5*10^4, where even n! / (k! * (n - k)!) with math.factorial is quick;
# from level 5 n grows until only the product over min(k, n - k) terms (or math.comb) finishes.
_SPEC = {
    1: (5, 10**4, 0, 4),
    2: (20, 2 * 10**4, 4, 10),
    3: (100, 5000, 11, 50),
    4: (5000, 5 * 10**4, 11, 40),
    5: (10**4, 10**5, 5, 30),
    6: (10**5, 10**6, 5, 25),
    7: (10**6, 10**7, 5, 20),
    8: (10**7, 10**9, 3, 15),
    9: (10**9, 10**11, 3, 12),
    10: (10**11, 10**12, 3, 10),
}


@register_family("binomial")
class Binomial(Family):
    # 2: every problem tests k = 0, k = n, an odd min(k, n - k) and (level 3+) k past n, (level 4+) k below 0
    # 3: the description gives the formula (it no longer forbids n!, which led the default model to a
    #    product it never divided by k!); levels 1-2 keep n at most 10^4 and 2*10^4
    version = 3
    entry_point = "binomial"
    signature = "def binomial(n: int, k: int) -> int"
    description = (
        "Return the binomial coefficient C(n, k) = n! / (k! * (n - k)!), the number of ways to choose k\n"
        "items from n distinct items, for n >= 0. It is 0 when k < 0 or k > n, and C(n, 0) = C(n, n) = 1.\n"
        "The result must be the exact integer (integer arithmetic, no floating point); it can have over\n"
        "a hundred digits. n can be as large as 10^12 (with k or n - k at most 50), where computing n!\n"
        "takes far too long: C(n, k) is also n * (n - 1) * ... * (n - k + 1) / k!, and C(n, k) = C(n, n - k)."
    )
    levels = {
        1: "n in 5..10^4, k <= 4 (k = 0, and k = 1 or n - 1, as edge cases): answers below 2^53",
        2: "n in 20..2*10^4, min(k, n - k) in 4..10, k as often near n as near 0: past 64 bits; k = 0 and k = n",
        3: "n in 100..5000, min(k, n - k) in 11..50; k > n (the answer is 0)",
        4: "n up to 5*10^4; negative k",
        5: "n up to 10^5: Pascal's triangle times out",
        6: "n up to 10^6: factorials time out",
        7: "n up to 10^7",
        8: "n up to 10^9, k near n: a loop over k times out",
        9: "n up to 10^11",
        10: "n in 10^11..10^12, min(k, n - k) <= 10",
    }
    reference_source = '''def binomial(n: int, k: int) -> int:
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    result = 1
    for i in range(k):
        result = result * (n - i) // (i + 1)
    return result
'''
    category = "math"
    wrong_sources = (
        '''def binomial(n, k):  # divides before multiplying: (n - i) // (i + 1) drops the remainder
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    result = 1
    for i in range(k):
        result = result * ((n - i) // (i + 1))
    return result
''',
        '''def binomial(n, k):  # gives 1, not 0, when k > n
    if k < 0:
        return 0
    if k == 0 or k >= n:
        return 1
    k = min(k, n - k)
    result = 1
    for i in range(k):
        result = result * (n - i) // (i + 1)
    return result
''',
        '''def binomial(n, k):  # multiplies n * (n - 1) * ... but never divides by k!
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    result = 1
    for i in range(k):
        result *= n - i
    return result
''',
        '''def binomial(n, k):  # floating-point division: exact only while the answers stay below 2^53
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    result = 1.0
    for i in range(k):
        result = result * (n - i) / (i + 1)
    return int(result)
''',
        '''def binomial(n, k):  # no range check: a negative k or k > n gives 1 (an empty product)
    k = min(k, n - k)
    result = 1
    for i in range(k):
        result = result * (n - i) // (i + 1)
    return result
''',
    )

    def reference(self, n: int, k: int) -> int:
        return comb(n, k) if 0 <= k <= n else 0

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, least, most = _SPEC[difficulty]
        n = rng.randint(lo, hi)
        j = rng.randint(least, min(most, n))
        return (n, j if difficulty == 1 or rng.random() < 0.5 else n - j)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, least, most = _SPEC[difficulty]
        n = rng.randint(max(lo, 10), hi)
        # Every kind the level has, so each end of the range check is tested: k just past either end and
        # k at either end (a `k < 0` drifting to `k <= 0` answers 0 for k = 0); then an ordinary k whose
        # min(k, n - k) is odd: a product with a factor of the wrong sign comes out negative.
        kinds = ["zero", "all"] if difficulty >= 2 else ["zero", "one"]
        kinds += ["above"] if difficulty == 3 else ["above", "below"] if difficulty >= 4 else []
        kinds += ["odd"] if difficulty >= 2 else []
        edges = []
        for kind in kinds:
            if kind == "above":
                edges.append((n, n + rng.randint(1, 50)))
            elif kind == "below":  # just below: a check of `k < -1` passes k = -2 and below
                edges.append((n, -1))
            elif kind == "zero":
                edges.append((n, 0))
            elif kind == "all":
                edges.append((n, n))
            elif kind == "odd":
                j = rng.randrange(least | 1, min(most, n) + 1, 2)
                edges.append((n, rng.choice((j, n - j))))
            else:  # C(n, 1) = C(n, n - 1) = n
                edges.append((n, rng.choice((1, n - 1))))
        return edges

    def check_args(self, n: int, k: int) -> None:
        assert type(n) is int and type(k) is int, f"n and k must be ints, got {n!r}, {k!r}"
        assert 0 <= n <= 10**12, f"n out of range: {n}"
        assert -50 <= k <= n + 50, f"k out of range: {k}"
