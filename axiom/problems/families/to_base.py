"""Write an integer in a base from 2 to 36, with the digits 0-9 and a-z and a '-' for negatives."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
# level: (largest |n|, largest base, chance n is negative)
_SPEC = {
    1: (10**6, 10, 0.0),
    2: (10**6, 16, 0.0),
    3: (10**6, 36, 0.0),
    4: (10**9, 36, 0.0),
    5: (10**9, 36, 0.4),
    6: (2**64, 36, 0.4),
    7: (10**30, 36, 0.4),
    8: (10**50, 36, 0.4),
    9: (10**100, 36, 0.5),
    10: (10**200, 36, 0.5),
}


def _digits(n: int, base: int) -> list[int]:
    """The digits of n >= 0 in the base, most significant first."""
    out = []
    while n:
        n, d = divmod(n, base)
        out.append(d)
    return out[::-1]


def _value(digits: list[int], base: int) -> int:
    n = 0
    for d in digits:
        n = n * base + d
    return n


@register_family("to_base")
class ToBase(Family):
    version = 2  # 2: every problem tests n = 0 (the description states its answer, so every split may)
    entry_point = "to_base"
    signature = "def to_base(n: int, base: int) -> str"
    description = (
        "Write the integer n in the given base (2 <= base <= 36) and return the result as a string.\n"
        "Use the digits 0-9 for the values 0 to 9 and the lower-case letters a-z for the values 10 to 35\n"
        "(so 255 in base 16 is \"ff\"). Write the most significant digit first with no leading zeros and\n"
        "no prefix such as 0x. A negative n is written as '-' followed by the digits of -n (-10 in base 2\n"
        "is \"-1010\"). Zero is \"0\" in every base. n may have hundreds of digits."
    )
    levels = {
        1: "n from 0 to 10^6 (n = 0 in every problem), bases 2-10",
        2: "n up to 10^6, bases up to 16 (letter digits a-f)",
        3: "bases up to 36; numbers of only the largest digits (zzyz) or ending in zeros, up to 8 digits",
        4: "n up to 10^9",
        5: "negative numbers",
        6: "|n| up to 2^64",
        7: "|n| up to 10^30",
        8: "|n| up to 10^50",
        9: "|n| up to 10^100",
        10: "|n| up to 10^200",
    }
    reference_source = '''def to_base(n: int, base: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, d = divmod(n, base)
        out.append(digits[d])
    return sign + "".join(reversed(out))
'''
    category = "bits_encodings"
    wrong_sources = (
        '''def to_base(n, base):  # upper-case letter digits
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if n == 0:
        return "0"
    sign, n, out = "-" if n < 0 else "", abs(n), ""
    while n:
        n, d = divmod(n, base)
        out = digits[d] + out
    return sign + out
''',
        '''def to_base(n, base):  # forgets to reverse: least significant digit first
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign, n, out = "-" if n < 0 else "", abs(n), ""
    while n:
        n, d = divmod(n, base)
        out += digits[d]
    return sign + out
''',
        '''def to_base(n, base):  # drops the minus sign
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    n, out = abs(n), ""
    while n:
        n, d = divmod(n, base)
        out = digits[d] + out
    return out
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        largest, top_base, negative = _SPEC[difficulty]
        base = rng.randint(2, top_base)
        # the number of digits is drawn first, so that short and long numbers are equally likely
        n = rng.randint(1, 10 ** rng.randint(4, len(str(largest)) - 1))
        n = min(n, largest)
        return (-n if rng.random() < negative else n, base)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        largest, top_base, negative = _SPEC[difficulty]
        pool = ["zeros"] + (["top digits"] if difficulty >= 3 else [])
        edges = [(0, rng.randint(2, top_base))]  # "0", which the description promises; the loop never runs
        for kind in rng.sample(pool, min(2, len(pool))):
            base = rng.randint(max(2, top_base - 20), top_base)  # the larger bases, where letters appear
            # at least 8 digits, a little past the level's largest n when that has fewer: enough such inputs
            # for every split to have its own
            longest = max(8, len(_digits(largest, base)))
            if kind == "zeros":  # random digits, then several zeros
                zeros = rng.randint(2, 6)
                head = [rng.randint(1, base - 1)]
                head += [rng.randrange(base) for _ in range(rng.randint(1, longest - zeros - 1))]
                n = _value(head + [0] * zeros, base)
            else:  # only the three largest digits: "zzyxz" in base 36
                n = _value([base - rng.randint(1, 3) for _ in range(rng.randint(6, longest))], base)
            edges.append((-n if rng.random() < negative else n, base))
        return edges

    def stated(self, args: list) -> bool:
        return args[0] == 0  # 'Zero is "0" in every base'

    def check_args(self, n: int, base: int) -> None:
        assert type(n) is int and type(base) is int, f"expected two ints, got {n!r}, {base!r}"
        assert 2 <= base <= 36, f"base {base} out of range"
        assert abs(n) < 10**210, "n too large"

