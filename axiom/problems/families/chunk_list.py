"""Split a list into consecutive chunks of a given size; the last chunk may be shorter."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

# level: (shortest, longest list, smallest value, largest value, largest size as a multiple of the length)
_PARAMS = {
    1: (4, 12, 0, 99, 0.5),
    2: (4, 14, 0, 99, 0.5),
    3: (4, 16, 0, 999, 0.7),
    4: (5, 20, -99, 99, 0.8),
    5: (5, 24, -999, 999, 1.0),
    6: (6, 30, -10**4, 10**4, 1.2),
    7: (6, 36, -10**4, 10**4, 1.3),
    8: (8, 44, -10**6, 10**6, 1.5),
    9: (10, 52, -10**9, 10**9, 1.5),
    10: (12, 60, -10**9, 10**9, 2.0),
}


@register_family("chunk_list")
class ChunkList(Family):
    entry_point = "chunk_list"
    signature = "def chunk_list(items: list[int], size: int) -> list[list[int]]"
    description = (
        "Split items into consecutive chunks of `size` elements (size is at least 1) and return the list\n"
        "of chunks, in order: the first chunk holds items[0:size], the next items[size:2*size], and so on.\n"
        "Every chunk has exactly `size` elements except possibly the last, which holds whatever is left\n"
        "(between 1 and size elements); no chunk is ever empty. When size is larger than the list, the\n"
        "whole list is one chunk. An empty list gives an empty list of chunks, []. Do not modify items."
    )
    levels = {
        1: "4-12 values in 0..99, size up to half the length",
        2: "4-14 values; size 1 and the empty list are edge cases",
        3: "4-16 values in 0..999, size up to 0.7x the length",
        4: "5-20 values in -99..99, size up to 0.8x the length",
        5: "5-24 values, size up to the length (one chunk)",
        6: "6-30 values, size can exceed the length",
        7: "6-36 values up to +-10^4",
        8: "8-44 values up to +-10^6",
        9: "10-52 values up to +-10^9",
        10: "12-60 values up to +-10^9, size up to twice the length",
    }
    reference_source = '''def chunk_list(items: list[int], size: int) -> list[list[int]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
'''
    category = "lists"
    wrong_sources = (
        '''def chunk_list(items, size):  # drops the last chunk when it is shorter than size
    return [items[i:i + size] for i in range(0, len(items) - size + 1, size)]
''',
        '''def chunk_list(items, size):  # pads the last chunk with zeros up to size
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    if chunks and len(chunks[-1]) < size:
        chunks[-1] = chunks[-1] + [0] * (size - len(chunks[-1]))
    return chunks
''',
        '''def chunk_list(items, size):  # appends the leftover chunk even when it is empty
    chunks, current = [], []
    for x in items:
        current.append(x)
        if len(current) == size:
            chunks.append(current)
            current = []
    chunks.append(current)
    return chunks
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, reach = _PARAMS[difficulty]
        n = rng.randint(short, long)
        size = rng.randint(1, max(2, int(reach * n)))
        return (rng.choices(range(lo, hi + 1), k=n), size)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, _ = _PARAMS[difficulty]
        pool = ["exact", "size_one"] + (["empty"] if difficulty >= 2 else [])
        if difficulty >= 5:
            pool += ["whole", "bigger"]
        edges = []
        for kind in rng.sample(pool, 2):
            n = rng.randint(short, long)
            items = rng.choices(range(lo, hi + 1), k=n)
            if kind == "exact":  # the length is a multiple of size: no short chunk at the end
                size = rng.randint(2, 4)
                edges.append((items + rng.choices(range(lo, hi + 1), k=-n % size), size))
            elif kind == "size_one":
                edges.append((items, 1))
            elif kind == "empty":  # any size, from a wide range so the input stays rare
                edges.append(([], rng.randint(1, 10**6)))
            elif kind == "whole":  # size equal to the length: one full chunk
                edges.append((items, n))
            else:  # size larger than the length: one short chunk
                edges.append((items, n + rng.randint(1, n)))
        return edges

    def check_args(self, items: list[int], size: int) -> None:
        assert isinstance(items, list) and type(size) is int and size >= 1, "items must be a list, size >= 1"
        assert all(type(v) is int for v in items), f"non-integer value in {items!r}"
