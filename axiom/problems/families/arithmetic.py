"""Evaluate an infix integer expression with + - * and parentheses (never division)."""

from __future__ import annotations

import ast
import random

from axiom.problems.family import Family, register_family

_CHARS = frozenset("0123456789+-*() ")
_BINARY = (ast.Add, ast.Sub, ast.Mult)
_UNARY = "u-"  # token for a unary minus, rendered as "-" glued to what follows
# level: (operand counts, largest operand, operators, paren depth, unary minus, irregular spacing).
# Operands reach 999 from level 1, not 99: two operands 0-99 joined by + or - make only 20,000 distinct
# inputs, about what three splits of 1,000 problems with 7 inputs each would use up.
_SPEC = {
    1: ((2, 2), 999, "+-", 0, False, False),
    2: ((2, 3), 999, "+-*", 0, False, False),
    3: ((3, 4), 999, "+-*", 1, False, False),
    4: ((4, 5), 999, "+-*", 2, False, False),
    5: ((5, 6), 999, "+-*", 2, False, False),
    6: ((6, 7), 999, "+-*", 2, True, False),
    7: ((7, 8), 999, "+-*", 2, True, True),
    8: ((8, 9), 9999, "+-*", 3, True, True),
    9: ((9, 10), 10**9, "+-*", 3, True, True),
    10: ((10, 11), 10**9, "+-*", 4, True, True),
}
_GAPS = ("", "", " ", " ", " ", "  ", "   ")


def _operand(rng: random.Random, hi: int) -> str:
    if hi >= 10**9:
        hi = (99, 9999, 10**6, 10**9)[int(rng.random() * 4)]  # large operands, but not only large ones
    return str(int(rng.random() * (hi + 1)))  # rng.randint and rng.choice cost several times more


def _tokens(rng: random.Random, n: int, level: int, depth: int) -> list[str]:
    """`n` operands joined by binary operators; groups of 2..n-1 operands parenthesised while depth allows."""
    _, hi, ops, _, unary, _ = _SPEC[level]
    out: list[str] = []
    left = n
    while left:
        if depth and min(left, n - 1) >= 2 and rng.random() < 0.35:
            k = rng.randint(2, min(left, n - 1))
            group = ["(", *_tokens(rng, k, level, depth - 1), ")"]
            left -= k
        else:
            group = [_operand(rng, hi)]
            left -= 1
        if unary and rng.random() < 0.15:
            group.insert(0, _UNARY)
        if out:
            out.append(ops[int(rng.random() * len(ops))])
        out += group
    return out


def _render(rng: random.Random, tokens: list[str], messy: bool) -> str:
    if messy:  # any amount of space (including none) between any two tokens
        gaps = rng.choices(_GAPS, k=len(tokens) + 1)
        parts = [gaps[-1]]
        for t, gap in zip(tokens, gaps[:-1], strict=True):
            parts += ("-" if t == _UNARY else t, gap)
        return "".join(parts)
    parts = []
    for i, t in enumerate(tokens):
        if i and t != ")" and tokens[i - 1] not in ("(", _UNARY):
            parts.append(" ")
        parts.append("-" if t == _UNARY else t)
    return "".join(parts)


