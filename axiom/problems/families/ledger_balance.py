"""Apply deposits, withdrawals, fees and interest to a bank balance; a withdrawal that would overdraw is refused."""

from __future__ import annotations

import random
import re

from axiom.problems.family import Family, register_family

_TRANSACTION = re.compile(r"[-+!%](0|[1-9][0-9]*)")
# level: (fewest transactions, most, largest starting balance, largest amount, kinds of transaction,
#         share of withdrawals that ask for more than the balance and are refused)
_SPEC = {
    1: (2, 5, 200, 100, "+-", 0.0),  # plain deposits and withdrawals that all go through
    2: (3, 8, 500, 200, "+-", 0.0),  # still none refused in the random tests; the edge cases refuse some
    3: (4, 10, 1000, 500, "+-", 0.3),  # refusals anywhere
    4: (6, 12, 1000, 1000, "+-!", 0.3),  # fees, which stop at 0 instead of being refused
    5: (6, 14, 2000, 2000, "+-!%", 0.3),  # interest, rounded down
    6: (8, 18, 10**4, 10**4, "+-!%", 0.3),
    7: (10, 22, 10**6, 10**6, "+-!%", 0.3),
    8: (12, 28, 10**12, 10**12, "+-!%", 0.3),
    9: (14, 34, 10**16, 10**16, "+-!%", 0.3),  # balance * N past 2^53: float arithmetic loses the last digits
    10: (16, 40, 10**18, 10**18, "+-!%", 0.3),
}


def _apply(balance: int, transaction: str) -> int:
    kind, amount = transaction[0], int(transaction[1:])
    if kind == "+":
        return balance + amount
    if kind == "-":
        return balance - amount if amount <= balance else balance
    if kind == "!":
        return max(0, balance - amount)
    return balance + balance * amount // 100


def _transactions(rng: random.Random, difficulty: int, balance: int, n: int) -> list[str]:
    """n transactions from `balance`; a level's share of the withdrawals is refused, some empty the account."""
    _, _, _, most, kinds, refused = _SPEC[difficulty]
    out = []
    for _ in range(n):
        kind = rng.choice(kinds + "-+" if len(kinds) > 2 else kinds)  # deposits and withdrawals stay common
        if kind == "-" and balance == 0 and not refused:
            kind = "+"  # nothing to withdraw, and this level refuses nothing
        if kind == "+":
            amount = rng.randint(1, most)
        elif kind == "-" or kind == "!":
            r = rng.random()
            if r < 0.15 and balance > 0:
                amount = balance  # exactly everything: allowed, the balance becomes 0
            elif r < 0.15 + max(refused, 0.3 if kind == "!" else 0.0):
                amount = rng.randint(balance + 1, balance + most)  # more than the balance
            else:
                amount = rng.randint(1, max(1, balance))
        else:
            amount = rng.randint(1, 25)  # interest, percent
        out.append(f"{kind}{amount}")
        balance = _apply(balance, out[-1])
    return out


