"""Count the islands of '1' cells in a grid, cells joined only through their four side neighbours.

The grid is a list of strings, one a row, '1' for land and '0' for water. Levels 8-10 hide among the
tests a continent of 11,000+ land cells: a recursive flood fill goes deeper than the verifier's
recursion limit (10,000) and fails there. (Rows are strings, not the classic lists of "1"/"0": a big
grid as a list of lists costs ten times as much to generate and store.)
"""

from __future__ import annotations

import random
import re

from axiom.problems.family import Family, register_family

_LAND_RUN = re.compile(r"1+")
_NOT_A_CELL = str.maketrans("", "", "01")  # deletes the two cell characters: what is left is not a cell
_STRS = frozenset({str})
# level: (fewest rows, most rows, fewest columns, most columns)
_SPEC = {
    1: (3, 5, 3, 6),  # small grids; land that touches only diagonally
    2: (4, 6, 4, 8),  # the empty grid
    3: (5, 8, 5, 10),  # a single row or column
    4: (6, 10, 6, 12),  # a ring of land around a lake
    5: (7, 12, 7, 14),
    6: (8, 13, 8, 16),
    7: (8, 14, 8, 18),
    8: (9, 15, 9, 18),  # one hidden test is a continent of 11,000+ cells: recursion fails
    9: (10, 16, 10, 20),
    10: (10, 18, 10, 22),
}


def count_by_runs(grid: list[str]) -> int:
    """reference_source's answer, an order of magnitude faster on big grids.

    Each row's runs of '1' (found by a regex, in C) are joined, by union-find, to the runs of the row
    above that share a column with them: work per run rather than per cell. A row equal to the one
    above adds nothing (each of its runs joins the run right above it) and is skipped.
    """
    parent: list[int] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    islands = 0
    above: list[tuple[int, int, int]] = []  # (first column, column after the last, run id)
    previous = None
    for row in grid:
        if row == previous:
            continue
        previous = row
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
    """Each cell land with probability `land`."""
    return ["".join("1" if rng.random() < land else "0" for _ in range(cols)) for _ in range(rows)]


def _lake(rng: random.Random, rows: int, cols: int) -> list[str]:
    """A ring of land around a lake (sometimes with an island in it), in a sea with scattered land."""
    cells = [list(row) for row in _random_grid(rng, rows, cols, 0.15)]
    height, width = rng.randint(3, rows), rng.randint(3, cols)
    top, left = rng.randint(0, rows - height), rng.randint(0, cols - width)
    for r in range(top, top + height):
        for c in range(left, left + width):
            ring = r in (top, top + height - 1) or c in (left, left + width - 1)
            cells[r][c] = "1" if ring else "0"
    if height >= 5 and width >= 5 and rng.random() < 0.6:
        cells[rng.randint(top + 2, top + height - 3)][rng.randint(left + 2, left + width - 3)] = "1"
    return ["".join(row) for row in cells]


def _continent(rng: random.Random) -> list[str]:
    """One block of 105-115 x 105-115 land cells (11,025+) with a few single-cell lakes in it, in a sea
    two rows and columns wide; the sea's top and bottom rows hold a few small islands.

    A flood fill that recurses once per cell goes about as deep as the block is large: in a full
    block each call finds an unvisited neighbour, so the calls snake through nearly every cell.
    """
    height, width = rng.randint(105, 115), rng.randint(105, 115)
    cols = width + 4
    shores = []
    for _ in range(2):  # 1-6 islands of 1-4 cells along each outer row, apart from each other
        shore = ["0"] * cols
        for start in rng.sample(range(0, cols - 4, 5), rng.randint(1, 6)):
            length = rng.randint(1, 4)
            shore[start:start + length] = ["1"] * length
        shores.append("".join(shore))
    sea, land = "0" * cols, "00" + "1" * width + "00"
    rows = [shores[0], sea] + [land] * height + [sea, shores[1]]
    for _ in range(rng.randint(3, 12)):  # lakes of one cell, apart from each other and from the shore
        r, c = rng.randrange(3, height, 2), rng.randrange(3, width, 2)
        rows[r] = rows[r][:c] + "0" + rows[r][c + 1:]
    return rows


