"""The warm worker: a root-owned, scrubbed-environment interpreter that forks one sandboxed child
per candidate, enforces the wall clock, and ships the child's raw result bytes to the parent.

Protocol on stdin/stdout (frames are a 4-byte big-endian length and a payload):
  parent -> worker: config (JSON), then per job: header (JSON {"id", "mode"}), the candidate
                    body, and in "check" mode the trusted body (prompt, test_code). Bodies are
                    marshal bytes (code objects the parent compiled; see harness.pack): only the
                    children, never the worker, load them.
  worker -> parent: hello (JSON {"isolation", "pid"}), then per job: a header (JSON: exit codes,
                    timed_out, overflow, duration, internal) and the raw result bytes.
Bodies and results pass through zeroed bytearrays and are parsed only in the children, so no
child inherits another candidate's code or a check's expected values in the worker's heap.
Stdlib (+ pyseccomp) only.
"""

from __future__ import annotations

# Pre-imported so that a candidate's `import` is a dict lookup after fork, not a disk read.
import bisect  # noqa: F401
import collections  # noqa: F401
import contextlib
import ctypes
import functools  # noqa: F401
import gc
import heapq  # noqa: F401
import itertools  # noqa: F401
import json
import marshal
import math
import mmap
import os
import re  # noqa: F401
import select
import shutil
import signal
import string  # noqa: F401
import sys
import time
import typing  # noqa: F401

from axiom.verify import harness
from axiom.verify.encode import (
    dumps_json,
    dumps_tagged,
    frame,
    loads_tagged,
    pack_reply,
    read_frame,
    unpack_job,
    write_all,
)
from axiom.verify.sandbox import Sandbox, probe

SETUP_FAILED = 111
DONE = ord("D")  # the io child's last frame: every test has reported
SETUP_GRACE_S = 1.0  # the most our own setup of a child may add to its deadline
_ZEROS = memoryview(bytes(1 << 16))


class Buffer:
    """A reusable bytearray that frames are read into and that is zeroed after use."""

    def __init__(self, size: int) -> None:
        self.data: bytearray | mmap.mmap = bytearray(size)
        self.n = 0

    @classmethod
    def unforked(cls, size: int) -> Buffer:
        """A fixed-size buffer that children do not inherit at all (MADV_DONTFORK): results never
        reach a later child even as stale bytes, and fork copies no page tables for it."""
        buf = cls(0)
        buf.data = mmap.mmap(-1, size)
        with contextlib.suppress(AttributeError, OSError):  # still zeroed after use, as a bytearray
            buf.data.madvise(mmap.MADV_DONTFORK)
        return buf

    def read_frame(self, fd: int) -> bool:
        head = _read_exact(fd, 4)
        if len(head) < 4:
            return False
        size = int.from_bytes(head, "big")
        if size > len(self.data):
            self.wipe()
            self.data = bytearray(max(size, 2 * len(self.data)))
        view = memoryview(self.data)
        got = 0
        while got < size:
            k = os.readv(fd, [view[got:size]])
            if k == 0:
                raise EOFError("the parent closed the pipe mid-frame")
            got += k
        self.n = size
        return True

    def bytes(self) -> bytes:
        return bytes(self.data[:self.n])

    def wipe(self) -> None:
        n = self.n
        if n:
            self.data[:n] = _ZEROS[:n] if n <= len(_ZEROS) else bytes(n)
        self.n = 0


def _read_exact(fd: int, n: int) -> bytes:
    out = b""
    while len(out) < n:
        b = os.read(fd, n - len(out))
        if not b:
            break
        out += b
    return out


