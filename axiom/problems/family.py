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
_REGISTRY: dict[str, Family] = {}


class Family:
    """Base class. Subclasses set the class attributes and implement `sample_args`.

    `edge_cases(rng, difficulty)` returns inputs the level must test (empty input, a single
    element, negatives...); they lead the hidden tests. `check_args` asserts the family's
    input contract (e.g. two_sum has exactly one answer) and is run on every generated input.
    `reference_source` is the canonical solution: it is written to each record and, unless a
    family overrides `reference`, it is what computes the expected outputs.
    """

    name: ClassVar[str] = ""
    version: ClassVar[int] = 1
    entry_point: ClassVar[str]
    signature: ClassVar[str]
    description: ClassVar[str]
    levels: ClassVar[dict[int, str]]
    reference_source: ClassVar[str]

    def __init__(self) -> None:
        namespace: dict[str, Any] = {}
        exec(compile(self.reference_source, f"<reference {self.name}>", "exec"), namespace)
        self._reference = namespace[self.entry_point]

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        raise NotImplementedError

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        return []

    def check_args(self, *args: Any) -> None:
        """Raise AssertionError when `args` break the family's input contract."""

    def reference(self, *args: Any) -> Any:
        return self._reference(*args)


def register_family(name: str):
    """Class decorator: `@register_family("rpn")` makes the family available by name."""

    def decorate(cls: type[Family]) -> type[Family]:
        if name in _REGISTRY:
            raise ValueError(f"family {name!r} registered twice")
        cls.name = name
        missing = [a for a in ("entry_point", "signature", "description", "levels", "reference_source")
                   if not hasattr(cls, a)]
        if missing:
            raise TypeError(f"family {name!r} lacks {missing}")
        if sorted(cls.levels) != list(LEVELS):
            raise TypeError(f"family {name!r} must document levels 1-10, has {sorted(cls.levels)}")
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


def to_json(value: Any) -> Any:
    """Tuples become lists; everything else must already be a JSON value."""
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


def make_problem(family: str | Family, difficulty: int, split: str, seed: int, index: int,
                 n_tests: int = 5, n_examples: int = 2) -> Problem:
    """The problem at (family, difficulty, split, seed, index): same arguments, same problem."""
    fam = get_family(family) if isinstance(family, str) else family
    if difficulty not in LEVELS:
        raise ValueError(f"difficulty must be 1-10, got {difficulty}")
    rng = instance_rng(fam.name, fam.version, difficulty, split, seed, index)
    seen: set[str] = set()
    edges = _distinct(fam.edge_cases(rng, difficulty), seen)[:n_tests]
    randoms: list[tuple] = []
    need = n_tests + n_examples - len(edges)
    for _ in range(50 * need):
        if len(randoms) == need:
            break
        randoms += _distinct([fam.sample_args(rng, difficulty)], seen)
    else:
        if len(randoms) < need:
            raise CapacityError(f"{fam.name} level {difficulty}: could not draw {need} distinct inputs")
    examples, hidden = randoms[:n_examples], edges + randoms[n_examples:]
    for args in examples + hidden:
        fam.check_args(*args)
    tests = tuple(TestCase(args=to_json(a), expected=to_json(fam.reference(*a))) for a in hidden)
    return Problem(
        id=f"{fam.name}/d{difficulty}/{split}/{index:06d}", family=fam.name, difficulty=difficulty,
        prompt=render_prompt(fam, examples), entry_point=fam.entry_point, signature=fam.signature,
        tests=tests, test_code=None, reference_solution=fam.reference_source,
        meta={"generator_version": fam.version, "split": split, "seed": seed, "index": index,
              "examples": [{"args": to_json(a), "expected": to_json(fam.reference(*a))} for a in examples]},
    )


def _distinct(inputs: list[tuple], seen: set[str]) -> list[tuple]:
    out = []
    for args in inputs:
        key = input_key(args)
        if key not in seen:
            seen.add(key)
            out.append(args)
    return out


def render_prompt(fam: Family, examples: list[tuple]) -> str:
    shown = "\n".join(f">>> {fam.entry_point}({', '.join(map(repr, a))})\n{fam.reference(*a)!r}"
                      for a in examples)
    return (f"{fam.description.strip()}\n\nWrite a Python function with this signature:\n\n"
            f"{fam.signature}:\n\nExamples:\n\n{shown}\n")
