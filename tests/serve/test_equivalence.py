"""The verifier's adversarial suites through the service get the verdicts `axiom verify` gives.

Every hostile candidate of tests/verify/test_hostile.py (loops, bombs, forks, kills, verifier
crashers) and every reward hack of tests/verify/test_reward_hacks.py (on each problem it applies
to), with the reference solutions as the control, go once through `axiom serve` (VerifierClient,
two requests) and once through `axiom verify` on the same files, with the same limits. Verdicts
are compared whole, but for their timing (`duration_s`, and for a timeout how far the candidate
got before the clock stopped it) and their error texts (a candidate that forges a result frame
races the worker to two texts of the same runtime_error). Where they differ, the candidate is run
again both ways, up to three times: a verdict that both paths give on some run (under load, a slow
candidate that the clock stops on one run and not on the next) is no difference between them; any
other is.
"""

from __future__ import annotations

import json

import tests.verify.test_hostile as hostile
import tests.verify.test_reward_hacks as hacks
from axiom.cli import main
from axiom.problems.record import load_problems, save_problems
from axiom.serve.client import VerifierClient
from axiom.verify import Candidate, Limits, Verifier
from tests.serve.conftest import verdict_key

LIMITS = Limits(timeout_s=2.0, memory_mb=512)  # the session service's (tests/serve/conftest.py)


def suite() -> tuple[list, list[Candidate]]:
    problems = [hostile.DOUBLE, *hacks.ALL]
    cands: list[Candidate] = []

    def add(problem, completion: str) -> None:
        cands.append(Candidate(problem.id, completion, len(cands)))

    for code in [*hostile.TIMEOUTS.values(), *(c for c, _ in hostile.OTHERS.values()),
                 *(c for c, _ in hostile.NEEDS_CONTAINMENT.values()), *hostile.CRASHERS.values()]:
        add(hostile.DOUBLE, hostile.fence(code.replace("ENTRY", "double").replace("MARKER", hostile.MARKER)))
    for hack in hacks.HACKS:
        for problem in (hacks.IO_PROBLEMS if hack.io else []) + (hacks.CHECK_PROBLEMS if hack.check else []):
            add(problem, hacks.fence(hack.code.replace("ENTRY", problem.entry_point)))
    for problem in hacks.ALL:
        add(problem, hacks.fence(problem.reference_solution))
    return problems, cands


def brief(k: str) -> str:
    verdict = json.loads(k)
    return f"{verdict['status']} {verdict.get('passed_tests', '?')}/{verdict['total_tests']} {verdict['error']!r:.300}"


def test_the_adversarial_suites_get_the_verdicts_axiom_verify_gives(service, tmp_path):
    problems, cands = suite()
    save_problems(tmp_path / "p.jsonl", problems)
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(c.__dict__) + "\n" for c in cands))
    assert main(["verify", "--problems", str(tmp_path / "p.jsonl"), "--candidates", str(tmp_path / "c.jsonl"),
                 "-o", str(tmp_path / "v.jsonl"), "--workers", "2", "--timeout", str(LIMITS.timeout_s),
                 "--memory-mb", str(LIMITS.memory_mb)]) == 0
    local = [json.loads(line) for line in (tmp_path / "v.jsonl").read_text().splitlines()]
    client = VerifierClient(service.url, service.token, batch=200)
    remote = [v.to_dict() for v in client.verify(load_problems(tmp_path / "p.jsonl"), cands)]
    assert len(remote) == len(local) == len(cands)

    differ = [i for i in range(len(cands)) if verdict_key(remote[i]) != verdict_key(local[i])]
    here = {i: {verdict_key(local[i])} for i in differ}
    there = {i: {verdict_key(remote[i])} for i in differ}
    for _ in range(3 if differ else 0):  # a verdict both paths can give is no difference between them
        todo = [i for i in differ if not here[i] & there[i]]
        if not todo:
            break
        with Verifier(workers=2, limits=LIMITS) as v:
            for i, verdict in zip(todo, v.verify(problems, [cands[i] for i in todo]), strict=True):
                here[i].add(verdict_key(verdict.to_dict()))
        for i, verdict in zip(todo, client.verify(problems, [cands[i] for i in todo]), strict=True):
            there[i].add(verdict_key(verdict.to_dict()))
    really = [f"candidate {i} ({cands[i].problem_id}): service {' or '.join(sorted(map(brief, there[i])))}; "
              f"axiom verify {' or '.join(sorted(map(brief, here[i])))}\n{cands[i].completion}"
              for i in differ if not here[i] & there[i]]
    assert not really, "\n\n".join(really)
    print(f"{len(cands)} candidates; {len(differ)} verdicts differed on the first run and matched on a rerun "
          f"(timing, under load): {[cands[i].sample for i in differ]}")

    # and the suites' own verdicts: only the references pass, nothing is blamed on the verifier
    assert [c.sample for c, v in zip(cands, remote, strict=True) if v["status"] == "passed"] == \
        [c.sample for c in cands[-len(hacks.ALL):]]
    assert not [v for v in remote if v["status"] == "sandbox_error"]
