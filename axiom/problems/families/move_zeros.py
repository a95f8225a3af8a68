"""Move every zero to the end of a list, keeping the other values in their order."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, largest |value|, negatives?, highest share of zeros)
_PARAMS = {
    1: (4, 8, 20, False, 0.3),
    2: (4, 10, 50, False, 0.4),
    3: (5, 12, 50, True, 0.4),
    4: (5, 16, 99, True, 0.5),
    5: (6, 20, 999, True, 0.5),
    6: (6, 26, 10**4, True, 0.6),
    7: (8, 32, 10**4, True, 0.7),
    8: (8, 40, 10**6, True, 0.7),
    9: (10, 50, 10**9, True, 0.8),
    10: (12, 60, 10**9, True, 0.8),
}


def _nonzero(rng: random.Random, n: int, top: int, negatives: bool) -> list[int]:
    values = rng.choices(range(1, top + 1), k=n)
    return [-v if negatives and rng.random() < 0.5 else v for v in values]


def _sprinkle(rng: random.Random, nums: list[int], zeros: int) -> list[int]:
    for i in rng.sample(range(len(nums)), zeros):
        nums[i] = 0
    return nums


@register_family("move_zeros")
class MoveZeros(Family):
    entry_point = "move_zeros"
    signature = "def move_zeros(nums: list[int]) -> list[int]"
    description = (
        "Return a new list with every 0 of nums moved to the end. The non-zero values (negative ones\n"
        "included) keep their original relative order, and the result holds as many zeros as nums, so\n"
        "move_zeros([0, 3, 0, -1, 2]) == [3, -1, 2, 0, 0]. A list without zeros comes back unchanged; an\n"
        "empty list gives an empty list. Do not modify nums."
    )
    levels = {
        1: "4-8 values in 0..20, up to 30% zeros",
        2: "4-10 values in 0..50; a list without zeros and the empty list are edge cases",
        3: "5-12 values in -50..50 (negatives)",
        4: "5-16 values in -99..99, up to half zeros; zeros at the front",
        5: "6-20 values in -999..999",
        6: "6-26 values up to +-10^4",
        7: "8-32 values, up to 70% zeros",
        8: "8-40 values up to +-10^6",
        9: "10-50 values up to +-10^9, up to 80% zeros",
        10: "12-60 values up to +-10^9",
    }
    reference_source = '''def move_zeros(nums: list[int]) -> list[int]:
    non_zero = [x for x in nums if x != 0]
    return non_zero + [0] * (len(nums) - len(non_zero))
'''
    category = "lists"
    wrong_sources = (
        '''def move_zeros(nums):  # keeps only positive values, losing the negatives
    return [x for x in nums if x > 0] + [0] * nums.count(0)
''',
        '''def move_zeros(nums):  # swaps each zero with the last value: the order is lost
    nums = list(nums)
    end = len(nums) - 1
    i = 0
    while i < end:
        if nums[i] == 0:
            nums[i], nums[end] = nums[end], nums[i]
            end -= 1
        else:
            i += 1
    return nums
''',
        '''def move_zeros(nums):  # removes the zeros instead of moving them
    return [x for x in nums if x != 0]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, top, negatives, share = _PARAMS[difficulty]
        n = rng.randint(short, long)
        nums = _nonzero(rng, n, top, negatives)
        return (_sprinkle(rng, nums, rng.randint(1, max(1, int(share * n)))),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, top, negatives, share = _PARAMS[difficulty]
        pool = ["one_value"] + (["no_zeros", "empty"] if difficulty >= 2 else [])
        if difficulty >= 4:
            pool.append("zeros_first")
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):
            n = rng.randint(short, long)
            if kind == "one_value":  # a single non-zero value among zeros; a wide range keeps it rare
                nums = [0] * n
                nums[rng.randrange(n)] = rng.randint(1, 10**6) * (rng.choice((-1, 1)) if negatives else 1)
            elif kind == "no_zeros":
                nums = _nonzero(rng, n, top, negatives)
            elif kind == "zeros_first":  # a block of zeros, then the values
                nums = [0] * rng.randint(2, 4) + _nonzero(rng, n, top, negatives)
            else:
                nums = []
            edges.append((nums,))
        return edges

    def check_args(self, nums: list[int]) -> None:
        assert isinstance(nums, list), "nums must be a list"
        assert all(type(v) is int for v in nums), f"non-integer value in {nums!r}"
