"""Follow a robot's commands on a grid (turns, forward and backward moves) and report where it ends."""

from __future__ import annotations

import random
import re

from axiom.problems.family import Family, register_family

_COMMAND = re.compile(r"[LR]|[FB](0|[1-9][0-9]*)")
# level: (fewest commands, most commands, largest step count, backward moves allowed)
_SPEC = {
    1: (3, 6, 9, False),
    2: (4, 8, 9, False),
    3: (5, 10, 9, True),
    4: (6, 12, 99, True),
    5: (8, 16, 99, True),
    6: (10, 20, 999, True),
    7: (12, 26, 10**4, True),
    8: (15, 34, 10**5, True),
    9: (20, 44, 10**6, True),
    10: (25, 60, 10**9, True),
}


def _turns(rng: random.Random, k: int) -> list[str]:
    return rng.choices("LR", k=k)


def _move(rng: random.Random, difficulty: int, backward: bool) -> str:
    _, _, most, _ = _SPEC[difficulty]
    # at higher levels small counts stay common: "F0" and "F1" next to "F48213"
    low = 1 if difficulty < 4 else 0
    steps = rng.randint(low, most) if rng.random() < 0.7 else rng.randint(low, 9)
    return ("B" if backward else "F") + str(steps)


def _walk(rng: random.Random, difficulty: int, n: int) -> list[str]:
    _, _, _, backward = _SPEC[difficulty]
    commands = []
    for _ in range(n):
        if rng.random() < 0.4:
            commands.append(rng.choice("LR"))
        else:
            commands.append(_move(rng, difficulty, backward and rng.random() < 0.35))
    return commands


@register_family("robot_walk")
class RobotWalk(Family):
    entry_point = "robot_walk"
    signature = "def robot_walk(commands: str) -> list[int]"
    description = (
        "A robot starts at (0, 0) on an endless grid, facing north. North is +y, east is +x, south is -y\n"
        "and west is -x. `commands` holds commands separated by single spaces; each command is one of:\n"
        "  L     turn left 90 degrees (north -> west -> south -> east -> north), without moving\n"
        "  R     turn right 90 degrees (north -> east -> south -> west -> north), without moving\n"
        "  F<n>  move n cells forward, in the direction the robot faces\n"
        "  B<n>  move n cells backward, opposite to the direction it faces; the robot does not turn\n"
        "n is a non-negative decimal integer and may have several digits (F0, F7, F120). Return the\n"
        "robot's final position as a list [x, y]. An empty string moves nothing: the answer is [0, 0]."
    )
    levels = {
        1: "3-6 commands: L, R and F with 1-9 steps",
        2: "4-8 commands; the empty string",
        3: "5-10 commands; B (backward, without turning) appears",
        4: "6-12 commands; step counts 0-99 (several digits, F0)",
        5: "8-16 commands, counts up to 99; walks that come back to the start",
        6: "10-20 commands, counts up to 999",
        7: "12-26 commands, counts up to 10^4",
        8: "15-34 commands, counts up to 10^5",
        9: "20-44 commands, counts up to 10^6",
        10: "25-60 commands, counts up to 10^9",
    }
    reference_source = '''def robot_walk(commands: str) -> list[int]:
    dx, dy = 0, 1  # facing north
    x, y = 0, 0
    for command in commands.split():
        if command == "L":
            dx, dy = -dy, dx
        elif command == "R":
            dx, dy = dy, -dx
        else:
            steps = int(command[1:])
            if command[0] == "B":
                steps = -steps
            x += dx * steps
            y += dy * steps
    return [x, y]
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
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most, _, _ = _SPEC[difficulty]
        return (" ".join(_walk(rng, difficulty, rng.randint(fewest, most))),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, _, backward = _SPEC[difficulty]
        pool = ["turns then move"] + (["empty"] if difficulty >= 2 else [])
        if backward:
            pool.append("backward")
        if difficulty >= 5:
            pool.append("round trip")
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
            else:  # a walk, a U-turn, then the same walk undone: back at (0, 0)
                there = _walk(rng, difficulty, rng.randint(fewest // 2, most // 2))
                mirror = {"L": "R", "R": "L"}
                back = [mirror.get(c, c) for c in reversed(there)]
                edges.append((" ".join(there + ["L", "L"] + back),))
        return edges

    def check_args(self, commands: str) -> None:
        assert isinstance(commands, str), f"expected a string, got {type(commands).__name__}"
        if commands:
            for command in commands.split(" "):
                assert _COMMAND.fullmatch(command), f"bad command {command!r} in {commands!r}"
