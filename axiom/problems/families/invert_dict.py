"""Invert a dict: map each value to the sorted list of keys that have it."""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

_LOWER = string.ascii_lowercase
_LETTERS = string.ascii_letters
_NAMES = string.ascii_letters + string.digits + "_"
# level: (fewest keys, most keys, key characters, longest key, longest value)
_SPEC = {
    1: (3, 5, _LOWER, 4, 3),  # levels 1-2 give the keys in ascending order (see _dict)
    2: (3, 7, _LOWER, 5, 3),
    3: (4, 10, _LOWER, 5, 4),
    4: (4, 12, _LOWER, 6, 4),
    5: (5, 14, _LOWER, 6, 5),
    6: (5, 16, _LETTERS, 6, 5),
    7: (6, 18, _LETTERS, 7, 6),
    8: (8, 22, _NAMES, 7, 6),
    9: (10, 26, _NAMES, 8, 8),
    10: (12, 30, _NAMES, 8, 8),
}


def _keys(rng: random.Random, n: int, chars: str, longest: int, in_order: bool) -> list[str]:
    keys: set[str] = set()
    while len(keys) < n:
        keys.add("".join(rng.choices(chars, k=rng.randint(1, longest))))
    out = sorted(keys)
    if not in_order:
        rng.shuffle(out)  # insertion order says nothing about sorted order
    return out


def _dict(rng: random.Random, difficulty: int, n: int, distinct: int) -> dict[str, str]:
    """n keys sharing `distinct` values, every one of them used. At levels 1-2 the keys come in ascending
    order, so that the keys collected for each value are already sorted; from level 3 they are shuffled."""
    _, _, chars, longest, longest_value = _SPEC[difficulty]
    pool: set[str] = set()
    while len(pool) < distinct:
        pool.add("".join(rng.choices(_LOWER, k=rng.randint(1, longest_value))))
    values = sorted(pool) + [rng.choice(sorted(pool)) for _ in range(n - distinct)]
    rng.shuffle(values)
    return dict(zip(_keys(rng, n, chars, longest, difficulty <= 2), values, strict=True))


@register_family("invert_dict")
class InvertDict(Family):
    # 2: levels 1-2 give the keys in ascending order (level 3 on: shuffled, the lists must be sorted);
    # the worked examples always share out two or more values; a known-wrong case-insensitive sort
    # 3: string values, so the inverted dict's keys are d's values themselves (the default model's natural
    #    answer): integer values had to become str(v) keys for JSON, which it never wrote; a plain description
    version = 3
    entry_point = "invert_dict"
    signature = "def invert_dict(d: dict[str, str]) -> dict[str, list[str]]"
    description = (
        "Invert the dict d, which maps string keys to string values. Return a new dict with one entry\n"
        "per distinct value v of d, mapping v to the list of every key of d whose value is v, sorted in\n"
        "ascending order. For example, invert_dict({\"b\": \"x\", \"c\": \"y\", \"a\": \"x\"}) returns\n"
        "{\"x\": [\"a\", \"b\"], \"y\": [\"c\"]}. An empty dict gives an empty dict. Do not modify d."
    )
    levels = {
        1: "3-5 lowercase keys given in ascending order (the keys of each value come out sorted)",
        2: "3-7 keys still in ascending order; the empty dict",
        3: "4-10 keys in any order, so each list must be sorted",
        4: "4-12 keys",
        5: "5-14 keys",
        6: "5-16 keys in mixed case (uppercase sorts first)",
        7: "6-18 keys",
        8: "8-22 keys with digits and underscores",
        9: "10-26 keys",
        10: "12-30 keys",
    }
    reference_source = '''def invert_dict(d: dict[str, str]) -> dict[str, list[str]]:
    result = {}
    for key, value in d.items():
        result.setdefault(value, []).append(key)
    for keys in result.values():
        keys.sort()
    return result
'''
    category = "dicts_sets"
    wrong_sources = (
        '''def invert_dict(d):  # keeps only the last key seen for each value
    result = {}
    for key, value in d.items():
        result[value] = [key]
    return result
''',
        '''def invert_dict(d):  # leaves the keys in insertion order instead of sorting them
    result = {}
    for key, value in d.items():
        result.setdefault(value, []).append(key)
    return result
''',
        '''def invert_dict(d):  # sorts the keys ignoring case: "B" after "a"
    result = {}
    for key, value in d.items():
        result.setdefault(value, []).append(key)
    return {value: sorted(keys, key=str.lower) for value, keys in result.items()}
''',
        '''def invert_dict(d):  # sorts each list in descending order
    result = {}
    for key, value in d.items():
        result.setdefault(value, []).append(key)
    return {value: sorted(keys, reverse=True) for value, keys in result.items()}
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most = _SPEC[difficulty][:2]
        n = rng.randint(fewest, most)
        # two or more values, each shared by some keys: the inversion shows in every worked example
        return (_dict(rng, difficulty, n, rng.randint(2, max(2, (n + 1) // 2))),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most = _SPEC[difficulty][:2]
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

    def check_args(self, d: dict[str, str]) -> None:
        assert isinstance(d, dict), "d must be a dict"
        assert all(type(k) is str and k for k in d), f"a key that is not a non-empty string in {d!r}"
        assert all(type(v) is str and v for v in d.values()), f"a value that is not a non-empty string in {d!r}"
