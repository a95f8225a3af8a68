"""Split a list into consecutive chunks of a given size; the last chunk may be shorter.

A negative size counts the chunks from the end of the list instead (levels 6-10): the short chunk, if
any, comes first.
"""

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
# level: chance that a random input has a negative size (chunks counted from the end), the negative
# kinds every problem of the level tests, and those of which it tests one, drawn at random:
#   ragged: a leftover chunk at the front, then two or more full ones (the length no multiple of -size)
#   exact: the length a multiple of -size, so no short chunk (code that always puts items[:len % size]
#          first gives an empty first chunk)
#   whole: -size at least the length: one chunk, the whole list
#   empty: the empty list with a negative size
_NEGATIVE = {
    6: (0.0, ("ragged",), ()),
    7: (0.2, ("ragged", "exact"), ()),
    8: (0.3, ("ragged", "exact"), ("whole",)),
    9: (0.5, ("ragged", "exact"), ("whole", "empty")),
    10: (0.7, ("exact", "ragged"), ("whole", "empty")),
}


def _values(rng: random.Random, n: int, lo: int, hi: int) -> list[int]:
    return rng.choices(range(lo, hi + 1), k=n)


def _negative(rng: random.Random, kind: str, n: int, lo: int, hi: int) -> tuple[list[int], int]:
    if kind == "ragged":  # at least two full chunks after the short one: the length no multiple of -size
        n = max(n, 7)
        size = rng.choice([s for s in range(2, (n - 1) // 2 + 1) if n % s])
    elif kind == "exact":  # 2 <= -size <= n // 2 and the length a multiple of it
        size = rng.randint(2, max(2, n // 2))
        n = max(2, n - n % size)
    elif kind == "whole":  # -size equal to or larger than the length
        size = n + rng.randint(0, n)
    else:  # the empty list, any negative size from a wide range so the input stays rare
        return [], -rng.randint(1, 10**6)
    return _values(rng, n, lo, hi), -size


@register_family("chunk_list")
class ChunkList(Family):
    version = 2  # 2: levels 6-10 test a negative size, which counts the chunks from the end of the list
    entry_point = "chunk_list"
    signature = "def chunk_list(items: list[int], size: int) -> list[list[int]]"
    description = (
        "Split items into consecutive chunks of `size` elements and return the list of chunks, in order:\n"
        "the first chunk holds items[0:size], the next items[size:2*size], and so on. Every chunk has\n"
        "exactly `size` elements except possibly the last, which holds whatever is left (between 1 and\n"
        "size elements); no chunk is ever empty. When size is larger than the list, the whole list is one\n"
        "chunk. An empty list gives an empty list of chunks, [].\n"
        "size is never 0. A negative size counts the chunks from the end of the list instead: every chunk\n"
        "has exactly -size elements except possibly the FIRST one, which holds whatever is left (between 1\n"
        "and -size elements, and no empty chunk), so chunk_list([1, 2, 3, 4, 5], -2) == [[1], [2, 3], [4, 5]]\n"
        "and chunk_list([1, 2, 3, 4], -2) == [[1, 2], [3, 4]]; when -size is at least the length, the\n"
        "whole list is one chunk. Chunks keep the order of items. Do not modify items."
    )
    levels = {
        1: "4-12 values in 0..99, size up to half the length",
        2: "4-14 values; size 1 and the empty list are edge cases",
        3: "4-16 values in 0..999, size up to 0.7x the length",
        4: "5-20 values in -99..99, size up to 0.8x the length",
        5: "5-24 values, size up to the length (one chunk)",
        6: "6-30 values, size can exceed the length; a negative size (chunks from the end, a short first chunk)",
        7: "6-36 values up to +-10^4; negative sizes, one of them dividing the length (no short chunk)",
        8: "8-44 values up to +-10^6; negative sizes, one of them at least the length (one chunk)",
        9: "10-52 values up to +-10^9; half the sizes negative, the empty list with a negative size",
        10: "12-60 values up to +-10^9, size up to twice the length; most sizes negative, every kind of them",
    }
    reference_source = '''def chunk_list(items: list[int], size: int) -> list[list[int]]:
    if size > 0:
        return [items[i:i + size] for i in range(0, len(items), size)]
    size = -size
    start = len(items) % size  # the leftover chunk goes first
    head = [items[:start]] if start else []
    return head + [items[i:i + size] for i in range(start, len(items), size)]
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
        '''def chunk_list(items, size):  # a negative size chunked from the front, like a positive one
    size = abs(size)
    return [items[i:i + size] for i in range(0, len(items), size)]
''',
        '''def chunk_list(items, size):  # a negative size: the leftover chunk first, even when it is empty
    if size > 0:
        return [items[i:i + size] for i in range(0, len(items), size)]
    size = -size
    start = len(items) % size
    return [items[:start]] + [items[i:i + size] for i in range(start, len(items), size)]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, lo, hi, reach = _PARAMS[difficulty]
        n = rng.randint(short, long)
        chance, always, some = _NEGATIVE.get(difficulty, (0.0, (), ()))
        if rng.random() < chance:  # one of the level's negative kinds (the empty list is left to the edges)
            return _negative(rng, rng.choice([k for k in always + some if k != "empty"]), n, lo, hi)
        size = rng.randint(1, max(2, int(reach * n)))
        return (_values(rng, n, lo, hi), size)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, lo, hi, _ = _PARAMS[difficulty]
        _, always, some = _NEGATIVE.get(difficulty, (0.0, (), ()))
        negative = always + tuple(rng.sample(some, min(1, len(some))))
        pool = ["exact", "size_one"] + (["empty"] if difficulty >= 2 else [])
        if difficulty >= 5:
            pool += ["whole", "bigger"]
        # two positive kinds; from level 6 size 1 always (`size > 0` drifting to `size > 1` fails only there)
        if difficulty < 6:
            kinds = rng.sample(pool, 2)
        else:
            kinds = ["size_one", rng.choice([k for k in pool if k != "size_one"])]
        edges = []
        for kind in kinds:
            n = rng.randint(short, long)
            items = _values(rng, n, lo, hi)
            if kind == "exact":  # the length is a multiple of size: no short chunk at the end
                size = rng.randint(2, 4)
                edges.append((items + _values(rng, -n % size, lo, hi), size))
            elif kind == "size_one":
                edges.append((items, 1))
            elif kind == "empty":  # any size, from a wide range so the input stays rare
                edges.append(([], rng.randint(1, 10**6)))
            elif kind == "whole":  # size equal to the length: one full chunk
                edges.append((items, n))
            else:  # size larger than the length: one short chunk
                edges.append((items, n + rng.randint(1, n)))
        for kind in negative:
            edges.append(_negative(rng, kind, rng.randint(short, long), lo, hi))
        return edges

    def check_args(self, items: list[int], size: int) -> None:
        assert isinstance(items, list) and type(size) is int and size != 0, "items must be a list, size != 0"
        assert all(type(v) is int for v in items), f"non-integer value in {items!r}"
