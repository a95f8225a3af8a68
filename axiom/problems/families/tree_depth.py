"""The depth of a rooted tree given as a parent array (the number of nodes on its longest root-to-leaf path).

Levels 9 and 10 hide among the tests a chain of 10,000+ nodes: a recursive depth function goes deeper
than the verifier's recursion limit (10,000) and fails there. (Walking up to the root from every node
separately is quadratic, ~5*10^7 steps on such a chain: it often, not always, still fits the time limit.)
"""

from __future__ import annotations

import functools
import random

from axiom.problems.family import Family, register_family

_INT = frozenset({int})  # type(True) is bool, so booleans are not ints here
# level: (fewest nodes, most nodes, labels shuffled so that a parent may come after its child)
_SPEC = {
    1: (7, 12, False),
    2: (8, 15, False),
    3: (6, 16, True),
    4: (8, 22, True),
    5: (10, 28, True),
    6: (12, 36, True),
    7: (15, 45, True),
    8: (20, 55, True),
    9: (25, 65, True),
    10: (30, 80, True),
}


def _checked_depth(parents: list[int]) -> int:
    """The depth, or AssertionError unless `parents` is one tree. Shares no code with reference_source."""
    assert _INT.issuperset(map(type, parents)), "parents must be ints"
    return _tree_depth(tuple(parents))  # ints only: no True in the key to stand for a 1


@functools.lru_cache(maxsize=16)
def _tree_depth(parents: tuple[int, ...]) -> int:
    """Walks up from each node until a node of known depth, then fills in the depths on the way back.

    Cached: check_args and reference both ask, and a 10,000-node chain takes milliseconds to walk.
    """
    n = len(parents)
    assert -1 <= min(parents, default=-1) and max(parents, default=-1) < n, f"parents must be in -1..{n - 1}"
    assert n == 0 or parents.count(-1) == 1, "there must be exactly one root (-1)"
    depth = [0] * n  # 0: not reached yet, -1: on the path being walked
    for node in range(n):
        if depth[node]:
            continue
        path = []
        j = node
        while j != -1 and depth[j] == 0:
            depth[j] = -1
            path.append(j)
            j = parents[j]
        assert j == -1 or depth[j] > 0, f"a cycle through node {j}"
        above = depth[j] if j != -1 else 0
        for d, on_path in enumerate(reversed(path), above + 1):
            depth[on_path] = d
    return max(depth, default=0)


def _random_tree(rng: random.Random, n: int, shuffle: bool) -> list[int]:
    """A tree of n nodes; each node hangs below one of the `reach` nodes before it, so a small reach
    makes a tall tree and a large one a bushy tree."""
    reach = rng.randint(2, n)
    parents = [-1] + [rng.randint(max(0, i - reach), i - 1) for i in range(1, n)]
    return _relabel(rng, parents) if shuffle else parents


def _relabel(rng: random.Random, parents: list[int]) -> list[int]:
    """The same tree with its nodes numbered in a random order."""
    label = rng.sample(range(len(parents)), len(parents))
    shuffled = [0] * len(parents)
    for node, parent in enumerate(parents):
        shuffled[label[node]] = label[parent] if parent != -1 else -1
    return shuffled


def _deep_chain(rng: random.Random) -> list[int]:
    """A chain of 10,100-11,000 nodes, numbered downwards from the leaf (the root has the largest
    label), with a few extra leaves hanging off it."""
    length = rng.randint(10_100, 11_000)
    parents = list(range(1, length)) + [-1]
    parents += [rng.randint(0, length - 1) for _ in range(rng.randint(1, 30))]
    return parents


