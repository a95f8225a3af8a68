"""The loop on a Ray cluster: generation and verification on actors, training where `axiom iterate` runs.

With `cluster.address` set, the loop's backend and verifier are these two classes instead of the
local ones; every stage reads and writes the run directory as before, so the run directory (on
storage every node sees) stays the one source of truth and `--resume` works as it does on one machine.

- `RayBackend`: generation actors, one per GPU (or per node without GPUs), each holding the real
  backend (vLLM, hf, ...) with the iteration's adapter. Prompts go out in the chunks a local hf
  backend would decode in one call, so each chunk is seeded as it is on one machine and the same
  seed gives the same samples.
- `RayVerifier`: verification actors, one per node, each owning a local sandbox pool
  (`axiom.verify.Verifier`). The problems travel once per call as a Ray object; candidates in shards.

A lost actor (its process or node gone) is restarted and its unfinished calls are sent again
(`cluster.retries` times; generation and verification are deterministic, so a resent shard gives the
same result); past that the stage fails with an error, having written nothing, and `--resume` runs it
again. Ray is imported only here, and only when a cluster is configured.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from axiom.errors import AxiomError
from axiom.generate.backend import Completion, Prompt, Sampling
from axiom.generate.batch import generated_tokens, open_backend, prompts_per_call
from axiom.problems.record import Problem
from axiom.verify.pool import Verifier, index_problems
from axiom.verify.records import Candidate, Limits, Verdict

# The environment a driver passes to its actors: what decides numerics, sandboxing and model loading.
PASSED_ENV = ("AXIOM_CPU_BF16", "AXIOM_ALLOW_WEAK_SANDBOX", "HF_HUB_OFFLINE", "HF_HOME", "OMP_NUM_THREADS",
              "TOKENIZERS_PARALLELISM")


class ClusterError(AxiomError):
    """The cluster could not be reached, or lost work it could not redo."""


def connect(address: str) -> Any:
    """Ray, connected to the cluster at `address` ('auto', 'host:port' or 'ray://host:10001')."""
    try:
        import ray
    except ImportError:
        raise ClusterError("cluster.address is set but Ray is not installed: pip install 'ray>=2.9'") from None
    if not ray.is_initialized():
        _check_reachable(address)
        env = {k: os.environ[k] for k in PASSED_ENV if k in os.environ}
        try:
            ray.init(address=address, runtime_env={"env_vars": env} if env else None, log_to_driver=False,
                     logging_level="ERROR")
        except (ConnectionError, RuntimeError, ValueError) as e:
            raise ClusterError(f"cannot connect to the Ray cluster at {address!r}: {e}") from None
    return ray


def _check_reachable(address: str, timeout: float = 10.0) -> None:
    """Fail at once on a HOST:PORT nobody listens on (Ray itself keeps retrying for minutes)."""
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if address == "auto" or not sep or not port.isdigit():
        return
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as e:
        raise ClusterError(f"cannot reach the Ray cluster at {address!r}: {e}; start one with `ray start --head` "
                           "(docs/cluster.md)") from None


def alive_nodes(ray: Any) -> list[dict]:
    return [n for n in ray.nodes() if n.get("Alive")]


def _placements(ray: Any, count: int, per_gpu: bool) -> list[dict]:
    """Ray options for `count` actors (0: one per GPU when `per_gpu` and the cluster has GPUs, else one
    per node), spread over the nodes; soft affinity, so a restarted actor may land on another node."""
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    nodes = alive_nodes(ray)
    gpus = sum(int(n["Resources"].get("GPU", 0)) for n in nodes)
    if per_gpu and gpus:
        slots = [n["NodeID"] for n in nodes for _ in range(int(n["Resources"].get("GPU", 0)))]
    else:
        slots = [n["NodeID"] for n in nodes]
    count = count or len(slots)
    resources = {"num_gpus": 1, "num_cpus": 1} if per_gpu and gpus else {"num_cpus": 1}
    return [{**resources, "scheduling_strategy": NodeAffinitySchedulingStrategy(slots[i % len(slots)], soft=True)}
            for i in range(count)]


def _results(ray: Any, actors: list, calls: Iterable[tuple[str, tuple]], what: str) -> Iterator[Any]:
    """Each call's result, in call order; one call in flight per actor (Ray's ActorPool)."""
    from ray.exceptions import RayActorError, RayTaskError
    from ray.util import ActorPool

    pool = ActorPool(actors)
    try:
        yield from pool.map(lambda actor, call: getattr(actor, call[0]).remote(*call[1]), calls)
    except RayTaskError as e:
        cause = e.as_instanceof_cause()
        if isinstance(cause, AxiomError):
            raise AxiomError(str(cause).splitlines()[-1]) from None
        raise ClusterError(f"{what} failed on the cluster: {e}") from None
    except RayActorError as e:
        raise ClusterError(f"{what}: an actor was lost more often than cluster.retries allows ({e}); nothing of "
                           "this stage was written: run `axiom iterate --resume RUN_DIR` to do it again") from None


class GenerationActor:
    """Holds one real backend on its node; `generate` is the backend's, one hf-sized chunk per call."""

    def __init__(self, backend: str, model: str, adapter: str | None, options: dict[str, Any]) -> None:
        self.backend = open_backend(backend, model, adapter, **options)

    def generate(self, prompts: Sequence[Prompt], params: Sampling) -> list[list[Completion]]:
        return self.backend.generate(prompts, params)


