"""FizzBuzz over a range: fizzbuzz(start, end) rather than the classic fizzbuzz(n).

The classic fizzbuzz(n) has only a handful of sensible inputs at low levels (n from 1 to ~15), and
train, val and test must share no test input; a range [start, end] anywhere on the number line gives
every level a large input space while keeping the task the same.
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (smallest value, largest value, most numbers in a range)
_SPEC = {
    1: (1, 10**5, 10),
    2: (1, 10**5, 15),
    3: (1, 10**6, 20),
    4: (1, 10**6, 25),
    5: (0, 10**6, 30),
    6: (0, 10**7, 30),
    7: (-10**5, 10**5, 35),
    8: (-10**7, 10**7, 35),
    9: (-10**12, 10**12, 40),
    10: (-10**12, 10**12, 40),
}


@register_family("fizzbuzz")
class FizzBuzz(Family):
    entry_point = "fizzbuzz"
    signature = "def fizzbuzz(start: int, end: int) -> list[str]"
    description = (
        "Play FizzBuzz over a range of integers. For every integer i from start to end inclusive, in\n"
        "increasing order, produce one string: \"FizzBuzz\" if i is divisible by both 3 and 5, \"Fizz\" if\n"
        "it is divisible by 3 only, \"Buzz\" if it is divisible by 5 only, and otherwise the decimal\n"
        "number itself, str(i). Divisibility means Python's i % k == 0, so 0 and negative multiples\n"
        "such as -3 count as divisible by 3 (and 0 gives \"FizzBuzz\"). Return the list of strings;\n"
        "return an empty list when start > end."
    )
    levels = {
        1: "1 <= start <= 10^5, ranges of 1-10 numbers",
        2: "ranges of 1-15 numbers; start == end (a single element)",
        3: "values up to 10^6, ranges of 1-20; start > end (empty list)",
        4: "ranges of 1-25",
        5: "0 may appear; ranges of 1-30",
        6: "values up to 10^7",
        7: "negative numbers from -10^5; all-negative ranges and ranges crossing zero",
        8: "values in -10^7..10^7",
        9: "values up to +-10^12, ranges of 1-40",
        10: "values up to +-10^12, ranges of 1-40; more empty and single-element ranges",
    }
    reference_source = '''def fizzbuzz(start: int, end: int) -> list[str]:
    result = []
    for i in range(start, end + 1):
        if i % 15 == 0:
            result.append("FizzBuzz")
        elif i % 3 == 0:
            result.append("Fizz")
        elif i % 5 == 0:
            result.append("Buzz")
        else:
            result.append(str(i))
    return result
'''
    category = "math"
    wrong_sources = (
        '''def fizzbuzz(start, end):  # off by one: end excluded
    out = []
    for i in range(start, end):
        out.append("FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else str(i))
    return out
''',
        '''def fizzbuzz(start, end):  # start > end should give an empty list
    out = []
    for i in range(min(start, end), max(start, end) + 1):
        out.append("FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else str(i))
    return out
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, most = _SPEC[difficulty]
        count = rng.randint(1, most)
        if difficulty == 10 and rng.random() < 0.1:
            count = rng.randint(-3, 1)  # empty or single-element ranges among the random ones too
        start = rng.randint(lo, hi - max(count, 1) + 1)
        return (start, start + count - 1)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, most = _SPEC[difficulty]
        # Edge inputs come from large spaces (each input belongs to one split only), so there is no
        # "range starting at 0" edge: only ~30 such ranges exist at levels 5-6.
        pool = (["single"] if difficulty >= 2 else []) + (["empty"] if difficulty >= 3 else [])
        if difficulty >= 7:
            pool += ["negative", "across zero"]
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):  # two a problem, so most tests stay random
            if kind == "single":  # start == end
                v = rng.randint(lo, hi)
                edges.append((v, v))
            elif kind == "empty":  # start > end
                v = rng.randint(lo + 10, hi)
                edges.append((v, v - rng.randint(1, 10)))
            elif kind == "negative":  # every number below zero; -3 % 3 == 0 in Python
                end = -rng.randint(1, hi - most)
                edges.append((end - rng.randint(0, most - 1), end))
            else:  # negative to positive, through 0 ("FizzBuzz"); a few hundred such ranges exist
                start = -rng.randint(1, most - 1)
                edges.append((start, start + rng.randint(-start, most - 1)))
        return edges

    def check_args(self, start: int, end: int) -> None:
        assert type(start) is int and type(end) is int, f"start and end must be ints, got {start!r}, {end!r}"
        assert max(abs(start), abs(end)) <= 10**12, f"values out of range: {start}, {end}"
        assert end - start < 64, f"range {start}..{end} too long"
