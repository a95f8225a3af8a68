"""Evaluate a boolean expression with and, or, not, parentheses and named variables.

Variables, not only the literals True and False: with literals alone a short expression has a few
dozen possible inputs, far too few for train, val and test to share none. Named variables whose values
come in a dict make every level's input space large while the task stays parsing and precedence.
"""

from __future__ import annotations

import ast
import random

from axiom.problems.family import Family, register_family

_NAMES = ("a", "b", "c", "d", "e", "f", "g", "h", "p", "q", "r", "s", "x", "y", "z", "x1", "x2", "y1", "ok",
          "done", "ready", "valid", "found", "empty", "full", "open", "locked", "admin", "active", "visible",
          "raining", "cold", "late", "paid", "online", "enabled")
# level: (fewest operands, most, operators, chance of not, chance of a literal, bracket depth, chance of a group)
_SPEC = {
    1: (2, 4, "one", 0.0, 0.0, 0, 0.0),
    2: (3, 4, "mixed", 0.0, 0.0, 0, 0.0),
    3: (3, 5, "mixed", 0.3, 0.15, 0, 0.0),
    4: (3, 5, "mixed", 0.25, 0.15, 1, 0.4),
    5: (4, 6, "mixed", 0.3, 0.15, 2, 0.4),
    6: (4, 7, "mixed", 0.35, 0.15, 2, 0.4),
    7: (6, 8, "mixed", 0.35, 0.15, 2, 0.45),
    8: (6, 9, "mixed", 0.35, 0.15, 3, 0.45),
    9: (8, 10, "mixed", 0.35, 0.15, 3, 0.5),
    10: (10, 14, "mixed", 0.4, 0.15, 4, 0.5),
}


def _expression(rng: random.Random, difficulty: int, n: int, depth: int, names: tuple[list[str], list[str]],
                op: str) -> str:
    """n operands joined by and/or (by `op` alone at level 1); some of them groups in parentheses, some
    negated. `names` holds the fresh variable names and those used so far."""
    _, _, ops, p_not, p_literal, _, p_group = _SPEC[difficulty]
    parts = []
    left = n
    while left:
        if depth and left >= 2 and n > 2 and rng.random() < p_group:
            k = rng.randint(2, min(left, n - 1))
            atom = "(" + _expression(rng, difficulty, k, depth - 1, names, op) + ")"
            left -= k
        else:
            atom = rng.choice(("True", "False")) if rng.random() < p_literal else _name(rng, *names)
            left -= 1
        for _ in range(2 if difficulty >= 6 else 1):  # "not not x" at the higher levels now and then
            if rng.random() >= p_not:
                break
            atom = "not " + atom
        parts.append(atom)
    joined = parts[0]
    for part in parts[1:]:
        joined += f" {op if ops == 'one' else rng.choice(('and', 'or'))} {part}"
    return joined


def _check_node(node: ast.expr, expression: str, values: dict[str, bool]) -> None:
    """Assert that the tree holds only and, or, not, the literals True and False and names in `values`
    (a walk of just these nodes: ast.walk's generic one was half of the level-10 generation time)."""
    if isinstance(node, ast.BoolOp):  # and / or
        for operand in node.values:
            _check_node(operand, expression, values)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _check_node(node.operand, expression, values)
    elif isinstance(node, ast.Name):
        assert node.id in values, f"{node.id} has no value in {values!r}"
    else:
        assert isinstance(node, ast.Constant) and type(node.value) is bool, \
            f"unexpected {ast.dump(node)} in {expression!r}"


def _name(rng: random.Random, fresh: list[str], used: list[str]) -> str:
    """A fresh name while there are any left, then one used before."""
    if fresh:
        used.append(fresh.pop())
        return used[-1]
    return rng.choice(used)


def _draw(rng: random.Random, difficulty: int, n: int) -> tuple[str, dict[str, bool]]:
    # mostly a fresh name for each operand; from level 3 on some names come twice ("a and not a")
    fresh = rng.sample(_NAMES, n if difficulty < 3 else rng.randint(max(1, n - 2), n))
    used: list[str] = []
    expression = _expression(rng, difficulty, n, _SPEC[difficulty][5], (fresh, used), rng.choice(("and", "or")))
    return expression, {name: rng.random() < 0.5 for name in used}


