"""Hostile candidates: the host is never harmed, and each one gets a sensible status.

What is covered: fork bombs, lingering children and double-forked daemons, shells, memory bombs,
loops that ignore signals or sit in C code, sleeping past the deadline, touching files in $HOME,
the repository, /tmp and /dev/shm, connecting to a port the test listens on, reading secrets from
the environment and /proc, killing the worker, the process group, pid 1 or everyone, holding
memory or files beside RLIMIT_AS, and breaking the verifier itself (a directory tree deeper than
rmtree's recursion, result frames it cannot print). At the end (test_nothing_left_behind, keep it
last): once the Verifier is closed no process, zombie or temp entry of its own or its candidates'
remains.
What is not covered: kernel exploits; denial of service within the limits (a candidate may use a
core and memory_mb for timeout_s).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from axiom.problems import Problem
from axiom.problems import TestCase as Case
from axiom.verify import Candidate, Limits, Verdict, Verifier

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the sandbox and these checks (/proc, prctl) are Linux-only")

TIMEOUT = 1.0
LIMITS = Limits(timeout_s=TIMEOUT, memory_mb=512)
SENSIBLE = frozenset({"timeout", "memory_limit", "runtime_error", "wrong_answer"})
TOKEN = hashlib.sha256(f"hostile-{os.getpid()}-{time.time()}".encode()).hexdigest()[:32]
SECRET = "AXQSECRET-" + TOKEN                       # in the test process's os.environ
HOST_SECRET = "AXQSECRET-" + TOKEN[::-1]            # in another host process's environ and argv
REPO = Path(__file__).resolve().parents[2]
MARKER = "axqhostile"  # the process name ProcessWatch.marked() in conftest.py looks for

DOUBLE = Problem(id="hostile/double", family="hostile", difficulty=1, prompt="Double n.\n",
                 entry_point="double", signature="def double(n: int) -> int",
                 tests=(Case(args=[1], expected=2), Case(args=[21], expected=42)),
                 reference_solution="def double(n):\n    return 2 * n\n")
# The channel for secrets: a candidate that finds one of these passes (so the test sees the leak)
LEAK_ENV = Problem(id="hostile/leak-env", family="hostile", difficulty=1, prompt="", entry_point="double",
                   tests=(Case(args=[1], expected=SECRET),))
LEAK_HOST = Problem(id="hostile/leak-host", family="hostile", difficulty=1, prompt="", entry_point="double",
                    tests=(Case(args=[1], expected=HOST_SECRET),))


def src(text: str) -> str:
    return textwrap.dedent(text).strip() + "\n"


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def host_secret_holder(process_watch):
    """A host process with a secret in its environment and on its command line."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "AXIOM_HOST_SECRET": HOST_SECRET}
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", HOST_SECRET], env=env)
    process_watch.allowed.add(proc.pid)
    yield proc
    proc.kill()
    proc.wait()


@pytest.fixture(scope="module")
def verifier(private_tmp, process_watch, host_secret_holder):
    os.environ["AXIOM_TEST_SECRET"] = SECRET
    v = process_watch.track(lambda: Verifier(workers=2, limits=LIMITS))
    yield v
    v.close()
    del os.environ["AXIOM_TEST_SECRET"]


@pytest.fixture
def canaries():
    """Files in $HOME and the working tree that no candidate may change (each alone in a folder of
    its own, which the candidate also tries to delete), and names it may not create."""
    made = []
    for folder in (Path.home(), REPO, REPO / "tests"):
        path = folder / f".axq-canary-{TOKEN}" / "canary.txt"
        path.parent.mkdir()
        path.write_text("canary\n")
        made.append(path)
    before = {p: (p.read_bytes(), p.stat().st_mode) for p in made}
    fresh = [folder / f"axq-new-{TOKEN}" for folder in (Path.home(), REPO, Path("/tmp"), Path("/dev/shm"))]
    yield made, fresh
    after = {p: (p.read_bytes(), p.stat().st_mode) for p in made if p.exists()}
    for p in made:
        shutil.rmtree(p.parent, ignore_errors=True)
    for p in fresh:
        p.unlink(missing_ok=True)
    assert before == after


def fence(code: str) -> str:
    return f"```python\n{code}```\n"