@register_family("ledger_balance")
class LedgerBalance(Family):
    entry_point = "ledger_balance"
    signature = "def ledger_balance(start: int, transactions: list[str]) -> int"
    version = 3  # 3: levels 1-2 refuse no withdrawal in the random tests (level 1 none at all), a worked
    # example in the description; amounts up to 10^16 and 10^18 at levels 9-10 (float interest fails)
    description = (
        "A bank account starts with the balance `start` (start >= 0). Apply the `transactions` in order\n"
        "and return the final balance. Each transaction is a string: one symbol followed by a whole\n"
        "number N written in decimal digits (no spaces). The four kinds:\n"
        "  \"+N\"  deposit: add N to the balance.\n"
        "  \"-N\"  withdrawal: if the balance is at least N, subtract N (the balance may become exactly 0).\n"
        "        If the balance is less than N, the withdrawal is refused: skip it, the balance stays the same.\n"
        "  \"!N\"  fee: subtract N, but never go below 0 (a fee larger than the balance leaves 0).\n"
        "  \"%N\"  interest of N percent: add balance * N // 100 (whole numbers only, rounded down).\n"
        "A refused withdrawal does not stop the later transactions. With no transactions the answer is\n"
        "`start`. Amounts can be very large (up to 10^18): use integer arithmetic, not floats.\n"
        "For example, ledger_balance(50, [\"-80\", \"+20\", \"-70\", \"-5\"]) returns 0: \"-80\" is refused\n"
        "(50 is less than 80), \"+20\" makes 70, \"-70\" makes 0, and \"-5\" is refused."
    )
    levels = {
        1: "2-5 deposits and withdrawals of 1-100 from a start of 0-200; no withdrawal is refused; one "
           "takes the balance to exactly 0",
        2: "3-8 transactions up to 200; the edge cases refuse withdrawals (more than the balance, "
           "after the balance hit exactly 0); no transactions",
        3: "4-10 transactions up to 500, refused withdrawals anywhere; a start of 0",
        4: "6-12 transactions; fees (!N), which stop at 0 instead of being refused",
        5: "6-14 transactions; interest (%N), rounded down",
        6: "8-18 transactions, amounts up to 10^4",
        7: "10-22 transactions, amounts up to 10^6",
        8: "12-28 transactions, amounts up to 10^12",
        9: "14-34 transactions, amounts up to 10^16: interest computed with floats goes wrong",
        10: "16-40 transactions, amounts up to 10^18",
    }
    reference_source = '''def ledger_balance(start: int, transactions: list[str]) -> int:
    balance = start
    for transaction in transactions:
        kind, amount = transaction[0], int(transaction[1:])
        if kind == "+":
            balance += amount
        elif kind == "-":
            if amount <= balance:
                balance -= amount
        elif kind == "!":
            balance = max(0, balance - amount)
        else:
            balance += balance * amount // 100
    return balance
'''
    category = "simulation"
    wrong_sources = (
        '''def ledger_balance(start, transactions):  # never refuses a withdrawal: the balance can go negative
    balance = start
    for t in transactions:
        n = int(t[1:])
        if t[0] == "+":
            balance += n
        elif t[0] == "-":
            balance -= n
        elif t[0] == "!":
            balance = max(0, balance - n)
        else:
            balance += balance * n // 100
    return balance
''',
        '''def ledger_balance(start, transactions):  # refuses a withdrawal that would leave exactly 0
    balance = start
    for t in transactions:
        n = int(t[1:])
        if t[0] == "+":
            balance += n
        elif t[0] == "-":
            if balance - n > 0:
                balance -= n
        elif t[0] == "!":
            balance = max(0, balance - n)
        else:
            balance += balance * n // 100
    return balance
''',
        '''def ledger_balance(start, transactions):  # refuses a fee larger than the balance instead of stopping at 0
    balance = start
    for t in transactions:
        n = int(t[1:])
        if t[0] == "+":
            balance += n
        elif t[0] in "-!":
            if n <= balance:
                balance -= n
        else:
            balance += balance * n // 100
    return balance
''',
        '''def ledger_balance(start, transactions):  # interest in floats: wrong once balance * N passes 2^53
    balance = start
    for t in transactions:
        n = int(t[1:])
        if t[0] == "+":
            balance += n
        elif t[0] == "-":
            if n <= balance:
                balance -= n
        elif t[0] == "!":
            balance = max(0, balance - n)
        else:
            balance += int(balance * n / 100)
    return balance
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most, top, _, _, _ = _SPEC[difficulty]
        start = rng.randint(0, top)
        return (start, _transactions(rng, difficulty, start, rng.randint(fewest, most)))

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, top, largest, kinds, _ = _SPEC[difficulty]
        if difficulty == 1:  # down to exactly 0 and up again: nothing is refused
            start, deposit, again = rng.randint(1, top), rng.randint(1, largest), rng.randint(1, largest)
            return [(start, [f"+{deposit}", f"-{start + deposit}", f"+{again}", f"-{rng.randint(1, again)}"])]
        pool = ["overdraw", "exactly all", "none"]
        if difficulty >= 3:
            pool.append("start at 0")
        if "!" in kinds:
            pool.append("fee past 0")
        edges = []
        for kind in rng.sample(pool, 2):
            start = rng.randint(1, top)
            if kind == "none":  # the start is the answer; drawn from a million, as it is all there is
                edges.append((rng.randint(0, max(top, 10**6)), []))
            elif kind == "overdraw":  # every withdrawal asks for more than there is
                start = rng.randint(0, top)
                edges.append((start, [f"-{start + rng.randint(1, largest)}" for _ in range(rng.randint(2, 4))]))
            elif kind == "exactly all":  # down to exactly 0, after which a withdrawal is refused
                deposit = rng.randint(1, largest)
                edges.append((start, [f"+{deposit}", f"-{start + deposit}", f"-{rng.randint(1, largest)}"]))
            elif kind == "start at 0":  # nothing to withdraw until a deposit comes in
                rest = _transactions(rng, difficulty, 0, rng.randint(fewest, most))
                edges.append((0, [f"-{rng.randint(1, largest)}"] + rest))
            else:  # a fee bigger than the balance leaves 0, where a withdrawal would be refused
                fee = f"!{start + rng.randint(1, largest)}"
                edges.append((start, [fee, f"+{rng.randint(1, largest)}"]))
        return edges

    def check_args(self, start: int, transactions: list[str]) -> None:
        assert type(start) is int and start >= 0, f"start must be a non-negative int, got {start!r}"
        assert isinstance(transactions, list), "transactions must be a list of strings"
        for t in transactions:
            assert isinstance(t, str) and _TRANSACTION.fullmatch(t), f"bad transaction {t!r}"
