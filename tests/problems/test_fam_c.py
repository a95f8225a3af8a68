"""The fast answers some families compute (Miller-Rabin, Pollard rho, bit-parallel LCS and edit
distance, bit-set coin change) against their plain reference_source, on inputs the generators
rarely draw: tiny values, Carmichael numbers, prime powers, empty strings, unreachable amounts."""

import random

import pytest

from axiom.problems import registered_families

FAMILIES = registered_families()


def plain(name: str):
    fam = FAMILIES[name]
    return fam._reference  # reference_source, executed


def test_miller_rabin_matches_trial_division_on_small_and_tricky_numbers():
    fam = FAMILIES["is_prime"]
    carmichael = [561, 1105, 1729, 2465, 2821, 6601, 8911, 41041, 825265, 321197185]
    strong_pseudoprimes = [2047, 3277, 4033, 4681, 8321, 3215031751]  # fool some single bases
    for n in list(range(-20, 5000)) + carmichael + strong_pseudoprimes + [999983**2, 2**31 - 1]:
        assert fam.reference(n) == plain("is_prime")(n), n


def test_factorize_matches_trial_division():
    fam = FAMILIES["prime_factors"]
    rng = random.Random(0)
    cases = list(range(2, 3000)) + [997**3, 999983**2, 2**36, 3**23, 999983 * 999979, 561 * 1009]
    cases += [rng.randint(2, 10**11) for _ in range(300)]
    for n in cases:
        assert fam.reference(n) == plain("prime_factors")(n), n


@pytest.mark.parametrize("name", ["longest_common_subsequence", "edit_distance"])
def test_bit_parallel_string_answers_match_the_table(name):
    fam, rng = FAMILIES[name], random.Random(1)
    for _ in range(3000):
        alphabet = "abcdef"[:rng.randint(1, 6)]
        a = "".join(rng.choices(alphabet, k=rng.randint(0, 12)))
        b = "".join(rng.choices(alphabet, k=rng.randint(0, 12)))
        assert fam.reference(a, b) == plain(name)(a, b), (a, b)
    a = "".join(rng.choices("ab", k=150))
    assert fam.reference(a, a[::-1]) == plain(name)(a, a[::-1])


def test_coin_change_bit_sets_match_the_table():
    fam, rng = FAMILIES["coin_change"], random.Random(2)
    for _ in range(2000):
        coins = rng.sample(range(1, 40), rng.randint(1, 4))
        amount = rng.randint(0, 300)
        assert fam.reference(coins, amount) == plain("coin_change")(coins, amount), (coins, amount)


def test_closed_forms_match_the_loops():
    for n in list(range(0, 2000)) + [10**40 + 7, 99999999999999999999]:
        assert FAMILIES["digital_root"].reference(n) == plain("digital_root")(n), n
    for n in list(range(1, 3000)) + [2**53 + 1, 10**30 + 1]:
        assert FAMILIES["collatz_steps"].reference(n) == plain("collatz_steps")(n), n
    for n in range(0, 40):
        for k in range(-3, n + 4):
            assert FAMILIES["binomial"].reference(n, k) == plain("binomial")(n, k), (n, k)
    for base in range(-6, 7):
        for exp in range(0, 6):
            for mod in range(1, 8):
                assert FAMILIES["mod_pow"].reference(base, exp, mod) == plain("mod_pow")(base, exp, mod)
