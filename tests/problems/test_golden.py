"""Golden hashes: the first instances of every family must never change silently.

A change to a generator changes the problems every experiment trains and evaluates on; bump the
family's `version` and regenerate these with `python tests/problems/test_golden.py`.
"""

import hashlib
import json

import pytest

from axiom.problems.family import make_problem, registered_families

GOLDEN = {
    "arithmetic": "0d64530fc2a5c2da",
    "rpn": "73ac9a1bb8ddc2c4",
    "parentheses": "169557b927844741",
    "fizzbuzz": "b1c33c7e363469ba",
    "reverse_string": "86876d73be6efb31",
    "is_palindrome": "ba59c44f5ea37b25",
    "fibonacci": "bd4a37e46b3f3f67",
    "binary_search": "20947ffc5c54d796",
    "two_sum": "3de14ca80364ed3c",
    "max_subarray": "aa12b2e82e012b2c",
    "remove_duplicates": "780a364d138b9e56"
}


def family_digest(family: str) -> str:
    h = hashlib.sha256()
    for level in (1, 5, 10):
        for index in range(3):
            record = make_problem(family, level, "train", 42, index).to_dict()
            h.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()[:16]


@pytest.mark.parametrize("family", sorted(registered_families()))
def test_golden(family):
    assert family in GOLDEN, f"{family} has no golden hash: add it with `python tests/problems/test_golden.py`"
    assert family_digest(family) == GOLDEN[family], f"{family} generator output changed: bump its version"


if __name__ == "__main__":  # prints GOLDEN with a hash for every family that has none (existing ones are kept)
    print("GOLDEN = " + json.dumps({**{f: family_digest(f) for f in sorted(registered_families())}, **GOLDEN},
                                   indent=4))
