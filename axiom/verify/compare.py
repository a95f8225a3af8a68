"""Is a candidate's JSON value equal to the expected one? Runs in the parent, on plain values only."""

from __future__ import annotations

import math


def values_equal(got: object, expected: object, tol: float = 1e-6) -> bool:
    """Structural equality of JSON values.

    An expected float compares with math.isclose(rel_tol=tol, abs_tol=tol) (NaN equals NaN); an
    expected int only equals the same number (3 == 3.0, but not 3.0000001), and a bool is not a
    number here (True != 1). Lists compare elementwise,
    dicts by exact key set. Tuples on either side count as lists: the sandbox sends tuples as lists.
    """
    tg, te = type(got), type(expected)
    if tg is bool or te is bool:
        return tg is te and got == expected
    if tg in (int, float) and te in (int, float):
        if te is int:  # exact: the tolerance is for float answers, 2**40 + 1.5 is not 2**40 + 1
            return got == expected
        return _floats_close(got, expected, tol)
    if tg in (list, tuple) and te in (list, tuple):
        return len(got) == len(expected) and all(
            values_equal(g, e, tol) for g, e in zip(got, expected, strict=False))
    if tg is dict and te is dict:
        return got.keys() == expected.keys() and all(values_equal(got[k], expected[k], tol) for k in got)
    if tg is str and te is str:
        return got == expected
    return got is None and expected is None


def _floats_close(a: int | float, b: int | float, tol: float) -> bool:
    try:
        a, b = float(a), float(b)
    except OverflowError:  # an int too big for a float: equal only if exactly equal
        return a == b
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b or math.isclose(a, b, rel_tol=tol, abs_tol=tol)
