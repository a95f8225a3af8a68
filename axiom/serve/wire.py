"""The wire contract of `axiom serve` (docs/serve.md), apart from the web framework.

    GET  /health                                   -> 200 {"status": "ok"}
    POST /verify  Authorization: Bearer <token>
         {"problems": [problem records], "candidates": [candidate records]}
                                                   -> 200 {"verdicts": [verdict records]}

Records are those of docs/formats.md; the verdicts come in the candidates' order, each the line
`axiom verify` writes for it. A request that breaks the contract is a WireError carrying the HTTP
status and a message naming the first thing wrong: 400 (the body is not a JSON object), 422 (a
record, a duplicate or unknown problem id), 413 (too large), 401 (the token), 429 (too often).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from axiom.errors import AxiomError, ConfigError
from axiom.problems.record import Problem
from axiom.verify.records import Candidate, Verdict

TOKEN_ENV = "AXIOM_SERVE_TOKEN"
URL_ENV = "AXIOM_SERVE_URL"
DEFAULT_PORT = 8765
FIELDS = ("problems", "candidates")


class WireError(Exception):
    """A request the service refuses: `status` is the HTTP status, the message says what to fix."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


@dataclass(frozen=True)
class ServeLimits:
    """What the service accepts from one client."""

    max_body_bytes: int = 32 * 1024 * 1024
    """Largest request body in bytes (413 past it). 4,096 candidates of 2 KB with their problems are ~10 MB."""
    max_candidates: int = 4096
    """Most candidates in one request (413 past it); clients split larger batches."""
    rate: float = 20.0
    """Requests per second one client address may make to /verify, on average (429 past it); 0: no limit."""
    burst: int = 40
    """Requests one client address may make at once before `rate` applies."""

    def __post_init__(self) -> None:
        if not isinstance(self.max_body_bytes, int) or self.max_body_bytes < 1024:
            raise ConfigError(f"the body limit (--max-body-mb) must be at least 1 KiB, got {self.max_body_bytes!r} "
                              "bytes")
        if not isinstance(self.max_candidates, int) or isinstance(self.max_candidates, bool) or self.max_candidates < 1:
            raise ConfigError(f"--max-candidates must be an integer >= 1, got {self.max_candidates!r}")
        if not isinstance(self.rate, (int, float)) or not 0 <= self.rate < float("inf"):
            raise ConfigError(f"--rate-limit must be a number of requests per second >= 0, got {self.rate!r}")
        if not isinstance(self.burst, int) or isinstance(self.burst, bool) or self.burst < 1:
            raise ConfigError(f"--rate-burst must be an integer >= 1, got {self.burst!r}")


def parse_batch(body: bytes, max_candidates: int) -> tuple[dict[str, Problem], list[Candidate]]:
    """The problems (by id) and candidates of a /verify body, checked as `axiom verify` checks its files."""
    try:
        obj = json.loads(body)
    except (ValueError, RecursionError) as e:  # UnicodeDecodeError is a ValueError
        raise WireError(400, f"the body is not JSON: {e}") from None
    if not isinstance(obj, dict):
        raise WireError(400, f"the body must be a JSON object with {' and '.join(map(repr, FIELDS))}, "
                             f"got {type(obj).__name__}")
    unknown = sorted(set(obj) - set(FIELDS))
    if unknown:
        raise WireError(422, f"unknown field(s) {unknown} in the body; it holds only {list(FIELDS)}")
    for name in FIELDS:
        if not isinstance(obj.get(name), list):
            raise WireError(422, f"'{name}' must be a list of {name[:-1]} records, got "
                                 f"{type(obj.get(name)).__name__ if name in obj else 'nothing'}")
    raw = obj["candidates"]
    if len(raw) > max_candidates:
        raise WireError(413, f"{len(raw)} candidates in one request; this service takes at most {max_candidates} "
                             "(split the batch)")
    problems: dict[str, Problem] = {}
    first: dict[str, int] = {}
    try:
        for i, record in enumerate(obj["problems"]):
            p = Problem.from_dict(record, where=f"problems[{i}]")
            if p.id in problems:
                raise WireError(422, f"problems[{i}]: duplicate id {p.id!r} (first at problems[{first[p.id]}])")
            problems[p.id], first[p.id] = p, i
        candidates = [Candidate.coerce(c, where=f"candidates[{i}]") for i, c in enumerate(raw)]
    except AxiomError as e:
        raise WireError(422, str(e)) from None
    for i, c in enumerate(candidates):
        if c.problem_id not in problems:
            raise WireError(422, f"candidates[{i}]: unknown problem_id {c.problem_id!r}; it is not in 'problems'")
    return problems, candidates


def request_body(problems: Iterable[Problem | dict], candidates: Iterable[Candidate | dict]) -> bytes:
    """A /verify body (what the clients send)."""
    return encode({"problems": [p.to_dict() if isinstance(p, Problem) else p for p in problems],
                   "candidates": [{"problem_id": c.problem_id, "completion": c.completion, "sample": c.sample}
                                  if isinstance(c, Candidate) else c for c in candidates]})


def verdicts_body(verdicts: Iterable[Verdict]) -> bytes:
    return encode({"verdicts": [v.to_dict() for v in verdicts]})


def error_body(message: str) -> bytes:
    return encode({"detail": message})


def encode(obj: object) -> bytes:
    # ASCII escapes: a lone surrogate in a client's id (JSON allows "\ud800") cannot break the response
    return json.dumps(obj).encode("ascii")