@register_family("count_islands")
class CountIslands(Family):
    version = 3  # 2: '1' land and '0' water (the model read '#' as "visited"); the description says how
    # to mark visited cells of string rows and shows a worked example; the recursion trap from level 8 on
    # (a continent of 11,000+ cells); smaller random grids. 3: the random grids drawn cell by cell again
    entry_point = "count_islands"
    signature = "def count_islands(grid: list[str]) -> int"
    description = (
        "`grid` is a list of equal-length strings, the rows of a map: '1' is land and '0' is water.\n"
        "Two land cells belong to the same island when they touch through a side (up, down, left or\n"
        "right), directly or through other land cells; cells that touch only at a corner (diagonally)\n"
        "do not join. Return the number of islands. An empty grid (no rows) has 0 islands.\n"
        "For example, count_islands([\"110\", \"010\", \"001\"]) returns 2: the three 1s at the top left\n"
        "form one island, and the 1 at the bottom right, which touches them only at a corner, is another.\n"
        "The rows are strings, which cannot be changed (grid[r][c] = \"0\" fails): keep the visited\n"
        "cells in a set of (row, column) pairs, or first copy the grid into lists: [list(row) for row\n"
        "in grid]. Some grids hold an island of more than 10,000 cells, deeper than Python's recursion\n"
        "allows: search with an explicit stack or queue."
    )
    levels = {
        1: "3-5 rows, 3-6 columns; land touching only diagonally; a U and a J (reached only by moving up or left)",
        2: "up to 6x8; the empty grid",
        3: "up to 8x10; a single row or column",
        4: "up to 10x12; a ring of land around a lake",
        5: "up to 12x14",
        6: "up to 13x16",
        7: "up to 14x18",
        8: "up to 15x18; one hidden test is a continent of 11,000+ cells (recursion fails)",
        9: "up to 16x20; a continent of 11,000+ cells",
        10: "up to 18x22; a continent of 11,000+ cells",
    }
    reference_source = '''def count_islands(grid: list[str]) -> int:
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    seen = [[False] * cols for _ in range(rows)]
    islands = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] != "1" or seen[r][c]:
                continue
            islands += 1
            seen[r][c] = True
            stack = [(r, c)]
            while stack:
                y, x = stack.pop()
                for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                    if 0 <= ny < rows and 0 <= nx < cols and grid[ny][nx] == "1" and not seen[ny][nx]:
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
            if grid[r][c] == "1" and (r, c) not in seen:
                count += 1
                stack = [(r, c)]
                seen.add((r, c))
                while stack:
                    y, x = stack.pop()
                    for dy in (-1, 0, 1):
                        for dx in (-1, 0, 1):
                            ny, nx = y + dy, x + dx
                            if 0 <= ny < rows and 0 <= nx < cols and grid[ny][nx] == "1" and (ny, nx) not in seen:
                                seen.add((ny, nx))
                                stack.append((ny, nx))
    return count
''',
        '''def count_islands(grid):  # counts land cells with no land above or to the left: wrong for U shapes
    count = 0
    for r, row in enumerate(grid):
        for c, ch in enumerate(row):
            if ch == "1" and (r == 0 or grid[r - 1][c] != "1") and (c == 0 or row[c - 1] != "1"):
                count += 1
    return count
''',
        '''def count_islands(grid):  # recursive flood fill: too deep for an island of 10,000+ cells
    rows, cols = len(grid), len(grid[0]) if grid else 0
    seen = set()

    def fill(r, c):
        if r < 0 or r >= rows or c < 0 or c >= cols or grid[r][c] != "1" or (r, c) in seen:
            return
        seen.add((r, c))
        fill(r + 1, c)
        fill(r - 1, c)
        fill(r, c + 1)
        fill(r, c - 1)

    count = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == "1" and (r, c) not in seen:
                count += 1
                fill(r, c)
    return count
''',
        '''def count_islands(grid):  # assumes a square grid: reads len(grid) columns
    n = len(grid)
    seen = set()
    count = 0
    for r in range(n):
        for c in range(n):
            if c < len(grid[r]) and grid[r][c] == "1" and (r, c) not in seen:
                count += 1
                stack = [(r, c)]
                seen.add((r, c))
                while stack:
                    y, x = stack.pop()
                    for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                        if 0 <= ny < n and 0 <= nx < n and nx < len(grid[ny]) and grid[ny][nx] == "1" \\
                                and (ny, nx) not in seen:
                            seen.add((ny, nx))
                            stack.append((ny, nx))
    return count
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        low_rows, high_rows, low_cols, high_cols = _SPEC[difficulty]
        rows, cols = rng.randint(low_rows, high_rows), rng.randint(low_cols, high_cols)
        return (_random_grid(rng, rows, cols, rng.uniform(0.3, 0.6)),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        if difficulty >= 8:  # always, and first: it is the test that recursion fails
            return [(_continent(rng),), (self._edge(rng, difficulty, rng.choice(["diagonal", "lake"])),)]
        if difficulty == 1:
            return [(self._edge(rng, difficulty, "cup and hook"),), (self._edge(rng, difficulty, "diagonal"),)]
        pool = ["diagonal", "cup and hook"] + (["empty"] if difficulty >= 2 else [])
        if difficulty >= 3:
            pool.append("line")
        if difficulty >= 4:
            pool.append("lake")
        return [(self._edge(rng, difficulty, kind),) for kind in rng.sample(pool, min(2, len(pool)))]

    def _edge(self, rng: random.Random, difficulty: int, kind: str) -> list[str]:
        low_rows, high_rows, low_cols, high_cols = _SPEC[difficulty]
        rows, cols = rng.randint(low_rows, high_rows), rng.randint(low_cols, high_cols)
        if kind == "empty":
            return []
        if kind == "diagonal":  # land on a checkerboard: cells touch only at corners, each is an island
            rows, cols = max(rows, 4), max(cols, 5)
            return ["".join("1" if (r + c) % 2 == 0 and rng.random() < 0.7 else "0" for c in range(cols))
                    for r in range(rows)]
        if kind == "cup and hook":  # a U open at the top and a J: each is reached only by moving up or left
            height, cup, hook = rng.randint(3, 5), rng.randint(3, 4), rng.randint(2, 3)
            u = ["1" + "0" * (cup - 2) + "1"] * (height - 1) + ["1" * cup]
            j = ["0" * (hook - 1) + "1"] * (height - 1) + ["1" * hook]
            left, right = (u, j) if rng.random() < 0.5 else (j, u)
            shapes = [a + "0" + b for a, b in zip(left, right, strict=True)]
            noise = _random_grid(rng, rng.randint(1, 2), cup + hook + 1, 0.5)  # below a row of water
            return shapes + ["0" * (cup + hook + 1)] + noise
        if kind == "line":  # one row, or one column
            line = _random_grid(rng, 1, rng.randint(12, 40), 0.5)[0]
            return [line] if rng.random() < 0.5 else list(line)
        return _lake(rng, rows, cols)

    def check_args(self, grid: list[str]) -> None:
        assert isinstance(grid, list), "grid must be a list of strings"
        assert _STRS.issuperset(map(type, grid)), f"non-string row in {grid!r}"
        assert len(set(map(len, grid))) <= 1, "rows differ in length"
        assert not grid or grid[0], "rows must not be empty"
        assert not "".join(grid).translate(_NOT_A_CELL), "cells must be '1' or '0'"

    def reference(self, grid: list[str]) -> int:
        return count_by_runs(grid)
