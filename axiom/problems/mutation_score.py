"""How much wrong code a family's hidden tests catch: the mutation score of one family at one level.

Every mutant of the family's reference solution (axiom/problems/mutants.py) is verified, in the
sandbox, against the hidden tests of a few problems of the level. A mutant that fails a problem's
tests is killed there; one that passes them survives. Whether a survivor is wrong code the tests
miss, or a program equivalent to the reference, is decided by a battery: a few hundred more inputs
drawn from the family at the same level (its edge cases and random inputs), answered by the
reference. A mutant that passes the battery and every problem is counted as equivalent and left
out; every other survival is a miss. The score is killed / (killed + missed) over (mutant, problem)
pairs, since the tests of each problem are what the reward sees.

What is not covered: equivalence is "equal on this level's inputs", so a mutant that errs only on
inputs the level never draws counts as equivalent, and one that errs only on rare inputs the battery
missed too counts as equivalent by mistake. A mutant that times out is killed, even one that is
merely slower than the reference (the verifier's time limit is the reward's rule as well).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from axiom.errors import AxiomError
from axiom.problems.family import Family, instance_rng, make_problem, to_json
from axiom.problems.mutants import Mutant, mutants
from axiom.problems.record import Problem, TestCase
from axiom.verify import Candidate, Verifier

CONSTANTS = ("0", "1", "-1", '""', "[]", "{}", "True", "False", "None")
SPLIT = "mutation"  # the split name that seeds problems and batteries (no training split is named so)


@dataclass
class LevelScore:
    """The outcome for one family at one level; counts of pairs are over (mutant, problem)."""

    family: str
    level: int
    problems: int
    mutants: int
    equivalent: int = 0
    """Mutants that pass every problem's tests and the battery."""
    killed: int = 0
    """(non-equivalent mutant, problem) pairs where the problem's tests fail the mutant."""
    missed: int = 0
    """(non-equivalent mutant, problem) pairs where they pass it."""
    battery: int = 0
    """Inputs in the battery."""
    survivors: list[dict] = field(default_factory=list)
    """Each non-equivalent mutant that passed some problem: operator, line, before/after, problems
    passed, and the first battery input it gets wrong."""
    constants_passing: list[dict] = field(default_factory=list)
    """Constant answers (`return 0`...) that pass a problem's tests: should be none."""
    seconds: float = 0.0

    @property
    def kill_rate(self) -> float | None:
        """killed / (killed + missed); None when every mutant is equivalent."""
        total = self.killed + self.missed
        return self.killed / total if total else None

    def to_dict(self) -> dict:
        return {"family": self.family, "level": self.level, "problems": self.problems, "mutants": self.mutants,
                "equivalent": self.equivalent, "killed": self.killed, "missed": self.missed,
                "kill_rate": self.kill_rate, "battery": self.battery, "survivors": self.survivors,
                "constants_passing": self.constants_passing, "seconds": round(self.seconds, 2)}


def level_problems(fam: Family, level: int, count: int, seed: int = 0, n_tests: int = 5) -> list[Problem]:
    """`count` problems of the level, as make_problem draws them (5 hidden tests each, as the suites use)."""
    return [make_problem(fam, level, SPLIT, seed, i, n_tests=n_tests) for i in range(count)]


def battery(fam: Family, level: int, size: int = 300, seed: int = 0) -> list[TestCase]:
    """Up to `size` distinct inputs of the level with the reference's answers: in each round the
    family's edge cases (a fresh draw) and four random inputs, so edges are a good share of them."""
    rng = instance_rng(fam.name, fam.version, level, f"{SPLIT}-battery", seed, 0)
    seen: set[str] = set()
    tests: list[TestCase] = []
    for _ in range(10 * size):
        for args in fam.edge_cases(rng, level) + [fam.sample_args(rng, level) for _ in range(4)]:
            key = repr(js := to_json(args))
            if key in seen or len(tests) >= size:
                continue
            seen.add(key)
            fam.check_args(*args)
            tests.append(TestCase(js, {}, to_json(fam.reference(*args))))
        if len(tests) >= size:
            break
    return tests


def constant_sources(fam: Family, problem: Problem) -> list[str]:
    """`return <constant>` for the usual constants and for the problem's commonest expected answer."""
    common = Counter(repr(t.expected) for t in problem.tests).most_common(1)[0][0]
    return [f"{fam.signature}:\n    return {c}\n" for c in dict.fromkeys((*CONSTANTS, common))]


