"""Channels between candidates: kernel state that one sandboxed candidate can set and another read.

Thousands of samples of one policy run side by side and one after another; any state they share is a
way for a sample with no solution to pass by copying a sibling's answers, or to search the answers bit
by bit across samples. Covered here: locks (flock, POSIX and OFD byte-range locks) on files the
candidate may read, page-cache eviction and probing (posix_fadvise, preadv2 RWF_NOWAIT, mincore),
inotify, extended attributes, metadata of paths outside the read roots, access times of files it
reads, pipe buffers beyond the memory limit, and check()'s "the next call arrived" oracle.
Not covered: page-cache residency measured by timing alone (noisy; only a VM closes it).
"""

from __future__ import annotations

import os
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from axiom.problems import Problem
from axiom.problems import TestCase as Case
from axiom.verify import Candidate, Verifier
from tests.verify.conftest import fence

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sandbox is Linux-only")

REPO = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- every channel, probed from inside

PROBE = Problem(id="hostile/probe", family="hostile", difficulty=1, prompt="", entry_point="probe",
                tests=(Case(args=[], expected=[]),))
PROBE_CODE = """
import ctypes, ctypes.util, errno, fcntl, mmap, os

OUTSIDE = %r


def probe():
    libc = ctypes.CDLL(None, use_errno=True)
    open_ = []
    target = os.__file__  # read-only, in the read roots: every candidate can open it

    def attempt(name, fn):
        try:
            if fn() is not False:
                open_.append(name)
        except OSError:
            pass

    def lock(kind):
        fd = os.open(target, os.O_RDONLY)
        try:
            return kind(fd)
        finally:
            os.close(fd)

    attempt("flock", lambda: lock(lambda fd: fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)))
    attempt("posix lock", lambda: lock(lambda fd: fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB, 1, 7)))
    attempt("F_GETLK", lambda: lock(lambda fd: fcntl.fcntl(fd, fcntl.F_GETLK, bytes(32))))
    attempt("OFD lock", lambda: lock(lambda fd: fcntl.fcntl(fd, 37, (0).to_bytes(2, "little") * 16)))  # F_OFD_SETLK
    attempt("posix_fadvise", lambda: lock(lambda fd: os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)))
    attempt("readahead", lambda: lock(lambda fd: ctypes.set_errno(0) or libc.readahead(fd, 0, 4096) >= 0))
    attempt("preadv2 RWF_NOWAIT", lambda: lock(lambda fd: os.preadv(fd, [bytearray(16)], 0, os.RWF_NOWAIT)))

    def mincore():
        libc.mmap.restype = ctypes.c_void_p
        libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                              ctypes.c_long]
        fd = os.open(target, os.O_RDONLY)
        try:
            page = libc.mmap(None, 4096, mmap.PROT_READ, mmap.MAP_SHARED, fd, 0)
            return libc.mincore(ctypes.c_void_p(page), 4096, ctypes.create_string_buffer(1)) == 0
        finally:
            os.close(fd)
    attempt("mincore", mincore)
    attempt("inotify", lambda: libc.inotify_init1(0) >= 0)
    attempt("fanotify", lambda: libc.fanotify_init(0, 0) >= 0)
    for call in ("getxattr", "listxattr"):
        def xattr(call=call):
            try:
                getattr(os, call)(target, *(("user.axq",) if call == "getxattr" else ()))
            except OSError as e:
                return e.errno == errno.ENODATA  # the call reached the filesystem (the sandbox says ENOTSUP)
            return True
        attempt(call, xattr)
    for path in OUTSIDE:
        attempt("stat " + path, lambda path=path: os.stat(path))
        attempt("readlink " + path, lambda path=path: os.path.islink(path) and os.readlink(path))

    def big_pipe():
        r, w = os.pipe()
        try:
            return fcntl.fcntl(w, 1031, 1 << 20) >= (1 << 20)  # F_SETPIPE_SZ
        finally:
            os.close(r)
            os.close(w)
    attempt("F_SETPIPE_SZ", big_pipe)
    return sorted(open_)
"""


def test_no_channel_is_open_from_inside_the_sandbox(sandbox, tmp_path):
    # Host paths outside the read roots (directories on the way to a read root, such as the
    # repository that holds .venv, exist inside as empty directories; nothing else does)
    (tmp_path / "host-file").write_text("x")
    outside = [str(REPO / "README.md"), str(REPO / "axiom"), str(tmp_path / "host-file"), "/etc/hostname",
               "/etc/passwd", "/proc/1/cmdline", "/proc/self/exe", os.path.expanduser("~/.bashrc"), "/home"]
    outside = [p for p in outside if os.path.lexists(p)]
    assert len(outside) >= 5
    [v] = sandbox.verify([PROBE], [Candidate(PROBE.id, fence(PROBE_CODE % (outside,)))])
    assert v.status == "passed", f"channels open in the sandbox: {v.error}"


# ---------------------------------------------------------------- access times on the host

