"""longest_common_subsequence: the bit-parallel answer with "?" wildcards against the stored table, and
the generator's wildcard edge case, whose answer must be larger than with "?" a plain character."""

import random

from axiom.problems import registered_families
from axiom.problems.families.longest_common_subsequence import lcs_length
from axiom.problems.family import instance_rng

FAMILY = registered_families()["longest_common_subsequence"]


def test_bit_parallel_wildcards_match_the_table():
    rng = random.Random(4)
    table = FAMILY._reference
    for _ in range(4000):
        alphabet = rng.choice(("a?", "ab?", "abcdef?", "aB1?"))
        a = "".join(rng.choices(alphabet, k=rng.randint(0, 12)))
        b = "".join(rng.choices(alphabet, k=rng.randint(0, 12)))
        assert lcs_length(a, b) == table(a, b), (a, b)
        assert lcs_length(a, b, wild=False) == table(a.replace("?", "#"), b.replace("?", "#")), (a, b)
    assert lcs_length("a?c", "xbc") == 2 and lcs_length("???", "") == 0 and lcs_length("?", "?") == 1


def test_wildcard_edge_cases_raise_the_answer():
    for level in (6, 9, 10):
        rng = instance_rng(FAMILY.name, FAMILY.version, level, "train", 0, 0)
        for _ in range(50):
            a, b = FAMILY._raised(rng, level, 3)
            assert "?" in a + b and lcs_length(a, b) > lcs_length(a, b, wild=False)
