"""Shared by the adversarial verifier suites: who is running, and what was left behind.

A sandbox that leaks is found from outside: processes (read from /proc) that were not there
before and are either below this test process or orphans named by a hostile candidate, and
entries left in a private TMPDIR that the verifier under test is made to use.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

# Hostile candidates name the processes they leave behind with prctl(PR_SET_NAME, MARKER),
# so a daemon that escaped every process group can still be found by name.
MARKER = "axqhostile"


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    state: str
    comm: str
    start: int  # clock ticks since boot: tells a reused pid from the process that had it before


def processes() -> dict[int, Proc]:
    """Every process visible in /proc, read without third-party tools."""
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue  # gone while we looked
        comm = stat[stat.index("(") + 1: stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        out[int(entry)] = Proc(int(entry), int(fields[1]), fields[0], comm, int(fields[19]))
    return out


def descendants(table: dict[int, Proc], root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for p in table.values():
        children.setdefault(p.ppid, []).append(p.pid)
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


class ProcessWatch:
    """Processes that appeared after `baseline` and belong to us: below this test process,
    or marked by a hostile candidate, or an orphaned interpreter like ours (a double-forked daemon)."""

    MARKER = MARKER

    def __init__(self) -> None:
        self.baseline = {(p.pid, p.start) for p in processes().values()}
        self.allowed: set[int] = set()  # e.g. helper processes a test starts on purpose
        self.scratch: set[str] = set()  # temp entries the verifier made (see `track`)
        self._python = os.path.realpath(sys.executable)

    def new(self) -> dict[int, Proc]:
        table = processes()
        mine = descendants(table, os.getpid())
        out = {}
        for p in table.values():
            if (p.pid, p.start) in self.baseline or p.pid in self.allowed or p.pid == os.getpid():
                continue
            if p.pid in mine or p.comm == MARKER or (p.ppid == 1 and self._exe(p.pid) == self._python):
                out[p.pid] = p
        return out

    def marked(self) -> dict[int, Proc]:
        return {pid: p for pid, p in processes().items() if p.comm == MARKER}

    def _exe(self, pid: int) -> str | None:
        try:
            return os.path.realpath(f"/proc/{pid}/exe")
        except OSError:
            return None

    def settle(self, check, seconds: float = 3.0) -> dict[int, Proc]:
        """Poll `check()` until it comes back empty or time runs out (killed processes take a moment)."""
        deadline = time.monotonic() + seconds
        found = check()
        while found and time.monotonic() < deadline:
            time.sleep(0.05)
            found = check()
        return found


    def track(self, make):
        """Call `make()` (which opens a Verifier) and remember the entries it made in /tmp and /dev/shm."""
        before = self.shared_tmp_entries()
        made = make()
        self.scratch |= self.shared_tmp_entries() - before
        return made

    def leftover_scratch(self) -> set[str]:
        return {p for p in self.scratch if os.path.lexists(p)}

    def zombies(self) -> dict[int, Proc]:
        return {pid: p for pid, p in self.new().items() if p.state == "Z"}

    @staticmethod
    def describe(procs: dict[int, Proc]) -> str:
        return ", ".join(f"{p.pid}({p.comm}, ppid {p.ppid}, state {p.state})" for p in procs.values())

    @staticmethod
    def shared_tmp_entries() -> set[str]:
        """Names in the machine-wide temp folders (other sessions write there too: compare by name)."""
        names = set()
        for folder in ("/tmp", "/dev/shm"):
            try:
                names |= {f"{folder}/{n}" for n in os.listdir(folder)}
            except OSError:
                pass
        return names


@pytest.fixture(scope="module")
def process_watch() -> ProcessWatch:
    """Started before the module's Verifier, so its workers count as new."""
    return ProcessWatch()


@pytest.fixture(scope="module")
def private_tmp(tmp_path_factory):
    """Point TMPDIR (and tempfile's cache of it) at an empty folder, so leftovers are easy to see."""
    path = tmp_path_factory.mktemp("verifier-tmp")
    old_env, old_cached = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"] = str(path)
    tempfile.tempdir = str(path)
    yield path
    tempfile.tempdir = old_cached
    if old_env is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = old_env


def fence(code: str) -> str:
    """A candidate's code as the one fenced block a completion holds."""
    import textwrap

    return "```python\n" + textwrap.dedent(code).strip() + "\n```\n"


@pytest.fixture(scope="module")
def sandbox():
    """A Verifier for the hostile-text and channel suites (one per module)."""
    from axiom.verify import Limits, Verifier

    with Verifier(workers=2, limits=Limits(timeout_s=3.0, memory_mb=512)) as v:
        yield v
