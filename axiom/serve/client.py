"""Thin clients of `axiom serve` for trainers, on the standard library (urllib) alone.

    client = VerifierClient("http://127.0.0.1:8765")   # the token from AXIOM_SERVE_TOKEN
    verdicts = client.verify(problems, candidates)      # Verdicts, in the candidates' order

- `ServiceReward("pass_rate" | "pass_all")`: a TRL reward function, `(completions, **kwargs) ->
  list[float | None]`. It reads the dataset column `problem` (problem records, dicts or JSON
  strings) or `problem_id` (ids, looked up in the problems given to it), as TRL passes columns.
- `compute_score(data_source, solution_str, ground_truth, extra_info=None)`: verl's custom reward
  function; `ground_truth` is the problem record (or `extra_info["problem"]`, or an id with
  `problems=` given as a reward kwarg). `compute_score_batch` is the batched form.

Both score with axiom.rewards' rules and batching (`RULES`, `verdicts`): a completion gets the same
reward whether the sandbox runs in the trainer's process or behind the service. A sandbox_error
(the verifier's fault) is None for TRL, which leaves it out of the group baseline; verl has no
such value, so there it scores 0.0, with a warning.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
import warnings
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from typing import Any

from axiom.errors import AxiomError
from axiom.problems.record import Problem, load_problems
from axiom.rewards import RULES, parse_problem, verdicts
from axiom.serve.wire import DEFAULT_PORT, TOKEN_ENV, URL_ENV, request_body
from axiom.verify.records import Candidate, Verdict

RETRY_STATUSES = (429, 502, 503, 504)


class ServeError(AxiomError):
    """The service refused a request, or could not be reached; `status` is the HTTP status (None: no answer)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class VerifierClient:
    """Calls `axiom serve`. Reuse one: its cache of verdicts is shared by the rewards built on it."""

    def __init__(self, url: str | None = None, token: str | None = None, batch: int = 1024,
                 timeout_s: float = 900.0, retries: int = 8) -> None:
        """`url` (default: $AXIOM_SERVE_URL, else http://127.0.0.1:8765) and `token` (default:
        $AXIOM_SERVE_TOKEN); `batch`: candidates per request (at most the service's --max-candidates);
        `timeout_s`: seconds to wait for one request's verdicts; `retries`: attempts after a 429, a
        502-504 or a refused connection, waiting Retry-After or 1, 2, 4 ... s (at most 30) between."""
        self.url = (url or os.environ.get(URL_ENV) or f"http://127.0.0.1:{DEFAULT_PORT}").rstrip("/")
        self.token = token or os.environ.get(TOKEN_ENV, "").strip()
        if not self.token:
            raise ServeError(f"no token for {self.url}: set {TOKEN_ENV} (the one the service was started with) "
                             "or pass token=")
        if batch < 1:
            raise ValueError(f"batch must be >= 1, got {batch}")
        self.batch, self.timeout_s, self.retries = batch, timeout_s, retries
        self.cache: OrderedDict = OrderedDict()

    def health(self) -> bool:
        """True when the service answers GET /health with {"status": "ok"}."""
        try:
            with urllib.request.urlopen(f"{self.url}/health", timeout=10) as r:
                return json.loads(r.read()) == {"status": "ok"}
        except (OSError, ValueError):
            return False

    def verify(self, problems: Mapping[str, Problem | dict] | Iterable[Problem | dict],
               candidates: Iterable[Candidate | dict]) -> list[Verdict]:
        """One Verdict per candidate, in order; sent `batch` candidates at a time with the problems they name."""
        table = problems if isinstance(problems, Mapping) else {_id(p): p for p in problems}
        cands = [Candidate.coerce(c, where=f"candidate {i}") for i, c in enumerate(candidates)]
        out: list[Verdict] = []
        for start in range(0, len(cands), self.batch):
            chunk = cands[start:start + self.batch]
            try:
                needed = [table[pid] for pid in dict.fromkeys(c.problem_id for c in chunk)]
            except KeyError as e:
                raise ServeError(f"unknown problem_id {e.args[0]!r}: it is not among the problems given") from None
            reply = self._post("/verify", request_body(needed, chunk))
            got = [_verdict(v) for v in reply["verdicts"]]
            if [(v.problem_id, v.sample) for v in got] != [(c.problem_id, c.sample) for c in chunk]:
                raise ServeError(f"{self.url} answered {len(got)} verdicts that do not match the {len(chunk)} "
                                 "candidates sent")
            out.extend(got)
        return out

    def _post(self, path: str, body: bytes) -> dict:
        request = urllib.request.Request(f"{self.url}{path}", data=body, method="POST", headers={
            "Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        for attempt in range(self.retries + 1):
            try:
                with urllib.request.urlopen(request, timeout=self.timeout_s) as r:
                    return json.loads(r.read())
            except urllib.error.HTTPError as e:
                detail = _detail(e)
                if e.code not in RETRY_STATUSES or attempt == self.retries:
                    raise ServeError(f"{self.url}{path}: {e.code} {detail}", e.code) from None
                wait = _retry_after(e.headers.get("Retry-After"), attempt)
            except (urllib.error.URLError, ConnectionError) as e:  # refused, reset: a restarting service
                if attempt == self.retries:
                    raise ServeError(f"{self.url}{path}: no answer ({getattr(e, 'reason', e)}); is `axiom serve` "
                                     "running there?") from None
                wait = _retry_after(None, attempt)
            time.sleep(wait)
        raise AssertionError("unreachable")


class ServiceReward:
    """A TRL reward function scored by `axiom serve`: `reward_funcs=[ServiceReward("pass_rate", client)]`."""

    def __init__(self, rule: str = "pass_rate", client: VerifierClient | None = None,
                 problems: str | os.PathLike | Iterable[Problem | dict] | None = None) -> None:
        """`rule`: pass_rate or pass_all (axiom.rewards.RULES); `client`: default VerifierClient();
        `problems`: a problem JSONL file or records, for datasets whose column is `problem_id`."""
        if rule not in RULES:
            raise ValueError(f"unknown rule {rule!r}; choose one of {sorted(RULES)}")
        self.rule, self.client = rule, client or VerifierClient()
        self.problems = _table(problems) if problems is not None else {}
        self.__name__ = f"{rule}_reward"  # TRL names a reward's logs after its function

    def __call__(self, completions: Sequence, problem: Sequence | None = None, problem_id: Sequence | None = None,
                 **kwargs: Any) -> list[float | None]:
        if problem is None:
            if problem_id is None:
                raise ValueError("the dataset needs a column 'problem' (problem records) or 'problem_id' (ids of "
                                 "the problems given to ServiceReward(problems=...))")
            problem = [_lookup(self.problems, pid) for pid in problem_id]
        score = RULES[self.rule]
        return [score(v) for v in verdicts(completions, problem, run=self.client.verify, cache=self.client.cache)]


def compute_score(data_source: str, solution_str: str, ground_truth: Any, extra_info: dict | None = None,
                  **kwargs: Any) -> float:
    """verl's custom reward function (`custom_reward_function.path` = this file's path, `.name` = compute_score).

    `ground_truth` is the problem record (a dict or JSON string) or its id; `extra_info["problem"]`,
    when present, is used instead. Reward kwargs: `rule` (pass_rate, pass_all), `url`, `problems` (a
    problem JSONL file, for ids)."""
    return compute_score_batch([data_source], [solution_str], [ground_truth], [extra_info], **kwargs)[0]


def compute_score_batch(data_sources: Sequence[str], solution_strs: Sequence[str], ground_truths: Sequence[Any],
                        extra_infos: Sequence[dict | None] | None = None, rule: str = "pass_rate",
                        url: str | None = None, problems: str | None = None, **kwargs: Any) -> list[float]:
    """The batched form, for verl's batch reward manager: one request for the whole batch."""
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; choose one of {sorted(RULES)}")
    client = _clients.get(url) or _clients.setdefault(url, VerifierClient(url))
    table = _table(problems) if problems else {}
    extras = extra_infos or [None] * len(ground_truths)
    records = [(x or {}).get("problem") or _record(gt, table) for gt, x in zip(ground_truths, extras, strict=True)]
    scores = [RULES[rule](v) for v in verdicts(solution_strs, records, run=client.verify, cache=client.cache)]
    if None in scores:
        warnings.warn("the verifier failed on some completions (sandbox_error, not the model's fault); verl has no "
                      "'no reward', so they score 0.0", stacklevel=2)
    return [0.0 if s is None else s for s in scores]


_VERDICT_FIELDS = tuple(f.name for f in fields(Verdict))
_clients: dict[str | None, VerifierClient] = {}
_tables: dict[str, dict[str, Problem]] = {}


def _table(problems: str | os.PathLike | Iterable[Problem | dict]) -> dict[str, Problem]:
    if isinstance(problems, (str, os.PathLike)):
        key = os.fspath(problems)
        if key not in _tables:
            _tables[key] = {p.id: p for p in load_problems(key)}
        return _tables[key]
    return {p.id: p for p in map(parse_problem, problems)}


def _record(ground_truth: Any, table: dict[str, Problem]) -> Problem | dict | str:
    if isinstance(ground_truth, str) and not ground_truth.lstrip().startswith("{"):
        return _lookup(table, ground_truth)
    return ground_truth


def _lookup(table: dict[str, Problem], pid: str) -> Problem:
    if pid not in table:
        raise ValueError(f"problem id {pid!r} is not among the problems given (problems=...)"
                         if table else f"got the problem id {pid!r} but no problems to look it up in: pass "
                                       "problems= (a problem JSONL file or records)")
    return table[pid]


def _verdict(row: dict) -> Verdict:
    # fields a newer service may add are left out, as readers of the formats do
    return Verdict(**{k: row[k] for k in _VERDICT_FIELDS if k in row})


def _id(p: Problem | dict) -> str:
    return p.id if isinstance(p, Problem) else p["id"]


def _detail(e: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(e.read())["detail"])
    except (OSError, ValueError, KeyError, TypeError):
        return e.reason or ""


def _retry_after(header: str | None, attempt: int) -> float:
    try:
        return min(30.0, max(0.0, float(header)))
    except (TypeError, ValueError):
        return min(30.0, 2.0 ** attempt)
