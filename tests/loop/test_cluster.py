"""The loop on a Ray cluster started by the test on this machine (a head and a second node process): the same
metrics and samples as on one machine with the same seeds, and the same verdicts when a verification actor is
killed mid-stage."""

from __future__ import annotations

import json

import pytest

from tests.loop.conftest import tiny_config
from tests.loop.test_iterate import axiom, metrics_by_key

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def cluster():
    import os

    from ray.cluster_utils import Cluster

    # Ray's own memory monitor kills workers when the machine is nearly full, whoever filled it: on a machine
    # shared with a training job that is not this test's business (the kernel's OOM killer still guards it).
    os.environ["RAY_memory_monitor_refresh_ms"] = "0"
    # Logical CPUs: each node runs a generation actor and a verification actor (one CPU each).
    c = Cluster(initialize_head=True, head_node_args={"num_cpus": 2})
    c.add_node(num_cpus=2)
    c.wait_for_nodes()
    yield c
    ray.shutdown()
    c.shutdown()


@pytest.fixture(scope="module")
def connected(cluster):
    ray.init(address=cluster.address, log_to_driver=False, logging_level="ERROR")
    yield cluster
    ray.shutdown()


def problems_and_candidates():
    from axiom.problems import make_problem

    problems = [make_problem(family, 1, "val", 3, i) for family in ("rpn", "fizzbuzz", "two_sum") for i in range(4)]
    candidates = []
    for p in problems:
        candidates += [
            {"problem_id": p.id, "completion": f"```python\n{p.reference_solution}\n```", "sample": 0},
            {"problem_id": p.id, "completion": f"```python\ndef {p.entry_point}(*a):\n    return 0\n```", "sample": 1},
            {"problem_id": p.id, "completion": "```python\ndef broken(:\n```", "sample": 2},
            {"problem_id": p.id, "completion": f"```python\ndef {p.entry_point}(*a):\n    while True: pass\n```",
             "sample": 3},
        ]
    return problems, candidates


def outcome(verdicts):
    return [(v.problem_id, v.sample, v.status, v.passed_tests) for v in verdicts]


def test_verification_on_actors_matches_the_local_verifier_even_when_an_actor_is_killed(connected):
    from axiom.cluster import RayVerifier
    from axiom.loop.config import ClusterConfig
    from axiom.verify import Limits, Verifier

    problems, candidates = problems_and_candidates()
    limits = Limits(timeout_s=1.0)
    with Verifier(workers=2, limits=limits) as local:
        expected = outcome(local.verify(problems, candidates))
    assert {s for _, _, s, _ in expected} >= {"passed", "wrong_answer", "syntax_error", "timeout"}

    on_ray = RayVerifier(ClusterConfig(address=connected.address, shard=3, verifier_workers=1), limits)
    try:
        assert len(on_ray.actors) == 2  # one per node
        assert outcome(on_ray.verify(problems, candidates)) == expected

        stream = on_ray.verify(problems, candidates)
        first = next(stream)  # shards are in flight on both actors now
        ray.kill(on_ray.actors[0], no_restart=False)  # as if its node had died; Ray restarts it
        assert outcome([first, *stream]) == expected
    finally:
        on_ray.close()


def test_a_lost_actor_beyond_the_retries_fails_the_stage_cleanly(connected):
    from axiom.cluster import ClusterError, RayVerifier
    from axiom.loop.config import ClusterConfig
    from axiom.verify import Limits

    problems, candidates = problems_and_candidates()
    on_ray = RayVerifier(ClusterConfig(address=connected.address, shard=3, verifiers=1, verifier_workers=1,
                                       retries=0), Limits(timeout_s=1.0))
    try:
        stream = on_ray.verify(problems, candidates)
        next(stream)
        ray.kill(on_ray.actors[0], no_restart=True)
        with pytest.raises(ClusterError, match="--resume"):
            list(stream)
    finally:
        on_ray.close()


def test_two_iterations_on_the_cluster_give_the_single_machine_run(cluster, tmp_path, tiny_model):
    runs = {}
    for name, extra in (("local", ()), ("ray", (f"cluster.address={cluster.address}",))):
        (tmp_path / name).mkdir()
        config = tiny_config(tmp_path / name, tiny_model)
        done = axiom("iterate", "--config", str(config), "--no-progress", *extra)
        assert done.returncode == 0, done.stdout + done.stderr
        runs[name] = tmp_path / name / "runs" / "tiny"
    assert metrics_by_key(runs["ray"]) == metrics_by_key(runs["local"])
    for split in ("iter_1.jsonl", "iter_2.jsonl", "iter_2.val.jsonl", "iter_2.test.jsonl"):
        rows = {name: [(r["problem_id"], r["sample"], r["completion"], r["status"]) for r in
                       map(json.loads, (run / "samples" / split).read_text().splitlines())]
                for name, run in runs.items()}
        assert rows["ray"] == rows["local"], split
    recorded = json.loads((runs["ray"] / "config.json").read_text())["config"]["cluster"]
    assert recorded["address"] == cluster.address


def test_a_bad_cluster_address_is_a_clear_error(tmp_path, tiny_model):
    config = tiny_config(tmp_path, tiny_model)
    done = axiom("iterate", "--config", str(config), "--no-progress", "cluster.address=127.0.0.1:1", timeout=300)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "Ray cluster" in done.stderr, done.stderr