class Worker:
    def __init__(self, cfg: dict) -> None:
        self.timeout = cfg["timeout_s"]
        self.cap = cfg["output_bytes"]
        self.uid = cfg["uid"]
        # named by pid too: a restarted worker must not trip over what its predecessor left
        self.root = os.path.join(cfg["base"], f"w{cfg['index']}-{os.getpid()}")
        os.mkdir(self.root, 0o711)
        self.sandbox = Sandbox(self.uid, self.root, cfg["memory_mb"], self.timeout)
        self.isolation = probe(self.sandbox)
        self.body = Buffer(1 << 16)
        self.results = Buffer.unforked(self.cap + 1)
        self.count = 0
        # the last io child, if it said "done": killed, and reaped only after the next fork, so
        # that its exit (freeing its pages, ~0.5 ms) overlaps the next candidate's start
        self.pending: int | None = None
        warm_up()

    def job(self, jid: int, mode: str, frames: int = 0) -> dict:
        """Run one job (its bodies are next on stdin); fill self.results; return the reply header.
        `frames`: the most result frames an io child may send (R, one per test, D); more is overflow."""
        self.count += 1
        workdir = self.sandbox.new_workdir(str(self.count))
        check = mode == "check"
        try:
            if not self.body.read_frame(0):
                raise EOFError("no job body")
            start = time.monotonic()
            if check:
                req_r, req_w = os.pipe()
                rep_r, rep_w = os.pipe()
                cand = self._fork_candidate(workdir, [req_r, rep_w], lambda job: harness.serve(
                    job, 3, 4, self.cap))
                os.close(req_r)
                os.close(rep_w)
                res_r, res_w = os.pipe()
                if not self.body.read_frame(0):
                    raise EOFError("no trusted body")
                checker = self._fork_checker([req_w, rep_r, res_w])
                for fd in (req_w, rep_r, res_w):
                    os.close(fd)
                pids = [cand, checker]
            else:
                res_r, res_w = os.pipe()
                pids = [self._fork_candidate(workdir, [res_w], lambda job: harness.run_io(job, 3))]
                os.close(res_w)
            self._reap_pending()  # the previous child's exit ran while this one was being forked
            timed_out, overflow, done = self._supervise(res_r, pids, start, io=not check, frames=frames)
            os.close(res_r)
            duration = time.monotonic() - start
            if done and _removed(workdir):  # all tests reported, its group killed, its directory empty:
                codes = [0]                    # reap it after the next fork
                self.pending, workdir = pids[0], None
            else:
                codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
        finally:
            self.body.wipe()
            if workdir is not None:
                self._reap_pending()
                self.sandbox.remove_workdir(workdir)
        return {"id": jid, "exit": codes, "timed_out": timed_out, "overflow": overflow,
                "duration": duration}

    def _reap_pending(self) -> None:
        if self.pending is not None:
            pid, self.pending = self.pending, None
            os.waitpid(pid, 0)

    def _fork_candidate(self, workdir: str, fds: list[int], run) -> int:
        pid = os.fork()
        if pid:
            self.body.wipe()
            return pid
        try:
            job = marshal.loads(self.body.bytes())
            try:
                self.sandbox.enter(workdir, fds)
            except BaseException as e:
                why = f"{self.sandbox.step}: {type(e).__name__}: {e}"
                # to the pipe that the reader of this child's frames holds: the last of fds
                os.write(2 + len(fds) if self.sandbox.moved else fds[-1], frame(b"X" + why.encode()))
                os._exit(SETUP_FAILED)
            run(job)
        finally:
            os._exit(0)

    def _fork_checker(self, fds: list[int]) -> int:
        pid = os.fork()
        if pid:
            self.body.wipe()
            return pid
        try:
            job = marshal.loads(self.body.bytes())
            self.sandbox.enter_trusted(fds)
            harness.run_check(job, 3, 4, 5, self.cap)
        finally:
            os._exit(0)

    def _supervise(self, fd: int, pids: list[int], start: float, io: bool, frames: int = 0
                   ) -> tuple[bool, bool, bool]:
        """Collect result bytes until the last pid exits and fd hits EOF, or the deadline passes,
        or (io mode) a complete "D" frame says every test has reported. Then SIGKILL every
        process group: nothing outlives its job. Returns (timed_out, overflow, done).

        In io mode the candidate's time starts at its first frame (R, written just before its
        code runs), so that our own setup on a busy machine is not charged to it. Frames are
        walked by their length headers only: the worker never parses result bytes."""
        main = pids[-1]
        deadline = start + self.timeout + (SETUP_GRACE_S if io else 0.0)
        walked = 0  # where the next unread frame header starts
        seen = 0  # frames walked
        done = False
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        pidfds = {}
        for pid in pids:
            pfd = os.pidfd_open(pid)
            pidfds[pfd] = pid
            poller.register(pfd, select.POLLIN)
        res, view = self.results, memoryview(self.results.data)
        eof = exited = timed_out = overflow = False
        try:
            while not (eof and exited):
                left = deadline - time.monotonic()
                if left <= 0:
                    timed_out = True
                    break
                for ready, _ in poller.poll(max(1, math.ceil(left * 1000))):
                    if ready == fd:
                        if io and not res.n:
                            deadline = min(deadline, time.monotonic() + self.timeout)
                        k = os.readv(fd, [view[res.n:]])
                        res.n += k
                        if k == 0:
                            eof = True
                            poller.unregister(fd)
                        elif res.n > self.cap:
                            overflow = True
                        elif io:
                            while walked + 4 <= res.n:
                                size = int.from_bytes(view[walked:walked + 4], "big")
                                if walked + 4 + size > res.n:
                                    break
                                if size == 1 and view[walked + 4] == DONE:
                                    done = True
                                walked += 4 + size
                                seen += 1
                                if frames and seen > frames:  # a flood: stop walking it
                                    overflow = True
                                    break
                            if done or overflow:
                                break
                    else:
                        poller.unregister(ready)
                        if pidfds[ready] == main:
                            exited = True
                            _kill(main)  # anything left in its group would hold the pipe open
                if overflow or done:
                    break
        finally:
            for pid in pids:
                _kill(pid)
            for pfd in pidfds:
                os.close(pfd)
        return timed_out, overflow, done

    def reply(self, report: dict) -> None:
        n = self.results.n
        write_all(1, frame(pack_reply(report)) + n.to_bytes(4, "big"))
        write_all(1, memoryview(self.results.data)[:n])
        self.results.wipe()


