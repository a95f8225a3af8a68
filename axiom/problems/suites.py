"""Named suites and the user's choice of families and difficulty levels."""

from __future__ import annotations

from collections.abc import Sequence

from axiom.errors import ConfigError, UnknownFamilyError
from axiom.problems.family import LEVELS, get_family, registered_families

V2 = ("arithmetic", "rpn", "parentheses", "fizzbuzz", "reverse_string", "is_palindrome",
      "fibonacci", "binary_search", "two_sum", "max_subarray", "remove_duplicates")
PHASE6 = ("arithmetic", "rpn", "parentheses")

SUITES: dict[str, str] = {
    "v2": "the 11 algorithmic families of the seeds' v2 evaluation",
    "phase6": "arithmetic, rpn, parentheses (the seeds' phase 6 experiment)",
    "all": "every registered family",
}

# Fixed problem sets rather than procedural families: name -> "module:function" returning list[Problem].
FIXED_SUITES: dict[str, str] = {
    "humaneval": "axiom.problems.humaneval:load_humaneval",
    "humaneval-mini": "axiom.problems.humaneval_mini:load_humaneval_mini",
}


def load_fixed_suite(name: str) -> list:
    """The problems of a fixed suite (`humaneval`, `humaneval-mini`)."""
    import importlib

    if name not in FIXED_SUITES:
        raise ConfigError(f"unknown fixed suite {name!r}; allowed: {', '.join(FIXED_SUITES)}")
    module, fn = FIXED_SUITES[name].split(":")
    return getattr(importlib.import_module(module), fn)()


def suite_families(suite: str) -> list[str]:
    if suite == "v2":
        return list(V2)
    if suite == "phase6":
        return list(PHASE6)
    if suite == "all":
        return list(registered_families())
    raise ConfigError(f"unknown suite {suite!r}; allowed: {', '.join(SUITES)}")


def resolve_families(suite: str | None = None, families: str | Sequence[str] | None = None) -> list[str]:
    """Families named explicitly (comma-separated or a list) win over the suite; all must be registered."""
    if families:
        names = [f.strip() for f in families.split(",")] if isinstance(families, str) else list(families)
        names = [n for n in names if n]
    else:
        names = suite_families(suite or "v2")
    for name in names:
        get_family(name)  # raises UnknownFamilyError with the known names
    if len(set(names)) != len(names):
        raise UnknownFamilyError(f"family listed twice in {names}")
    return names


def parse_difficulties(spec: str | int | Sequence[int]) -> list[int]:
    """'1,3,5,7,10', '3-7', '1-3,8' or a list of ints -> sorted distinct levels in 1-10."""
    if isinstance(spec, int):
        spec = [spec]
    if isinstance(spec, str):
        levels: list[int] = []
        for part in (p.strip() for p in spec.split(",")):
            try:
                if "-" in part:
                    lo, hi = (int(x) for x in part.split("-", 1))
                    levels.extend(range(lo, hi + 1))
                else:
                    levels.append(int(part))
            except ValueError:
                raise ConfigError(f"bad difficulty {part!r} in {spec!r}: use levels like '1,3,5' or "
                                  "ranges like '3-7'") from None
    else:
        levels = list(spec)
    bad = [lv for lv in levels if lv not in LEVELS]
    if bad or not levels:
        raise ConfigError(f"difficulties must be integers 1-10, got {spec!r}")
    return sorted(set(levels))
