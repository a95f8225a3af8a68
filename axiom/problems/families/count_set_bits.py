"""Count the 1 bits in the binary form of a non-negative integer of any size."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: bits of the largest n (values are drawn below 2**bits, most of them above 2**(bits // 2))
_BITS = {1: 24, 2: 32, 3: 48, 4: 64, 5: 80, 6: 128, 7: 256, 8: 512, 9: 1024, 10: 4096}


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
    entry_point = "count_set_bits"
    signature = "def count_set_bits(n: int) -> int"
    description = (
        "Return the number of 1 bits in the binary representation of the integer n (n >= 0), also known\n"
        "as its population count: 13 is 1101 in binary, so the answer is 3. n can be far larger than 64\n"
        "bits; count every bit. The answer for 0 is 0."
    )
    levels = {
        1: "n below 2^24; sparse numbers with a few scattered 1 bits",
        2: "n below 2^32; dense numbers, nearly all bits 1",
        3: "n below 2^48",
        4: "n below 2^64",
        5: "n below 2^80: more than 64 bits; just above 2^64",
        6: "n below 2^128",
        7: "n below 2^256",
        8: "n below 2^512",
        9: "n below 2^1024",
        10: "n below 2^4096",
    }
    reference_source = '''def count_set_bits(n: int) -> int:
    count = 0
    while n:
        n &= n - 1  # clears the lowest 1 bit
        count += 1
    return count
'''
    category = "bits_encodings"
    wrong_sources = (
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
        return (_number(rng, _BITS[difficulty], rng.choice(spreads)),)

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
        return edges

    def check_args(self, n: int) -> None:
        assert type(n) is int and 0 <= n < 2**4096, f"n must be an int in 0..2^4096, got {n!r}"

    def reference(self, n: int) -> int:
        return n.bit_count()
