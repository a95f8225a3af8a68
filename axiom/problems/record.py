"""The problem record of DESIGN.md, with JSONL I/O that names the bad line and field."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from typing import Any

from axiom.errors import ProblemFormatError
from axiom.jsonl import read_jsonl, write_jsonl


@dataclass(frozen=True)
class TestCase:
    """One hidden I/O test: call the entry point with args/kwargs, expect `expected` (JSON values)."""

    args: list
    kwargs: dict = field(default_factory=dict)
    expected: Any = None


@dataclass(frozen=True)
class Problem:
    id: str
    family: str
    difficulty: int
    prompt: str
    entry_point: str
    signature: str = ""
    tests: tuple[TestCase, ...] = ()
    test_code: str | None = None
    reference_solution: str | None = None
    meta: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["tests"] = [asdict(t) for t in self.tests]
        return d

    @classmethod
    def from_dict(cls, d: Any, where: str = "problem") -> Problem:
        """Build and validate; `where` (e.g. 'file.jsonl:12') prefixes every error message."""
        if not isinstance(d, dict):
            raise ProblemFormatError(f"{where}: expected a JSON object, got {type(d).__name__}")
        unknown = set(d) - _FIELDS
        if unknown:
            raise ProblemFormatError(
                f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(_FIELDS)}")
        for name, types in _REQUIRED.items():
            if name not in d:
                raise ProblemFormatError(f"{where}: missing required field '{name}'")
            _expect(d, name, types, where)
        for name, types in _OPTIONAL.items():
            if d.get(name) is not None:
                _expect(d, name, types, where)
        if isinstance(d["difficulty"], bool):
            raise ProblemFormatError(f"{where}: field 'difficulty' must be an integer, got a boolean")
        if not d["entry_point"].isidentifier():
            raise ProblemFormatError(f"{where}: field 'entry_point' must be a Python identifier, "
                                     f"got {d['entry_point']!r}")
        tests = tuple(_test_case(t, f"{where}: tests[{i}]") for i, t in enumerate(d.get("tests") or []))
        if not tests and not d.get("test_code"):
            raise ProblemFormatError(f"{where}: a problem needs 'tests' or 'test_code'; it has neither")
        return cls(id=d["id"], family=d["family"], difficulty=d["difficulty"], prompt=d["prompt"],
                   entry_point=d["entry_point"], signature=d.get("signature") or "", tests=tests,
                   test_code=d.get("test_code"), reference_solution=d.get("reference_solution"),
                   meta=d.get("meta") or {})


_REQUIRED = {"id": str, "family": str, "difficulty": int, "prompt": str, "entry_point": str}
_OPTIONAL = {"signature": str, "tests": list, "test_code": str, "reference_solution": str, "meta": dict}
_FIELDS = set(_REQUIRED) | set(_OPTIONAL)


def _expect(d: dict, name: str, types: type, where: str) -> None:
    if not isinstance(d[name], types):
        raise ProblemFormatError(f"{where}: field '{name}' must be {types.__name__}, "
                                 f"got {type(d[name]).__name__} ({d[name]!r:.60})")


def _test_case(t: Any, where: str) -> TestCase:
    if not isinstance(t, dict):
        raise ProblemFormatError(f"{where}: expected an object with 'args' and 'expected'")
    extra = set(t) - {"args", "kwargs", "expected"}
    if extra:
        raise ProblemFormatError(f"{where}: unknown field(s) {sorted(extra)}; allowed: args, kwargs, expected")
    if "expected" not in t:
        raise ProblemFormatError(f"{where}: missing 'expected'")
    args, kwargs = t.get("args", []), t.get("kwargs", {}) or {}
    if not isinstance(args, list):
        raise ProblemFormatError(f"{where}: 'args' must be a list, got {type(args).__name__}")
    if not isinstance(kwargs, dict):
        raise ProblemFormatError(f"{where}: 'kwargs' must be an object, got {type(kwargs).__name__}")
    return TestCase(args=args, kwargs=kwargs, expected=t["expected"])


def load_problems(path: str | os.PathLike) -> list[Problem]:
    """Read a problem JSONL file; a malformed line raises ProblemFormatError naming file, line and field."""
    if not os.path.exists(path):
        raise ProblemFormatError(f"{path}: no such problem file")
    problems, seen = [], {}
    try:
        for lineno, obj in read_jsonl(path):
            p = Problem.from_dict(obj, where=f"{path}:{lineno}")
            if p.id in seen:
                raise ProblemFormatError(f"{path}:{lineno}: duplicate id {p.id!r} (first on line {seen[p.id]})")
            seen[p.id] = lineno
            problems.append(p)
    except ValueError as e:
        raise ProblemFormatError(str(e)) from None
    return problems


def save_problems(path: str | os.PathLike, problems: list[Problem]) -> int:
    return write_jsonl(path, (p.to_dict() for p in problems))
