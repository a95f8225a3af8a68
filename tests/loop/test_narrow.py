"""recipe.check_level_above: a verified solution that passes only because its level's tests are narrow is left out."""

from __future__ import annotations

import pytest

from axiom.loop.stages import narrow_solutions
from axiom.problems import make_problem
from axiom.verify import Limits, Verifier

COUNTER = '''```python
def is_valid_parentheses(s: str) -> bool:
    balance = 0
    for char in s:
        if char == '(':
            balance += 1
        elif char == ')':
            balance -= 1
        if balance < 0:
            return False
    return balance == 0
```'''

STACK = '''```python
def is_valid_parentheses(s: str) -> bool:
    pairs = {')': '(', ']': '[', '}': '{'}
    stack = []
    for char in s:
        if char in pairs:
            if not stack or stack.pop() != pairs[char]:
                return False
        else:
            stack.append(char)
    return not stack
```'''


@pytest.fixture(scope="module")
def verifier():
    with Verifier(workers=1, limits=Limits(timeout_s=2.0)) as v:
        yield v


def test_a_counter_for_round_brackets_alone_is_narrow_and_a_stack_is_not(verifier):
    level1 = [make_problem("parentheses", 1, "train", 5, i) for i in range(2)]
    level2 = [make_problem("parentheses", 2, "train", 5, i) for i in range(2)]
    level3 = [make_problem("parentheses", 3, "train", 5, 0)]
    # The rows' statuses are given: the counter passed parentheses 2's level 1 (only round brackets); since
    # version 3 a stray bracket of another kind fails it there too. What is tested is the check one level up.
    by_id = {p.id: p for p in level1 + level2 + level3}
    rows = [{"problem_id": level1[0].id, "sample": 0, "completion": COUNTER, "status": "passed"},
            {"problem_id": level1[0].id, "sample": 1, "completion": STACK, "status": "passed"},
            {"problem_id": level1[1].id, "sample": 0, "completion": "def nothing(): pass", "status": "no_code"},
            {"problem_id": level3[0].id, "sample": 0, "completion": COUNTER, "status": "passed"}]
    kept, narrow = narrow_solutions(rows, by_id, list(by_id.values()), verifier)
    assert narrow == [rows[0]]
    # a failing row stays (it was never training data); the top level drawn has nothing above it to check
    assert kept == rows[1:]


def test_nothing_to_check_calls_nothing(verifier):
    p = make_problem("parentheses", 1, "train", 5, 0)
    rows = [{"problem_id": p.id, "sample": 0, "completion": STACK, "status": "passed"}]
    assert narrow_solutions(rows, {p.id: p}, [p], verifier) == (rows, [])
