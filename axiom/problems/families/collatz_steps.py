"""How many Collatz steps (n -> n / 2 if even, 3n + 1 if odd) take n down to 1, or, for n <= 0, into a loop.

n grows from 10^5 to 60 digits. Past 2^53 (level 7 on) a float division `n / 2` silently rounds,
so only integer arithmetic (`n // 2`) gives the right count. Zero and negative numbers never reach 1:
0 stays 0 and negatives end in one of three loops (through -1, -5 or -17); for them the answer is the
number of steps until the sequence first returns to a number it has been at. Zero comes in at level 6,
negatives at level 7: code that only waits for 1 never stops there.
"""

from __future__ import annotations

import functools
import random

from axiom.problems.family import Family, register_family

# level: (smallest n, largest n, chance a problem tests 0, chance it tests a negative n, most negative n,
#         chance a random input is negative)
_SPEC = {
    1: (2, 10**6, 0.0, 0.0, 0, 0.0),
    2: (10**6, 10**8, 0.0, 0.0, 0, 0.0),
    3: (10**8, 10**10, 0.0, 0.0, 0, 0.0),
    4: (10**10, 10**12, 0.0, 0.0, 0, 0.0),
    5: (10**12, 10**14, 0.0, 0.0, 0, 0.0),
    6: (10**14, 2**53, 1 / 3, 0.0, 0, 0.0),
    7: (2**53, 10**18, 0.25, 0.5, -10**6, 0.0),
    8: (10**18, 10**24, 0.25, 1.0, -10**12, 0.2),
    9: (10**24, 10**40, 0.25, 1.0, -10**40, 0.5),
    10: (10**40, 10**60, 0.25, 1.0, -10**60, 0.7),
}
_LOOPS_WITHIN = 1000  # every loop a negative number falls into lies in -272..0
_JUMP = 8


def _jump_table() -> list[tuple[int, int, int]]:
    """For each low byte b: n = a * 256 + b becomes 3^c * a + d after 8 halvings-or-(3n+1)/2, in 8 + c steps."""
    table = []
    for b in range(1 << _JUMP):
        c, d = 0, b
        for _ in range(_JUMP):  # while a's term keeps a factor 2, d alone decides the parity
            if d & 1:
                c, d = c + 1, (3 * d + 1) >> 1
            else:
                d >>= 1
        table.append((3**c, d, _JUMP + c))
    return table


_TABLE = _jump_table()


def _jump(n: int, steps: int) -> tuple[int, int]:
    """8 of those moves at once: valid for any n (a = n >> 8 floors below zero too) that stays clear of 1."""
    mul, add, taken = _TABLE[n & ((1 << _JUMP) - 1)]
    return mul * (n >> _JUMP) + add, steps + taken


@functools.cache
def _steps_to_repeat(n: int) -> int:
    """reference_source's loop for a small n <= 0: steps until the sequence is at a number it has been at."""
    seen, steps = set(), 0
    while n not in seen:
        seen.add(n)
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


