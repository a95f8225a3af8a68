"""Count the islands of '#' cells in a grid, cells joined only through their four side neighbours.

Levels 9 and 10 hide among the tests an island that winds through 10,000+ cells: a recursive flood
fill goes deeper than the verifier's recursion limit (10,000) and fails there.
"""

from __future__ import annotations

import random
import re

from axiom.problems.family import Family, register_family

_LAND_RUN = re.compile(r"#+")
_CELLS = frozenset("#.")
# level: (fewest rows, most rows, fewest columns, most columns)
_SPEC = {
    1: (4, 5, 4, 6),
    2: (4, 7, 4, 8),
    3: (5, 9, 5, 10),
    4: (6, 11, 6, 12),
    5: (7, 13, 7, 14),
    6: (8, 15, 8, 16),
    7: (10, 18, 10, 20),
    8: (12, 20, 12, 24),
    9: (14, 24, 14, 28),
    10: (16, 28, 16, 32),
}


def count_by_runs(grid: list[str]) -> int:
    """reference_source's answer, an order of magnitude faster on big grids.

    Each row's runs of '#' (found by a regex, in C) are joined, by union-find, to the runs of the row
    above that share a column with them: work per run rather than per cell.
    """
    parent: list[int] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    islands = 0
    above: list[tuple[int, int, int]] = []  # (first column, column after the last, run id)
    for row in grid:
        here = []
        j = 0
        for match in _LAND_RUN.finditer(row):
            start, end = match.span()
            run = len(parent)
            parent.append(run)
            islands += 1
            while j < len(above) and above[j][1] <= start:  # runs above that end before this one starts
                j += 1
            k = j
            while k < len(above) and above[k][0] < end:  # runs above that share a column with this one
                a, b = find(above[k][2]), find(run)
                if a != b:
                    parent[a] = b
                    islands -= 1
                k += 1
            here.append((start, end, run))
        above = here
    return islands


def _random_grid(rng: random.Random, rows: int, cols: int, land: float) -> list[str]:
    return ["".join("#" if rng.random() < land else "." for _ in range(cols)) for _ in range(rows)]


def _lake(rng: random.Random, rows: int, cols: int) -> list[str]:
    """A ring of land around a lake (sometimes with an island in it), in a sea with scattered land."""
    cells = [["#" if rng.random() < 0.15 else "." for _ in range(cols)] for _ in range(rows)]
    height, width = rng.randint(3, rows), rng.randint(3, cols)
    top, left = rng.randint(0, rows - height), rng.randint(0, cols - width)
    for r in range(top, top + height):
        for c in range(left, left + width):
            ring = r in (top, top + height - 1) or c in (left, left + width - 1)
            cells[r][c] = "#" if ring else "."
    if height >= 5 and width >= 5 and rng.random() < 0.6:
        cells[rng.randint(top + 2, top + height - 3)][rng.randint(left + 2, left + width - 3)] = "#"
    return ["".join(row) for row in cells]


def _snake(rng: random.Random) -> list[str]:
    """One island that is a single winding path of 10,000+ cells, in a grid of about 170 x 160.

    Land rows alternate with water rows; the path runs along a land row, steps down through the water
    row at its end and runs back along the next. A flood fill started anywhere in row 0 or column 0
    (only row 0 touches column 0) recurses once per cell of the path.
    """
    cols = rng.randint(150, 170)
    out = []
    at, rightward = 0, True  # where the path enters the current land row, and which way it runs
    for r in range(rng.randint(81, 91)):
        end = cols - 1 - rng.randint(0, 8) if rightward else 1 + rng.randint(0, 8)
        lo, hi = min(at, end), max(at, end)
        if r:
            out.append("." * at + "#" + "." * (cols - at - 1))  # the step down from the row above
        out.append("." * lo + "#" * (hi - lo + 1) + "." * (cols - hi - 1))
        at, rightward = end, not rightward
    return out


