"""Fewest steps from S to E in a grid with walls, moving up, down, left or right; -1 when E cannot be reached.

From level 5 on, grids have open areas of 50+ cells: trying every path (a depth-first search that
backtracks) times out there, and the first path a depth-first search finds is rarely the shortest.
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

_CELLS = frozenset("#.SE")
_STR = frozenset({str})
_OPEN_BIT = str.maketrans("#.SE", "0111")
# level: (fewest rows, most rows, fewest columns, most columns, share of grids that are mazes, where S and E go)
_SPEC = {
    1: (5, 7, 5, 7, 0.0, "top-left to bottom-right"),  # square grids (rows = columns), few walls
    2: (3, 6, 3, 7, 0.0, "corners"),  # opposite corners, either diagonal, either way round
    3: (4, 7, 5, 9, 0.0, "anywhere"),
    4: (5, 9, 5, 10, 0.2, "anywhere"),  # mazes with loops
    5: (6, 10, 6, 12, 0.4, "anywhere"),  # open areas where trying every path times out
    6: (7, 12, 7, 14, 0.5, "anywhere"),
    7: (8, 14, 8, 16, 0.5, "anywhere"),
    8: (9, 16, 10, 20, 0.5, "anywhere"),
    9: (10, 18, 12, 24, 0.5, "anywhere"),
    10: (12, 20, 14, 28, 0.5, "anywhere"),
}


def fewest_steps(grid: list[str]) -> int:
    """reference_source's answer by a breadth-first search over whole rows at once.

    The open cells are the bits of one integer, a row of `width` bits each (the last one always 0, so a
    shift left or right cannot carry a cell from one row's end into the next row). One step of the
    search is a few shifts and masks of that integer: far cheaper than visiting cells one by one.
    """
    width = len(grid[0]) + 1
    text = "".join(grid)
    cols = width - 1
    s, e = text.index("S"), text.index("E")
    start = 1 << (s // cols * width + s % cols)
    end = 1 << (e // cols * width + e % cols)
    open_cells = int("".join("0" + row[::-1] for row in reversed(grid)).translate(_OPEN_BIT), 2)
    seen = frontier = start
    steps = 0
    while frontier:
        if frontier & end:
            return steps
        frontier = (frontier << 1 | frontier >> 1 | frontier << width | frontier >> width) & open_cells & ~seen
        seen |= frontier
        steps += 1
    return -1


def _open_grid(rng: random.Random, rows: int, cols: int, most_walls: float = 0.4) -> list[list[str]]:
    """Walls on a random share (0.1 to most_walls) of the cells."""
    walls = rng.uniform(0.1, most_walls)
    return [["#" if rng.random() < walls else "." for _ in range(cols)] for _ in range(rows)]


def _maze(rng: random.Random, rows: int, cols: int, loops: bool = True) -> list[list[str]]:
    """A maze carved by a random depth-first walk over the even cells, with (if `loops`) some walls knocked
    out so that there are loops (and so several paths of different lengths)."""
    cells = [["#"] * cols for _ in range(rows)]
    cells[0][0] = "."
    stack = [(0, 0)]
    while stack:
        r, c = stack[-1]
        options = [(r + dr, c + dc) for dr, dc in ((2, 0), (-2, 0), (0, 2), (0, -2))
                   if 0 <= r + dr < rows and 0 <= c + dc < cols and cells[r + dr][c + dc] == "#"]
        if not options:
            stack.pop()
            continue
        nr, nc = rng.choice(options)
        cells[(r + nr) // 2][(c + nc) // 2] = cells[nr][nc] = "."
        stack.append((nr, nc))
    knock = rng.uniform(0.05, 0.3) if loops else 0.0
    for r in range(rows):
        for c in range(cols):
            if cells[r][c] == "#" and rng.random() < knock:
                cells[r][c] = "."
    return cells


def _moves_on_the_way(grid: list[str]) -> set[tuple[int, int]]:
    """The moves (dr, dc) that one shortest way from S to E makes (empty when there is none)."""
    rows, cols = len(grid), len(grid[0])
    where = {ch: divmod(i, cols) for i, ch in enumerate("".join(grid)) if ch in "SE"}
    steps, queue = {where["S"]: 0}, [where["S"]]
    for r, c in queue:  # breadth first: the list grows as it is read
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] != "#" and (nr, nc) not in steps:
                steps[(nr, nc)] = steps[(r, c)] + 1
                queue.append((nr, nc))
    moves, (r, c) = set(), where["E"]
    while (r, c) in steps and steps[(r, c)]:  # back from E, one step nearer S each time
        back = steps[(r, c)] - 1
        r0, c0 = next(p for p in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)) if steps.get(p) == back)
        moves.add((r - r0, c - c0))
        r, c = r0, c0
    return moves


def _place(rng: random.Random, cells: list[list[str]], where: str = "anywhere") -> list[str]:
    """Put S and E on two different cells (they become open) and return the rows as strings."""
    rows, cols = len(cells), len(cells[0])
    if where == "anywhere":
        s, e = rng.sample(range(rows * cols), 2)
    else:  # opposite corners: S top-left and E bottom-right, or (level 2) any diagonal either way round
        s, e = 0, rows * cols - 1
        if where == "corners" and rng.random() < 0.5:
            s, e = cols - 1, (rows - 1) * cols
        if where == "corners" and rng.random() < 0.5:
            s, e = e, s
    cells[s // cols][s % cols] = "S"
    cells[e // cols][e % cols] = "E"
    return ["".join(row) for row in cells]


@register_family("grid_shortest_path")
class GridShortestPath(Family):
    version = 4  # 3: S and E in the top-left and bottom-right corners of square grids at level 1, in opposite
    # corners at level 2 (anywhere from level 3); a worked example in the description. 4: grids and mazes
    # drawn cell by cell with plain random calls again
    entry_point = "grid_shortest_path"
    signature = "def grid_shortest_path(grid: list[str]) -> int"
    description = (
        "`grid` is a list of equal-length strings, the rows of a map. '#' is a wall, '.' is open floor,\n"
        "'S' is the start and 'E' the exit (both open; each appears exactly once, anywhere in the grid:\n"
        "find them first, they are not always in the corners). In one step you move from a cell to the\n"
        "cell directly above, below, left or right of it, never onto a wall and never off the grid (no\n"
        "diagonal moves). Return the fewest steps that lead from S to E, or -1 if E cannot be reached.\n"
        "For example, grid_shortest_path([\"S.#\", \"#..\", \"E#.\"]) returns -1 (walls shut E in), and\n"
        "grid_shortest_path([\"..S\", \".#.\", \"E..\"]) returns 4 (round either side of the wall).\n"
        "Grids have open areas where trying every path is far too slow: use a breadth-first search."
    )
    levels = {
        1: "square grids of 5-7 rows, few walls; S in the top-left corner, E in the bottom-right; E walled in "
           "(-1); an 11x11 or 13x13 maze whose one way goes up and left too",
        2: "3-6 rows, 3-7 columns; S and E in opposite corners, either diagonal, both ways round",
        3: "up to 7x9; S and E anywhere; a wall between S and E with one gap: the way round is longer than "
           "it looks; S next to E",
        4: "up to 9x10; some grids are mazes with loops",
        5: "up to 10x12; a single row (E walled in there); open areas where trying every path times out",
        6: "up to 12x14; a grid without walls",
        7: "up to 14x16",
        8: "up to 16x20",
        9: "up to 18x24",
        10: "up to 20x28",
    }
    reference_source = '''from collections import deque


def grid_shortest_path(grid: list[str]) -> int:
    rows, cols = len(grid), len(grid[0])
    start = next((r, c) for r in range(rows) for c in range(cols) if grid[r][c] == "S")
    steps = {start: 0}
    queue = deque([start])
    while queue:
        r, c = queue.popleft()
        if grid[r][c] == "E":
            return steps[(r, c)]
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] != "#" and (nr, nc) not in steps:
                steps[(nr, nc)] = steps[(r, c)] + 1
                queue.append((nr, nc))
    return -1
'''
    category = "grids_graphs"
    wrong_sources = (
        '''def grid_shortest_path(grid):  # Manhattan distance: ignores the walls
    where = {ch: (r, c) for r, row in enumerate(grid) for c, ch in enumerate(row) if ch in "SE"}
    (sr, sc), (er, ec) = where["S"], where["E"]
    return abs(sr - er) + abs(sc - ec)
''',
        '''from collections import deque


def grid_shortest_path(grid):  # counts the cells on the path, S included: one too many
    rows, cols = len(grid), len(grid[0])
    start = next((r, c) for r in range(rows) for c in range(cols) if grid[r][c] == "S")
    queue = deque([(start, 1)])
    seen = {start}
    while queue:
        (r, c), d = queue.popleft()
        if grid[r][c] == "E":
            return d
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] != "#" and (nr, nc) not in seen:
                seen.add((nr, nc))
                queue.append(((nr, nc), d + 1))
    return -1
''',
        '''def grid_shortest_path(grid):  # depth-first search: returns the first path found, not the shortest
    rows, cols = len(grid), len(grid[0])
    start = next((r, c) for r in range(rows) for c in range(cols) if grid[r][c] == "S")
    stack = [(start, 0)]
    seen = {start}
    while stack:
        (r, c), d = stack.pop()
        if grid[r][c] == "E":
            return d
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] != "#" and (nr, nc) not in seen:
                seen.add((nr, nc))
                stack.append(((nr, nc), d + 1))
    return -1
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        low_rows, high_rows, low_cols, high_cols, mazes, where = _SPEC[difficulty]
        rows, cols = rng.randint(low_rows, high_rows), rng.randint(low_cols, high_cols)
        if difficulty == 1:
            cols = rows  # square
        if rng.random() < mazes:
            cells = _maze(rng, rows, cols)
        else:
            cells = _open_grid(rng, rows, cols, 0.3 if difficulty == 1 else 0.4)
        return (_place(rng, cells, where),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        # S and E in opposite corners, both ways round (from level 2): every border of the grid is tested (a
        # bounds check off by one, or a negative index that wraps round to the far side, changes the answer);
        # and an E that cannot be reached. From level 3 one more kind.
        kinds = ["winding", "walled in"] if difficulty == 1 else ["corners", "corners reversed", "walled in"]
        pool = (["adjacent", "detour"] if difficulty >= 3 else []) + (["one row"] if difficulty >= 5 else [])
        if difficulty >= 6:
            pool.append("no walls")
        kinds += rng.sample(pool, min(1, len(pool)))
        return [(self._edge(rng, difficulty, kind),) for kind in kinds]

    def _edge(self, rng: random.Random, difficulty: int, kind: str) -> list[str]:
        low_rows, high_rows, low_cols, high_cols, _, where = _SPEC[difficulty]
        rows, cols = rng.randint(low_rows, high_rows + 1), rng.randint(low_cols + 1, high_cols + 2)
        if difficulty == 1:
            cols = rows  # square
        if kind == "one row" or kind == "walled in" and difficulty >= 5:  # S and E in a corridor, perhaps blocked
            rows, cols = 1, rng.randint(8, 30)
        cells = _open_grid(rng, rows, cols)
        if kind == "winding":  # a maze without loops whose one way from S to E goes up and left as well
            size = rng.choice((11, 13))  # odd: the bottom-right corner is one of the maze's rooms
            for _ in range(100):
                grid = _place(rng, _maze(rng, size, size, loops=False), where)
                if {(-1, 0), (0, -1)} <= _moves_on_the_way(grid):
                    break
            return grid
        if kind.startswith("corners"):  # a staircase of open cells joins them
            r = c = 0
            while (r, c) != (rows - 1, cols - 1):
                cells[r][c] = "."
                if c == cols - 1 or r < rows - 1 and rng.random() < 0.5:
                    r += 1
                else:
                    c += 1
            ends = ("S", "E") if kind == "corners" else ("E", "S")
            cells[0][0], cells[-1][-1] = ends
            return ["".join(row) for row in cells]
        if kind == "no walls":
            cells = [["."] * cols for _ in range(rows)]
        if kind == "detour":  # a wall across the grid with one gap near an end; S on one side, E on the other
            wall = rng.randint(1, cols - 2)
            gap = rng.choice((rng.randint(0, 1), rng.randint(rows - 2, rows - 1)))
            for r in range(rows):
                cells[r][wall] = "." if r == gap else "#"
            sr, er = rng.randint(0, rows - 1), rng.randint(0, rows - 1)
            cells[sr][rng.randint(0, wall - 1)] = "S"
            cells[er][rng.randint(wall + 1, cols - 1)] = "E"
            return ["".join(row) for row in cells]
        grid = _place(rng, cells, where)
        if kind == "adjacent":  # move E next to S
            text = "".join(grid).replace("E", ".")
            s = text.index("S")
            r, c = divmod(s, cols)
            spots = [(r + dr, c + dc) for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1))
                     if 0 <= r + dr < rows and 0 <= c + dc < cols]
            er, ec = rng.choice(spots)
            cells = [list(text[i * cols:(i + 1) * cols]) for i in range(rows)]
            cells[er][ec] = "E"
            return ["".join(row) for row in cells]
        if kind == "walled in":  # walls on every side of E
            cells = [list(row) for row in grid]
            r, c = divmod("".join(grid).index("E"), cols)
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and cells[nr][nc] != "S":
                    cells[nr][nc] = "#"
            return ["".join(row) for row in cells]
        return grid

    def check_args(self, grid: list[str]) -> None:
        assert isinstance(grid, list) and grid, "grid must be a non-empty list of strings"
        assert _STR.issuperset(map(type, grid)), f"non-string row in {grid!r}"
        assert len({len(row) for row in grid}) == 1 and grid[0], "rows must have one, non-zero length"
        text = "".join(grid)
        assert _CELLS.issuperset(text), "cells must be '#', '.', 'S' or 'E'"
        assert text.count("S") == 1 and text.count("E") == 1, "S and E must appear exactly once"

    def reference(self, grid: list[str]) -> int:
        return fewest_steps(grid)
