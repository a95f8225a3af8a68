"""collatz_steps' fast answer (8 steps a jump, a table for the loops below zero) against its plain
reference_source, on both sides of zero and around the thresholds where the fast path changes gear."""

import random

from axiom.problems import registered_families


def test_fast_answer_matches_the_plain_loop_for_negative_zero_and_positive_n():
    fam = registered_families()["collatz_steps"]
    plain = fam._reference  # reference_source, executed
    rng = random.Random(3)
    cases = list(range(-3000, 3000)) + [-272, -273, -1000, -1001, -256000, -256001, 2**53 + 1, -(2**70), 513]
    cases += [rng.randint(-10**60, 10**60) for _ in range(500)] + [rng.randint(-10**7, 10**7) for _ in range(500)]
    for n in cases:
        assert fam.reference(n) == plain(n), n
    assert [plain(n) for n in (1, 2, 6, 0, -1, -3)] == [0, 1, 8, 1, 2, 5]  # the description's examples