@register_family("count_islands")
class CountIslands(Family):
    entry_point = "count_islands"
    signature = "def count_islands(grid: list[str]) -> int"
    description = (
        "`grid` is a list of equal-length strings, the rows of a map: '#' is land and '.' is water.\n"
        "Two land cells belong to the same island when they touch through a side (up, down, left or\n"
        "right), directly or through other land cells; cells that touch only at a corner (diagonally)\n"
        "do not join. Return the number of islands. An empty grid (no rows) has 0 islands. Grids can\n"
        "have more than 10,000 cells in one island, deeper than Python's recursion allows: search\n"
        "with an explicit stack or queue."
    )
    levels = {
        1: "4-5 rows, 4-6 columns; land touching only diagonally",
        2: "up to 7x8; the empty grid",
        3: "up to 9x10; a single row or column",
        4: "up to 11x12",
        5: "up to 13x14; a ring of land around a lake",
        6: "up to 15x16",
        7: "up to 18x20",
        8: "up to 20x24",
        9: "up to 24x28; one hidden test is an island winding through 10,000+ cells (recursion fails)",
        10: "up to 28x32; an island of 10,000+ cells",
    }
    reference_source = '''def count_islands(grid: list[str]) -> int:
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    seen = [[False] * cols for _ in range(rows)]
    islands = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] != "#" or seen[r][c]:
                continue
            islands += 1
            seen[r][c] = True
            stack = [(r, c)]
            while stack:
                y, x = stack.pop()
                for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                    if 0 <= ny < rows and 0 <= nx < cols and grid[ny][nx] == "#" and not seen[ny][nx]:
                        seen[ny][nx] = True
                        stack.append((ny, nx))
    return islands
'''
    category = "grids_graphs"
    wrong_sources = (
        '''def count_islands(grid):  # joins diagonal neighbours too (8 directions)
    rows, cols = len(grid), len(grid[0]) if grid else 0
    seen = set()
    count = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == "#" and (r, c) not in seen:
                count += 1
                stack = [(r, c)]
                seen.add((r, c))
                while stack:
                    y, x = stack.pop()
                    for dy in (-1, 0, 1):
                        for dx in (-1, 0, 1):
                            ny, nx = y + dy, x + dx
                            if 0 <= ny < rows and 0 <= nx < cols and grid[ny][nx] == "#" and (ny, nx) not in seen:
                                seen.add((ny, nx))
                                stack.append((ny, nx))
    return count
''',
        '''def count_islands(grid):  # counts land cells with no land above or to the left: wrong for U shapes
    count = 0
    for r, row in enumerate(grid):
        for c, ch in enumerate(row):
            if ch == "#" and (r == 0 or grid[r - 1][c] != "#") and (c == 0 or row[c - 1] != "#"):
                count += 1
    return count
''',
        '''def count_islands(grid):  # recursive flood fill: too deep for an island of 10,000+ cells
    rows, cols = len(grid), len(grid[0]) if grid else 0
    seen = set()

    def fill(r, c):
        if r < 0 or r >= rows or c < 0 or c >= cols or grid[r][c] != "#" or (r, c) in seen:
            return
        seen.add((r, c))
        fill(r + 1, c)
        fill(r - 1, c)
        fill(r, c + 1)
        fill(r, c - 1)

    count = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == "#" and (r, c) not in seen:
                count += 1
                fill(r, c)
    return count
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        low_rows, high_rows, low_cols, high_cols = _SPEC[difficulty]
        rows, cols = rng.randint(low_rows, high_rows), rng.randint(low_cols, high_cols)
        return (_random_grid(rng, rows, cols, rng.uniform(0.3, 0.6)),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        if difficulty >= 9:  # always, and first: it is the test that recursion fails
            return [(_snake(rng),), (self._edge(rng, difficulty, rng.choice(["diagonal", "lake"])),)]
        pool = ["diagonal"] + (["empty"] if difficulty >= 2 else [])
        if difficulty >= 3:
            pool.append("line")
        if difficulty >= 5:
            pool.append("lake")
        return [(self._edge(rng, difficulty, kind),) for kind in rng.sample(pool, min(2, len(pool)))]

    def _edge(self, rng: random.Random, difficulty: int, kind: str) -> list[str]:
        low_rows, high_rows, low_cols, high_cols = _SPEC[difficulty]
        rows, cols = rng.randint(low_rows, high_rows), rng.randint(low_cols, high_cols)
        if kind == "empty":
            return []
        if kind == "diagonal":  # land on a checkerboard: cells touch only at corners, each is an island
            rows, cols = max(rows, 6), max(cols, 7)
            return ["".join("#" if (r + c) % 2 == 0 and rng.random() < 0.7 else "." for c in range(cols))
                    for r in range(rows)]
        if kind == "line":  # one row, or one column
            line = _random_grid(rng, 1, rng.randint(12, 40), 0.5)[0]
            return [line] if rng.random() < 0.5 else list(line)
        return _lake(rng, rows, cols)

    def check_args(self, grid: list[str]) -> None:
        assert isinstance(grid, list), "grid must be a list of strings"
        assert all(isinstance(row, str) for row in grid), f"non-string row in {grid!r}"
        assert len({len(row) for row in grid}) <= 1, "rows differ in length"
        assert not grid or grid[0], "rows must not be empty"
        assert _CELLS.issuperset("".join(grid)), "cells must be '#' or '.'"

    def reference(self, grid: list[str]) -> int:
        return count_by_runs(grid)
