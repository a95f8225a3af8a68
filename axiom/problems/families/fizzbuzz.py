"""FizzBuzz over a range: fizzbuzz(start, end) rather than the classic fizzbuzz(n).

The classic fizzbuzz(n) has only a handful of sensible inputs at low levels (n from 1 to ~15), and
train, val and test must share no test input; a range [start, end] anywhere on the number line gives
every level a large input space while keeping the task the same.

Version 2 adds an optional third argument, rules: (divisor, word) pairs that replace (3, "Fizz"),
(5, "Buzz"); a number becomes the words of every rule whose divisor divides it, in the order listed.
Up to level 5 no test gives rules. From level 6 a growing share of the problems test them (a third at
level 6, every one from level 9) in a range holding a number that two rules divide: a third rule
(level 6), other words and divisors (7), rules listed out of divisor order (8), divisors that divide
one another (9), and a divisor 1 or a repeated divisor (10), where every problem also tests an empty
list of rules.
"""

from __future__ import annotations

import random
from math import lcm

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
# level: (chance of an edge case with rules, chance that a random test gives rules); none below level 6
_RULED = {6: (0.35, 0.05), 7: (0.5, 0.1), 8: (0.7, 0.2), 9: (1.0, 0.4), 10: (1.0, 0.6)}
_WORDS = ("Fizz", "Buzz", "Bazz", "Fuzz", "Jazz", "Pop", "Whizz", "Bang", "Boom", "Zap", "Foo", "Bar")


def _rules(rng: random.Random, difficulty: int) -> list[tuple[int, str]]:
    """(divisor, word) pairs of the level's kind."""
    if difficulty == 6:  # the classic pair and a third rule, in divisor order
        return sorted([(3, "Fizz"), (5, "Buzz"), (rng.choice((2, 7, 11, 13)), rng.choice(_WORDS[2:]))])
    count, top = {7: (3, 11), 8: (4, 13), 9: (4, 16), 10: (5, 20)}[difficulty]
    divisors = rng.sample(range(2, top + 1), rng.randint(2, count))
    if difficulty >= 9 and rng.random() < 0.5:  # one divisor a multiple of another
        divisors[-1] = divisors[0] * rng.randint(2, 3)
    if difficulty == 10:
        extra = rng.random()
        if extra < 0.25:  # 1 divides every number
            divisors.append(1)
        elif extra < 0.5:  # the same divisor twice, two words
            divisors.append(divisors[0])
    rules = list(zip(divisors, rng.sample(_WORDS, len(divisors)), strict=True))
    if difficulty == 7:
        rules.sort()
    else:
        rng.shuffle(rules)  # listed in any order: the words join in this order, not by divisor
    return rules


