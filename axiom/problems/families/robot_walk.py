"""Follow a robot's commands on a grid (turns, forward and backward moves, repeated groups) and report
where it ends.

From level 6 on, commands may be grouped and repeated, k[...], and from level 8 groups nest. At levels
9-10 groups repeat up to 10^6 and 10^9 times: doing every repetition (or expanding the string) times
out, and only working out a group's effect once (where it ends, which way it then faces) passes.
"""

from __future__ import annotations

import random
import re

from axiom.problems.family import Family, register_family

# a command, perhaps opening groups before it and closing groups after it: "3[F2", "R]]", "L"
_TOKEN = re.compile(r"((?:[1-9][0-9]*\[)*)([LR]|[FB](?:0|[1-9][0-9]*))(\]*)")
# level: (fewest commands, most commands, largest step count, backward moves, most groups, deepest
#         nesting, most repeats of a group)
_SPEC = {
    1: (3, 6, 9, False, 0, 0, 0),  # L, R and F with 1-9 steps
    2: (3, 8, 9, False, 0, 0, 0),  # the empty string
    3: (4, 10, 9, True, 0, 0, 0),  # B: backward, without turning
    4: (5, 12, 99, True, 0, 0, 0),  # counts of several digits, F0
    5: (6, 14, 10**4, True, 0, 0, 0),  # walks that come back to the start
    6: (4, 10, 999, True, 1, 1, 9),  # a group repeated 2-9 times
    7: (5, 12, 10**4, True, 2, 1, 99),
    8: (5, 12, 10**5, True, 2, 2, 99),  # groups inside groups
    9: (6, 14, 10**6, True, 3, 2, 10**6),  # repeats up to 10^6: doing each one is too slow
    10: (6, 16, 10**9, True, 3, 3, 10**9),
}


def _turns(rng: random.Random, k: int) -> list[str]:
    return rng.choices("LR", k=k)


def _move(rng: random.Random, difficulty: int, backward: bool) -> str:
    most = _SPEC[difficulty][2]
    # at higher levels small counts stay common: "F0" and "F1" next to "F48213"
    low = 1 if difficulty < 4 else 0
    steps = rng.randint(low, most) if rng.random() < 0.7 else rng.randint(low, 9)
    return ("B" if backward else "F") + str(steps)


def _walk(rng: random.Random, difficulty: int, n: int) -> list[str]:
    """n commands, without groups."""
    backward = _SPEC[difficulty][3]
    commands = []
    for _ in range(n):
        if rng.random() < 0.4:
            commands.append(rng.choice("LR"))
        else:
            commands.append(_move(rng, difficulty, backward and rng.random() < 0.35))
    return commands


def _group(rng: random.Random, difficulty: int, depth: int) -> str:
    """k[...]: 1-4 commands, one of them perhaps a group nested `depth - 1` deeper, repeated k times."""
    repeats = _SPEC[difficulty][6]
    inner = _walk(rng, difficulty, rng.randint(1, 4))
    if depth > 1 and rng.random() < 0.7:
        inner.insert(rng.randint(0, len(inner)), _group(rng, difficulty, depth - 1))
    k = rng.randint(2, repeats) if rng.random() < 0.7 else rng.randint(2, 9)
    return f"{k}[{' '.join(inner)}]"


def _program(rng: random.Random, difficulty: int, n: int) -> str:
    """n commands, up to the level's number of groups among them."""
    _, _, _, _, groups, depth, _ = _SPEC[difficulty]
    commands = _walk(rng, difficulty, n)
    for _ in range(rng.randint(1, groups) if groups else 0):
        commands.insert(rng.randint(0, len(commands)), _group(rng, difficulty, rng.randint(1, depth)))
    return " ".join(commands)


