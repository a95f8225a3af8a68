"""Count the connected components of an undirected graph given as a node count and an edge list."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

_INT = frozenset({int})  # type(True) is bool, so booleans are not ints here
# level: (fewest nodes, most nodes, repeated edges and self-loops)
_SPEC = {
    1: (4, 10, False),
    2: (5, 14, False),
    3: (6, 18, False),
    4: (8, 24, True),
    5: (10, 30, True),
    6: (12, 36, True),
    7: (15, 45, True),
    8: (20, 55, True),
    9: (25, 65, True),
    10: (30, 80, True),
}


def _random_edges(rng: random.Random, n: int, m: int) -> list[list[int]]:
    """m edges between different nodes, each pair drawn at random (so repeats and cycles occur)."""
    return [rng.sample(range(n), 2) for _ in range(m)]


def _clusters(rng: random.Random, n: int) -> list[list[int]]:
    """Nodes split into a few groups, each group joined by a random tree plus a few extra edges."""
    nodes = rng.sample(range(n), n)
    cuts = sorted(rng.sample(range(1, n), rng.randint(1, max(1, n // 4))))
    edges = []
    for group in (nodes[a:b] for a, b in zip([0] + cuts, cuts + [n], strict=True)):
        for i in range(1, len(group)):  # a tree: each node joined to one before it
            edges.append([group[rng.randrange(i)], group[i]])
        for _ in range(rng.randint(0, len(group) // 3) if len(group) > 2 else 0):
            edges.append(rng.sample(group, 2))  # an extra edge closes a cycle
    rng.shuffle(edges)
    return [e if rng.random() < 0.5 else e[::-1] for e in edges]


@register_family("connected_components")
class ConnectedComponents(Family):
    entry_point = "connected_components"
    signature = "def connected_components(n: int, edges: list[list[int]]) -> int"
    description = (
        "An undirected graph has n nodes numbered 0 to n-1 (n >= 1). Each edge [a, b] in `edges` joins\n"
        "nodes a and b in both directions. Edges may repeat, and an edge [a, a] joins a node to itself.\n"
        "Return the number of connected components: groups of nodes that are joined to each other by\n"
        "paths of edges. A node without edges is a component on its own."
    )
    levels = {
        1: "4-10 nodes; nodes without edges",
        2: "5-14 nodes; hundreds of nodes and only 1-3 edges",
        3: "6-18 nodes; components with cycles",
        4: "8-24 nodes; repeated edges and self-loops",
        5: "10-30 nodes",
        6: "12-36 nodes",
        7: "15-45 nodes",
        8: "20-55 nodes",
        9: "25-65 nodes",
        10: "30-80 nodes",
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
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most, repeats = _SPEC[difficulty]
        n = rng.randint(fewest, most)
        if rng.random() < 0.5:
            edges = _clusters(rng, n)
        else:
            edges = _random_edges(rng, n, rng.randint(n // 3, n))
        if repeats and rng.random() < 0.4:
            for _ in range(rng.randint(1, 3)):
                extra = rng.choice(edges)[:] if edges and rng.random() < 0.5 else [rng.randrange(n)] * 2
                edges.insert(rng.randint(0, len(edges)), extra)
        return (n, edges)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, repeats = _SPEC[difficulty]
        pool = ["lonely nodes"] + (["sparse"] if difficulty >= 2 else [])
        if difficulty >= 3:
            pool.append("cycle")
        if repeats:
            pool.append("repeats")
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):
            n = rng.randint(fewest, most)
            if kind == "sparse":  # hundreds of nodes, one to three edges: nearly every node is alone
                n = rng.randint(100, 2000)
                edges.append((n, [rng.sample(range(n), 2) for _ in range(rng.randint(1, 3))]))
            elif kind == "lonely nodes":  # edges among a few nodes; many more nodes have none at all
                n = rng.randint(fewest + 10, most + 40)
                used = rng.sample(range(n), rng.randint(4, 8))
                edges.append((n, [rng.sample(used, 2) for _ in range(rng.randint(2, 8))]))
            elif kind == "cycle":  # one ring through some nodes: as many edges as nodes, one component
                ring = rng.sample(range(n), rng.randint(3, n))
                edges.append((n, [[a, b] for a, b in zip(ring, ring[1:] + ring[:1], strict=True)]))
            else:  # every edge twice and a self-loop: none of them joins anything new
                tree = _clusters(rng, n)
                doubled = tree + [e[::-1] for e in tree] + [[rng.randrange(n)] * 2]
                rng.shuffle(doubled)
                edges.append((n, doubled))
        return edges

    def check_args(self, n: int, edges: list[list[int]]) -> None:
        assert type(n) is int and n >= 1, f"n must be a positive int, got {n!r}"
        assert isinstance(edges, list), "edges must be a list of [a, b] pairs"
        for edge in edges:
            assert isinstance(edge, list) and len(edge) == 2, f"bad edge {edge!r}"
            assert _INT.issuperset(map(type, edge)) and 0 <= min(edge) and max(edge) < n, f"bad edge {edge!r}"
