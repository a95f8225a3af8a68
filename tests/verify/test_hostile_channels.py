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
import textwrap
import time
from pathlib import Path

import pytest

from axiom.problems import Problem
from axiom.problems import TestCase as Case
from axiom.verify import Candidate, Limits, Verifier

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sandbox is Linux-only")

LIMITS = Limits(timeout_s=3.0, memory_mb=512)
REPO = Path(__file__).resolve().parents[2]


def fence(code: str) -> str:
    return "```python\n" + textwrap.dedent(code).strip() + "\n```\n"


@pytest.fixture(scope="module")
def verifier():
    with Verifier(workers=2, limits=LIMITS) as v:
        yield v


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


def test_no_channel_is_open_from_inside_the_sandbox(verifier, tmp_path):
    # Host paths outside the read roots (directories on the way to a read root, such as the
    # repository that holds .venv, exist inside as empty directories; nothing else does)
    (tmp_path / "host-file").write_text("x")
    outside = [str(REPO / "README.md"), str(REPO / "axiom"), str(tmp_path / "host-file"), "/etc/hostname",
               "/etc/passwd", "/proc/1/cmdline", "/proc/self/exe", os.path.expanduser("~/.bashrc"), "/home"]
    outside = [p for p in outside if os.path.lexists(p)]
    assert len(outside) >= 5
    [v] = verifier.verify([PROBE], [Candidate(PROBE.id, fence(PROBE_CODE % (outside,)))])
    assert v.status == "passed", f"channels open in the sandbox: {v.error}"


# ---------------------------------------------------------------- access times on the host

def test_reading_files_writes_no_access_time_on_the_host(verifier):
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
        [v] = verifier.verify([PROBE], [Candidate(PROBE.id, fence(code))])
        assert v.status == "passed", v.error  # it could read them
        after = {p: p.stat().st_atime_ns for p in files}
        assert after == before, "a sandboxed read moved access times on the host"
    finally:
        for p in files:
            p.unlink(missing_ok=True)
