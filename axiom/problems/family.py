"""Problem families: one class per family, registered once, and the pure function that makes an instance.

A problem is a pure function of (family, generator version, difficulty, split, seed, index):
`make_problem` derives its random stream from a SHA-256 of those six values, so neighbouring
seeds or indices share nothing, and the same arguments give the same bytes in any process.
"""

from __future__ import annotations

import hashlib
import json
import random
from typing import Any, ClassVar

from axiom.errors import CapacityError, UnknownFamilyError
from axiom.problems.record import Problem, TestCase

LEVELS = range(1, 11)
# The skill a family exercises; `axiom problems list` groups by it.
CATEGORIES = ("strings", "lists", "dicts_sets", "math", "parsing", "recursion_dp", "simulation", "grids_graphs",
              "sorting_searching", "bits_encodings")
_REGISTRY: dict[str, Family] = {}


class Family:
    """Base class. Subclasses set the class attributes and implement `sample_args`.

    `edge_cases(rng, difficulty)` returns inputs the level must test (empty input, a single
    element, negatives...); they lead the hidden tests. `check_args` asserts the family's
    input contract (e.g. two_sum has exactly one answer) and is run on every generated input.
    `reference_source` is the canonical solution: it is written to each record and, unless a
    family overrides `reference` (the shared family test checks that the two agree), it is what
    computes the expected outputs.
    """

    name: ClassVar[str] = ""
    version: ClassVar[int] = 1
    entry_point: ClassVar[str]
    signature: ClassVar[str]
    description: ClassVar[str]
    levels: ClassVar[dict[int, str]]
    reference_source: ClassVar[str]
    category: ClassVar[str]
    wrong_sources: ClassVar[tuple[str, ...]] = ()
    """Plausible wrong solutions (each defines `entry_point`); the shared family test checks that every
    one fails a hidden test somewhere in levels 1-10, i.e. that the tests catch these mistakes."""
    level_rules: ClassVar[dict[int, str]] = {}
    """Sentences of the task that hold from a level on, {6: "With the optional argument k, ..."}: a problem's
    prompt states the description and the rules of its level and below, so the prompt of an easy level does
    not describe what only harder levels test (the default model reads every sentence as something to do)."""
    few_inputs: ClassVar[str] = ""
    """Why this family's task has only thousands of inputs a level, not tens of thousands (roman_to_int:
    one numeral up to 3999). The shared test then asks for a smaller input space; a split larger than it
    stops with a CapacityError. Empty for every family that can batch or widen its inputs."""

    def __init__(self) -> None:
        namespace: dict[str, Any] = {}
        exec(compile(self.reference_source, f"<reference {self.name}>", "exec"), namespace)
        self._reference = namespace[self.entry_point]

    def describe(self, difficulty: int) -> str:
        """The task as a problem of this level states it: the description, then the rules of levels up to it."""
        rules = [rule.strip() for level, rule in sorted(self.level_rules.items()) if level <= difficulty]
        return "\n".join([self.description.strip(), *rules])

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        raise NotImplementedError

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        return []

    def check_args(self, *args: Any) -> None:
        """Raise AssertionError when `args` break the family's input contract."""

    def stated(self, args: list) -> bool:
        """True for an input whose expected answer the description states, which every split may test.

        to_base's description says 'Zero is "0" in every base': a model that has read the prompt knows
        that answer, so testing it in training and held-out problems alike leaks nothing (see splits.py).
        """
        return False

    def reference(self, *args: Any) -> Any:
        return self._reference(*args)


def register_family(name: str):
    """Class decorator: `@register_family("rpn")` makes the family available by name."""

    def decorate(cls: type[Family]) -> type[Family]:
        if name in _REGISTRY:
            raise ValueError(f"family {name!r} registered twice")
        cls.name = name
        missing = [a for a in ("entry_point", "signature", "description", "levels", "reference_source", "category")
                   if not hasattr(cls, a)]
        if missing:
            raise TypeError(f"family {name!r} lacks {missing}")
        if sorted(cls.levels) != list(LEVELS):
            raise TypeError(f"family {name!r} must document levels 1-10, has {sorted(cls.levels)}")
        if cls.category not in CATEGORIES:
            raise TypeError(f"family {name!r}: category {cls.category!r} is not one of {', '.join(CATEGORIES)}")
        if not set(cls.level_rules) <= set(LEVELS) - {1}:
            raise TypeError(f"family {name!r}: level_rules are for levels 2-10 (level 1's belong in the description)")
        if not cls.signature.startswith(f"def {cls.entry_point}("):
            raise TypeError(f"family {name!r}: signature must define {cls.entry_point}")
        _REGISTRY[name] = cls()
        return cls

    return decorate


def _load_builtin_families() -> None:
    import axiom.problems.families  # noqa: F401  (each module registers itself on import)


def registered_families() -> dict[str, Family]:
    _load_builtin_families()
    return dict(sorted(_REGISTRY.items()))


def get_family(name: str) -> Family:
    _load_builtin_families()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownFamilyError(
            f"unknown family {name!r}; known families: {', '.join(sorted(_REGISTRY))}") from None


