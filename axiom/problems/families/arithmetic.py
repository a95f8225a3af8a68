"""Evaluate an infix integer expression with + - * and parentheses (never division)."""

from __future__ import annotations

import random
import re

from axiom.problems.family import Family, register_family

_CHARS = frozenset("0123456789+-*() ")
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
# a gap before, between and after the tokens of an irregularly spaced expression, and how often each comes
_GAPS, _GAP_WEIGHTS = ("", " ", "  ", "   "), (4, 6, 3, 3)
_TIDY_OPS = {"+-": (" + ", " - "), "+-*": (" + ", " - ", " * ")}


def _operand(rng: random.Random, hi: int) -> str:
    # at "up to 10^9" an operand is up to 99, 9999, 10^6 or 10^9, equally often: not only large ones
    if hi >= 10**9:
        hi = rng.choice((99, 9999, 10**6, 10**9))
    return str(rng.randint(0, hi))


def _tokens(rng: random.Random, n: int, hi: int, ops: tuple[str, ...], unary: bool, depth: int,
            out: list[str]) -> list[str]:
    """Append `n` operands up to `hi` joined by operators from `ops` to `out`; runs of 2..n-1 of them
    bracketed while depth allows, and a unary minus ("-") before about 15% of operands and groups."""
    left = n
    while left:
        if left < n:
            out.append(rng.choice(ops))
        if unary and rng.random() < 0.15:
            out.append("-")
        if depth and left > 1 and n > 2 and rng.random() < 0.35:
            k = rng.randint(2, min(left, n - 1))
            out.append("(")
            _tokens(rng, k, hi, ops, unary, depth - 1, out)
            out.append(")")
            left -= k
        else:
            out.append(_operand(rng, hi))
            left -= 1
    return out


def _expression(rng: random.Random, n: int, level: int, depth: int, messy: bool) -> str:
    """A random expression of `n` operands at `level`, with brackets nested at most `depth` deep."""
    _, hi, ops, _, unary, _ = _SPEC[level]
    if not messy:  # binary operators between single spaces; brackets and unary minus glued to operands
        return "".join(_tokens(rng, n, hi, _TIDY_OPS[ops], unary, depth, []))
    # any amount of space (including none) before, between and after the tokens
    tokens = _tokens(rng, n, hi, tuple(ops), unary, depth, [])
    gaps = rng.choices(_GAPS, weights=_GAP_WEIGHTS, k=len(tokens) + 1)
    return gaps[0] + "".join(token + gap for token, gap in zip(tokens, gaps[1:], strict=True))


@register_family("arithmetic")
class Arithmetic(Family):
    version = 2  # 2: plain rng calls where random bytes were read as choices
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
    category = "parsing"
    wrong_sources = (
        '''import re
def evaluate_expression(expression):  # left to right, ignoring precedence
    tokens = re.findall(r"\\d+|[-+*()]", expression)
    pos = 0
    def run():
        nonlocal pos
        value = atom()
        while pos < len(tokens) and tokens[pos] in ("+", "-", "*"):
            op = tokens[pos]
            pos += 1
            right = atom()
            value = value + right if op == "+" else value - right if op == "-" else value * right
        return value
    def atom():
        nonlocal pos
        token = tokens[pos]
        pos += 1
        if token == "-":
            return -atom()
        if token == "(":
            value = run()
            pos += 1
            return value
        return int(token)
    return run()
''',
        '''import re
def evaluate_expression(expression):  # a - b - c read as a - (b - c)
    tokens = re.findall(r"\\d+|[-+*()]", expression)
    pos = 0
    def total():
        nonlocal pos
        value = product()
        if pos < len(tokens) and tokens[pos] in ("+", "-"):
            op = tokens[pos]
            pos += 1
            return value + total() if op == "+" else value - total()
        return value
    def product():
        nonlocal pos
        value = factor()
        while pos < len(tokens) and tokens[pos] == "*":
            pos += 1
            value *= factor()
        return value
    def factor():
        nonlocal pos
        token = tokens[pos]
        pos += 1
        if token == "-":
            return -factor()
        if token == "(":
            value = total()
            pos += 1
            return value
        return int(token)
    return total()
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        (lo, hi), _, _, depth, _, messy = _SPEC[difficulty]
        return (_expression(rng, rng.randint(lo, hi), difficulty, depth, messy),)

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
                inner = _expression(rng, rng.randint(lo, hi), difficulty, depth - 1, False)
                edges.append((f"({inner})",))
        return edges

    def check_args(self, expression: str) -> None:
        _checked_value(expression)

    def reference(self, expression: str) -> int:
        return _checked_value(expression)  # the same answers as reference_source, faster


def _checked_value(expression: str) -> int:
    """Value of `expression`; AssertionError unless it is in the grammar the description states.

    expression := operand (("+" | "-" | "*") operand)*;  operand := "-" operand | number | "(" expression ")"
    with numbers written without leading zeros and any spaces between tokens. One pass over the tokens,
    with a stack for open brackets and no recursion, ast.parse or regex tokenizer (str methods are
    several times faster); it shares no code with the generator or reference_source. `total` sums the
    finished terms of the innermost open group, `product` is the running signed product of its current term.
    """
    assert isinstance(expression, str) and expression.isascii() \
        and not expression.encode().translate(None, _ALLOWED), f"bad characters in {expression!r}"
    spaced = " " + expression.replace("(", " ( ").replace(")", " ) ").replace("+", " + ") \
        .replace("-", " - ").replace("*", " * ")
    assert not _LEADING_ZERO.search(spaced), f"a number with a leading zero in {expression!r}"
    stack: list[tuple[int, int, int]] = []
    total, product, sign = 0, 1, 1
    want_operand = True
    tokens = spaced.split()  # numbers (runs of digits) and single characters
    for token in tokens:
        if want_operand:
            if token == "(":
                stack.append((total, product, sign))
                total, product, sign = 0, 1, 1
            elif token == "-":
                sign = -sign
            else:
                try:
                    product *= sign * int(token)
                except ValueError:
                    raise AssertionError(f"expected a number, '(' or '-', found {token!r} in {expression!r}") from None
                sign, want_operand = 1, False
        elif token == "*":
            want_operand = True
        elif token == "+" or token == "-":
            total += product
            product = 1 if token == "+" else -1
            want_operand = True
        else:  # a number right after an operand, e.g. "1 2", is not ")" either
            assert token == ")" and stack, f"unexpected {token!r} in {expression!r}"
            value = total + product
            total, product, sign = stack.pop()
            product *= sign * value
            sign = 1
    assert not want_operand and not stack, f"{expression!r} ends early or leaves a '(' open"
    return total + product


_ALLOWED = b"0123456789+-*() "
_LEADING_ZERO = re.compile(" 0[0-9]")  # in `spaced`, where every token follows a space