def run(verifier: Verifier, code: str, problem: Problem = DOUBLE) -> tuple[Verdict, float]:
    code = code.replace("ENTRY", problem.entry_point).replace("MARKER", MARKER)
    start = time.monotonic()
    [v] = verifier.verify([problem], [Candidate(problem.id, fence(code))])
    return v, time.monotonic() - start


def assert_sensible(v: Verdict, allowed: frozenset, what: str) -> None:
    assert v.status != "passed", f"{what}: PASSED ({v.to_dict()})"
    assert v.status != "sandbox_error", f"{what}: blamed on the verifier: {v.to_dict()}"
    assert v.status in allowed, f"{what}: status {v.status!r}, expected one of {sorted(allowed)}: {v.error!r}"


# ---------------------------------------------------------------- the hostile snippets
# MARK names a process so the test can find it even after it escaped every process group.

MARK = src("""
    def _mark():
        try:
            import ctypes
            ctypes.CDLL(None).prctl(15, b"MARKER", 0, 0, 0)
        except Exception:
            pass
    """)

FORK_LINGER = MARK + src("""
    import os
    import time


    def ENTRY(n):
        if os.fork() == 0:
            _mark()
            time.sleep(60)
            os._exit(0)
        return None
    """)

DAEMON = MARK + src("""
    import os
    import time


    def ENTRY(n):
        pid = os.fork()
        if pid == 0:
            os.setsid()
            if os.fork() == 0:
                _mark()
                os.closerange(0, 64)
                time.sleep(60)
            os._exit(0)
        os.waitpid(pid, 0)
        return None
    """)

SETSID_SPINNER = MARK + src("""
    import os


    def ENTRY(n):
        try:
            if os.fork() == 0:
                os.setsid()
                _mark()
                while True:
                    pass
        except OSError:
            pass  # no fork in the sandbox: spin alone
        while True:
            pass
    """)

IGNORE_SIGNALS = src("""
    import signal

    for _sig in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM, signal.SIGXCPU, signal.SIGHUP,
                 signal.SIGVTALRM, signal.SIGPROF, signal.SIGUSR1, signal.SIGUSR2, signal.SIGQUIT):
        signal.signal(_sig, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.Signals))


    def ENTRY(n):
        while True:
            try:
                while True:
                    pass
            except BaseException:
                pass
    """)

FILE_VANDAL = src("""
    import os
    import shutil


    def ENTRY(n):
        for path in CANARIES:
            for attack in (lambda: open(path, "w").write("pwned"), lambda: os.remove(path),
                           lambda: os.chmod(path, 0o777), lambda: os.rename(path, path + ".moved"),
                           lambda: shutil.rmtree(os.path.dirname(path))):
                try:
                    attack()
                except Exception:
                    pass
        for path in FRESH:
            try:
                with open(path, "w") as f:
                    f.write("written by a candidate")
            except Exception:
                pass
        return None
    """)

CONNECT = src("""
    import socket


    def ENTRY(n):
        for family, address in ((socket.AF_INET, ("127.0.0.1", PORT)), (socket.AF_INET6, ("::1", PORT))):
            try:
                s = socket.socket(family, socket.SOCK_STREAM)
                s.settimeout(0.3)
                s.connect(address)
                s.sendall(b"hello from the sandbox")
            except Exception:
                pass
        return None
    """)

# Returns the first secret-shaped string it can find anywhere; LEAK_* problems turn a find into a pass.
SECRET_HUNT = src(r"""
    import os
    import re

    _PAT = re.compile(rb"AXQSECRET-[0-9a-f]{32}")


    def _read(path):
        try:
            with open(path, "rb") as f:
                return f.read(1 << 20)
        except Exception:
            return b""


    def _hunt():
        blobs = [repr(dict(os.environ)).encode(), _read("/proc/self/environ"), _read("/proc/1/environ")]
        pid = os.getppid()
        while pid > 1:
            blobs += [_read(f"/proc/{pid}/environ"), _read(f"/proc/{pid}/cmdline")]
            try:
                pid = int(_read(f"/proc/{pid}/stat").rsplit(b")", 1)[1].split()[1])
            except Exception:
                break
        for blob in blobs:
            m = _PAT.search(blob)
            if m:
                return m.group().decode()
        try:
            pids = [p for p in os.listdir("/proc") if p.isdigit()]
        except Exception:
            pids = []
        for p in pids:
            for part in ("environ", "cmdline"):
                m = _PAT.search(_read(f"/proc/{p}/{part}"))
                if m:
                    return m.group().decode()
        return None


    def ENTRY(n):
        found = _hunt()
        if found and n == 2:
            raise RuntimeError("found " + found)  # the error message: does it carry the secret out?
        return found
    """)