def instance_rng(family: str, version: int, difficulty: int, split: str, seed: int, index: int) -> random.Random:
    # A stable hash, not Random(seed + index): neighbouring seeds must not share items.
    key = f"{family}|{version}|{difficulty}|{split}|{seed}|{index}".encode()
    return random.Random(int.from_bytes(hashlib.sha256(key).digest()[:16], "big"))


def input_key(args: tuple | list) -> str:
    """Canonical text of one input, used to keep inputs distinct within and across splits."""
    return json.dumps(to_json(args), separators=(",", ":"), ensure_ascii=False)


_SCALARS = frozenset({int, str, float, bool, type(None)})


def to_json(value: Any) -> Any:
    """Tuples become lists; everything else must already be a JSON value."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if not isinstance(value, (list, tuple)):
        return value
    if _SCALARS.issuperset(map(type, value)):  # most inputs are flat lists: nothing inside to convert
        return list(value)
    return [to_json(v) for v in value]


def make_problem(family: str | Family, difficulty: int, split: str, seed: int, index: int,
                 n_tests: int = 5, n_examples: int = 2) -> Problem:
    """The problem at (family, difficulty, split, seed, index): same arguments, same problem."""
    fam = get_family(family) if isinstance(family, str) else family
    if difficulty not in LEVELS:
        raise ValueError(f"difficulty must be 1-10, got {difficulty}")
    rng = instance_rng(fam.name, fam.version, difficulty, split, seed, index)
    # Inputs travel with their JSON form: it is what the record stores, and == on it tells inputs apart.
    seen: list[list] = []
    edges = []
    for args in fam.edge_cases(rng, difficulty):
        js = to_json(args)
        if js not in seen:
            seen.append(js)
            edges.append((args, js))
    edges = edges[:n_tests]
    randoms: list[tuple[tuple, list]] = []
    need = n_tests + n_examples - len(edges)
    for _ in range(50 * need):
        if len(randoms) == need:
            break
        args = fam.sample_args(rng, difficulty)
        js = to_json(args)
        if js not in seen:
            seen.append(js)
            randoms.append((args, js))
    if len(randoms) < need:
        raise CapacityError(f"{fam.name} level {difficulty}: could not draw {need} distinct inputs")
    examples, hidden = randoms[:n_examples], edges + randoms[n_examples:]
    for args, _ in examples + hidden:
        fam.check_args(*args)
    answers = [fam.reference(*args) for args, _ in examples]
    expected = [to_json(fam.reference(*args)) for args, _ in hidden]
    _spread_answers(fam, difficulty, rng, hidden, expected, len(edges), seen)
    tests = tuple(TestCase(js, {}, e) for (_, js), e in zip(hidden, expected, strict=True))
    return Problem(
        id=f"{fam.name}/d{difficulty}/{split}/{index:06d}", family=fam.name, difficulty=difficulty,
        prompt=render_prompt(fam, difficulty, [args for args, _ in examples], answers), entry_point=fam.entry_point,
        signature=fam.signature, tests=tests, test_code=None, reference_solution=fam.reference_source,
        meta={"generator_version": fam.version, "split": split, "seed": seed, "index": index,
              "examples": [{"args": js, "expected": to_json(answer)}
                           for (_, js), answer in zip(examples, answers, strict=True)]},
    )


def _spread_answers(fam: Family, difficulty: int, rng: random.Random, hidden: list[tuple[tuple, Any]],
                    expected: list[Any], n_edges: int, seen: list) -> None:
    """Redraw random tests (in place) until no answer is expected by more than all but two tests.

    Hidden tests that all expect one value are passed by `return <that value>`: a reward the model
    learns to take (seen for `-1` in binary_search, `True` in is_palindrome). Edge cases are kept;
    random tests carrying the commonest answer are swapped for fresh inputs with another answer.
    """
    limit = len(expected) - 2
    if limit < 1:
        return
    for _ in range(40 * len(expected)):
        top = max(expected, key=expected.count)
        if expected.count(top) <= limit:
            return
        spare = [i for i in range(n_edges, len(hidden)) if expected[i] == top]
        if not spare:
            return  # the edge cases alone repeat it: nothing random to swap
        args = fam.sample_args(rng, difficulty)
        js = to_json(args)
        if js in seen:
            continue
        fam.check_args(*args)
        answer = to_json(fam.reference(*args))
        if answer == top:
            continue
        seen.append(js)
        hidden[spare[-1]] = (args, js)
        expected[spare[-1]] = answer


def render_prompt(fam: Family, difficulty: int, examples: list[tuple], expected: list[Any]) -> str:
    """The task as the level states it, the signature and worked examples with their answers."""
    shown = "\n".join(f">>> {fam.entry_point}({', '.join(map(repr, a))})\n{e!r}"
                      for a, e in zip(examples, expected, strict=True))
    return (f"{fam.describe(difficulty)}\n\nWrite a Python function with this signature:\n\n{fam.signature}:\n\n"
            f"Examples:\n\n{shown}\n")
