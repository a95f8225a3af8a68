"""Single-point AST mutants of a solution: the wrong programs that a family's hidden tests should catch.

    for m in mutants(family.reference_source):
        m.operator, m.line, m.before, m.after, m.source

Each mutant changes one node of the solution's syntax tree: a comparison (`<` to `<=`), an operator
(`+` to `-`), a constant (n to n +- 1, True to False), a call's arguments (swapped), a branch
(condition forced True or False, `else` dropped), a slice bound, a statement, a returned name.
Mutants come in source order, always the same for the same source; each compiles, and no two of
them (nor any and the original) are the same program.

What is not covered: mutants of two or more points; mistakes no operator here makes (calling
another function, a missing assignment, a wrong algorithm). Annotations and docstrings are not
mutated. Some mutants behave exactly like the original (`x - 0`...): telling those apart takes
running them on many inputs (axiom/problems/mutation_score.py). A mutant is the `ast.unparse` of
the changed tree, so it keeps no comments and may be formatted differently from the original.
"""

from __future__ import annotations

import ast
import copy
import difflib
from collections.abc import Iterator
from dataclasses import dataclass

# each operator to the ones it may become: boundary shifts, then negations
_COMPARE = {ast.Lt: (ast.LtE, ast.GtE), ast.LtE: (ast.Lt, ast.Gt), ast.Gt: (ast.GtE, ast.LtE),
            ast.GtE: (ast.Gt, ast.Lt), ast.Eq: (ast.NotEq,), ast.NotEq: (ast.Eq,), ast.In: (ast.NotIn,),
            ast.NotIn: (ast.In,), ast.Is: (ast.IsNot,), ast.IsNot: (ast.Is,)}
_ARITH = {ast.Add: (ast.Sub,), ast.Sub: (ast.Add,), ast.Mult: (ast.Add, ast.FloorDiv),
          ast.FloorDiv: (ast.Mult, ast.Mod), ast.Div: (ast.FloorDiv, ast.Mult), ast.Mod: (ast.FloorDiv,),
          ast.Pow: (ast.Mult,), ast.BitAnd: (ast.BitOr,), ast.BitOr: (ast.BitAnd,), ast.BitXor: (ast.BitOr,),
          ast.LShift: (ast.RShift,), ast.RShift: (ast.LShift,)}
# a op b -> b op a where the order matters (+ too: strings and lists)
_ORDERED = (ast.Add, ast.Sub, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.LShift, ast.RShift)
_NAMES = {"min": "max", "max": "min", "any": "all", "all": "any"}
_METHODS = {"lower": "upper", "upper": "lower", "startswith": "endswith", "endswith": "startswith",
            "isalnum": "isalpha", "isalpha": "isalnum", "isdigit": "isalpha", "lstrip": "rstrip", "rstrip": "lstrip",
            "find": "rfind", "rfind": "find", "keys": "values", "values": "keys", "appendleft": "append",
            "popleft": "pop", "extend": "append"}
_SKIPPED_FIELDS = frozenset({"annotation", "returns", "type_comment"})


@dataclass(frozen=True)
class Mutant:
    operator: str
    """What changed: compare, arithmetic, swap_operands, constant, unary, boolean, branch, else, call_args,
    swap_items, name, slice, statement, break_continue or return."""
    line: int
    """Line of the changed node in the original source."""
    before: str
    """The changed line(s) of the original, as ast.unparse writes them."""
    after: str
    """The same line(s) in the mutant ("" where they were removed)."""
    source: str