@register_family("evaluate_boolean")
class EvaluateBoolean(Family):
    # 2: every problem tests and- and or-chains at levels 1-2 and, from level 3, both literals deciding the answer
    # 3: the description states the precedence as terms joined by or, each a chain of operands joined by
    # and, with a worked example; level 1 chains 2-4 operands; the literals' edge case has parentheses
    # only where they begin (level 4), so that levels 1-3 have none
    version = 3
    entry_point = "evaluate_boolean"
    signature = "def evaluate_boolean(expression: str, values: dict[str, bool]) -> bool"
    description = (
        "Evaluate a boolean expression and return True or False. The expression is made of variable\n"
        "names (lower-case letters and digits), whose values are given in the dict `values`, the literals\n"
        "True and False, the operators and, or, not, and parentheses. Tokens are separated by single\n"
        "spaces, except that parentheses may touch what they enclose, as in \"(a or not b) and c\".\n"
        "Precedence is Python's: not binds tightest, then and, then or. So, outside parentheses, an\n"
        "expression is a chain of terms joined by or, each term a chain of operands joined by and, each\n"
        "operand possibly preceded by not: \"a or b and not c\" means \"a or (b and (not c))\", and an\n"
        "expression is True when at least one of its terms has all its operands True. A group in\n"
        "parentheses is evaluated on its own and then acts as one operand. For example,\n"
        "evaluate_boolean(\"a and b or c\", {\"a\": True, \"b\": False, \"c\": True}) returns True.\n"
        "The result is exactly what Python would compute for the expression with those values."
    )
    levels = {
        1: "2-4 variables joined by and, or by or (one operator in an expression)",
        2: "3-4 variables with and and or mixed: and binds tighter than or",
        3: "not before operands; the literals True and False; no parentheses yet",
        4: "parentheses, one level deep",
        5: "4-6 operands, nested parentheses, not before a group",
        6: "4-7 operands; not not",
        7: "6-8 operands",
        8: "6-9 operands, parentheses three deep",
        9: "8-10 operands",
        10: "10-14 operands, parentheses four deep",
    }
    reference_source = '''def evaluate_boolean(expression: str, values: dict[str, bool]) -> bool:
    tokens = expression.replace("(", " ( ").replace(")", " ) ").split()
    pos = 0

    def parse_or():
        nonlocal pos
        result = parse_and()
        while pos < len(tokens) and tokens[pos] == "or":
            pos += 1
            right = parse_and()
            result = result or right
        return result

    def parse_and():
        nonlocal pos
        result = parse_not()
        while pos < len(tokens) and tokens[pos] == "and":
            pos += 1
            right = parse_not()
            result = result and right
        return result

    def parse_not():
        nonlocal pos
        if tokens[pos] == "not":
            pos += 1
            return not parse_not()
        return parse_atom()

    def parse_atom():
        nonlocal pos
        token = tokens[pos]
        pos += 1
        if token == "(":
            result = parse_or()
            pos += 1  # the closing ")"
            return result
        if token == "True":
            return True
        if token == "False":
            return False
        return values[token]

    return parse_or()
'''
    category = "parsing"
    wrong_sources = (
        '''def evaluate_boolean(expression, values):  # reads and/or left to right, as if of equal precedence
    tokens = expression.replace("(", " ( ").replace(")", " ) ").split()
    pos = 0

    def operand():
        nonlocal pos
        token = tokens[pos]
        pos += 1
        if token == "not":
            return not operand()
        if token == "(":
            result = chain()
            pos += 1
            return result
        return {"True": True, "False": False}.get(token, values.get(token))

    def chain():
        nonlocal pos
        result = operand()
        while pos < len(tokens) and tokens[pos] in ("and", "or"):
            op = tokens[pos]
            pos += 1
            right = operand()
            result = (result and right) if op == "and" else (result or right)
        return result

    return chain()
''',
        '''def evaluate_boolean(expression, values):  # lets not cover a whole and-chain: not a and b = not (a and b)
    tokens = expression.replace("(", " ( ").replace(")", " ) ").split()
    pos = 0

    def parse_or():
        nonlocal pos
        result = parse_and()
        while pos < len(tokens) and tokens[pos] == "or":
            pos += 1
            right = parse_and()
            result = result or right
        return result

    def parse_and():
        nonlocal pos
        if tokens[pos] == "not":
            pos += 1
            return not parse_and()
        result = parse_atom()
        while pos < len(tokens) and tokens[pos] == "and":
            pos += 1
            right = parse_atom() if tokens[pos] != "not" else parse_and()
            result = result and right
        return result

    def parse_atom():
        nonlocal pos
        token = tokens[pos]
        pos += 1
        if token == "(":
            result = parse_or()
            pos += 1
            return result
        return {"True": True, "False": False}.get(token, values.get(token))

    return parse_or()
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most = _SPEC[difficulty][:2]
        return _draw(rng, difficulty, rng.randint(fewest, most))

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most = _SPEC[difficulty][:2]
        edges = []
        if difficulty <= 2:  # an and-chain that one later False makes False, an or-chain one later True makes True
            for op in ("and", "or"):
                names = rng.sample(_NAMES, rng.randint(fewest, most))
                values = dict.fromkeys(names, op == "and")
                values[rng.choice(names[1:])] = op == "or"
                edges.append((f" {op} ".join(names), values))
        if difficulty >= 2:  # "x or y and z" with x true and z false: reading left to right gives False
            x, y, z = rng.sample(_NAMES, 3)
            values = {x: True, y: rng.random() < 0.5, z: False}
            if difficulty >= 4 and rng.random() < 0.5:  # the same trap inside a group
                expression, extra = _draw(rng, difficulty, rng.randint(1, max(1, fewest - 2)))
                expression = f"({x} or {y} and {z}) {rng.choice(('and', 'or'))} {expression}"
                values.update((k, v) for k, v in extra.items() if k not in values)
            else:
                expression = f"{x} or {y} and {z}"
            edges.append((expression, values))
        if difficulty >= 3:  # "not x and y" with x false and y false: not binds to x only
            x, y = rng.sample(_NAMES, 2)
            rest, extra = _draw(rng, difficulty, rng.randint(1, max(1, most - 2)))
            values = {**{k: v for k, v in extra.items() if k not in (x, y)}, x: False, y: False}
            edges.append((f"not {x} and {y} or {rest}", values))
        if difficulty >= 4:  # "y and (...) or not (True and x and not False)": an and-term that only its
            while True:      # second operand makes False, then both literals deciding the answer: False
                rest, values = _draw(rng, difficulty, rng.randint(1, max(1, most - 3)))  # only if each "and"
                if not self.reference(rest, values):                                     # and literal is read right
                    break
            x, y = rng.sample([k for k in _NAMES if k not in values], 2)
            edges.append((f"{y} and ({rest}) or not (True and {x} and not False)", {**values, x: True, y: True}))
        elif difficulty == 3:  # the same without parentheses: "y and p and not q or not True or x and False",
            y, x, *term = rng.sample(_NAMES, rng.randint(3, 5))  # the term's last operand False, the rest True
            values, operands = {y: True, x: True}, []
            for i, name in enumerate(term):
                negated = rng.random() < 0.5
                operands.append(f"not {name}" if negated else name)
                values[name] = negated if i == len(term) - 1 else not negated
            edges.append((f"{y} and {' and '.join(operands)} or not True or {x} and False", values))
        return edges

    def check_args(self, expression: str, values: dict[str, bool]) -> None:
        assert isinstance(expression, str) and isinstance(values, dict), "expected (str, dict)"
        assert all(type(v) is bool for v in values.values()), f"values must be booleans: {values!r}"
        _check_node(ast.parse(expression, mode="eval").body, expression, values)

    def reference(self, expression: str, values: dict[str, bool]) -> bool:
        # check_args has made sure the expression holds only names, True, False, and, or, not and brackets
        return bool(eval(expression, {"__builtins__": {}}, dict(values)))