@register_family("arithmetic")
class Arithmetic(Family):
    entry_point = "evaluate_expression"
    signature = "def evaluate_expression(expression: str) -> int"
    description = (
        "Evaluate an integer arithmetic expression written in ordinary infix notation and return its value.\n"
        "The expression contains non-negative integer literals, the binary operators + - * and parentheses.\n"
        "Use the usual precedence: * binds tighter than + and -, and operators of equal precedence apply\n"
        "left to right (so 10 - 2 - 3 is 5). A minus sign may also be unary, negating the number or\n"
        "parenthesised group right after it, even right after another operator: \"2 * -5\" is -10 and\n"
        "\"3 - -4\" is 7. Spaces may appear anywhere between tokens (and at either end), in any number,\n"
        "or not at all. An expression may be a single number (possibly negated), which is its own value.\n"
        "There is no division. Integers may be large; return the exact integer result."
    )
    levels = {
        1: "2 operands 0-999, + or -",
        2: "2-3 operands 0-999, + - *; a precedence trap like 2 + 3 * 4",
        3: "3-4 operands, parentheses (depth 1); a lone number and a fully parenthesised expression",
        4: "4-5 operands, parentheses nested to depth 2",
        5: "5-6 operands, depth 2",
        6: "6-7 operands, unary minus like -(3 + 4) or 2 * -5",
        7: "7-8 operands, irregular spacing: none, or several spaces",
        8: "8-9 operands up to 9999, parentheses nested to depth 3",
        9: "9-10 operands up to 10^9, depth 3",
        10: "10-11 operands up to 10^9, parentheses nested to depth 4",
    }
    reference_source = '''import re


def evaluate_expression(expression: str) -> int:
    tokens = re.findall(r"\\d+|[-+*()]", expression)
    pos = 0

    def parse_sum():
        nonlocal pos
        value = parse_product()
        while pos < len(tokens) and tokens[pos] in ("+", "-"):
            op = tokens[pos]
            pos += 1
            right = parse_product()
            value = value + right if op == "+" else value - right
        return value

    def parse_product():
        nonlocal pos
        value = parse_factor()
        while pos < len(tokens) and tokens[pos] == "*":
            pos += 1
            value *= parse_factor()
        return value

    def parse_factor():
        nonlocal pos
        token = tokens[pos]
        pos += 1
        if token == "-":
            return -parse_factor()
        if token == "(":
            value = parse_sum()
            pos += 1  # the closing ")"
            return value
        return int(token)

    return parse_sum()
'''

    def __init__(self) -> None:
        super().__init__()
        self._values: dict[str, int] = {}

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        (lo, hi), _, _, depth, _, messy = _SPEC[difficulty]
        return (_render(rng, _tokens(rng, rng.randint(lo, hi), difficulty, depth), messy),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        (lo, hi), top, _, depth, unary, _ = _SPEC[difficulty]
        top = min(top, 999)
        pool = ["negative"] + (["precedence"] if difficulty >= 2 else [])
        if difficulty >= 3:
            pool += ["lone", "parenthesised"]
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):  # two a problem, so most tests stay random
            if kind == "negative":  # the result is below zero
                a = rng.randint(0, top - 1)
                edges.append((f"{a} - {rng.randint(a + 1, top)}",))
            elif kind == "precedence":  # left to right gives the wrong answer
                x, y, z = rng.randint(2, top), rng.randint(2, top), rng.randint(2, top)
                edges.append((rng.choice((f"{x} + {y} * {z}", f"{x} - {y} * {z}", f"{x} * {y} - {z} * 2")),))
            elif kind == "lone":  # no operator at all; drawn wide so that few problems share it
                lone = str(rng.randint(0, 10**6))
                edges.append(("-" + lone if unary and rng.random() < 0.5 else lone,))
            else:  # the whole expression in parentheses
                inner = _render(rng, _tokens(rng, rng.randint(lo, hi), difficulty, depth - 1), False)
                edges.append((f"({inner})",))
        return edges

    def check_args(self, expression: str) -> None:
        assert isinstance(expression, str) and set(expression) <= _CHARS, f"bad characters in {expression!r}"
        value = _evaluate(ast.parse(expression.strip(), mode="eval").body, expression)
        if len(self._values) > 1024:
            self._values.clear()
        self._values[expression] = value

    def reference(self, expression: str) -> int:
        # make_problem validates every input before computing its answer, and validating walks the
        # whole syntax tree anyway; reusing that value halves the cost of a problem. The shared family
        # test checks that reference_source agrees with every stored answer.
        value = self._values.get(expression)
        return self._reference(expression) if value is None else value


def _evaluate(node: ast.AST, expression: str) -> int:
    """Value of a parsed expression; AssertionError on anything but ints, + - *, unary -."""
    if type(node) is ast.BinOp:
        left, right = _evaluate(node.left, expression), _evaluate(node.right, expression)
        op = type(node.op)
        assert op in _BINARY, f"operator {op.__name__} in {expression!r}"
        return left + right if op is ast.Add else left - right if op is ast.Sub else left * right
    if type(node) is ast.UnaryOp:
        assert type(node.op) is ast.USub, f"unary {type(node.op).__name__} in {expression!r}"
        return -_evaluate(node.operand, expression)
    assert type(node) is ast.Constant and type(node.value) is int, \
        f"{type(node).__name__} is not allowed in {expression!r}"
    return node.value