def warm_up() -> None:
    """Pay one-time costs (the compiler's first run alone takes ~2 ms) once, not in every child;
    then freeze the heap so the collector in a child never touches (and copies) inherited pages."""
    code = "def f(a, b=1, *c, **d):\n    return [a, (b, {'k': 1.5}), None, 'x' + str(a)]\n"
    ns: dict = {}
    exec(compile(code, "<warm-up>", "exec"), ns)
    value = ns["f"](1)
    harness.describe(ValueError("warm-up"))
    json.loads(json.dumps({"code": code, "tests": [[[1], {}]]}))
    pack_reply({"id": 1, "exit": [0, -9], "timed_out": False, "overflow": False, "duration": 0.5})
    unpack_job(b"\0" * 8 + b"\1" + b"\0" * 4)
    loads_tagged(dumps_tagged(value))
    dumps_json(value)
    gc.collect()
    gc.freeze()


def _removed(workdir: str) -> bool:
    """rmdir: the usual end of a child's directory, when it wrote no files (else the worker
    removes the tree once the child is reaped)."""
    try:
        os.rmdir(workdir)
        return True
    except OSError:
        return False


def _kill(pid: int) -> None:
    for kill in (os.killpg, os.kill):  # killpg: its group; kill: in case it has not called setsid yet
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: die with the parent
    cfg = json.loads(read_frame(0))
    if cfg["axiom_root"] in sys.path:
        sys.path.remove(cfg["axiom_root"])  # everything the worker needs is imported
    worker = Worker(cfg)
    write_all(1, frame(json.dumps({"isolation": worker.isolation, "pid": os.getpid()}).encode()))
    try:
        while True:
            head = read_frame(0)
            if head is None:
                break
            jid, mode, frames = unpack_job(head)
            try:
                reply = worker.job(jid, mode, frames)
            except Exception as e:  # our bug, not the candidate's: the parent reports sandbox_error
                worker.results.wipe()  # and restarts us, since the stream may be out of step
                worker.reply({"id": jid, "internal": f"{type(e).__name__}: {e}"})
                break
            worker.reply(reply)
    finally:  # the tmpfs goes with our mount namespace; the parent removes the directory itself
        with contextlib.suppress(BaseException):
            worker._reap_pending()
        with contextlib.suppress(BaseException):
            shutil.rmtree(worker.sandbox.scratch, ignore_errors=True)
