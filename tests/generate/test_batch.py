"""axiom.generate.batch: the one sampling path. Progress moves within a batch, rows come out in problem order."""

from __future__ import annotations

from dataclasses import replace

import pytest

from axiom.generate.backend import Sampling
from axiom.generate.batch import Progress, generated_tokens, sample_and_verify, sample_rows
from axiom.problems.family import make_problem
from tests.generate.test_hf import CHATS

PROBLEMS = [make_problem("reverse_string", 1, "test", 3, i) for i in range(3)]


@pytest.mark.parametrize("engine", ["loop", "generate"])
@pytest.mark.parametrize("temperature", [1.0, 0.0])
def test_backend_progress_counts_every_sample_once_and_every_generated_token(tiny_model, engine, temperature):
    from axiom.generate.hf import HFBackend

    backend = HFBackend(tiny_model, batch_size=16, engine=engine)
    calls: list[tuple[int, int]] = []
    params = Sampling(n=3, temperature=temperature, max_new_tokens=12, seed=1)
    rows = backend.generate(CHATS, params, progress=lambda tokens, samples: calls.append((tokens, samples)))
    assert sum(s for _, s in calls) == len(CHATS) * 3          # greedy copies count as samples too
    if engine == "loop":
        assert len(calls) > 1                                   # it moves step by step, not once per batch
        assert sum(t for t, _ in calls) == generated_tokens(rows)


def test_sample_rows_keep_problem_order_and_number_each_problems_samples(tiny_backend):
    params = Sampling(n=2, temperature=1.0, max_new_tokens=6, seed=4)
    greedy = replace(params, n=1, temperature=0.0)
    # the greedy pass covers the last two problems only
    rows, timing = sample_rows(tiny_backend, PROBLEMS, [(greedy, PROBLEMS[1:]), (params, PROBLEMS)],
                               progress=False, mark_greedy=True)
    assert [(r["problem_id"], r["sample"], r.get("greedy", False)) for r in rows] == [
        (PROBLEMS[0].id, 0, False), (PROBLEMS[0].id, 1, False),
        (PROBLEMS[1].id, 0, True), (PROBLEMS[1].id, 1, False), (PROBLEMS[1].id, 2, False),
        (PROBLEMS[2].id, 0, True), (PROBLEMS[2].id, 1, False), (PROBLEMS[2].id, 2, False)]
    assert timing["generated_tokens"] == sum(r["tokens"] for r in rows) and timing["generation_s"] > 0


def test_sample_and_verify_merges_each_verdict_into_its_row(tiny_backend):
    rows, verdicts, timing = sample_and_verify(tiny_backend, PROBLEMS, [Sampling(n=2, max_new_tokens=6, seed=2)],
                                               progress=False)
    assert len(rows) == len(verdicts) == 6
    for row, v in zip(rows, verdicts, strict=True):
        assert (row["problem_id"], row["sample"]) == (v.problem_id, v.sample)
        assert {k: row[k] for k in v.row_fields()} == v.row_fields()
    assert set(timing) == {"generation_s", "verify_s", "generated_tokens", "tokens_per_s"}


def test_a_callers_bar_runs_across_calls_and_stays_open(tiny_backend):
    greedy = Sampling(n=1, temperature=0.0, max_new_tokens=4)
    with Progress(len(PROBLEMS), "calibrate", enabled=True) as bar:  # enabled: a disabled tqdm counts nothing
        sample_rows(tiny_backend, PROBLEMS[:1], [(greedy, PROBLEMS[:1])], bar=bar)
        assert bar.bar.n == 1 and not bar.bar.disable
        sample_and_verify(tiny_backend, PROBLEMS[1:], [greedy], progress=False, bar=bar)
        assert bar.bar.n == len(PROBLEMS)