# Return True only after holding more than `bound` bytes: a pass is the leak showing.
DISK_FILL = src("""
    import time


    def ENTRY(bound):
        end, total, i, block = time.monotonic() + 0.5, 0, 0, b"x" * (1 << 20)
        while time.monotonic() < end and total <= bound:
            try:
                with open(f"fill{i}", "wb") as f:  # one file stays under RLIMIT_FSIZE; many do not
                    for _ in range(8):
                        f.write(block)
                        total += len(block)
            except OSError:
                break
            i += 1
        return total > bound
    """)

MEMFD_HOARD = src("""
    import os


    def ENTRY(bound):
        held, total, block = [], 0, b"x" * (1 << 20)
        while total <= bound:
            try:
                fd = os.memfd_create("hoard")  # shared memory outside the address space limit
                held.append(fd)
                for _ in range(8):
                    os.write(fd, block)
                    total += len(block)
            except OSError:
                break
        return total > bound
    """)


def at_import(stmt: str) -> str:
    return f"{stmt}\n\n\ndef ENTRY(n):\n    return None\n"


def in_call(stmt: str) -> str:
    return f"def ENTRY(n):\n    {stmt}\n    return None\n"


TIMEOUTS = {
    "spin": "def ENTRY(n):\n    while True:\n        pass\n",
    "ignore_signals_and_spin": IGNORE_SIGNALS,
    "c_busy_loop": "import itertools\n\ndef ENTRY(n):\n    return sum(itertools.repeat(1, 10 ** 12))\n",
    "regex_backtracking": "import re\n\ndef ENTRY(n):\n    return re.match('(a+)+$', 'a' * 40 + 'b')\n",
    "sleep": "import time\n\ndef ENTRY(n):\n    time.sleep(30)\n",
    "spin_at_import": "while True:\n    pass\n\ndef ENTRY(n):\n    return None\n",
    "setsid_spinner": SETSID_SPINNER,  # fork is refused under seccomp: then it just spins
}

OTHERS = {
    # name: (code, allowed statuses)
    "memory_bomb_bytearray": (in_call("bytearray(10 ** 10)"), {"memory_limit"}),
    # the next test may then run out of the time left: the verdict is the timeout
    "memory_bomb_growth": (in_call("x = []\n    while True:\n        x.append(bytearray(10 ** 6))"),
                           {"memory_limit", "timeout"}),
    "memory_bomb_at_import": (at_import("x = ' ' * (10 ** 10)"), {"memory_limit"}),
    "fork_linger": (FORK_LINGER, {"runtime_error", "wrong_answer"}),
    "daemon": (DAEMON, {"runtime_error", "wrong_answer"}),
    "popen_shell": (in_call("import subprocess; subprocess.Popen(['/bin/sh', '-c', 'sleep 60'])"),
                    {"runtime_error", "wrong_answer"}),
    "os_system": (in_call("import os; os.system('sleep 60 &')"), {"runtime_error", "wrong_answer"}),
    "execv_shell": (in_call("import os; os.execv('/bin/sh', ['sh', '-c', 'echo passed'])"),
                    {"runtime_error"}),
    "thread_spawn": (in_call("import threading, time; threading.Thread(target=time.sleep, args=(60,)).start()"),
                     {"runtime_error", "wrong_answer"}),
    "kill_parent": (in_call("import os; os.kill(os.getppid(), 9)"), {"runtime_error", "wrong_answer"}),
    "kill_group": (in_call("import os; os.killpg(os.getpgrp(), 9)"), {"runtime_error"}),
    "kill_pid1": (in_call("import os; os.kill(1, 9)"), {"runtime_error", "wrong_answer"}),
    "sigstop_self": (in_call("import os, signal; os.kill(os.getpid(), signal.SIGSTOP)"),
                     {"runtime_error", "timeout"}),
}

