"""Run a program for a small stack machine (PUSH, arithmetic, DUP, SWAP, OVER, PRINT) and return what it prints."""

from __future__ import annotations

import random
import re

from axiom.problems.family import Family, register_family

_PUSH = re.compile(r"PUSH -?(0|[1-9][0-9]*)")
_BINARY = ("ADD", "SUB", "MUL", "DIV", "MOD")
_NEEDS = {"POP": 1, "DUP": 1, "PRINT": 1, "SWAP": 2, "OVER": 2, **{op: 2 for op in _BINARY}}
_LIMIT = 10**18  # no value a program computes grows past this
_ORDER = ("ADD", "SUB", "POP", "MUL", "DUP", "SWAP", "OVER", "DIV", "MOD")  # the order levels add them in
# level: (fewest instructions, most instructions, smallest pushed value, largest, how many of _ORDER appear);
# PUSH and PRINT appear at every level
_SPEC = {
    1: (3, 7, 0, 99, 1),
    2: (4, 10, 0, 99, 3),
    3: (5, 12, 0, 99, 5),
    4: (6, 16, -99, 99, 6),
    5: (8, 20, -999, 999, 7),
    6: (10, 24, -999, 999, 9),
    7: (12, 28, -999, 999, 9),
    8: (14, 34, -10**4, 10**4, 9),
    9: (16, 40, -10**6, 10**6, 9),
    10: (20, 50, -10**9, 10**9, 9),
}


def _apply(op: str, b: int, a: int) -> int:
    if op == "ADD":
        return b + a
    if op == "SUB":
        return b - a
    if op == "MUL":
        return b * a
    return b // a if op == "DIV" else b % a


def _allowed(op: str, stack: list[int], difficulty: int) -> bool:
    """Whether `op` may come next: enough values, no division by zero, no value past _LIMIT."""
    if len(stack) < _NEEDS.get(op, 0):
        return False
    if op in _BINARY:
        b, a = stack[-2], stack[-1]
        if op in ("DIV", "MOD") and (a == 0 or (difficulty == 6 and (a < 0 or b < 0))):
            return False  # level 6 divides positive values only
        return abs(_apply(op, b, a)) <= _LIMIT
    return True


def _program(rng: random.Random, difficulty: int, n: int) -> list[str]:
    """A valid program of n instructions, most of them ending in a PRINT."""
    _, _, lo, hi, kinds = _SPEC[difficulty]
    # PUSH four times as likely as another instruction, PRINT twice; division twice from level 7 on,
    # where it meets negative values
    menu = ["PUSH"] * 4 + ["PRINT"] * 2 + list(_ORDER[:kinds]) + (["DIV", "MOD"] if difficulty >= 7 else [])
    stack: list[int] = []
    program = []
    for i in range(n):
        last = i == n - 1
        if last and stack and rng.random() < 0.9:
            op = "PRINT"
        elif len(stack) < 2 and rng.random() < 0.7:
            op = "PUSH"
        else:
            op = rng.choice(menu)
            if not _allowed(op, stack, difficulty):
                op = "PUSH"
        if op == "PUSH":
            value = rng.randint(lo, hi)
            stack.append(value)
            program.append(f"PUSH {value}")
            continue
        _run(op, stack)
        program.append(op)
    return program


def _run(op: str, stack: list[int]) -> None:
    """One instruction other than PUSH and PRINT, applied to `stack`."""
    if op == "POP":
        stack.pop()
    elif op == "DUP":
        stack.append(stack[-1])
    elif op == "SWAP":
        stack[-1], stack[-2] = stack[-2], stack[-1]
    elif op == "OVER":
        stack.append(stack[-2])
    elif op in _BINARY:
        a = stack.pop()
        stack[-1] = _apply(op, stack[-1], a)


