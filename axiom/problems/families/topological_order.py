"""The lexicographically smallest order of n tasks that respects every "a before b" edge; [] when there is a cycle."""

from __future__ import annotations

import random
from itertools import pairwise

from axiom.problems.family import Family, register_family

_INT = frozenset({int})  # type(True) is bool, so booleans are not ints here
# level: (fewest tasks, most tasks, chance of a cycle, repeated edges and self-loops)
_SPEC = {
    1: (4, 7, 0.0, False),
    2: (4, 8, 0.2, False),
    3: (5, 10, 0.25, False),
    4: (6, 12, 0.25, False),
    5: (6, 15, 0.25, True),
    6: (8, 18, 0.25, True),
    7: (8, 22, 0.25, True),
    8: (10, 26, 0.25, True),
    9: (10, 32, 0.25, True),
    10: (12, 40, 0.25, True),
}


def _dag(rng: random.Random, n: int, m: int) -> list[list[int]]:
    """m edges that all point forward in a random order of the n tasks: no cycle."""
    order = rng.sample(range(n), n)
    edges = []
    for _ in range(m):
        i, j = sorted(rng.sample(range(n), 2))
        edges.append([order[i], order[j]])
    return edges


def _close_cycle(rng: random.Random, edges: list[list[int]]) -> None:
    """Add an edge from the end of a path of existing edges back to its start: a cycle."""
    after: dict[int, list[int]] = {}
    for a, b in edges:
        after.setdefault(a, []).append(b)
    start, node = rng.choice(edges)
    for _ in range(rng.randint(0, 3)):
        if node not in after:
            break
        node = rng.choice(after[node])
    edges.insert(rng.randint(0, len(edges)), [node, start])


@register_family("topological_order")
class TopologicalOrder(Family):
    entry_point = "topological_order"
    signature = "def topological_order(n: int, edges: list[list[int]]) -> list[int]"
    description = (
        "There are n tasks numbered 0 to n-1 (n >= 1). Each edge [a, b] in `edges` means task a must come\n"
        "before task b. Return an order of all n tasks (each exactly once) in which every edge's a comes\n"
        "before its b. Many orders may qualify: return the lexicographically smallest one, i.e. at every\n"
        "position put the smallest-numbered task whose required predecessors are all already placed.\n"
        "Tasks without edges still appear. Edges may repeat. If no order exists because the edges form a\n"
        "cycle (an edge [a, a] is a cycle too), return an empty list."
    )
    levels = {
        1: "4-7 tasks, no cycles",
        2: "4-8 tasks; one input in five has a cycle",
        3: "5-10 tasks; a chain through every task in a random order",
        4: "6-12 tasks",
        5: "6-15 tasks; more repeated edges, and self-loops ([a, a])",
        6: "8-18 tasks",
        7: "8-22 tasks",
        8: "10-26 tasks",
        9: "10-32 tasks",
        10: "12-40 tasks, up to 80 edges",
    }
    reference_source = '''import heapq


def topological_order(n: int, edges: list[list[int]]) -> list[int]:
    after = [[] for _ in range(n)]
    waiting = [0] * n  # how many edges still point into each task
    for a, b in edges:
        after[a].append(b)
        waiting[b] += 1
    ready = [task for task in range(n) if waiting[task] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        task = heapq.heappop(ready)
        order.append(task)
        for nxt in after[task]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                heapq.heappush(ready, nxt)
    return order if len(order) == n else []
'''
    category = "grids_graphs"
    wrong_sources = (
        '''from collections import deque


def topological_order(n, edges):  # first-in first-out queue: a valid order, but not the smallest
    after = [[] for _ in range(n)]
    indeg = [0] * n
    for a, b in edges:
        after[a].append(b)
        indeg[b] += 1
    queue = deque(i for i in range(n) if indeg[i] == 0)
    order = []
    while queue:
        u = queue.popleft()
        order.append(u)
        for v in after[u]:
            indeg[v] -= 1
            if indeg[v] == 0:
                queue.append(v)
    return order if len(order) == n else []
''',
        '''import heapq


def topological_order(n, edges):  # returns the tasks it could place even when there is a cycle
    after = [[] for _ in range(n)]
    indeg = [0] * n
    for a, b in edges:
        after[a].append(b)
        indeg[b] += 1
    heap = [i for i in range(n) if indeg[i] == 0]
    heapq.heapify(heap)
    order = []
    while heap:
        u = heapq.heappop(heap)
        order.append(u)
        for v in after[u]:
            indeg[v] -= 1
            if indeg[v] == 0:
                heapq.heappush(heap, v)
    return order
''',
        '''import heapq


def topological_order(n, edges):  # keeps each successor once but counts repeated edges: stalls on repeats
    after = [set() for _ in range(n)]
    indeg = [0] * n
    for a, b in edges:
        after[a].add(b)
        indeg[b] += 1
    heap = [i for i in range(n) if indeg[i] == 0]
    heapq.heapify(heap)
    order = []
    while heap:
        u = heapq.heappop(heap)
        order.append(u)
        for v in after[u]:
            indeg[v] -= 1
            if indeg[v] == 0:
                heapq.heappush(heap, v)
    return order if len(order) == n else []
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most, cycles, repeats = _SPEC[difficulty]
        n = rng.randint(fewest, most)
        edges = _dag(rng, n, rng.randint(n // 2, 2 * n))
        if repeats and edges and rng.random() < 0.3:
            edges.insert(rng.randint(0, len(edges)), rng.choice(edges)[:])
        if rng.random() < cycles:
            if repeats and rng.random() < 0.25:
                task = rng.randrange(n)
                edges.insert(rng.randint(0, len(edges)), [task, task])
            else:
                _close_cycle(rng, edges)
        return (n, edges)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, _, repeats = _SPEC[difficulty]
        pool = ["chain", "isolated"] + (["cycle"] if difficulty >= 2 else [])
        if repeats:
            pool.append("repeats")
        edges = []
        for kind in rng.sample(pool, 2):
            n = rng.randint(max(fewest, 8), most + 4)
            if kind == "chain":  # one path through every task: exactly one order qualifies
                order = rng.sample(range(n), n)
                path = [[a, b] for a, b in pairwise(order)]
                rng.shuffle(path)
                edges.append((n, path))
            elif kind == "isolated":  # edges among a few tasks; the larger-numbered rest have none
                used = rng.randint(4, n - 2)
                edges.append((n, _dag(rng, used, rng.randint(2, 2 * used))))
            elif kind == "cycle":  # a cycle hidden among forward edges
                dag = _dag(rng, n, rng.randint(n, 2 * n))
                _close_cycle(rng, dag)
                edges.append((n, dag))
            else:  # every edge twice: each copy counts until it is used
                dag = _dag(rng, n, rng.randint(n // 2, n))
                doubled = dag + [e[:] for e in dag]
                rng.shuffle(doubled)
                edges.append((n, doubled))
        return edges

    def check_args(self, n: int, edges: list[list[int]]) -> None:
        assert type(n) is int and n >= 1, f"n must be a positive int, got {n!r}"
        assert isinstance(edges, list), "edges must be a list of [a, b] pairs"
        for edge in edges:
            assert isinstance(edge, list) and len(edge) == 2, f"bad edge {edge!r}"
            assert _INT.issuperset(map(type, edge)) and 0 <= min(edge) and max(edge) < n, f"bad edge {edge!r}"