# Only with a syscall filter or a uid of its own can these not take the host down with them
NEEDS_CONTAINMENT = {
    "fork_bomb": (in_call("import os\n    while True:\n        os.fork()"),
                  {"runtime_error", "timeout", "memory_limit"}),
    "kill_everyone": (in_call("import os; os.kill(-1, 9)"), {"runtime_error", "wrong_answer"}),
}


# ---------------------------------------------------------------- tests

def test_isolation_is_reported(verifier, process_watch):
    iso = verifier.isolation
    print("isolation:", iso)
    assert iso and all(type(v) is bool for v in iso.values()), iso
    assert iso.get("rlimits") is True
    # the watch sees the workers: the leak check at the end can fail
    assert len(process_watch.new()) >= 2, process_watch.describe(process_watch.new())


@pytest.mark.parametrize("name", list(TIMEOUTS))
def test_times_out(verifier, process_watch, name):
    v, wall = run(verifier, TIMEOUTS[name])
    assert_sensible(v, {"timeout"}, name)
    assert TIMEOUT * 0.9 <= v.duration_s <= TIMEOUT + 0.05, f"{name}: duration_s {v.duration_s}"
    assert wall < TIMEOUT + 3, f"{name}: the verdict took {wall:.2f}s of wall time"
    left = process_watch.settle(process_watch.marked, 2.0)
    assert not left, f"{name}: still running after its verdict: {process_watch.describe(left)}"


@pytest.mark.parametrize("name", list(OTHERS))
def test_hostile_gets_a_sensible_status(verifier, process_watch, name):
    code, allowed = OTHERS[name]
    v, wall = run(verifier, code)
    assert_sensible(v, frozenset(allowed), name)
    assert wall < TIMEOUT + 3
    left = process_watch.settle(process_watch.marked, 2.0)
    assert not left, f"{name}: still running after its verdict: {process_watch.describe(left)}"


@pytest.mark.parametrize("name", list(NEEDS_CONTAINMENT))
def test_contained_attacks(verifier, process_watch, name):
    iso = verifier.isolation
    if not (iso.get("seccomp") or iso.get("uid_drop")):
        pytest.skip(f"{name} would harm this host: the verifier reports neither seccomp nor a uid drop ({iso})")
    code, allowed = NEEDS_CONTAINMENT[name]
    v, _ = run(verifier, code)
    assert_sensible(v, frozenset(allowed), name)
    assert os.getppid() > 0  # and we are still here


def test_no_process_outlives_its_verdict(verifier, process_watch):
    """Children, shells and daemons are gone soon after the verdict, not only at close()."""
    for code in (FORK_LINGER, DAEMON, OTHERS["popen_shell"][0], OTHERS["os_system"][0]):
        run(verifier, code)
    new = process_watch.settle(lambda: {pid: p for pid, p in process_watch.new().items()
                                        if p.comm in (process_watch.MARKER, "sleep", "sh")}, 2.0)
    assert not new, f"left running: {process_watch.describe(new)}"


def test_files_outside_the_sandbox_are_untouched(verifier, canaries):
    made, fresh = canaries
    code = FILE_VANDAL.replace("CANARIES", repr([str(p) for p in made])).replace(
        "FRESH", repr([str(p) for p in fresh]))
    v, _ = run(verifier, code)
    assert_sensible(v, {"wrong_answer"}, "file vandal")
    assert [p for p in fresh if p.exists()] == []
    assert all(p.read_text() == "canary\n" for p in made)


def test_no_connection_reaches_the_host(verifier):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.settimeout(0.3)
        v, _ = run(verifier, CONNECT.replace("PORT", str(server.getsockname()[1])))
        assert_sensible(v, {"wrong_answer"}, "connect")
        try:
            conn, peer = server.accept()
        except TimeoutError:
            return
        conn.close()
        pytest.fail(f"a candidate connected to 127.0.0.1 from {peer}")


@pytest.mark.parametrize("problem", [LEAK_ENV, LEAK_HOST], ids=["test_process_env", "host_process"])
def test_secrets_stay_out_of_reach(verifier, problem):
    v, _ = run(verifier, SECRET_HUNT, problem)
    assert v.passed_tests == 0, f"the candidate read a secret: {v.to_dict()}"
    assert_sensible(v, {"wrong_answer"}, "secret hunt")