def mutants(source: str, limit: int | None = None) -> list[Mutant]:
    """Every distinct single-point mutant of `source`, in source order; at most `limit`, spread evenly."""
    tree = ast.parse(source)
    original = ast.unparse(tree)
    seen = {original}
    found: list[Mutant] = []
    for node, parent, field, index, scope in _walk(tree, None, "", None, ()):
        for operator, new in _replacements(node, parent, scope):
            _put(parent, field, index, new)
            try:
                text = ast.unparse(tree)
            finally:
                _put(parent, field, index, node)
            if text in seen or not _compiles(text):
                continue
            seen.add(text)
            before, after = _changed_lines(original, text)
            found.append(Mutant(operator, node.lineno, before, after, text + "\n"))
    if limit is not None and len(found) > limit:
        found = [found[i * len(found) // limit] for i in range(limit)]
    return found


def _walk(node: ast.AST, parent: ast.AST | None, field: str, index: int | None,
          scope: tuple[str, ...]) -> Iterator[tuple[ast.AST, ast.AST | None, str, int | None, tuple[str, ...]]]:
    """Pre-order (node, parent, field in parent, index in that field's list, local names of the function)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        scope = _local_names(node)
    if parent is not None and hasattr(node, "lineno"):
        yield node, parent, field, index, scope
    for name, value in ast.iter_fields(node):
        if name in _SKIPPED_FIELDS:
            continue
        if isinstance(value, ast.AST):
            yield from _walk(value, node, name, None, scope)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, ast.AST):
                    yield from _walk(item, node, name, i, scope)


def _local_names(fn: ast.AST) -> tuple[str, ...]:
    """Arguments, then assigned names, in order of first appearance."""
    names = [a.arg for a in ast.walk(fn.args) if isinstance(a, ast.arg)]
    names += [n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)]
    return tuple(dict.fromkeys(names))


def _put(parent: ast.AST, field: str, index: int | None, new: ast.AST) -> None:
    if index is None:
        setattr(parent, field, new)
    else:
        getattr(parent, field)[index] = new


def _changed(node: ast.AST, **fields: object) -> ast.AST:
    """A copy of `node` with some fields replaced (the replaced values are not copied)."""
    new = copy.copy(node)
    for name, value in fields.items():
        setattr(new, name, value)
    return new


def _replacements(node: ast.AST, parent: ast.AST, scope: tuple[str, ...]) -> Iterator[tuple[str, ast.AST]]:
    """(operator, node to put in this one's place) for every mutation of this node."""
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            for alt in _COMPARE.get(type(op), ()):
                yield "compare", _changed(node, ops=node.ops[:i] + [alt()] + node.ops[i + 1:])
    elif isinstance(node, (ast.BinOp, ast.AugAssign)):
        for alt in _ARITH.get(type(node.op), ()):
            yield "arithmetic", _changed(node, op=alt())
        if isinstance(node, ast.BinOp) and isinstance(node.op, _ORDERED) and not _adds_number(node):
            yield "swap_operands", _changed(node, left=node.right, right=node.left)
        if isinstance(node, ast.AugAssign):
            yield "statement", ast.Pass(lineno=node.lineno)
    elif isinstance(node, ast.Constant):
        yield from _constants(node, parent)
    elif isinstance(node, ast.UnaryOp):
        yield "unary", node.operand
    elif isinstance(node, ast.BoolOp):
        yield "boolean", _changed(node, op=ast.Or() if isinstance(node.op, ast.And) else ast.And())
        for i in range(len(node.values)):  # a condition left out
            rest = node.values[:i] + node.values[i + 1:]
            yield "boolean", rest[0] if len(rest) == 1 else _changed(node, values=rest)
    elif isinstance(node, (ast.If, ast.IfExp, ast.While)):
        yield from _branches(node)
    elif isinstance(node, ast.Call):
        yield from _calls(node)
    elif isinstance(node, (ast.Tuple, ast.List)) and isinstance(node.ctx, ast.Load):
        for i in range(len(node.elts) - 1):
            yield "swap_items", _changed(node, elts=_swapped(node.elts, i))
    elif isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
        for g, gen in enumerate(node.generators):
            for i in range(len(gen.ifs)):  # a filter left out
                kept = _changed(gen, ifs=gen.ifs[:i] + gen.ifs[i + 1:])
                yield "branch", _changed(node, generators=node.generators[:g] + [kept] + node.generators[g + 1:])
    elif isinstance(node, ast.Slice):
        for bound in ("lower", "upper"):
            if getattr(node, bound) is not None:
                yield "slice", _changed(node, **{bound: None})
    elif isinstance(node, ast.Expr) and not isinstance(node.value, ast.Constant):
        yield "statement", ast.Pass(lineno=node.lineno)
    elif isinstance(node, (ast.Break, ast.Continue)):
        yield "break_continue", (ast.Continue if isinstance(node, ast.Break) else ast.Break)(lineno=node.lineno)
    elif isinstance(node, ast.Return) and isinstance(node.value, ast.Name):
        for name in scope:
            if name != node.value.id:
                yield "return", _changed(node, value=ast.Name(name, ast.Load()))


def _swapped(items: list, i: int) -> list:
    return items[:i] + [items[i + 1], items[i]] + items[i + 2:]


def _adds_number(node: ast.BinOp) -> bool:
    """x + 1 and 1 + x are the same for every x a number can be added to."""
    return isinstance(node.op, ast.Add) and any(
        isinstance(side, ast.Constant) and type(side.value) in (int, float) for side in (node.left, node.right))


def _constants(node: ast.Constant, parent: ast.AST) -> Iterator[tuple[str, ast.AST]]:
    value = node.value
    if isinstance(value, bool):
        yield "constant", ast.Constant(not value)
    elif isinstance(value, int):
        yield "constant", ast.Constant(value + 1)
        yield "constant", ast.Constant(value - 1)
    elif isinstance(value, float):
        yield "constant", ast.Constant(value + 1.0)
    elif value is None:
        yield "constant", ast.Constant(0)
    elif isinstance(value, str) and not isinstance(parent, ast.Expr):  # a docstring changes nothing
        yield "constant", ast.Constant("" if value else "x")


def _branches(node: ast.If | ast.IfExp | ast.While) -> Iterator[tuple[str, ast.AST]]:
    if isinstance(node, ast.IfExp):  # x if c else y -> x, or y
        yield "branch", node.body
        yield "branch", node.orelse
        return
    if not isinstance(node, ast.While):  # while True would mostly loop for ever
        yield "branch", _changed(node, test=ast.Constant(True))
    yield "branch", _changed(node, test=ast.Constant(False))
    if node.orelse:
        yield "else", _changed(node, orelse=[])


def _calls(node: ast.Call) -> Iterator[tuple[str, ast.AST]]:
    args = node.args
    if not any(isinstance(a, ast.Starred) for a in args):
        for i in range(len(args) - 1):
            yield "call_args", _changed(node, args=_swapped(args, i))
    func = node.func
    if isinstance(func, ast.Name) and func.id in _NAMES:
        yield "name", _changed(node, func=ast.Name(_NAMES[func.id], ast.Load()))
    elif isinstance(func, ast.Attribute) and func.attr in _METHODS:
        yield "name", _changed(node, func=_changed(func, attr=_METHODS[func.attr]))


def _compiles(text: str) -> bool:
    try:
        compile(text, "<mutant>", "exec")
        return True
    except (SyntaxError, ValueError):  # e.g. `break` turned `continue` outside a loop is fine, a bad nonlocal is not
        return False


def _changed_lines(original: str, mutant: str) -> tuple[str, str]:
    a, b = original.splitlines(), mutant.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            return " / ".join(s.strip() for s in a[i1:i2])[:300], " / ".join(s.strip() for s in b[j1:j2])[:300]
    return "", ""
