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
    1: (3, 5, 1, 9, _LOWER, 4),  # levels 1-2 give the keys in ascending order (see _dict)
    2: (3, 7, -9, 9, _LOWER, 5),
    3: (4, 10, -20, 20, _LOWER, 5),
    4: (4, 12, -50, 50, _LOWER, 6),
    5: (5, 14, -99, 99, _LOWER, 6),
    6: (5, 16, -999, 999, _LETTERS, 6),
    7: (6, 18, -10**4, 10**4, _LETTERS, 7),
    8: (8, 22, -10**6, 10**6, _NAMES, 7),
    9: (10, 26, -10**9, 10**9, _NAMES, 8),
    10: (12, 30, -10**9, 10**9, _NAMES, 8),
}


def _keys(rng: random.Random, n: int, chars: str, longest: int, in_order: bool) -> list[str]:
    keys: set[str] = set()
    while len(keys) < n:
        keys.add("".join(rng.choices(chars, k=rng.randint(1, longest))))
    out = sorted(keys)
    if not in_order:
        rng.shuffle(out)  # insertion order says nothing about sorted order
    return out


def _dict(rng: random.Random, difficulty: int, n: int, distinct: int) -> dict[str, int]:
    """n keys sharing `distinct` values, every one of them used. At levels 1-2 the keys come in ascending
    order, so that the keys collected for each value are already sorted; from level 3 they are shuffled."""
    _, _, lo, hi, chars, longest = _SPEC[difficulty]
    pool = rng.sample(range(lo, hi + 1), distinct)
    values = pool + [rng.choice(pool) for _ in range(n - distinct)]
    rng.shuffle(values)
    return dict(zip(_keys(rng, n, chars, longest, difficulty <= 2), values, strict=True))


@register_family("invert_dict")
class InvertDict(Family):
    # 2: levels 1-2 give the keys in ascending order (level 3 on: shuffled, the lists must be sorted);
    # the worked examples always share out two or more values; the description shows a worked example
    # of the str(v) keys; a known-wrong case-insensitive sort
    version = 2
    entry_point = "invert_dict"
    signature = "def invert_dict(d: dict[str, int]) -> dict[str, list[str]]"
    description = (
        "Invert the dict d, which maps string keys to integer values. Return a new dict with one entry\n"
        "per distinct value v of d: the entry's key is the string str(v), such as \"7\" or \"-12\" (JSON\n"
        "object keys are strings), and it holds the list of every key of d whose value is v, sorted in\n"
        "ascending order (Python's sorted() order for strings, in which uppercase letters and digits come\n"
        "before lowercase letters). For example, invert_dict({\"b\": 1, \"c\": 2, \"a\": 1}) returns\n"
        "{\"1\": [\"a\", \"b\"], \"2\": [\"c\"]}. An empty dict gives an empty dict. Do not modify d."
    )
    levels = {
        1: "3-5 lowercase keys given in ascending order (the keys of each value come out sorted), values 1..9",
        2: "3-7 keys still in ascending order, values in -9..9 (negative values, zero); the empty dict",
        3: "4-10 keys in any order, so each list must be sorted; values in -20..20",
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
        '''def invert_dict(d):  # sorts the keys ignoring case: "B" after "a"
    result = {}
    for key, value in d.items():
        result.setdefault(str(value), []).append(key)
    return {value: sorted(keys, key=str.lower) for value, keys in result.items()}
''',
        '''def invert_dict(d):  # int keys: JSON objects cannot have them
    result = {}
    for key, value in d.items():
        result.setdefault(value, []).append(key)
    return {value: sorted(keys) for value, keys in result.items()}
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most, lo, hi = _SPEC[difficulty][:4]
        n = rng.randint(fewest, most)
        # two or more values, each shared by some keys: the inversion shows in every worked example
        return (_dict(rng, difficulty, n, min(hi - lo + 1, rng.randint(2, max(2, (n + 1) // 2)))),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, lo, hi, chars, longest = _SPEC[difficulty]
        pool = ["one_value", "all_distinct"] + (["empty"] if difficulty >= 2 else [])
        edges = []
        for kind in rng.sample(pool, 2):
            n = rng.randint(fewest, most)
            if kind == "one_value":  # every key has the same value: one entry with every key
                edges.append((_dict(rng, difficulty, n, 1),))
            elif kind == "all_distinct":  # no value repeats: one key per entry
                edges.append((_dict(rng, difficulty, n, n),))
            else:
                edges.append(({},))
        return edges

    def check_args(self, d: dict[str, int]) -> None:
        assert isinstance(d, dict), "d must be a dict"
        assert all(type(k) is str and k for k in d), f"a key that is not a non-empty string in {d!r}"
        assert all(type(v) is int for v in d.values()), f"a non-integer value in {d!r}"