def score_level(fam: Family, level: int, verifier: Verifier, problems: Sequence[Problem],
                found: Sequence[Mutant] | None = None, tests: Sequence[TestCase] | None = None) -> LevelScore:
    """Verify every mutant on every problem, then the survivors on the battery. `found` defaults to
    all mutants of the reference, `tests` to `battery(fam, level)`."""
    start = time.perf_counter()
    found = mutants(fam.reference_source) if found is None else list(found)
    tests = battery(fam, level) if tests is None else list(tests)
    score = LevelScore(fam.name, level, len(problems), len(found), battery=len(tests))
    sources = [m.source for m in found]
    # the reference first: a problem it fails would make every number below meaningless
    passed = _run(verifier, problems, [fam.reference_source, *sources])
    if not all(passed[0]):
        raise AxiomError(f"{fam.name} level {level}: the reference solution fails a hidden test; fix the family")
    passed = passed[1:]
    constants = list(dict.fromkeys(c for p in problems for c in constant_sources(fam, p)))
    score.constants_passing = [{"problem": p.id, "source": c.splitlines()[-1].strip()}
                               for c, row in zip(constants, _run(verifier, problems, constants), strict=True)
                               for p, ok in zip(problems, row, strict=True) if ok]
    survivors = [i for i, row in enumerate(passed) if any(row)]
    checks = _battery_problems(fam, level, problems[0], tests, verifier.limits.timeout_s)
    on_battery = _run(verifier, checks, [fam.reference_source] + [sources[i] for i in survivors], verdicts=True)
    if _first_failure(checks, on_battery[0]) is not None:
        raise AxiomError(f"{fam.name} level {level}: the reference fails its own battery "
                         f"({_first_failure(checks, on_battery[0])}); is the machine too loaded for the time limit?")
    failure = {i: _first_failure(checks, v) for i, v in zip(survivors, on_battery[1:], strict=True)}
    equivalent = {i for i in survivors if failure[i] is None and all(passed[i])}
    score.equivalent = len(equivalent)
    for i, row in enumerate(passed):
        if i not in equivalent:
            score.missed += sum(row)
            score.killed += len(row) - sum(row)
    for i in survivors:
        if i not in equivalent:
            m = found[i]
            score.survivors.append({"operator": m.operator, "line": m.line, "before": m.before, "after": m.after,
                                    "passes": sum(passed[i]), "of": len(problems), "battery_failure": failure[i]})
    score.seconds = time.perf_counter() - start
    return score


def _battery_problems(fam: Family, level: int, like: Problem, tests: Sequence[TestCase],
                      timeout_s: float) -> list[Problem]:
    """The battery cut into problems whose tests take the reference at most 5% of the time limit."""
    namespace: dict = {}
    exec(compile(fam.reference_source, f"<reference {fam.name}>", "exec"), namespace)
    reference = namespace[fam.entry_point]
    start = time.perf_counter()
    for t in tests:
        reference(*t.args)
    per_test = (time.perf_counter() - start) / max(len(tests), 1)
    size = max(1, min(100, int(0.05 * timeout_s / max(per_test, 1e-9))))
    return [replace(like, id=f"{fam.name}/d{level}/battery/{k}", tests=tuple(tests[k:k + size]))
            for k in range(0, len(tests), size)]


def _run(verifier: Verifier, problems: Sequence[Problem], sources: Sequence[str],
         verdicts: bool = False) -> list[list]:
    """For each source, one entry per problem: whether it passed, or with `verdicts` the Verdict."""
    table = {p.id: p for p in problems}
    cands = [Candidate(p.id, src, sample=s) for s, src in enumerate(sources) for p in problems]
    out: list[list] = [[] for _ in sources]
    for v in verifier.verify(table, cands):
        out[v.sample].append(v if verdicts else v.status == "passed")
    return out


def _first_failure(checks: Sequence[Problem], verdicts: Sequence) -> dict | None:
    """The first battery test a mutant fails: its input, the expected answer and what went wrong."""
    for check, v in zip(checks, verdicts, strict=True):
        for test, result in zip(check.tests, v.tests, strict=True):
            if not result["passed"]:
                error = re.sub(r"^test \d+: ", "", result["error"] or "")  # its index in a chunk means nothing
                return {"input": _short(test.args), "expected": _short(test.expected), "error": error}
    return None


def _short(value: object, limit: int = 160) -> str:
    """JSON text, its middle cut out past `limit` characters (a list's last arguments stay in sight)."""
    text = json.dumps(value)
    return text if len(text) <= limit else f"{text[:limit * 2 // 3]} ... {text[-limit // 3:]}"
