"""Count the connected components of an undirected graph given as a node count and an edge list.

Upper levels have up to 10^5 nodes but few edges (most nodes are alone): an O(n + edges) search
passes, while a visited *list* (`node in visited` is a scan), an n x n matrix, or a list of component
sets scanned for every edge is quadratic in n and times out.
"""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

_INT = frozenset({int})  # type(True) is bool, so booleans are not ints here
# level: (fewest nodes, most nodes, most nodes on edges, repeated edges and self-loops, nodes without edges)
# Edges join at most 30 nodes (few edges keep generation fast); from level 6 on most nodes have none.
_SPEC = {
    1: (3, 10, 10, False, False),  # small graphs in which every node has an edge
    2: (4, 14, 14, False, True),  # nodes without edges: each a component of its own
    3: (6, 20, 20, False, True),  # cycles; hundreds of nodes and only 1-3 edges
    4: (8, 24, 24, True, True),  # repeated edges and self-loops
    5: (10, 30, 30, True, True),
    6: (20, 300, 30, True, True),  # many more nodes than edges
    7: (300, 2000, 30, True, True),
    8: (2000, 10**4, 30, True, True),  # a visited list (O(n^2)) starts to time out
    9: (10**4, 5 * 10**4, 30, True, True),
    10: (3 * 10**4, 10**5, 30, True, True),
}


