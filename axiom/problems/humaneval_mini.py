"""HumanEval mini: the seeds' 20 simple tasks (their v2 plan's categories), as a named suite.

Family "humaneval_mini"; the difficulty is the category of the v2 plan: 1 arithmetic, 2 list
operations, 3 simple conditionals, 4 slightly complex logic (so `by_difficulty` reads as the
plan's categories). Each task has one worked example in its prompt and 5-6 hidden I/O tests
(edge cases included) that are not the example; its reference solution passes them.
"""

from __future__ import annotations

from axiom.problems.record import Problem, TestCase

FAMILY = "humaneval_mini"

# (name, level, signature, description, example (args, expected), hidden tests [(args, expected)], reference body)
TASKS: list[tuple] = [
    ("add", 1, "def add(a: int, b: int) -> int", "Return the sum of a and b.", ([2, 3], 5),
     [([0, 0], 0), ([-4, 9], 5), ([100, 250], 350), ([-7, -8], -15), ([123456789, 1], 123456790)],
     "return a + b"),
    ("subtract", 1, "def subtract(a: int, b: int) -> int", "Return a minus b.", ([7, 2], 5),
     [([0, 0], 0), ([2, 7], -5), ([-3, -3], 0), ([100, -1], 101), ([10**12, 1], 10**12 - 1)],
     "return a - b"),
    ("multiply", 1, "def multiply(a: int, b: int) -> int", "Return the product of a and b.", ([3, 4], 12),
     [([0, 9], 0), ([-3, 5], -15), ([-2, -6], 12), ([1, 77], 77), ([12345, 1000], 12345000)],
     "return a * b"),
    ("power", 1, "def power(base: int, exp: int) -> int",
     "Return base raised to the non-negative integer power exp.", ([2, 10], 1024),
     [([5, 0], 1), ([0, 3], 0), ([-2, 3], -8), ([3, 4], 81), ([10, 12], 10**12)],
     "return base ** exp"),
    ("absolute_value", 1, "def absolute_value(x: int) -> int", "Return the absolute value of x.", ([-5], 5),
     [([0], 0), ([7], 7), ([-1], 1), ([-123456], 123456), ([42], 42)],
     "return x if x >= 0 else -x"),
    ("sum_list", 2, "def sum_list(numbers: list[int]) -> int", "Return the sum of the numbers in the list "
     "(0 for an empty list).", ([[1, 2, 3]], 6),
     [([[]], 0), ([[5]], 5), ([[-1, 1]], 0), ([[10, -20, 30, 40]], 60), ([[100] * 50], 5000)],
     "total = 0\n    for x in numbers:\n        total += x\n    return total"),
    ("reverse_list", 2, "def reverse_list(items: list[int]) -> list[int]",
     "Return a new list with the items in reverse order.", ([[1, 2, 3]], [3, 2, 1]),
     [([[]], []), ([[7]], [7]), ([[1, 1, 2]], [2, 1, 1]), ([[-1, 0, 5, 9]], [9, 5, 0, -1]),
      ([[4, 3]], [3, 4])],
     "return items[::-1]"),
    ("filter_even", 2, "def filter_even(numbers: list[int]) -> list[int]",
     "Return the even numbers of the list, in their original order.", ([[1, 2, 3, 4]], [2, 4]),
     [([[]], []), ([[1, 3, 5]], []), ([[0, -2, -3]], [0, -2]), ([[8, 6, 7, 6]], [8, 6, 6]), ([[10]], [10])],
     "return [x for x in numbers if x % 2 == 0]"),
    ("max_value", 2, "def max_value(numbers: list[int]) -> int",
     "Return the largest number in a non-empty list.", ([[3, 9, 2]], 9),
     [([[5]], 5), ([[-3, -1, -7]], -1), ([[2, 2, 2]], 2), ([[1, 100, 50, 100]], 100), ([[0, -5]], 0)],
     "best = numbers[0]\n    for x in numbers[1:]:\n        if x > best:\n            best = x\n    return best"),
    ("min_value", 2, "def min_value(numbers: list[int]) -> int",
     "Return the smallest number in a non-empty list.", ([[3, 9, 2]], 2),
     [([[5]], 5), ([[-3, -1, -7]], -7), ([[2, 2, 2]], 2), ([[1, 100, 0, 100]], 0), ([[8, 9]], 8)],
     "best = numbers[0]\n    for x in numbers[1:]:\n        if x < best:\n            best = x\n    return best"),
    ("is_even", 3, "def is_even(n: int) -> bool", "Return True if n is even, False otherwise.", ([4], True),
     [([0], True), ([7], False), ([-2], True), ([-9], False), ([1000001], False)],
     "return n % 2 == 0"),
    ("is_positive", 3, "def is_positive(n: int) -> bool", "Return True if n is strictly greater than zero.",
     ([5], True), [([0], False), ([-1], False), ([1], True), ([-1000], False), ([999999], True)],
     "return n > 0"),
    ("count_vowels", 3, "def count_vowels(text: str) -> int",
     "Return how many vowels (a, e, i, o, u, in either case) the text contains.", (["hello"], 2),
     [([""], 0), (["rhythm"], 0), (["AEIOU"], 5), (["Programming Is Fun"], 5), (["queue"], 4)],
     "return sum(1 for ch in text.lower() if ch in 'aeiou')"),
    ("is_palindrome", 3, "def is_palindrome(text: str) -> bool",
     "Return True if the text reads the same forwards and backwards (exact characters, case-sensitive).",
     (["level"], True), [([""], True), (["a"], True), (["ab"], False), (["Abba"], False), (["racecar"], True)],
     "return text == text[::-1]"),
    ("sign", 3, "def sign(n: int) -> int", "Return 1 if n is positive, -1 if it is negative and 0 if it is zero.",
     ([-7], -1), [([0], 0), ([3], 1), ([-1], -1), ([10**9], 1), ([-10**9], -1)],
     "if n > 0:\n        return 1\n    if n < 0:\n        return -1\n    return 0"),
    ("is_prime", 4, "def is_prime(n: int) -> bool", "Return True if n is a prime number (n may be any integer).",
     ([7], True), [([1], False), ([2], True), ([0], False), ([-7], False), ([91], False), ([97], True)],
     "if n < 2:\n        return False\n    i = 2\n    while i * i <= n:\n        if n % i == 0:\n"
     "            return False\n        i += 1\n    return True"),
    ("factorial", 4, "def factorial(n: int) -> int", "Return n! for a non-negative integer n (0! is 1).",
     ([5], 120), [([0], 1), ([1], 1), ([3], 6), ([10], 3628800), ([20], 2432902008176640000)],
     "result = 1\n    for i in range(2, n + 1):\n        result *= i\n    return result"),
    ("gcd", 4, "def gcd(a: int, b: int) -> int",
     "Return the greatest common divisor of two non-negative integers (gcd(0, 0) is 0).", ([12, 18], 6),
     [([0, 5], 5), ([7, 0], 7), ([17, 13], 1), ([100, 75], 25), ([0, 0], 0)],
     "while b:\n        a, b = b, a % b\n    return a"),
    ("lcm", 4, "def lcm(a: int, b: int) -> int",
     "Return the least common multiple of two positive integers.", ([4, 6], 12),
     [([1, 1], 1), ([3, 5], 15), ([6, 3], 6), ([21, 6], 42), ([100, 75], 300)],
     "x, y = a, b\n    while y:\n        x, y = y, x % y\n    return a * b // x"),
    ("fibonacci", 4, "def fibonacci(n: int) -> int",
     "Return the n-th Fibonacci number, where fibonacci(0) is 0 and fibonacci(1) is 1.", ([6], 8),
     [([0], 0), ([1], 1), ([2], 1), ([10], 55), ([50], 12586269025)],
     "a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a"),
]


def _call(name: str, args: list) -> str:
    return f"{name}({', '.join(repr(a) for a in args)})"


def to_problem(task: tuple) -> Problem:
    name, level, signature, description, (ex_args, ex_expected), tests, body = task
    prompt = (f"{description}\n\nImplement:\n\n    {signature}\n\n"
              f"Example:\n\n    >>> {_call(name, ex_args)}\n    {ex_expected!r}\n")
    return Problem(id=f"{FAMILY}/{name}", family=FAMILY, difficulty=level, prompt=prompt, entry_point=name,
                   signature=signature, tests=tuple(TestCase(args=list(a), expected=e) for a, e in tests),
                   reference_solution=f"{signature}:\n    {body}\n",
                   meta={"source": "humaneval-mini", "category": CATEGORIES[level],
                         "examples": [{"args": list(ex_args), "expected": ex_expected}]})


CATEGORIES = {1: "arithmetic", 2: "list operations", 3: "simple conditionals", 4: "slightly complex logic"}


def load_humaneval_mini() -> list[Problem]:
    """The 20 tasks, arithmetic first."""
    return [to_problem(t) for t in TASKS]