# Coverage programs: binary operators push two values, DUP and SWAP one, then DUP adds and SWAP subtracts (a - top,
# which shows both values it moved); each prints the result (4 instructions). POP and OVER push a value unlike the
# top and print the old top, which only they bring back (3).
_SIZE = {op: 3 if op in ("POP", "OVER") else 4 for op in _ORDER}
_MOVERS = ("POP", "SWAP", "OVER")  # they make no value: they come after one that does


def _coverage(rng: random.Random, difficulty: int) -> list[list[str]]:
    """Programs that run every instruction of the level between them and print what each one did: as few as fit
    the level's lengths (two at levels 2-8, one elsewhere)."""
    most, kinds = _SPEC[difficulty][1], _SPEC[difficulty][4]
    ops = rng.sample(_ORDER[:kinds], kinds)
    # the longest first, each into the shortest program (the fewest programs); movers last in each
    ops.sort(key=lambda op: (_SIZE[op], op not in _MOVERS), reverse=True)
    for k in range(1, kinds + 1):
        groups: list[list[str]] = [[] for _ in range(k)]
        for op in ops:
            min(groups, key=lambda g: sum(map(_SIZE.get, g))).append(op)
        if all(1 + sum(map(_SIZE.get, g)) <= most for g in groups):  # 1: a value at the bottom to start from
            return [_tour(rng, difficulty, g) for g in groups]
    raise AssertionError(f"level {difficulty}: no coverage programs fit {most} instructions")


def _tour(rng: random.Random, difficulty: int, ops: list[str]) -> list[str]:
    """One program running `ops` (movers after a value-making one, so that they never act on the bottom value
    alone, where stack[0] is stack[-1]) with values drawn to make each instruction's effect show."""
    fewest, _, lo, hi, _ = _SPEC[difficulty]
    stack = [rng.randint(lo, hi) for _ in range(max(1, fewest - sum(map(_SIZE.get, ops))))]
    program = [f"PUSH {v}" for v in stack]
    for op in ops:
        if op in _BINARY:
            b, a = 0, 0
            # values that tell the operators apart, a quotient that is not 0 (level 6 divides positive values only)
            while not _telling(b, a) or op in ("DIV", "MOD") and (
                    abs(b) <= abs(a) or difficulty == 6 and min(a, b) < 1):
                b, a = rng.randint(lo, hi), rng.randint(lo, hi)
            lines = [f"PUSH {b}", f"PUSH {a}", op, "PRINT"]
        else:
            a = _operand(rng, lo, hi, stack[-1])
            lines = [f"PUSH {a}", op] + ({"DUP": ["ADD"], "SWAP": ["SUB"]}.get(op, [])) + ["PRINT"]
        for ins in lines:
            if ins.startswith("PUSH"):
                stack.append(int(ins[5:]))
            elif ins != "PRINT":
                _run(ins, stack)
        program += lines
    return program


