"""The verifier's records: resource limits, a candidate to check, and its verdict (DESIGN.md formats)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from axiom.errors import AxiomError, ConfigError

STATUSES = ("passed", "wrong_answer", "runtime_error", "timeout", "memory_limit",
            "syntax_error", "no_code", "sandbox_error")
ERROR_CHARS = 500
# the verdict's fields that a sample row carries (`Verdict.row_fields`); the per-test results stay out
ROW_FIELDS = ("status", "passed_tests", "total_tests", "score", "error", "duration_s")
# An hour per candidate. Far larger values (1e7 s) overflow the workers' waits: every verdict a sandbox_error.
MAX_TIMEOUT_S = 3600.0
MIN_MEMORY_MB = 64      # a Python child needs ~30 MiB


def check_timeout(value: object, key: str = "timeout_s") -> None:
    """The one rule for a candidate's time limit: `--timeout`, `verify.timeout_s`, `Limits.timeout_s`."""
    if not (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            and 0 < value <= MAX_TIMEOUT_S):
        raise ConfigError(f"{key} must be a number of seconds in (0, {MAX_TIMEOUT_S:g}], got {value!r}")


def check_memory(value: object, key: str = "memory_mb") -> None:
    """The one rule for a candidate's memory limit: `--memory-mb`, `verify.memory_mb`, `Limits.memory_mb`."""
    if not isinstance(value, int) or isinstance(value, bool) or value < MIN_MEMORY_MB:
        raise ConfigError(f"{key} must be an integer >= {MIN_MEMORY_MB} (MiB; a Python child needs ~30), "
                          f"got {value!r}")


def check_workers(value: object, key: str = "workers") -> None:
    """The one rule for sandbox workers: `--workers`, `verify.workers`; None means one per core."""
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise ConfigError(f"{key} must be an integer >= 1 (sandbox worker processes), got {value!r}")


@dataclass(frozen=True)
class Limits:
    """What one candidate may use. Hashable: the module-level `verify()` keeps one pool per Limits."""

    timeout_s: float = 3.0
    """Wall clock for one candidate, all its tests together (CPU time is capped at ceil(timeout)+1 s)."""
    memory_mb: int = 1024
    """Address space (RLIMIT_AS) of the sandboxed child, in MiB."""
    output_bytes: int = 1 << 20
    """Most bytes the child may send back (results; printed text is discarded)."""
    float_tol: float = 1e-6
    """Floats are equal when math.isclose(rel_tol=tol, abs_tol=tol)."""

    def __post_init__(self) -> None:
        check_timeout(self.timeout_s, "Limits.timeout_s")
        check_memory(self.memory_mb, "Limits.memory_mb")
        if not isinstance(self.output_bytes, int) or self.output_bytes < 1024:
            raise AxiomError(f"Limits.output_bytes must be an integer >= 1024, got {self.output_bytes!r}")
        if not (isinstance(self.float_tol, (int, float)) and self.float_tol >= 0):
            raise AxiomError(f"Limits.float_tol must be a number >= 0, got {self.float_tol!r}")


@dataclass
class Candidate:
    """One completion for one problem (DESIGN.md candidate record)."""

    problem_id: str
    completion: str
    sample: int = 0

    @classmethod
    def coerce(cls, c: Any, where: str = "candidate") -> Candidate:
        """A Candidate from itself or a dict; AxiomError naming `where` for anything malformed."""
        if isinstance(c, Candidate):
            d = {"problem_id": c.problem_id, "completion": c.completion, "sample": c.sample}
        elif isinstance(c, dict):
            d = c
        else:
            raise AxiomError(f"{where}: expected a candidate object, got {type(c).__name__}")
        if not isinstance(d.get("problem_id"), str):
            raise AxiomError(f"{where}: 'problem_id' must be a string, got {d.get('problem_id')!r:.60}")
        if not isinstance(d.get("completion"), str):
            raise AxiomError(f"{where}: 'completion' must be a string, got {type(d.get('completion')).__name__}")
        sample = d.get("sample", 0)
        if not isinstance(sample, int) or isinstance(sample, bool):
            raise AxiomError(f"{where}: 'sample' must be an integer, got {sample!r:.60}")
        return cls(d["problem_id"], d["completion"], sample)


@dataclass
class Verdict:
    """The DESIGN.md verdict record, plus one {"passed", "status", "error"} entry per test."""

    problem_id: str
    sample: int
    status: str
    passed_tests: int
    total_tests: int
    score: float
    error: str | None
    duration_s: float
    tests: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        # The one place where text a candidate chose (its exceptions, its values) becomes writable.
        self.error = trim(self.error)
        for t in self.tests:
            t["error"] = trim(t.get("error"))

    def to_dict(self) -> dict:
        return asdict(self)

    def row_fields(self) -> dict:
        """What a sample row keeps of its verdict (`ROW_FIELDS`)."""
        return {f: getattr(self, f) for f in ROW_FIELDS}


def status_counts(statuses: Iterable[str]) -> dict[str, int]:
    """How many of each status, by name; statuses that never occur are left out."""
    return dict(sorted(Counter(statuses).items()))


def sample_row(candidate: dict, verdict: Verdict) -> dict:
    """A candidate line with its verdict merged in: the sample rows that `axiom eval` writes and training reads."""
    return {**candidate, **verdict.row_fields()}


def trim(text: str | None, limit: int = ERROR_CHARS) -> str | None:
    """Error messages go into JSONL files and training logs: short, and valid UTF-8 (a candidate's lone
    surrogate, which no UTF-8 writer accepts, becomes the text of its escape, e.g. '\\ud800')."""
    if text is None:
        return None
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text