def test_reading_files_writes_no_access_time_on_the_host(sandbox):
    """A later sample read an earlier sample's answers from which files' access times had moved."""
    roots = [Path(sysconfig.get_paths()["purelib"])]
    files = []
    for i in range(4):
        path = roots[0] / f"axq_atime_probe_{os.getpid()}_{i}.txt"
        path.write_text("probe\n")
        old = time.time() - 3 * 86400  # older than a day: relatime would update it on the next read
        os.utime(path, (old, old + 10))  # atime before mtime: relatime updates it too
        files.append(path)
    before = {p: p.stat().st_atime_ns for p in files}
    code = f"""
    def probe():
        for path in {[str(p) for p in files]!r}:
            with open(path) as f:
                f.read()
        return []
    """
    try:
        [v] = sandbox.verify([PROBE], [Candidate(PROBE.id, fence(code))])
        assert v.status == "passed", v.error  # it could read them
        after = {p: p.stat().st_atime_ns for p in files}
        assert after == before, "a sandboxed read moved access times on the host"
    finally:
        for p in files:
            p.unlink(missing_ok=True)


# ---------------------------------------------------------------- attacks that use a channel end to end

def stash_files(tag: str, n: int) -> list[Path]:
    """Files in a read root (site-packages) with access times that any read would move (older than a
    day, and before their mtime): the storage of a channel that outlives a candidate."""
    folder = Path(sysconfig.get_paths()["purelib"]) / f"axq_stash_{tag}_{os.getpid()}"
    folder.mkdir()
    files = []
    for i in range(n):
        path = folder / f"{i}.txt"
        path.write_text("x\n")
        old = time.time() - 3 * 86400
        os.utime(path, (old, old + 10))
        files.append(path)
    return files


@pytest.fixture
def stash(request):
    made: list[Path] = []

    def make(n: int) -> list[str]:
        files = stash_files(request.node.name[:20].replace("[", "_"), n)
        made.extend(files)
        return [str(p) for p in files]

    yield make
    for p in made:
        p.unlink(missing_ok=True)
    if made:
        made[0].parent.rmdir()


SECRET = Problem(id="hostile/secret", family="hostile", difficulty=1, prompt="", entry_point="secret",
                 tests=tuple(Case(args=[i], expected=(i * 7919 + 13) % 256) for i in range(4)))
STASH_SOLVER = """
def secret(i):
    answer = (i * 7919 + 13) % 256
    for bit in range(8):  # write the answer into the access times of 8 files of the stash
        if answer >> bit & 1:
            with open(FILES[i * 8 + bit]) as f:
                f.read()
    return answer
"""
STASH_THIEF = """
import os, time


def secret(i):  # no solution: read the answer that an earlier sample left in the access times
    now = time.time()
    return sum(1 << bit for bit in range(8) if os.stat(FILES[i * 8 + bit]).st_atime > now - 600)
"""


def test_a_later_sample_cannot_read_an_earlier_ones_answers_from_metadata(sandbox, stash):
    files = stash(32)
    head = f"FILES = {files!r}\n"
    [solved] = sandbox.verify([SECRET], [Candidate(SECRET.id, fence(head + STASH_SOLVER))])
    assert solved.status == "passed"
    thieves = list(sandbox.verify([SECRET], [Candidate(SECRET.id, fence(head + STASH_THIEF), k) for k in range(6)]))
    assert [t.status for t in thieves] == ["wrong_answer"] * 6, [t.error for t in thieves]


LOCK_SOLVER = """
import fcntl, os, time


def secret(i):
    answer = (i * 7919 + 13) % 256
    fd = os.open(os.__file__, os.O_RDONLY)  # a file every candidate may read
    for bit in range(8):  # publish the answer as byte-range locks, while a sibling runs
        if answer >> bit & 1:
            try:
                fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB, 1, 1000 + i * 8 + bit)
            except OSError:
                pass
    time.sleep(0.4)
    return answer
"""
LOCK_THIEF = """
import fcntl, os, struct, time


def secret(i):
    fd = os.open(os.__file__, os.O_RDONLY)
    deadline = time.time() + 0.5
    best = 0
    while time.time() < deadline:  # F_GETLK: is a sibling holding this byte?
        got = 0
        for bit in range(8):
            probe = struct.pack("hhqqi", fcntl.F_WRLCK, 0, 1000 + i * 8 + bit, 1, 0) + bytes(4)
            try:
                reply = fcntl.fcntl(fd, fcntl.F_GETLK, probe)
            except OSError:
                continue
            if struct.unpack("hhqqi", reply[:28])[0] != fcntl.F_UNLCK:
                got |= 1 << bit
        best = best or got
        if best:
            break
        time.sleep(0.01)
    return best
"""


def test_candidates_running_side_by_side_share_no_locks(sandbox):
    pairs = [c for k in range(3) for c in (Candidate(SECRET.id, fence(LOCK_SOLVER), 2 * k),
                                           Candidate(SECRET.id, fence(LOCK_THIEF), 2 * k + 1))]
    got = list(sandbox.verify([SECRET], pairs))
    assert [v.status for v in got[0::2]] == ["passed"] * 3
    assert [v.status for v in got[1::2]] == ["wrong_answer"] * 3, [v.error for v in got[1::2]]