def _telling(b: int, a: int) -> bool:
    """Whether b, a and what every binary operator makes of them all differ: then a program that skips an
    instruction, or runs another in its place (the reference's last `else` is MOD), prints something else."""
    return a != 0 and len({b, a, b + a, b - a, b * a, b // a, b % a}) == 7


def _operand(rng: random.Random, lo: int, hi: int, top: int) -> int:
    """A value to push on `top`: a telling one if a hundred draws find it (none exists for a top of 0 or 1)."""
    draws = [rng.randint(lo, hi) for _ in range(100)]
    telling = [a for a in draws if _telling(top, a)]
    return telling[0] if telling else next(a for a in draws if a not in (0, top))


@register_family("stack_machine")
class StackMachine(Family):
    version = 2  # 2: every problem runs each instruction of its level and prints its effect, in one or two programs
    entry_point = "stack_machine"
    signature = "def stack_machine(program: list[str]) -> list[int]"
    description = (
        "Run a program on a stack machine and return the values it prints. The stack starts empty.\n"
        "`program` is a list of instructions, run in order:\n"
        "  \"PUSH x\"  push the integer x (it may be negative, as in \"PUSH -7\")\n"
        "  \"POP\"     remove the top value\n"
        "  \"DUP\"     push a copy of the top value\n"
        "  \"SWAP\"    exchange the top two values\n"
        "  \"OVER\"    push a copy of the value just below the top\n"
        "  \"ADD\", \"SUB\", \"MUL\", \"DIV\", \"MOD\"  pop the top value a, then pop the next value b, and push\n"
        "      b + a, b - a, b * a, b // a or b % a respectively; DIV and MOD round toward negative infinity,\n"
        "      exactly like Python's // and % (so -7 // 2 is -4 and -7 % 2 is 1)\n"
        "  \"PRINT\"   print the top value; it stays on the stack\n"
        "Programs are always valid: every instruction finds the values it needs, and DIV and MOD never\n"
        "divide by zero. Return the printed values in the order they were printed (an empty list if\n"
        "nothing was printed)."
    )
    levels = {
        1: "3-7 instructions: PUSH (0-99), ADD, PRINT",
        2: "4-10 instructions; SUB and POP; the empty program",
        3: "5-12 instructions; MUL and DUP",
        4: "6-16 instructions; SWAP, negative values",
        5: "8-20 instructions; OVER, values up to +-999",
        6: "10-24 instructions; DIV and MOD on positive values",
        7: "12-28 instructions; DIV and MOD with negative values (floor rounding)",
        8: "14-34 instructions, values up to +-10^4",
        9: "16-40 instructions, values up to +-10^6",
        10: "20-50 instructions, values up to +-10^9, products up to 10^18",
    }
    reference_source = '''def stack_machine(program: list[str]) -> list[int]:
    stack = []
    printed = []
    for instruction in program:
        parts = instruction.split()
        op = parts[0]
        if op == "PUSH":
            stack.append(int(parts[1]))
        elif op == "POP":
            stack.pop()
        elif op == "DUP":
            stack.append(stack[-1])
        elif op == "SWAP":
            stack[-1], stack[-2] = stack[-2], stack[-1]
        elif op == "OVER":
            stack.append(stack[-2])
        elif op == "PRINT":
            printed.append(stack[-1])
        else:
            a = stack.pop()
            b = stack.pop()
            if op == "ADD":
                stack.append(b + a)
            elif op == "SUB":
                stack.append(b - a)
            elif op == "MUL":
                stack.append(b * a)
            elif op == "DIV":
                stack.append(b // a)
            else:
                stack.append(b % a)
    return printed
'''
    category = "simulation"
    wrong_sources = (
        '''def stack_machine(program):  # PRINT pops the value it prints
    stack, out = [], []
    for ins in program:
        op, *arg = ins.split()
        if op == "PUSH":
            stack.append(int(arg[0]))
        elif op == "POP":
            stack.pop()
        elif op == "DUP":
            stack.append(stack[-1])
        elif op == "SWAP":
            stack[-1], stack[-2] = stack[-2], stack[-1]
        elif op == "OVER":
            stack.append(stack[-2])
        elif op == "PRINT":
            out.append(stack.pop())
        else:
            a, b = stack.pop(), stack.pop()
            if op == "ADD":
                stack.append(b + a)
            elif op == "SUB":
                stack.append(b - a)
            elif op == "MUL":
                stack.append(b * a)
            elif op == "DIV":
                stack.append(b // a)
            else:
                stack.append(b % a)
    return out
''',
        '''def stack_machine(program):  # operands the wrong way round: top - below for SUB, DIV, MOD
    stack, out = [], []
    for ins in program:
        op, *arg = ins.split()
        if op == "PUSH":
            stack.append(int(arg[0]))
        elif op == "POP":
            stack.pop()
        elif op == "DUP":
            stack.append(stack[-1])
        elif op == "SWAP":
            stack[-1], stack[-2] = stack[-2], stack[-1]
        elif op == "OVER":
            stack.append(stack[-2])
        elif op == "PRINT":
            out.append(stack[-1])
        else:
            a, b = stack.pop(), stack.pop()
            if op == "ADD":
                stack.append(a + b)
            elif op == "SUB":
                stack.append(a - b)
            elif op == "MUL":
                stack.append(a * b)
            elif op == "DIV":
                stack.append(a // b if b else 0)
            else:
                stack.append(a % b if b else 0)
    return out
''',
        '''def stack_machine(program):  # DIV and MOD truncate toward zero, as in C
    stack, out = [], []
    for ins in program:
        op, *arg = ins.split()
        if op == "PUSH":
            stack.append(int(arg[0]))
        elif op == "POP":
            stack.pop()
        elif op == "DUP":
            stack.append(stack[-1])
        elif op == "SWAP":
            stack[-1], stack[-2] = stack[-2], stack[-1]
        elif op == "OVER":
            stack.append(stack[-2])
        elif op == "PRINT":
            out.append(stack[-1])
        else:
            a, b = stack.pop(), stack.pop()
            if op == "ADD":
                stack.append(b + a)
            elif op == "SUB":
                stack.append(b - a)
            elif op == "MUL":
                stack.append(b * a)
            else:
                q = abs(b) // abs(a) * (1 if (a < 0) == (b < 0) else -1)
                stack.append(q if op == "DIV" else b - q * a)
    return out
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most, _, _, _ = _SPEC[difficulty]
        return (_program(rng, difficulty, rng.randint(fewest, most)),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, lo, hi, _ = _SPEC[difficulty]
        # every instruction of the level with its effect printed, in one or two programs; then one other kind
        edges = [(program,) for program in _coverage(rng, difficulty)]
        pool = ["no print", "print twice"] + (["empty"] if difficulty >= 2 else [])
        if difficulty >= 7:
            pool.append("negative division")
        for kind in rng.sample(pool, 1):
            if kind == "empty":
                edges.append(([],))
            elif kind == "no print":  # the program computes, but prints nothing
                program = [op for op in _program(rng, difficulty, rng.randint(fewest, most)) if op != "PRINT"]
                edges.append((program or [f"PUSH {rng.randint(lo, hi)}"],))
            elif kind == "print twice":  # PRINT leaves the value on the stack, so it prints again
                program = _program(rng, difficulty, rng.randint(fewest, most))
                if "PRINT" not in program:
                    program.append("PRINT")
                at = program.index("PRINT")
                edges.append((program[:at] + ["PRINT"] + program[at:],))
            else:  # a quotient and a remainder of operands with opposite signs
                program = []
                for _ in range(2):
                    b = rng.randint(1, hi) * rng.choice((-1, 1))
                    a = -rng.randint(1, max(2, abs(b) // 3)) if b > 0 else rng.randint(1, max(2, -b // 3))
                    program += [f"PUSH {b}", f"PUSH {a}", rng.choice(("DIV", "MOD")), "PRINT"]
                edges.append((program,))
        return edges

    def check_args(self, program: list[str]) -> None:
        assert isinstance(program, list), "program must be a list of strings"
        stack: list[int] = []  # recomputed independently of the reference solution
        for ins in program:
            assert isinstance(ins, str), f"instruction {ins!r} is not a string"
            if ins.startswith("PUSH"):
                assert _PUSH.fullmatch(ins), f"bad instruction {ins!r}"
                stack.append(int(ins[5:]))
                continue
            assert ins in _NEEDS, f"unknown instruction {ins!r}"
            assert len(stack) >= _NEEDS[ins], f"{ins} on a stack of {len(stack)} values in {program!r}"
            assert ins not in ("DIV", "MOD") or stack[-1] != 0, f"division by zero in {program!r}"
            if ins != "PRINT":
                _run(ins, stack)
            assert all(abs(v) <= _LIMIT for v in stack[-1:]), f"value past 10^18 in {program!r}"
