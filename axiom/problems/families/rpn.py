"""Evaluate an expression in Reverse Polish Notation."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

_OPS = frozenset(("+", "-", "*", "//"))


def random_rpn(rng: random.Random, operands: int, ops: str, lo: int, hi: int) -> str:
    """A valid postfix expression with `operands` numbers in [lo, hi]; no division by zero."""
    numbers = rng.choices(range(lo, hi + 1), k=operands)
    choices = ops.split()
    divide = "//" in choices  # only then do values matter: a divisor must not be zero
    tokens: list[str] = []
    values: list[int] = []  # the stack, or (without //) just as many zeros as it holds
    left = operands
    while left or len(values) > 1:
        # push while operands remain and the stack is shallow (or by chance); otherwise reduce
        if left and (len(values) < 2 or rng.random() < 0.5):
            v = numbers[-left]
            tokens.append(str(v))
            values.append(v if divide else 0)
            left -= 1
            continue
        op = choices[int(rng.random() * len(choices))]  # not rng.choice, which would change every rpn problem
        b = values.pop()
        if divide:
            a = values[-1]
            if op == "//" and b == 0:
                op = "+"
            values[-1] = a + b if op == "+" else a - b if op == "-" else a * b if op == "*" else a // b
        tokens.append(op)
    return " ".join(tokens)


def _checked_value(expression: str) -> int:
    """Value of a postfix expression; AssertionError unless every operator finds two values on the
    stack, one value is left at the end and nothing is divided by zero. Shares no code with the
    generator or reference_source."""
    assert isinstance(expression, str), f"expected a string, got {type(expression).__name__}"
    stack: list[int] = []
    for token in expression.split(" "):
        if token in _OPS:
            assert len(stack) >= 2, f"operator {token} without two operands in {expression!r}"
            b = stack.pop()
            if token == "+":
                stack[-1] += b
            elif token == "-":
                stack[-1] -= b
            elif token == "*":
                stack[-1] *= b
            else:
                assert b, f"division by zero in {expression!r}"
                stack[-1] //= b
        else:
            try:
                stack.append(int(token))
            except ValueError:
                raise AssertionError(f"{token!r} is neither an operator nor an integer in {expression!r}") from None
    assert len(stack) == 1, f"{expression!r} leaves {len(stack)} values on the stack"
    return stack[0]


@register_family("rpn")
class RPN(Family):
    entry_point = "evaluate_rpn"
    signature = "def evaluate_rpn(expression: str) -> int"
    description = (
        "Evaluate an arithmetic expression written in Reverse Polish Notation (postfix).\n"
        "Tokens are separated by single spaces. Operands are integers and may be negative (like -3).\n"
        "Operators are + - * and // (floor division, as Python's // operator); each applies to the\n"
        "two values below it on the stack. Return the integer result."
    )
    levels = {
        1: "2 operands 0-99, + and -",
        2: "3 operands 0-99, + and -",
        3: "4 operands 0-99, + - *; a lone number is an edge case",
        4: "5 operands 0-99, + - *; negative results",
        5: "6 operands 0-999, + - *",
        6: "7 operands -99..99 (negative operands)",
        7: "8 operands -99..99",
        8: "9 operands -999..999, floor division // appears",
        9: "10 operands up to +-10^6 with //",
        10: "11 operands up to +-10^9 with //; deep stacks, huge intermediate values",
    }
    reference_source = '''def evaluate_rpn(expression: str) -> int:
    stack = []
    for token in expression.split():
        if token in ("+", "-", "*", "//"):
            b = stack.pop()
            a = stack.pop()
            if token == "+":
                stack.append(a + b)
            elif token == "-":
                stack.append(a - b)
            elif token == "*":
                stack.append(a * b)
            else:
                stack.append(a // b)
        else:
            stack.append(int(token))
    return stack[0]
'''
    category = "parsing"
    wrong_sources = (
        '''def evaluate_rpn(expression):  # true division instead of floor division
    stack = []
    for token in expression.split():
        if token in ("+", "-", "*", "//"):
            b, a = stack.pop(), stack.pop()
            stack.append(a + b if token == "+" else a - b if token == "-" else a * b if token == "*" else a / b)
        else:
            stack.append(int(token))
    return stack[0]
''',
        '''def evaluate_rpn(expression):  # operands popped in the wrong order
    stack = []
    for token in expression.split():
        if token in ("+", "-", "*", "//"):
            a, b = stack.pop(), stack.pop()
            stack.append(a + b if token == "+" else a - b if token == "-" else a * b if token == "*"
                         else a // b if b else 0)
        else:
            stack.append(int(token))
    return stack[0]
''',
    )

    def _params(self, d: int) -> tuple[str, int, int]:
        ops = "+ -" if d <= 2 else "+ - *" if d <= 7 else "+ - * //"
        lo, hi = {1: (0, 99), 2: (0, 99), 3: (0, 99), 4: (0, 99), 5: (0, 999), 6: (-99, 99), 7: (-99, 99),
                  8: (-999, 999), 9: (-10**6, 10**6), 10: (-10**9, 10**9)}[d]
        return ops, lo, hi

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        ops, lo, hi = self._params(difficulty)
        return (random_rpn(rng, difficulty + 1, ops, lo, hi),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        ops, lo, hi = self._params(difficulty)
        edges = []
        # edge inputs come from large spaces too: each input belongs to one split only
        if difficulty >= 3:
            edges.append((str(rng.randint(min(lo, 0) * 10**4, 10**6)),))  # a lone operand, no operator
        if difficulty >= 4:
            a = rng.randint(0, hi // 2)
            edges.append((f"{a} {rng.randint(a + 1, hi)} -",))  # a negative result
        return edges

    def check_args(self, expression: str) -> None:
        _checked_value(expression)

    def reference(self, expression: str) -> int:
        return _checked_value(expression)  # the same answers as reference_source, faster