ORACLE = Problem(id="hostile/oracle", family="hostile", difficulty=1, prompt="", entry_point="bit",
                 test_code="BITS = [1, 0, 1, 1, 0, 0, 1, 0]\n\n\ndef check(candidate):\n"
                           "    for i, b in enumerate(BITS):\n        assert candidate(i) == b\n")
ORACLE_SEARCH = """
import os, time

# FILES[2 * i + g]: "a sample answered g at call i and was called again" (so g was right);
# FILES[16 + i]: "a sample tried 0 at call i". Marks are access times, which outlive a sample.
START = time.time()


def marked(path):
    return os.stat(path).st_atime > START - 600


def mark(path):
    with open(path) as f:
        f.read()


def bit(i):
    if i > 0:  # called again: the answer to call i - 1 was right
        mark(FILES[2 * (i - 1) + GUESS[i - 1]])
    for g in (0, 1):
        if marked(FILES[2 * i + g]):
            GUESS[i] = g
            return g
    GUESS[i] = 1 if marked(FILES[16 + i]) else 0  # 0 was tried here and never confirmed: it is 1
    if GUESS[i] == 0:
        mark(FILES[16 + i])
    return GUESS[i]


GUESS = {}
"""


def test_samples_cannot_search_a_checks_answers_bit_by_bit(sandbox, stash):
    """check() stops at its first failed assert, so a next call meant "right so far": with a channel
    that outlives a sample, later samples searched the answers (8 of 10 passed in the report)."""
    files = stash(24)
    code = fence(f"FILES = {files!r}\n" + ORACLE_SEARCH)
    got = [v.status for k in range(12) for v in sandbox.verify([ORACLE], [Candidate(ORACLE.id, code, k)])]
    assert "passed" not in got and set(got) == {"wrong_answer"}, got


def test_check_makes_every_call_whatever_the_earlier_answers(sandbox):
    """The candidate cannot tell a right answer from a wrong one by whether another call comes: here
    the last call sleeps, so the verdict's duration shows that it came after two wrong answers."""
    code = fence("""
        import time


        def bit(i):
            if i == 7:
                time.sleep(0.6)
            return 5
    """)
    [v] = sandbox.verify([ORACLE], [Candidate(ORACLE.id, code)])
    assert v.status == "wrong_answer" and v.error == "check() failed: AssertionError", v.error
    assert v.duration_s >= 0.6


def test_samples_of_one_problem_run_in_an_order_they_cannot_predict(sandbox):
    clock = Problem(id="hostile/clock", family="hostile", difficulty=1, prompt="", entry_point="when",
                    tests=(Case(args=[], expected=-1.0),))
    code = fence("""
        import time


        def when():
            return time.monotonic()
    """)
    runs = [list(sandbox.verify([clock], [Candidate(clock.id, code, k) for k in range(40)])) for _ in range(2)]
    orders = []
    for verdicts in runs:
        started = [float(v.error.split("got ")[1].rstrip(")")) for v in verdicts]
        orders.append(sorted(range(40), key=started.__getitem__))
    assert orders[0] != list(range(40)) and orders[1] != list(range(40)) and orders[0] != orders[1]


# ---------------------------------------------------------------- failing closed

def test_a_sandbox_that_cannot_isolate_fails_closed_unless_allowed(monkeypatch, capsys):
    from axiom.errors import AxiomError
    from axiom.verify.pool import WEAK_SANDBOX_ENV, require_isolation

    monkeypatch.delenv(WEAK_SANDBOX_ENV, raising=False)
    full = {"netns": True, "tmpfs": True, "seccomp": True, "uid_drop": True, "minimal_root": True,
            "landlock": True, "rlimits": True}
    require_isolation(full)
    weak = {**full, "seccomp": False, "uid_drop": False}
    with pytest.raises(AxiomError, match=r"seccomp \(needs the libseccomp library\).*uid_drop.*AXIOM_ALLOW_WEAK"):
        require_isolation(weak)
    require_isolation(weak, allow_weak=True)
    assert "weak isolation" in capsys.readouterr().err
    monkeypatch.setenv(WEAK_SANDBOX_ENV, "1")
    require_isolation({**full, "landlock": False})


def test_a_verifier_whose_workers_report_a_mechanism_off_refuses_to_start(monkeypatch):
    from axiom.errors import AxiomError
    from axiom.verify import pool

    real = pool._Proc.handshake

    def without_netns(self):
        real(self)
        self.isolation["netns"] = False

    monkeypatch.setattr(pool._Proc, "handshake", without_netns)
    monkeypatch.delenv(pool.WEAK_SANDBOX_ENV, raising=False)
    with pytest.raises(AxiomError, match="netns"):
        Verifier(workers=1)
    with Verifier(workers=1, allow_weak_sandbox=True) as v:
        assert v.isolation["netns"] is False
        [ok] = v.verify([PROBE], [Candidate(PROBE.id, fence("def probe():\n    return []\n"))])
        assert ok.status == "passed"