@register_family("fizzbuzz")
class FizzBuzz(Family):
    version = 2  # 2: an optional list of (divisor, word) rules, tested from level 6, more often with the level
    entry_point = "fizzbuzz"
    signature = "def fizzbuzz(start: int, end: int, rules: list[tuple[int, str]] | None = None) -> list[str]"
    description = (
        "Play FizzBuzz over a range of integers. For every integer i from start to end inclusive, in\n"
        "increasing order, produce one string: \"FizzBuzz\" if i is divisible by both 3 and 5, \"Fizz\" if\n"
        "it is divisible by 3 only, \"Buzz\" if it is divisible by 5 only, and otherwise the decimal\n"
        "number itself, str(i). Divisibility means Python's i % k == 0, so 0 and negative multiples\n"
        "such as -3 count as divisible by 3 (and 0 gives \"FizzBuzz\"). Return the list of strings;\n"
        "return an empty list when start > end.\n"
        "rules, when given, replaces 3 -> \"Fizz\" and 5 -> \"Buzz\": it is a list of (divisor, word) pairs\n"
        "(divisor >= 1), and i becomes the words of every rule whose divisor divides i, joined in the order\n"
        "the rules are listed (not sorted), or str(i) when no divisor divides i:\n"
        "fizzbuzz(1, 6, [(3, \"Bar\"), (2, \"Foo\")]) == [\"1\", \"Foo\", \"Bar\", \"Foo\", \"5\", \"BarFoo\"].\n"
        "An empty list of rules writes every number as itself; None (the default) means\n"
        "[(3, \"Fizz\"), (5, \"Buzz\")], the game above."
    )
    levels = {
        1: "1 <= start <= 10^5, ranges of 1-10 numbers",
        2: "ranges of 1-15 numbers; start == end (a single element)",
        3: "values up to 10^6, ranges of 1-20; start > end (empty list)",
        4: "ranges of 1-25",
        5: "0 may appear; ranges of 1-30",
        6: "values up to 10^7; a third of the problems give rules: 3 Fizz, 5 Buzz and one more",
        7: "negative numbers from -10^5; all-negative ranges and ranges crossing zero; half the problems give "
           "2-3 rules of other words and divisors up to 11",
        8: "values in -10^7..10^7; 70% of the problems give 2-4 rules, listed in any order",
        9: "values up to +-10^12, ranges of 1-40; every problem gives 2-4 rules, a divisor may divide another",
        10: "values up to +-10^12, ranges of 1-40; more empty and single-element ranges; every problem gives "
            "2-6 rules, with a divisor 1 or one divisor twice, and an empty list of rules",
    }
    reference_source = '''def fizzbuzz(start: int, end: int, rules: list[tuple[int, str]] | None = None) -> list[str]:
    if rules is None:
        rules = [(3, "Fizz"), (5, "Buzz")]
    result = []
    for i in range(start, end + 1):
        words = "".join(word for divisor, word in rules if i % divisor == 0)  # in the order listed
        result.append(words or str(i))
    return result
'''
    category = "math"
    wrong_sources = (
        '''def fizzbuzz(start, end, rules=None):  # one word at most: the first rule that divides i
    rules = [(3, "Fizz"), (5, "Buzz")] if rules is None else rules
    out = []
    for i in range(start, end + 1):
        out.append(next((word for d, word in rules if i % d == 0), str(i)))
    return out
''',
        '''def fizzbuzz(start, end, rules=None):  # joins the words in divisor order, not the order listed
    rules = sorted(rules) if rules is not None else [(3, "Fizz"), (5, "Buzz")]
    return ["".join(w for d, w in rules if i % d == 0) or str(i) for i in range(start, end + 1)]
''',
        '''def fizzbuzz(start, end, rules=None):  # an empty list of rules falls back to Fizz and Buzz
    rules = rules or [(3, "Fizz"), (5, "Buzz")]
    return ["".join(w for d, w in rules if i % d == 0) or str(i) for i in range(start, end + 1)]
''',
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
        if rng.random() < _RULED.get(difficulty, (0.0, 0.0))[1]:
            return (start, start + count - 1, _rules(rng, difficulty))
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
        if rng.random() < _RULED.get(difficulty, (0.0, 0.0))[0]:
            edges.append(self._ruled(rng, difficulty))
        if difficulty == 10:  # no rules at all: every number as itself (not the default Fizz and Buzz)
            count = rng.randint(most // 2, most)
            start = rng.randint(lo, hi - count)
            edges.append((start, start + count - 1, []))
        return edges

    def _ruled(self, rng: random.Random, difficulty: int) -> tuple:
        """A range that holds a multiple of two rules' divisors (both words in one string), with rules of the
        level."""
        lo, hi, most = _SPEC[difficulty]
        count = rng.randint(max(2, most // 2), most)
        rules = _rules(rng, difficulty)
        first, second = sorted(rng.sample(range(len(rules)), 2))
        if difficulty >= 8:  # a pair listed out of divisor order where there is one
            pairs = [(i, j) for i in range(len(rules)) for j in range(i + 1, len(rules)) if rules[i][0] > rules[j][0]]
            first, second = rng.choice(pairs) if pairs else (first, second)
        both = lcm(rules[first][0], rules[second][0])
        multiple = both * rng.randint((lo + most) // both + 1, (hi - most) // both)  # the range stays in lo..hi
        start = multiple - rng.randint(0, count - 1)
        return (start, start + count - 1, rules)

    def check_args(self, start: int, end: int, rules: list | None = None) -> None:
        assert type(start) is int and type(end) is int, f"start and end must be ints, got {start!r}, {end!r}"
        assert rules is None or all(type(d) is int and d >= 1 and isinstance(w, str) and w for d, w in rules), \
            f"rules must be (divisor >= 1, word) pairs, got {rules!r}"
        assert max(abs(start), abs(end)) <= 10**12, f"values out of range: {start}, {end}"
        assert end - start < 64, f"range {start}..{end} too long"