@register_family("tree_depth")
class TreeDepth(Family):
    entry_point = "tree_depth"
    signature = "def tree_depth(parents: list[int]) -> int"
    description = (
        "A rooted tree has nodes 0 to n-1, where n = len(parents). parents[i] is the parent of node i,\n"
        "or -1 when node i is the root; there is exactly one root and every node is connected to it.\n"
        "A parent may have a larger number than its child. Return the depth of the tree: the number of\n"
        "nodes on the longest path from the root down to a leaf. A tree of a single node has depth 1;\n"
        "an empty list (no nodes) has depth 0. Trees can be chains of more than 10,000 nodes, deeper\n"
        "than Python's recursion allows, so the function must not recurse once per level."
    )
    levels = {
        1: "7-12 nodes, every parent numbered before its child (node 0 is the root)",
        2: "8-15 nodes; the empty list",
        3: "6-16 nodes, labels shuffled: a parent may come after its child; a chain",
        4: "8-22 nodes",
        5: "10-28 nodes; the root numbered last and every parent after its children",
        6: "12-36 nodes",
        7: "15-45 nodes",
        8: "20-55 nodes",
        9: "25-65 nodes; one hidden test is a chain of 10,000+ nodes (recursion fails)",
        10: "30-80 nodes; a chain of 10,000+ nodes",
    }
    reference_source = '''def tree_depth(parents: list[int]) -> int:
    if not parents:
        return 0
    children = [[] for _ in parents]
    root = -1
    for node, parent in enumerate(parents):
        if parent == -1:
            root = node
        else:
            children[parent].append(node)
    depth = 0
    level = [root]
    while level:  # one level of the tree at a time, from the root down
        depth += 1
        level = [child for node in level for child in children[node]]
    return depth
'''
    category = "grids_graphs"
    wrong_sources = (
        '''def tree_depth(parents):  # counts edges, not nodes: one too few
    def d(i):
        steps = 0
        while parents[i] != -1:
            i = parents[i]
            steps += 1
        return steps
    return max((d(i) for i in range(len(parents))), default=0)
''',
        '''def tree_depth(parents):  # one pass in index order: assumes every parent comes before its child
    depth = [0] * len(parents)
    for i, p in enumerate(parents):
        depth[i] = 1 if p == -1 else depth[p] + 1
    return max(depth, default=0)
''',
        '''def tree_depth(parents):  # recursion: too deep for a chain of 10,000+ nodes
    memo = {}

    def depth(i):
        if i == -1:
            return 0
        if i not in memo:
            memo[i] = depth(parents[i]) + 1
        return memo[i]

    return max((depth(i) for i in range(len(parents))), default=0)
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most, shuffle = _SPEC[difficulty]
        return (_random_tree(rng, rng.randint(fewest, most), shuffle),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        if difficulty >= 9:  # always, and first: it is the test that recursion fails
            return [(_deep_chain(rng),), (self._edge(rng, difficulty, rng.choice(["chain", "root last"])),)]
        pool = ["tall"] + (["empty"] if difficulty >= 2 else [])
        if difficulty >= 3:
            pool.append("chain")
        if difficulty >= 5:
            pool.append("root last")
        return [(self._edge(rng, difficulty, kind),) for kind in rng.sample(pool, min(2, len(pool)))]

    def _edge(self, rng: random.Random, difficulty: int, kind: str) -> list[int]:
        fewest, most, shuffle = _SPEC[difficulty]
        n = rng.randint(fewest, most)
        if kind == "empty":
            return []
        if kind == "tall":  # each node hangs below one of the three before it
            n = rng.randint(max(fewest, 12), most + 6)
            parents = [-1] + [max(0, i - rng.randint(1, 3)) for i in range(1, n)]
            return _relabel(rng, parents) if shuffle else parents
        if kind == "chain":  # every node has one child: the depth is n
            order = rng.sample(range(n), n)  # order[0] is the root
            parents = [0] * n
            for above, below in zip([-1] + order[:-1], order, strict=True):
                parents[below] = above
            return parents
        # root last: numbered from the leaves up, so every parent comes after its children
        parents = _random_tree(rng, n, False)
        return [n - 1 - parents[n - 1 - i] if parents[n - 1 - i] != -1 else -1 for i in range(n)]

    def check_args(self, parents: list[int]) -> None:
        assert isinstance(parents, list), "parents must be a list of ints"
        _checked_depth(parents)

    def reference(self, parents: list[int]) -> int:
        return _checked_depth(parents)
