"""Invert a dict: map each value to the sorted list of keys that have it."""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

_LOWER = string.ascii_lowercase
_LETTERS = string.ascii_letters
_NAMES = string.ascii_letters + string.digits + "_"
# level: (fewest keys, most keys, smallest value, largest value, key characters, longest key)
_SPEC = {
    1: (3, 6, 1, 9, _LOWER, 4),
    2: (3, 8, 0, 20, _LOWER, 5),
    3: (4, 10, -9, 9, _LOWER, 5),
    4: (4, 12, -50, 50, _LOWER, 6),
    5: (5, 14, -99, 99, _LOWER, 6),
    6: (5, 16, -999, 999, _LETTERS, 6),
    7: (6, 18, -10**4, 10**4, _LETTERS, 7),
    8: (8, 22, -10**6, 10**6, _NAMES, 7),
    9: (10, 26, -10**9, 10**9, _NAMES, 8),
    10: (12, 30, -10**9, 10**9, _NAMES, 8),
}


def _keys(rng: random.Random, n: int, chars: str, longest: int) -> list[str]:
    keys: set[str] = set()
    while len(keys) < n:
        keys.add("".join(rng.choices(chars, k=rng.randint(1, longest))))
    out = sorted(keys)
    rng.shuffle(out)  # insertion order says nothing about sorted order
    return out


def _dict(rng: random.Random, n: int, lo: int, hi: int, chars: str, longest: int, distinct: int) -> dict[str, int]:
    pool = rng.sample(range(lo, hi + 1), distinct)
    return {k: rng.choice(pool) for k in _keys(rng, n, chars, longest)}


@register_family("invert_dict")
class InvertDict(Family):
    entry_point = "invert_dict"
    signature = "def invert_dict(d: dict[str, int]) -> dict[str, list[str]]"
    description = (
        "Invert the dict d, which maps string keys to integer values: return a dict with one entry per\n"
        "distinct value of d, holding the list of all keys of d that have that value, sorted in ascending\n"
        "order (Python's sorted() order for strings, in which uppercase letters and digits come before\n"
        "lowercase letters). JSON object keys are strings, so the entry for a value v is keyed by str(v),\n"
        "its decimal form such as \"7\" or \"-12\". An empty dict gives an empty dict. Do not modify d."
    )
    levels = {
        1: "3-6 lowercase keys, values in 1..9, shared by several keys",
        2: "3-8 keys, values in 0..20; the empty dict is an edge case",
        3: "4-10 keys, values in -9..9 (negative values)",
        4: "4-12 keys, values in -50..50",
        5: "5-14 keys, values in -99..99",
        6: "5-16 keys in mixed case (uppercase sorts first)",
        7: "6-18 keys, values up to +-10^4",
        8: "8-22 keys with digits and underscores, values up to +-10^6",
        9: "10-26 keys, values up to +-10^9",
        10: "12-30 keys, values up to +-10^9",
    }
    reference_source = '''def invert_dict(d: dict[str, int]) -> dict[str, list[str]]:
    result = {}
    for key, value in d.items():
        result.setdefault(str(value), []).append(key)
    for keys in result.values():
        keys.sort()
    return result
'''
    category = "dicts_sets"
    wrong_sources = (
        '''def invert_dict(d):  # keeps only the last key seen for each value
    result = {}
    for key, value in d.items():
        result[str(value)] = [key]
    return result
''',
        '''def invert_dict(d):  # leaves the keys in insertion order instead of sorting them
    result = {}
    for key, value in d.items():
        result.setdefault(str(value), []).append(key)
    return result
''',
        '''def invert_dict(d):  # int keys: JSON objects cannot have them
    result = {}
    for key, value in d.items():
        result.setdefault(value, []).append(key)
    return {value: sorted(keys) for value, keys in result.items()}
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most, lo, hi, chars, longest = _SPEC[difficulty]
        n = rng.randint(fewest, most)
        return (_dict(rng, n, lo, hi, chars, longest, min(hi - lo + 1, rng.randint(1, max(2, n // 2)))),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, lo, hi, chars, longest = _SPEC[difficulty]
        pool = ["one_value", "all_distinct"] + (["empty"] if difficulty >= 2 else [])
        edges = []
        for kind in rng.sample(pool, 2):
            n = rng.randint(fewest, most)
            if kind == "one_value":  # every key has the same value: one entry with every key
                edges.append((_dict(rng, n, lo, hi, chars, longest, 1),))
            elif kind == "all_distinct":  # no value repeats: one key per entry
                edges.append((dict(zip(_keys(rng, n, chars, longest), rng.sample(range(lo, hi + 1), n), strict=True)),))
            else:
                edges.append(({},))
        return edges

    def check_args(self, d: dict[str, int]) -> None:
        assert isinstance(d, dict), "d must be a dict"
        assert all(type(k) is str and k for k in d), f"a key that is not a non-empty string in {d!r}"
        assert all(type(v) is int for v in d.values()), f"a non-integer value in {d!r}"