def test_secrets_never_appear_in_a_verdict(verifier):
    """A candidate that finds a secret raises it as its error: the verdict must not carry it out."""
    problem = Problem(id="hostile/leak-out", family="hostile", difficulty=1, prompt="", entry_point="double",
                      tests=(Case(args=[1], expected=0), Case(args=[2], expected=0)))
    v, _ = run(verifier, SECRET_HUNT, problem)
    text = str(v.to_dict())
    assert SECRET not in text and HOST_SECRET not in text, text
    assert_sensible(v, {"wrong_answer", "runtime_error"}, "secret hunt")


@pytest.mark.parametrize(("name", "code", "bound_mb"), [
    # files in its private directory (on /dev/shm, so RAM): RLIMIT_FSIZE bounds each, not all
    ("scratch_files", DISK_FILL, 128),
    ("memfd", MEMFD_HOARD, 64),  # shared memory beside the memory_mb of its address space
])
def test_resources_outside_rlimit_as_are_bounded(verifier, name, code, bound_mb):
    problem = Problem(id=f"hostile/{name}", family="hostile", difficulty=1, prompt="", entry_point="double",
                      tests=(Case(args=[bound_mb << 20], expected=True),))
    v, _ = run(verifier, code, problem)
    assert v.status != "passed", f"a candidate held more than {bound_mb} MiB of {name}: {v.to_dict()}"
    assert_sensible(v, SENSIBLE, name)


CRASHERS = {
    # the worker's rmtree of its private directory recurses once per level
    # the io child's "every test reported" frame, sent before any result: the worker stops
    # listening, and the tests that never reported fail
    "early_done_frame": in_call("import os, struct\n    os.write(3, struct.pack('>I', 1) + b'D')"),
    "deep_directory_tree": in_call("import os\n    for _ in range(1500):\n        os.mkdir('d')\n"
                                   "        os.chdir('d')"),
    # a result frame of its own on the result pipe (fd 3), valid JSON whose first 200 bytes end
    # inside a UTF-8 character: error messages are cut there
    "undecodable_result_frame": src(r"""
        import os
        import struct


        def ENTRY(n):
            body = b'V"' + b"a" * 198 + "\u00e9".encode() * 10 + b'"'
            os.write(3, struct.pack(">I", len(body)) + body)
            os._exit(0)
        """),
}


@pytest.mark.parametrize("name", list(CRASHERS))
def test_a_candidate_cannot_break_the_verifier(process_watch, name):
    """verify() keeps going, the next candidate is judged, and the candidate is not excused as a
    sandbox_error. A Verifier of its own: a crash here must not take the module's down."""
    code = CRASHERS[name].replace("ENTRY", DOUBLE.entry_point)
    pair = [Candidate(DOUBLE.id, code), Candidate(DOUBLE.id, DOUBLE.reference_solution)]
    with process_watch.track(lambda: Verifier(workers=1, limits=LIMITS)) as v:
        verdicts = list(v.verify([DOUBLE], pair))
    assert verdicts[1].status == "passed", verdicts[1].to_dict()
    assert_sensible(verdicts[0], SENSIBLE, name)
    assert not process_watch.leftover_scratch(), "its scratch directory was left behind"


def test_verifier_still_works(verifier):
    """After everything above, an honest candidate still passes."""
    v, _ = run(verifier, DOUBLE.reference_solution)
    assert v.status == "passed", v.to_dict()


def test_nothing_left_behind(verifier, process_watch, private_tmp):
    """Keep last. After close(): no worker, candidate, daemon or zombie; no temp entries."""
    verifier.close()
    left = process_watch.settle(process_watch.new, 5.0)
    assert not left, f"left running after close(): {process_watch.describe(left)}"
    assert not process_watch.zombies()
    assert sorted(os.listdir(private_tmp)) == [], "the verifier left entries in TMPDIR"
    assert not process_watch.leftover_scratch(), "the verifier left its scratch directory"
    leftover = {p for p in process_watch.shared_tmp_entries() if TOKEN in p}
    assert not leftover, leftover
