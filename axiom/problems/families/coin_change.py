"""The fewest coins that add up to an amount, with unlimited coins of each value; -1 if none do.

Greedy (largest coin first) is wrong for coin sets like [1, 3, 4] (6 = 3 + 3, not 4 + 1 + 1): from
level 4 an edge case is built to break it. Amounts grow to 20,000, where plain recursion times out
and memoised recursion runs out of stack; a table over amounts stays fast.
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

_INT = frozenset({int})  # type(True) is bool, so booleans are not ints here
# level: (largest amount, fewest coins, most coins, largest coin value, chance no coin fits the amount's residue)
# Levels 1-2 always hold the coin 1, so every amount can be paid; level 1 lists the coins in increasing
# order and draws only amounts where largest-first happens to give the fewest coins.
_SPEC = {
    1: (40, 3, 4, 40, 0.0),
    2: (50, 3, 4, 30, 0.0),
    3: (100, 2, 4, 40, 0.2),
    4: (200, 2, 4, 40, 0.2),
    5: (400, 3, 5, 50, 0.2),
    6: (1000, 3, 5, 100, 0.2),
    7: (3000, 3, 6, 200, 0.2),
    8: (6000, 3, 6, 300, 0.2),
    9: (10**4, 4, 7, 500, 0.2),
    10: (2 * 10**4, 4, 8, 1000, 0.2),
}


def fewest_coins(coins: list[int], amount: int) -> int:
    """reference_source's answer by breadth-first search over bit sets: bit i of `layer` is an amount
    first reached with k coins. k layers of shifts on (amount+1)-bit integers, k = the answer."""
    if amount == 0:
        return 0
    full = (1 << (amount + 1)) - 1
    unseen, layer, target = full ^ 1, 1, 1 << amount
    k = 0
    while layer:  # an empty layer: every amount that can be paid is seen, and `amount` is not one of them
        k += 1
        # a search this long may be crawling through an amount no coins pay (every coin a multiple of 5,
        # say: thousands of layers): ask whether it can be paid at all, each coin c used 0..2^j - 1 times
        if k == 64 and not _payable(coins, amount, full):
            return -1
        nxt = 0
        for c in coins:
            nxt |= layer << c
        layer = nxt & unseen
        if layer & target:
            return k
        unseen ^= layer
    return -1


def _payable(coins: list[int], amount: int, full: int) -> bool:
    reach = 1
    for c in coins:
        shift = c
        while shift <= amount:
            reach |= (reach << shift) & full
            shift *= 2
    return bool(reach >> amount & 1)


def _greedy(coins: list[int], amount: int) -> int:
    """Largest coin first, as many as fit: the wrong answer the greedy-trap edge case must catch."""
    count = 0
    for c in sorted(coins, reverse=True):
        count += amount // c
        amount %= c
    return count if amount == 0 else -1


@register_family("coin_change")
class CoinChange(Family):
    # 2: every problem tests an amount that only the coin 1 pays and (level 3+) an impossible one
    # 3: the description says how the fewest coins build up from amount 0 (the default model went greedy
    #    or recursed without a table); levels 1-2 hold the coin 1, level 1 sorted coins and amounts greedy pays
    # 4: a plain description: the one that warned against largest-first and spelled out the table drew
    #    a largest-first answer (0 of 30); this one draws the table (9 of 9 at levels 1-3)
    version = 4
    entry_point = "coin_change"
    signature = "def coin_change(coins: list[int], amount: int) -> int"
    description = (
        "You are given coins of distinct positive values `coins` and an integer `amount` (>= 0), with an\n"
        "unlimited supply of each coin. Return the fewest number of coins that make up exactly `amount`,\n"
        "or -1 if it cannot be made. An amount of 0 needs 0 coins."
    )
    levels = {
        1: "3-4 coins up to 40 in increasing order, one of them 1; amount <= 40, one that largest-first pays "
           "with the fewest coins",
        2: "3-4 coins up to 30 in any order, one of them 1, amount <= 50; amount 0",
        3: "2-4 coins up to 40, amount <= 100; impossible amounts (-1)",
        4: "amount <= 200; coin sets where largest-first greedy fails",
        5: "3-5 coins up to 50, amount <= 400",
        6: "coins up to 100, amount <= 1000: plain recursion times out",
        7: "3-6 coins up to 200, amount <= 3000",
        8: "amount <= 6000",
        9: "4-7 coins up to 500, amount <= 10^4",
        10: "4-8 coins up to 1000, amount up to 2*10^4: deep memoised recursion overflows the stack",
    }
    reference_source = '''def coin_change(coins: list[int], amount: int) -> int:
    impossible = amount + 1
    fewest = [0] + [impossible] * amount
    for total in range(1, amount + 1):
        for c in coins:
            if c <= total and fewest[total - c] + 1 < fewest[total]:
                fewest[total] = fewest[total - c] + 1
    return fewest[amount] if fewest[amount] < impossible else -1
'''
    category = "recursion_dp"
    wrong_sources = (
        '''def coin_change(coins, amount):  # greedy, largest coin first: not always the fewest
    count = 0
    for c in sorted(coins, reverse=True):
        count += amount // c
        amount %= c
    return count if amount == 0 else -1
''',
        '''def coin_change(coins, amount):  # largest first, but each coin value at most once
    count = 0
    for c in sorted(coins, reverse=True):
        if amount >= c:
            amount -= c
            count += 1
    return count if amount == 0 else -1
''',
        '''def coin_change(coins, amount):  # returns the sentinel amount + 1 instead of -1
    fewest = [0] + [amount + 1] * amount
    for total in range(1, amount + 1):
        for c in coins:
            if c <= total:
                fewest[total] = min(fewest[total], fewest[total - c] + 1)
    return fewest[amount]
''',
        '''def coin_change(coins, amount):  # stops at the first coin that is too big, as if coins were sorted
    fewest = [0] + [amount + 1] * amount
    for total in range(1, amount + 1):
        for c in coins:
            if c > total:
                break
            fewest[total] = min(fewest[total], fewest[total - c] + 1)
    return fewest[amount] if fewest[amount] <= amount else -1
''',
    )

    def reference(self, coins: list[int], amount: int) -> int:
        return fewest_coins(coins, amount)

    def _coins(self, rng: random.Random, difficulty: int) -> list[int]:
        _, fewest, most, top, odd_out = _SPEC[difficulty]
        k = rng.randint(fewest, most)
        if difficulty <= 2:  # the coin 1 among them: every amount can be paid
            coins = [1] + rng.sample(range(2, top + 1), k - 1)
            if difficulty == 1:
                coins.sort()
            else:
                rng.shuffle(coins)
            return coins
        if rng.random() < odd_out:  # every coin a multiple of g: amounts that are not cannot be paid
            g = rng.choice((2, 3, 5))
            return [g * c for c in rng.sample(range(1, top // g + 1), k)]
        return rng.sample(range(1, top + 1), k)

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        while True:
            coins, amount = self._coins(rng, difficulty), rng.randint(1, _SPEC[difficulty][0])
            # level 1: only amounts where largest-first is right (no greedy trap yet)
            if difficulty > 1 or _greedy(coins, amount) == fewest_coins(coins, amount):
                return (coins, amount)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        top_amount, fewest, most, top, _ = _SPEC[difficulty]
        pool = (["unsorted", "zero"] if difficulty >= 2 else []) + (["greedy trap"] if difficulty >= 4 else [])
        edges = []
        # an amount only the coin 1 pays and (level 3 on) one no coins pay, then one more kind
        kinds = ["ones"] + (["impossible"] if difficulty >= 3 else []) + rng.sample(pool, min(2, len(pool)))
        for kind in kinds[:3]:
            if kind == "ones":  # only the coin 1 fits: the answer is the amount itself, the most coins there
                # can be, and every other coin is over twice the amount (an index past the table's start)
                amount = rng.randint(1, min(top_amount, (top - fewest) // 2))
                coins = [1] + rng.sample(range(2 * amount + 2, top + 1), fewest - 1)
                if difficulty == 1:  # level 1 lists its coins in increasing order
                    coins.sort()
                else:
                    rng.shuffle(coins)
                edges.append((coins, amount))
            elif kind == "impossible":  # every coin a multiple of g, the amount not
                g = rng.choice((2, 3, 5))
                coins = [g * c for c in rng.sample(range(1, top // g + 1), rng.randint(fewest, most))]
                amount = g * rng.randint(0, top_amount // g - 1) + rng.randint(1, g - 1)
                edges.append((coins, amount))
            elif kind == "zero":
                edges.append((self._coins(rng, difficulty), 0))
            elif kind == "unsorted":  # a big coin first, the small ones after it
                coins = sorted(self._coins(rng, difficulty), reverse=True)
                edges.append((coins, rng.randint(1, top_amount)))
            else:  # x < y < 2x - 1: 2x + k*y takes k + 2 coins, largest-first takes more or fails
                x = rng.randint(3, top // 2)
                y = rng.randint(x + 1, 2 * x - 2)
                amount = 2 * x + y * rng.randint(0, max(0, (top_amount - 2 * x) // y))
                coins = [x, y] + ([1] if rng.random() < 0.5 else [])
                extra = rng.randint(2, top)  # a third coin, kept if greedy still goes wrong
                if extra not in coins and _greedy(coins + [extra], amount) != fewest_coins(coins + [extra], amount):
                    coins.append(extra)
                rng.shuffle(coins)
                edges.append((coins, amount))
        return edges

    def check_args(self, coins: list[int], amount: int) -> None:
        assert type(amount) is int and 0 <= amount <= 2 * 10**4, f"amount must be an int in 0..20000: {amount!r}"
        assert isinstance(coins, list) and 1 <= len(coins) <= 8, f"coins must be a list of 1-8 values: {coins!r}"
        assert _INT.issuperset(map(type, coins)), f"non-integer coin in {coins!r}"
        assert all(1 <= c <= 1000 for c in coins) and len(set(coins)) == len(coins), f"bad coins {coins!r}"