@register_family("robot_walk")
class RobotWalk(Family):
    version = 2  # 2: the description shows how a move's count is read and works an example; levels 6-10
    # repeat groups of commands (k[...]), nested from level 8, up to 10^9 times at level 10
    entry_point = "robot_walk"
    signature = "def robot_walk(commands: str) -> list[int]"
    description = (
        "A robot starts at (0, 0) on an endless grid, facing north. North is +y, east is +x, south is -y\n"
        "and west is -x. `commands` holds commands separated by single spaces; each command is one of:\n"
        "  L       turn left 90 degrees (north -> west -> south -> east -> north), without moving\n"
        "  R       turn right 90 degrees (north -> east -> south -> west -> north), without moving\n"
        "  F<n>    move n cells forward, in the direction the robot faces: F3 moves 3 cells, F120 moves 120\n"
        "  B<n>    move n cells backward, opposite to the direction it faces; the robot does not turn\n"
        "  k[...]  a group: the commands inside the brackets, done k times in a row: 3[F2 R] does\n"
        "          F2 R F2 R F2 R. Groups may be nested: 2[F1 3[L]] does F1 L L L F1 L L L.\n"
        "A move is its letter followed by its count n, a whole number (n >= 0) that may have several\n"
        "digits: for a command c, n is int(c[1:]). Return the robot's final position as a list [x, y].\n"
        "An empty string moves nothing: the answer is [0, 0].\n"
        "For example, robot_walk(\"F2 R F3 L B1\") returns [3, 1]: F2 goes to (0, 2), R turns east, F3\n"
        "goes to (3, 2), L turns north, and B1 goes back to (3, 1).\n"
        "Counts and repeats go up to 10^9: the hardest tests need a group's effect worked out once,\n"
        "not done k times."
    )
    levels = {
        1: "3-6 commands: L, R and F with 1-9 steps; runs of turns",
        2: "3-8 commands; the empty string",
        3: "4-10 commands; B (backward, without turning) appears",
        4: "5-12 commands; step counts 0-99 (several digits, F0)",
        5: "6-14 commands, counts up to 10^4; walks that come back to the start",
        6: "4-10 commands and a group k[...] repeated 2-9 times; counts up to 999; a group that walks a "
           "square, and one that does not turn the robot (done 5-9 times)",
        7: "5-12 commands, 1-2 groups repeated up to 99 times, counts up to 10^4",
        8: "5-12 commands; groups inside groups; counts up to 10^5",
        9: "6-14 commands; groups repeated up to 10^6 times: doing every repetition times out",
        10: "6-16 commands; groups three deep, repeated up to 10^9 times; counts up to 10^9",
    }
    reference_source = '''import re


def robot_walk(commands: str) -> list[int]:
    # A run of commands done from (0, 0) facing north ends somewhere, facing some way: its effect.
    # A group's effect, worked out once, is then applied k times without doing its commands again.
    # Facing is a unit vector (dx, dy): north is (0, 1); a right turn maps (dx, dy) to (dy, -dx).
    stack = [[0, 0, 0, 1, 1]]  # one entry per open group: x, y, dx, dy, repeats
    for token in re.findall(r"[0-9]+\\[|\\]|[LR]|[FB][0-9]+", commands):
        top = stack[-1]
        if token == "L":
            top[2], top[3] = -top[3], top[2]
        elif token == "R":
            top[2], top[3] = top[3], -top[2]
        elif token[0] in "FB":
            steps = int(token[1:]) if token[0] == "F" else -int(token[1:])
            top[0] += top[2] * steps
            top[1] += top[3] * steps
        elif token == "]":
            x, y, dx, dy, repeats = stack.pop()
            if (dx, dy) == (0, 1):  # the group does not turn the robot: k times as far, same way
                x, y, times = x * repeats, y * repeats, 1
            else:  # it turns: after 4 repeats (or 2, for a U-turn) the robot is back where it began
                times = repeats % 4
            top = stack[-1]
            for _ in range(times):  # the group's effect, in the frame of the robot's facing
                top[0] += x * top[3] + y * top[2]
                top[1] += -x * top[2] + y * top[3]
                top[2], top[3] = dx * top[3] + dy * top[2], -dx * top[2] + dy * top[3]
        else:  # "k[": a group opens; its effect starts from (0, 0) facing north
            stack.append([0, 0, 0, 1, int(token[:-1])])
    return stack[0][:2]
'''
    category = "simulation"
    wrong_sources = (
        '''def robot_walk(commands):  # L and R swapped: turns clockwise on L
    dirs = [(0, 1), (1, 0), (0, -1), (-1, 0)]
    d, x, y = 0, 0, 0
    for c in commands.split():
        if c == "L":
            d = (d + 1) % 4
        elif c == "R":
            d = (d - 1) % 4
        else:
            n = int(c[1:]) * (1 if c[0] == "F" else -1)
            x, y = x + dirs[d][0] * n, y + dirs[d][1] * n
    return [x, y]
''',
        '''def robot_walk(commands):  # B turns the robot around for good instead of stepping back
    dirs = [(0, 1), (1, 0), (0, -1), (-1, 0)]
    d, x, y = 0, 0, 0
    for c in commands.split():
        if c == "L":
            d = (d - 1) % 4
        elif c == "R":
            d = (d + 1) % 4
        else:
            if c[0] == "B":
                d = (d + 2) % 4
            x, y = x + dirs[d][0] * int(c[1:]), y + dirs[d][1] * int(c[1:])
    return [x, y]
''',
        '''def robot_walk(commands):  # reads only the first digit of a step count
    dirs = [(0, 1), (1, 0), (0, -1), (-1, 0)]
    d, x, y = 0, 0, 0
    for c in commands.split():
        if c == "L":
            d = (d - 1) % 4
        elif c == "R":
            d = (d + 1) % 4
        else:
            n = int(c[1]) * (1 if c[0] == "F" else -1)
            x, y = x + dirs[d][0] * n, y + dirs[d][1] * n
    return [x, y]
''',
        '''import re


def robot_walk(commands):  # does each group once, whatever its count
    dirs = [(0, 1), (1, 0), (0, -1), (-1, 0)]
    d, x, y = 0, 0, 0
    for c in re.findall(r"[LR]|[FB][0-9]+", commands):
        if c == "L":
            d = (d - 1) % 4
        elif c == "R":
            d = (d + 1) % 4
        else:
            n = int(c[1:]) * (1 if c[0] == "F" else -1)
            x, y = x + dirs[d][0] * n, y + dirs[d][1] * n
    return [x, y]
''',
        '''import re


def robot_walk(commands):  # a group done k times goes k times as far, even when it turns the robot
    stack = [[0, 0, 0, 1, 1]]
    for token in re.findall(r"[0-9]+\\[|\\]|[LR]|[FB][0-9]+", commands):
        top = stack[-1]
        if token == "L":
            top[2], top[3] = -top[3], top[2]
        elif token == "R":
            top[2], top[3] = top[3], -top[2]
        elif token[0] in "FB":
            steps = int(token[1:]) if token[0] == "F" else -int(token[1:])
            top[0] += top[2] * steps
            top[1] += top[3] * steps
        elif token == "]":
            x, y, dx, dy, repeats = stack.pop()
            top = stack[-1]
            x, y = x * repeats, y * repeats
            top[0] += x * top[3] + y * top[2]
            top[1] += -x * top[2] + y * top[3]
            for _ in range(repeats % 4):
                top[2], top[3] = dx * top[3] + dy * top[2], -dx * top[2] + dy * top[3]
        else:
            stack.append([0, 0, 0, 1, int(token[:-1])])
    return stack[0][:2]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most = _SPEC[difficulty][:2]
        return (_program(rng, difficulty, rng.randint(fewest, most)),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, _, backward, groups, depth, repeats = _SPEC[difficulty]
        pool = ["turns then move"] + (["empty"] if difficulty >= 2 else [])
        if backward:
            pool.append("backward")
        if difficulty >= 5:
            pool.append("round trip")
        if groups:  # from level 6 on: a group that turns the robot, and one that does not (from 9 on, both huge)
            pool = ["huge repeat" if repeats > 10**4 else "nested" if depth > 1 else "square"]
            pool.append("straight" if repeats <= 10**4 else rng.choice(["straight", "square", "round trip"]))
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):  # two a problem, so most tests stay random
            if kind == "empty":
                edges.append(("",))
            elif kind == "turns then move":  # runs of turns, each followed by one move: the facing must add up
                commands = []
                for _ in range(2):
                    commands += _turns(rng, rng.randint(2, 7)) + [_move(rng, difficulty, False)]
                edges.append((" ".join(commands),))
            elif kind == "backward":  # backward moves only, between turns
                commands = []
                for _ in range(rng.randint(3, 5)):
                    commands += _turns(rng, rng.randint(0, 2)) + [_move(rng, difficulty, True)]
                edges.append((" ".join(commands),))
            elif kind == "round trip":  # a walk, a U-turn, then the same walk undone: back at (0, 0)
                there = _walk(rng, difficulty, rng.randint(fewest // 2, most // 2))
                mirror = {"L": "R", "R": "L"}
                back = [mirror.get(c, c) for c in reversed(there)]
                edges.append((" ".join(there + ["L", "L"] + back),))
            elif kind == "square":  # 4k times round a square: back where the group began, facing the same way
                side, turn = _move(rng, difficulty, False), rng.choice("LR")
                before, after = _walk(rng, difficulty, rng.randint(1, 3)), _walk(rng, difficulty, rng.randint(1, 3))
                edges.append((" ".join(before + [f"{4 * rng.randint(1, 2)}[{side} {turn}]"] + after),))
            elif kind == "straight":  # a group that leaves the robot facing as it was: k times one repeat's way
                body = _walk(rng, difficulty, rng.randint(1, 4))
                body += ["L"] * ((body.count("R") - body.count("L")) % 4)  # undo the body's turns
                if not any(c[0] in "FB" for c in body):
                    body.append(_move(rng, difficulty, False))
                group = f"{rng.randint(5, max(9, min(repeats, 99)))}[{' '.join(body)}]"
                edges.append((" ".join(_walk(rng, difficulty, rng.randint(1, 3)) + [group]),))
            elif kind == "nested":  # a group inside a group, both turning
                inner = f"{rng.randint(2, 9)}[{_move(rng, difficulty, False)} {rng.choice('LR')}]"
                outer = f"{rng.randint(2, 9)}[{_move(rng, difficulty, True)} {inner} {_move(rng, difficulty, False)}]"
                edges.append((" ".join(_walk(rng, difficulty, rng.randint(1, 3)) + [outer]),))
            else:  # groups done 10^5 to 10^9 times: one that turns (k mod 4 counts), one that does not
                k1, k2 = rng.randint(repeats // 10, repeats), rng.randint(repeats // 10, repeats)
                turning = f"{k1}[{_move(rng, difficulty, False)} {rng.choice('LR')} {_move(rng, difficulty, True)}]"
                straight = f"{k2}[{_move(rng, difficulty, False)} L L {_move(rng, difficulty, False)} R R]"
                edges.append((" ".join([turning, rng.choice("LR"), straight]),))
        return edges

    def check_args(self, commands: str) -> None:
        assert isinstance(commands, str), f"expected a string, got {type(commands).__name__}"
        if not commands:
            return
        depth = 0
        for token in commands.split(" "):
            match = _TOKEN.fullmatch(token)
            assert match, f"bad command {token!r} in {commands!r}"
            depth += match.group(1).count("[") - len(match.group(3))
            assert depth >= 0, f"a ']' closes no group in {commands!r}"
        assert depth == 0, f"a group is not closed in {commands!r}"