@register_family("collatz_steps")
class CollatzSteps(Family):
    # 2: zero (level 6 on) and negative numbers (level 7 on), which never reach 1: the steps until the
    # sequence repeats a number
    version = 2
    entry_point = "collatz_steps"
    signature = "def collatz_steps(n: int) -> int"
    description = (
        "Starting from an integer n, repeat this step: if the number is even, divide it by 2; if it is\n"
        "odd, replace it with 3 * n + 1. For n >= 1 return how many steps it takes to reach 1, so\n"
        "collatz_steps(1) is 0, collatz_steps(2) is 1 and collatz_steps(6) is 8\n"
        "(6, 3, 10, 5, 16, 8, 4, 2, 1). Zero and negative numbers never reach 1: their sequence ends in\n"
        "a loop (0, 0, ...; -1, -2, -1, ...; -5, -14, -7, -20, -10, -5, ...). For n <= 0 return instead\n"
        "how many steps it takes to reach a number the sequence has already been at: collatz_steps(0) is\n"
        "1, collatz_steps(-1) is 2 and collatz_steps(-3) is 5 (-3, -8, -4, -2, -1, -2).\n"
        "n can have up to 60 digits, positive or negative: use integer arithmetic only."
    )
    levels = {
        1: "n in 2..10^6",
        2: "n in 10^6..10^8",
        3: "n in 10^8..10^10",
        4: "n in 10^10..10^12",
        5: "n in 10^12..10^14",
        6: "n in 10^14..2^53; now and then a power of two; 0 (0 -> 0: one step) in a third of the problems",
        7: "n in 2^53..10^18: float division rounds; numbers just above 2^53; in half the problems a "
           "negative n down to -10^6; now and then 0",
        8: "n in 10^18..10^24 and a negative n down to -10^12 in every problem; a fifth of the inputs negative",
        9: "n in -10^40..10^40: half the random inputs negative, a positive one in every problem",
        10: "n in -10^60..10^60: most random inputs negative, a positive one in every problem",
    }
    reference_source = '''def collatz_steps(n: int) -> int:
    # a sequence from n >= 1 reaches 1 before it could repeat a number; one from n <= 0 never reaches 1
    seen = set()
    steps = 0
    while n != 1 and n not in seen:
        seen.add(n)
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps
'''
    category = "math"
    # (Known-wrong solutions run in the test process without a time limit: none may loop forever on the
    # zero or negative inputs, as code that only waits for 1 does.)
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
    if n >= 1:
        while n != 1:
            n = n / 2 if n % 2 == 0 else 3 * n + 1
            steps += 1
        return steps
    seen = set()
    while n not in seen:
        seen.add(n)
        n = n // 2 if n % 2 == 0 else 3 * n + 1
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
        '''def collatz_steps(n):  # gives up on numbers that never reach 1
    if n < 1:
        return -1
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
''',
        '''def collatz_steps(n):  # for n <= 0 counts the steps until the loop's smallest number, not the repeat
    seen, steps = set(), 0
    while n != 1 and n not in seen:
        seen.add(n)
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps - 1 if n < 1 else steps
''',
    )

    def reference(self, n: int) -> int:
        # reference_source, 8 halving-or-odd steps at a time while n is far from 1 and from the loops, then
        # one run of halvings at a time; the loops below zero (which no number beyond -272 is in) by a table
        steps = 0
        if n >= 1:
            while n > 1 << (_JUMP + 1):
                n, steps = _jump(n, steps)
            while n != 1:
                if n & 1:
                    n = 3 * n + 1
                    steps += 1
                zeros = (n & -n).bit_length() - 1
                n >>= zeros
                steps += zeros
            return steps
        while n < -_LOOPS_WITHIN << _JUMP:
            n, steps = _jump(n, steps)
        while n < -_LOOPS_WITHIN:
            n, steps = (3 * n + 1, steps + 1) if n & 1 else (n >> 1, steps + 1)
        return steps + _steps_to_repeat(n)

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, _, _, most_negative, p_negative = _SPEC[difficulty]
        if rng.random() < p_negative:
            return (rng.randint(most_negative, -1),)
        return (rng.randint(lo, hi),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, p_zero, p_negative, most_negative, _ = _SPEC[difficulty]
        edges = []
        if difficulty >= 7 and rng.random() < 0.5:  # just above 2^53, where floats stop being exact
            edges.append((2**53 + rng.randint(1, 10**9),))
        elif difficulty >= 6 and rng.random() < 0.1:  # only halvings, the answer is the exponent (~160 such inputs)
            edges.append((2 ** rng.randint(lo.bit_length(), hi.bit_length() - 1),))
        elif difficulty >= 8:  # a positive n, which most random inputs at levels 9-10 are not
            edges.append((rng.randint(lo, hi),))
        if rng.random() < p_zero:  # 0 -> 0: one step to a number already seen (stated: every split tests it)
            edges.append((0,))
        if rng.random() < p_negative:  # a negative number, which ends in a loop
            edges.append((rng.randint(most_negative, -1),))
        return edges

    def stated(self, args: list) -> bool:
        return args[0] == 0  # 'collatz_steps(0) is 1'

    def check_args(self, n: int) -> None:
        assert type(n) is int, f"n must be an int, got {type(n).__name__}"
        assert -10**60 <= n <= 10**60, f"n out of range: {n}"