def count_components(n: int, edges: list[list[int]]) -> int:
    """reference_source's answer in O(edges) rather than O(n): union-find over the nodes that have edges,
    every other node being a component of its own."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent[x]
        return root

    components = n
    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
            components -= 1
    return components


def _pair(rng: random.Random, nodes: list[int]) -> list[int]:
    """Two different nodes drawn at random (rng.random() rather than rng.sample: this is the hot loop)."""
    i = int(rng.random() * len(nodes))
    j = int(rng.random() * (len(nodes) - 1))
    return [nodes[i], nodes[j + (j >= i)]]


def _random_edges(rng: random.Random, nodes: list[int], m: int) -> list[list[int]]:
    """m edges between different nodes, each pair drawn at random (so repeats and cycles occur)."""
    return [_pair(rng, nodes) for _ in range(m)]


def _clusters(rng: random.Random, nodes: list[int], lonely: bool) -> list[list[int]]:
    """The nodes split into a few groups, each group joined by a random tree plus a few extra edges;
    unless `lonely`, every group has two nodes or more, so that every node has an edge."""
    n = len(nodes)
    nodes = sorted(nodes, key=lambda _: rng.random())  # shuffled (cheaper than rng.sample for the hot path)
    cuts = sorted(rng.sample(range(1, n), rng.randint(1, max(1, n // 4))))
    if not lonely:  # no group of a single node: keep the cuts that leave two nodes or more on each side
        kept = [0]
        for c in cuts:
            if c - kept[-1] >= 2 and n - c >= 2:
                kept.append(c)
        cuts = kept[1:]
    edges = []
    for group in (nodes[a:b] for a, b in zip([0] + cuts, cuts + [n], strict=True)):
        for i in range(1, len(group)):  # a tree: each node joined to one before it
            edges.append([group[int(rng.random() * i)], group[i]])
        for _ in range(rng.randint(0, len(group) // 3) if len(group) > 2 else 0):
            edges.append(_pair(rng, group))  # an extra edge closes a cycle
    rng.shuffle(edges)
    return [e if rng.random() < 0.5 else e[::-1] for e in edges]


@register_family("connected_components")
class ConnectedComponents(Family):
    version = 2  # 2: worked examples in the description; level 1 gives every node an edge; levels 6-10 have
    # up to 10^5 nodes (few edges), where quadratic searches time out
    entry_point = "connected_components"
    signature = "def connected_components(n: int, edges: list[list[int]]) -> int"
    description = (
        "An undirected graph has n nodes numbered 0 to n-1 (n >= 1). Each edge [a, b] in `edges` joins\n"
        "nodes a and b in both directions. Return the number of connected components: groups of nodes\n"
        "that are joined to each other by paths of edges. A node without edges is a component on its\n"
        "own. Edges may repeat, and an edge [a, a] joins a node to itself (it joins nothing new).\n"
        "For example, connected_components(5, [[0, 1], [2, 1], [3, 4]]) returns 2: the components are\n"
        "{0, 1, 2} and {3, 4}. connected_components(4, [[2, 3]]) returns 3: {0}, {1} and {2, 3}.\n"
        "n can be up to 10^5 with few edges: the function must take about O(n + len(edges)) time (a\n"
        "visited list searched with `in`, or an n x n matrix, is too slow)."
    )
    levels = {
        1: "3-10 nodes, every node on an edge; a path, and a path cut in two",
        2: "4-14 nodes; nodes without edges",
        3: "6-20 nodes; components with cycles; hundreds of nodes and only 1-3 edges",
        4: "8-24 nodes; repeated edges and self-loops",
        5: "10-30 nodes",
        6: "20-300 nodes, edges among up to 30 of them",
        7: "300-2000 nodes",
        8: "2000-10^4 nodes: a visited list (O(n^2)) times out",
        9: "10^4-5*10^4 nodes",
        10: "3*10^4-10^5 nodes, edges among up to 30",
    }
    reference_source = '''def connected_components(n: int, edges: list[list[int]]) -> int:
    neighbours = [[] for _ in range(n)]
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    seen = [False] * n
    components = 0
    for node in range(n):
        if seen[node]:
            continue
        components += 1
        seen[node] = True
        stack = [node]
        while stack:
            for other in neighbours[stack.pop()]:
                if not seen[other]:
                    seen[other] = True
                    stack.append(other)
    return components
'''
    category = "grids_graphs"
    wrong_sources = (
        '''def connected_components(n, edges):  # assumes a forest: every edge merges two components
    return n - len(edges)
''',
        '''def connected_components(n, edges):  # forgets the nodes that have no edges
    adj = {}
    for a, b in edges:
        adj.setdefault(a, []).append(b)
        adj.setdefault(b, []).append(a)
    seen, count = set(), 0
    for start in adj:
        if start not in seen:
            count += 1
            stack = [start]
            seen.add(start)
            while stack:
                for v in adj[stack.pop()]:
                    if v not in seen:
                        seen.add(v)
                        stack.append(v)
    return count
''',
        '''def connected_components(n, edges):  # counts distinct parent entries, not distinct roots
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    return len(set(parent))
''',
        '''def connected_components(n, edges):  # counts nodes of degree 0 or 1 and halves: wrong on trees
    degree = [0] * n
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
    return sum(d == 0 for d in degree) + sum(d == 1 for d in degree) // 2
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most, on_edges, repeats, lonely = _SPEC[difficulty]
        n = rng.randint(fewest, most)
        # the nodes that have edges: all of them at small levels, up to `on_edges` of them at large ones
        nodes = list(range(n)) if n <= on_edges else rng.sample(range(n), rng.randint(on_edges // 2, on_edges))
        if not lonely or rng.random() < 0.5:
            edges = _clusters(rng, nodes, lonely)
        else:
            edges = _random_edges(rng, nodes, rng.randint(len(nodes) // 3, len(nodes)))
        if repeats and rng.random() < 0.4:
            for _ in range(rng.randint(1, 3)):
                extra = rng.choice(edges)[:] if edges and rng.random() < 0.5 else [rng.choice(nodes)] * 2
                edges.insert(rng.randint(0, len(edges)), extra)
        return (n, edges)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, on_edges, repeats, lonely = _SPEC[difficulty]
        if not lonely:  # one component, or two: a path, and a path split in two
            n = rng.randint(max(fewest, 4), most)
            path = rng.sample(range(n), n)
            cut = rng.randint(2, n - 2)
            return [(n, [[a, b] for a, b in zip(path, path[1:], strict=False)]),
                    (n, [[a, b] for a, b in zip(path, path[1:], strict=False) if a != path[cut - 1]])]
        pool = ["lonely nodes"] + (["sparse", "cycle"] if difficulty >= 3 else [])
        if repeats:
            pool.append("repeats")
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):
            n = rng.randint(fewest, most)
            nodes = rng.sample(range(n), min(n, on_edges, 24))  # the nodes on edges: few enough to follow
            if kind == "sparse":  # hundreds of nodes or more, one to three edges: nearly every node is alone
                n = rng.randint(max(100, fewest), max(2000, most))
                edges.append((n, [rng.sample(range(n), 2) for _ in range(rng.randint(1, 3))]))
            elif kind == "lonely nodes":  # edges among a few nodes; many more nodes have none at all
                n = rng.randint(fewest + 10, most + 40)
                used = rng.sample(range(n), rng.randint(4, 8))
                edges.append((n, [_pair(rng, used) for _ in range(rng.randint(2, 8))]))
            elif kind == "cycle":  # one ring through some nodes: as many edges as nodes in it, one component
                ring = nodes[:rng.randint(3, len(nodes))]
                edges.append((n, [[a, b] for a, b in zip(ring, ring[1:] + ring[:1], strict=True)]))
            else:  # every edge twice and a self-loop: none of them joins anything new
                tree = _clusters(rng, nodes, True)
                doubled = tree + [e[::-1] for e in tree] + [[rng.choice(nodes)] * 2]
                rng.shuffle(doubled)
                edges.append((n, doubled))
        return edges

    def check_args(self, n: int, edges: list[list[int]]) -> None:
        assert type(n) is int and n >= 1, f"n must be a positive int, got {n!r}"
        assert isinstance(edges, list), "edges must be a list of [a, b] pairs"
        assert all(type(edge) is list and len(edge) == 2 for edge in edges), f"bad edge in {edges!r}"
        ends = [end for edge in edges for end in edge]
        assert _INT.issuperset(map(type, ends)), f"non-int node in {edges!r}"
        assert not ends or 0 <= min(ends) and max(ends) < n, f"a node outside 0..{n - 1} in {edges!r}"

    def reference(self, n: int, edges: list[list[int]]) -> int:
        return count_components(n, edges)
