"""Golden hashes: the first instances of every family must never change silently.

A change to a generator changes the problems every experiment trains and evaluates on; bump the
family's `version` and regenerate these with `python tests/problems/test_golden.py`.
"""

import hashlib
import json

import pytest

from axiom.problems.family import make_problem, registered_families

GOLDEN = {
    "arithmetic": "fd07867ddae1762c",
    "binary_search": "468353d625d84d74",
    "binomial": "5ff41106da1450b4",
    "caesar_cipher": "8b5db1889a486e24",
    "chunk_list": "7a4df0df018ce24a",
    "climb_stairs": "4dc407dc7407aaa7",
    "coin_change": "a2387681f50a8e5e",
    "collatz_steps": "6caba314452cbe54",
    "connected_components": "278b75db112c0639",
    "count_islands": "ffa55329de79f695",
    "count_occurrences": "fdd7d39383f7fe09",
    "count_set_bits": "d3a87b2693e9505c",
    "digital_root": "d414db38c7bf40e6",
    "edit_distance": "d599e5d64e9881cb",
    "evaluate_boolean": "ad38963780be678f",
    "fibonacci": "bd4a37e46b3f3f67",
    "first_unique_char": "60c4c684d58f3d56",
    "fizzbuzz": "7549e29945a48059",
    "format_duration": "94b35c5282b5bedb",
    "gcd_of_list": "6f673a526176bdc5",
    "grid_shortest_path": "696499f7f68a5004",
    "group_anagrams": "a1ce7292c290a102",
    "interleave": "ce1ab647d3680647",
    "invert_dict": "49444efa15ace470",
    "is_anagram": "db187592b60b861c",
    "is_palindrome": "3216b1edd6bd7146",
    "is_prime": "a928371426f86ee5",
    "josephus": "bf218ae1e51c56d3",
    "kth_smallest": "a267f1b2104d9eea",
    "ledger_balance": "7e957d1a9d33d3e6",
    "longest_common_prefix": "7380e45b035e05ca",
    "longest_common_subsequence": "0a6b5fdfb1f52990",
    "longest_increasing_run": "3bfc96d0641d5336",
    "longest_palindromic_substring": "06aab8e5576c1b0b",
    "majority_element": "f74994cdb69ae141",
    "max_subarray": "c68f4dbe40106bed",
    "merge_sorted": "54534260a7225727",
    "mod_pow": "f75e91aaed33c8bb",
    "move_zeros": "55f08f5266f9ce5b",
    "parentheses": "3a31845286c52a96",
    "parse_csv_line": "0511f281a3ac8ec1",
    "prime_factors": "d528825d6182ebe1",
    "product_except_self": "aa9ec549acc509da",
    "remove_duplicates": "e46880a9d452db80",
    "reverse_string": "28cc22089a2b5f32",
    "robot_walk": "7e7aeea89af129a1",
    "roman_to_int": "e0f56c17a19e5119",
    "rotate_list": "2fb5b09acfdd0a5a",
    "rpn": "73ac9a1bb8ddc2c4",
    "run_length_encode": "3ced4287139dbb64",
    "running_sum": "d83c75be26d97489",
    "second_largest": "94bdb63452162e86",
    "sort_by_frequency": "b30b2d25081dcb74",
    "stack_machine": "bc8746194eeff18d",
    "title_case": "fb589db5c70a7d1b",
    "to_base": "a09324fa20188887",
    "topological_order": "fd19594b84577dae",
    "tree_depth": "1dab66742ad71e19",
    "two_sum": "d4494d482ef397b8",
    "word_frequencies": "a1938ac7897d4116"
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
