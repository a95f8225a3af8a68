"""For each position, the product of every other element of the list; zeros at higher levels."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, largest |value|, negatives?, most zeros in a list)
_PARAMS = {
    1: (4, 6, 12, False, 0),
    2: (4, 7, 20, False, 0),
    3: (4, 8, 50, False, 0),
    4: (4, 9, 30, True, 0),
    5: (4, 10, 50, True, 1),
    6: (4, 11, 100, True, 1),
    7: (5, 12, 100, True, 2),
    8: (5, 14, 1000, True, 2),
    9: (6, 16, 10**4, True, 3),
    10: (6, 18, 10**4, True, 3),
}


def _nonzero(rng: random.Random, n: int, top: int, negatives: bool) -> list[int]:
    values = rng.choices(range(1, top + 1), k=n)
    return [-v if negatives and rng.random() < 0.5 else v for v in values]


def _with_zeros(nums: list[int], rng: random.Random, zeros: int) -> list[int]:
    nums = list(nums)
    for i in rng.sample(range(len(nums)), zeros):
        nums[i] = 0
    return nums


@register_family("product_except_self")
class ProductExceptSelf(Family):
    entry_point = "product_except_self"
    signature = "def product_except_self(nums: list[int]) -> list[int]"
    description = (
        "Given a list nums of at least two integers, return a new list of the same length whose\n"
        "element i is the product of every element of nums except nums[i] (the element at position i\n"
        "itself is left out, not its other occurrences). Values may be negative or zero, and products\n"
        "can be very large: use exact integer arithmetic and return ints. Do not modify nums."
    )
    levels = {
        1: "4-6 values in 1..12",
        2: "4-7 values in 1..20; two values is an edge case",
        3: "4-8 values in 1..50",
        4: "4-9 values in -30..30 without 0 (negatives)",
        5: "4-10 values in -50..50, sometimes one zero",
        6: "4-11 values in -100..100, one zero",
        7: "5-12 values, up to two zeros",
        8: "5-14 values up to +-1000, up to two zeros",
        9: "6-16 values up to +-10^4, up to three zeros (products past 64 bits)",
        10: "6-18 values up to +-10^4, up to three zeros",
    }
    reference_source = '''def product_except_self(nums: list[int]) -> list[int]:
    n = len(nums)
    result = [1] * n
    prefix = 1
    for i in range(n):  # result[i] = product of everything before i
        result[i] = prefix
        prefix *= nums[i]
    suffix = 1
    for i in range(n - 1, -1, -1):  # times the product of everything after i
        result[i] *= suffix
        suffix *= nums[i]
    return result
'''
    category = "lists"
    wrong_sources = (
        '''def product_except_self(nums):  # divides the total product: breaks on a zero
    total = 1
    for x in nums:
        total *= x
    return [total // x for x in nums]
''',
        '''def product_except_self(nums):  # skips zeros in the total, wrong when there are two zeros
    total = 1
    for x in nums:
        if x != 0:
            total *= x
    if 0 not in nums:
        return [total // x for x in nums]
    return [total if x == 0 else 0 for x in nums]
''',
        '''def product_except_self(nums):  # leaves out every occurrence of nums[i], not just position i
    result = []
    for x in nums:
        product = 1
        for y in nums:
            if y != x:
                product *= y
        result.append(product)
    return result
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, top, negatives, most_zeros = _PARAMS[difficulty]
        nums = _nonzero(rng, rng.randint(short, long), top, negatives)
        if most_zeros and rng.random() < 0.5:
            nums = _with_zeros(nums, rng, rng.randint(1, most_zeros))
        return (nums,)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, top, negatives, most_zeros = _PARAMS[difficulty]
        pool = ["repeats"] + (["pair"] if difficulty >= 2 else [])
        if negatives:
            pool.append("all_negative")
        if most_zeros >= 1:
            pool.append("one_zero")
        if most_zeros >= 2:
            pool.append("two_zeros")
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):
            nums = _nonzero(rng, rng.randint(short, long), top, negatives)
            if kind == "repeats":  # one value several times: leave out one occurrence, not all of them
                nums[1:] = [nums[0] if rng.random() < 0.5 else v for v in nums[1:]]
                nums[rng.randint(1, len(nums) - 1)] = nums[0]
            elif kind == "pair":  # two values from a wide range: each answer is the other value
                nums = [rng.randint(1, 10**6), rng.randint(-10**6 if negatives else 1, 10**6)]
            elif kind == "all_negative":
                nums = [-abs(v) for v in nums]
            elif kind == "one_zero":  # only the zero's position gets a non-zero product
                nums = _with_zeros(nums, rng, 1)
            else:  # two zeros: every product is 0
                nums = _with_zeros(nums, rng, 2)
            edges.append((nums,))
        return edges

    def check_args(self, nums: list[int]) -> None:
        assert isinstance(nums, list) and len(nums) >= 2, "nums must be a list of at least two values"
        assert all(type(v) is int for v in nums), f"non-integer value in {nums!r}"
