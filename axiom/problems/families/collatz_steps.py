"""How many Collatz steps (n -> n / 2 if even, 3n + 1 if odd) take n down to 1.

n grows from 10^5 to 60 digits. Past 2^53 (level 7 on) a float division `n / 2` silently rounds,
so only integer arithmetic (`n // 2`) gives the right count.
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (smallest n, largest n)
_RANGE = {
    1: (2, 10**6), 2: (10**6, 10**8), 3: (10**8, 10**10), 4: (10**10, 10**12), 5: (10**12, 10**14),
    6: (10**14, 2**53), 7: (2**53, 10**18), 8: (10**18, 10**24), 9: (10**24, 10**40), 10: (10**40, 10**60),
}


@register_family("collatz_steps")
class CollatzSteps(Family):
    entry_point = "collatz_steps"
    signature = "def collatz_steps(n: int) -> int"
    description = (
        "Starting from an integer n >= 1, repeat this step until the number is 1: if it is even, divide\n"
        "it by 2; if it is odd, replace it with 3 * n + 1. Return how many steps that takes, so\n"
        "collatz_steps(1) is 0, collatz_steps(2) is 1 and collatz_steps(6) is 8\n"
        "(6, 3, 10, 5, 16, 8, 4, 2, 1). n can have up to 60 digits: use integer arithmetic only."
    )
    levels = {
        1: "n in 2..10^6",
        2: "n in 10^6..10^8",
        3: "n in 10^8..10^10",
        4: "n in 10^10..10^12",
        5: "n in 10^12..10^14",
        6: "n in 10^14..2^53; now and then a power of two",
        7: "n in 2^53..10^18: float division rounds; numbers just above 2^53",
        8: "n up to 10^24",
        9: "n up to 10^40",
        10: "n up to 10^60",
    }
    reference_source = '''def collatz_steps(n: int) -> int:
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps
'''
    category = "math"
    wrong_sources = (
        '''def collatz_steps(n):  # counts the numbers in the sequence, one more than the steps
    count = 1
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        count += 1
    return count
''',
        '''def collatz_steps(n):  # float division: rounds once n passes 2^53
    steps = 0
    while n != 1:
        n = n / 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
''',
        '''def collatz_steps(n):  # counts 3n + 1 and the halving after it as one step
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else (3 * n + 1) // 2
        steps += 1
    return steps
''',
    )

    def reference(self, n: int) -> int:
        # reference_source with each run of halvings done at once: an odd step is always followed by one
        steps = 0
        while n != 1:
            if n & 1:
                n = 3 * n + 1
                steps += 1
            zeros = (n & -n).bit_length() - 1
            n >>= zeros
            steps += zeros
        return steps

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        return (rng.randint(*_RANGE[difficulty]),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi = _RANGE[difficulty]
        if difficulty >= 7 and rng.random() < 0.5:  # just above 2^53, where floats stop being exact
            return [(2**53 + rng.randint(1, 10**9),)]
        if difficulty >= 6 and rng.random() < 0.1:  # only halvings, the answer is the exponent (~160 such inputs)
            return [(2 ** rng.randint(lo.bit_length(), hi.bit_length() - 1),)]
        return []

    def check_args(self, n: int) -> None:
        assert type(n) is int, f"n must be an int, got {type(n).__name__}"
        assert 1 <= n <= 10**60, f"n out of range: {n}"
