"""Count the 1 bits in the binary form of an integer of any size; a negative n counts the bits of -n.

Up to level 5 n >= 0. From level 6 some tests give a negative n, whose answer is the count of -n (as
int.bit_count() gives): a loop of `n >>= 1` never reaches 0 from a negative n (-1 >> 1 == -1), and a
two's complement mask (n & 0xFFFFFFFF) counts other bits. More tests are negative as the level rises,
and from level 9 every problem has one.
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: bits of the largest n (values are drawn below 2**bits, most of them above 2**(bits // 2))
_BITS = {1: 24, 2: 32, 3: 48, 4: 64, 5: 80, 6: 128, 7: 256, 8: 512, 9: 1024, 10: 4096}
# level: (chance of a negative edge case, chance that a random test is negative); none below level 6
_NEGATIVE = {6: (0.0, 0.1), 7: (0.0, 0.2), 8: (0.3, 0.3), 9: (1.0, 0.5), 10: (1.0, 0.6)}


def _number(rng: random.Random, bits: int, spread: int) -> int:
    """A number below 2**bits, its top bit mostly high. Its other bits are random, then AND-ed (spread < 0)
    or OR-ed (spread > 0) with |spread| more random words: about 1/8, 1/4, 1/2, 3/4 or 7/8 of them are 1."""
    width = rng.randint(max(17, bits // 2 + 1), bits)  # 2^16 values or more at every width
    low = rng.getrandbits(width - 1)
    for _ in range(abs(spread)):
        more = rng.getrandbits(width - 1)
        low = low & more if spread < 0 else low | more
    return (1 << (width - 1)) | low


@register_family("count_set_bits")
class CountSetBits(Family):
    version = 2  # 2: a negative n counts the 1 bits of -n; from level 6, in more tests as the level rises
    entry_point = "count_set_bits"
    signature = "def count_set_bits(n: int) -> int"
    description = (
        "Return the number of 1 bits in the binary representation of the integer n, also known as its\n"
        "population count: 13 is 1101 in binary, so the answer is 3. n can be far larger than 64 bits;\n"
        "count every bit. The answer for 0 is 0. n may also be negative: then count the 1 bits of its\n"
        "absolute value -n, as Python's int.bit_count() does (count_set_bits(-13) == 3). Integers have no\n"
        "fixed width here, so there is no two's complement form to count."
    )
    levels = {
        1: "n below 2^24; sparse numbers with a few scattered 1 bits",
        2: "n below 2^32; dense numbers, nearly all bits 1",
        3: "n below 2^48",
        4: "n below 2^64",
        5: "n below 2^80: more than 64 bits; just above 2^64",
        6: "|n| below 2^128; a negative n in a tenth of the tests",
        7: "|n| below 2^256; a negative n in a fifth of the tests",
        8: "|n| below 2^512; a negative n in 30% of the tests and as an edge case in 30% of the problems",
        9: "|n| below 2^1024; a negative n in half the tests and every problem",
        10: "|n| below 2^4096; a negative n in 60% of the tests and every problem",
    }
    reference_source = '''def count_set_bits(n: int) -> int:
    n = abs(n)  # a negative n: the 1 bits of -n
    count = 0
    while n:
        n &= n - 1  # clears the lowest 1 bit
        count += 1
    return count
'''
    category = "bits_encodings"
    wrong_sources = (
        '''def count_set_bits(n):  # two's complement: a negative n counts the bits of n & (2**64 - 1)
    return bin(n & (2**64 - 1) if n < 0 else n).count("1")
''',
        '''def count_set_bits(n):  # looks at the low 64 bits only
    return sum((n >> i) & 1 for i in range(64))
''',
        '''def count_set_bits(n):  # counts all binary digits, not the 1s
    return n.bit_length()
''',
        '''def count_set_bits(n):  # counts the 1 digits of the decimal form
    return str(n).count("1")
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        # at the narrow levels three random words AND-ed or OR-ed together would repeat too often
        spreads = (-1, 0, 0, 1) if difficulty <= 2 else (-2, -1, 0, 0, 1, 2)
        n = _number(rng, _BITS[difficulty], rng.choice(spreads))
        return (-n if rng.random() < _NEGATIVE.get(difficulty, (0.0, 0.0))[1] else n,)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        bits = _BITS[difficulty]
        pool = ["sparse"] + (["dense"] if difficulty >= 2 else []) + (["past 64 bits"] if difficulty >= 5 else [])
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):  # two a problem, so most tests stay random
            if kind == "sparse":  # a handful of 1 bits far apart
                edges.append((sum(1 << i for i in rng.sample(range(bits), rng.randint(3, 6))),))
            elif kind == "dense":  # every bit of a width 1, but a few
                width = rng.randint(max(17, bits // 2 + 1), bits)
                edges.append(((1 << width) - 1 - sum(1 << i for i in rng.sample(range(width - 1), rng.randint(1, 4))),))
            else:  # 2^64 and a few more: a fixed 64-bit loop misses the top bit
                edges.append(((1 << rng.randint(64, bits - 1)) + rng.getrandbits(rng.randint(8, 40)),))
        if rng.random() < _NEGATIVE.get(difficulty, (0.0, 0.0))[0]:  # -n for a random n of the level
            edges.append((-_number(rng, bits, rng.choice((-1, 0, 1))),))
        return edges

    def check_args(self, n: int) -> None:
        assert type(n) is int and abs(n) < 2**4096, f"n must be an int with |n| < 2^4096, got {n!r}"

    def reference(self, n: int) -> int:
        return n.bit_count()