class VerificationActor:
    """Owns a sandbox pool on its node."""

    def __init__(self, workers: int | None, limits: Limits, allow_weak_sandbox: bool | None) -> None:
        self.verifier = Verifier(workers=workers, limits=limits, allow_weak_sandbox=allow_weak_sandbox)

    def isolation(self) -> dict[str, bool]:
        return self.verifier.isolation

    def verify(self, problems: Mapping[str, Problem], candidates: list[Candidate]) -> list[Verdict]:
        return list(self.verifier.verify(problems, candidates))


class RayBackend:
    """A Backend whose `generate` spreads the prompts over generation actors (see the module doc)."""

    name = "ray"

    def __init__(self, cluster, backend: str, model: str, adapter: str | None, options: dict[str, Any]) -> None:
        self.ray = connect(cluster.address)
        self.backend, self.batch_size = backend, options.get("batch_size", 32)
        placements = _placements(self.ray, cluster.generators, per_gpu=True)
        actor = self.ray.remote(max_restarts=cluster.retries, max_task_retries=cluster.retries)(GenerationActor)
        self.actors = [actor.options(**p).remote(backend, model, adapter, options) for p in placements]

    def chunk(self, params: Sampling) -> int:
        """Prompts per actor call: what one generate() call of the local backend decodes (hf: one forward
        batch, whose seed is the call's), so a chunk's samples are the ones one machine would draw."""
        return prompts_per_call(self.backend, self.batch_size, params)

    def chunk_prompts(self, params: Sampling) -> int:
        """Prompts per `generate` call from `axiom.generate.batch.sample`: enough to keep every actor busy."""
        return self.chunk(params) * len(self.actors) * 4

    def generate(self, prompts: Sequence[Prompt], params: Sampling, progress=None) -> list[list[Completion]]:
        size = self.chunk(params)
        calls = [("generate", (list(prompts[i:i + size]), params)) for i in range(0, len(prompts), size)]
        out: list[list[Completion]] = []
        for rows in _results(self.ray, self.actors, calls, "generation"):
            out += rows
            if progress:
                progress(generated_tokens(rows), sum(len(row) for row in rows))
        return out

    def close(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)
        self.actors = []


class RayVerifier:
    """`axiom.verify.Verifier`'s `verify` on verification actors: verdicts in candidate order, streaming."""

    def __init__(self, cluster, limits: Limits, allow_weak_sandbox: bool | None = None) -> None:
        self.ray = connect(cluster.address)
        self.shard = cluster.shard
        placements = _placements(self.ray, cluster.verifiers, per_gpu=False)
        actor = self.ray.remote(max_restarts=cluster.retries, max_task_retries=cluster.retries)(VerificationActor)
        self.actors = [actor.options(**p).remote(cluster.verifier_workers, limits, allow_weak_sandbox)
                       for p in placements]
        found = list(_results(self.ray, self.actors, [("isolation", ())] * len(self.actors), "sandbox start"))
        self._isolation = {k: all(i.get(k, False) for i in found) for k in found[0]}

    @property
    def isolation(self) -> dict[str, bool]:
        return dict(self._isolation)

    def verify(self, problems: Mapping[str, Problem] | Iterable[Problem],
               candidates: Iterable[Candidate | dict]) -> Iterator[Verdict]:
        table = self.ray.put(dict(index_problems(problems)))
        cands = [Candidate.coerce(c, f"candidate {i}") for i, c in enumerate(candidates)]
        calls = [("verify", (table, cands[i:i + self.shard])) for i in range(0, len(cands), self.shard)]
        for verdicts in _results(self.ray, self.actors, calls, "verification"):
            yield from verdicts

    def close(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)
        self.actors = []
