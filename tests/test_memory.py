"""in_child: training runs in its own process, so its memory goes back to the OS when it ends."""

import os
import signal

import pytest

from axiom.errors import AxiomError, ConfigError
from axiom.memory import in_child


def pid_and(x, y=0):
    return os.getpid(), x + y


def fails():
    raise ConfigError("train.lr must be > 0")


def dies():
    os.kill(os.getpid(), signal.SIGKILL)


def test_the_function_runs_in_another_process_and_its_result_comes_back():
    pid, total = in_child(pid_and, 2, y=3)
    assert pid != os.getpid() and total == 5


def test_its_exception_comes_back_as_it_was():
    with pytest.raises(ConfigError, match="train.lr"):
        in_child(fails)


def test_a_child_killed_by_the_kernel_is_a_clear_error():
    with pytest.raises(AxiomError, match=r"dies died in its child process \(exit code -9"):
        in_child(dies)


def test_python_dash_m_axiom_does_not_rerun_the_command_in_a_spawned_child():
    """A spawned child imports the parent's main module as __mp_main__; `python -m axiom iterate` would
    otherwise start the command again inside its own training process."""
    import runpy

    runpy.run_module("axiom.__main__", run_name="__mp_main__")  # returns: no command ran, no SystemExit


def heap_kept_after_holes(steady: bool) -> float:
    """MB of RSS a process keeps after allocating ~300 MB in blocks of 256 KB to 1.75 MB and freeing 9 in 10
    (the last kept): the pattern of a training step's activations, whose sizes change with every batch."""
    import ctypes

    from axiom.memory import steady_heap

    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]

    def rss_mb() -> float:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmRSS:"))

    if steady:
        assert steady_heap()
    libc.free(libc.malloc(4 << 20))  # glibc's default raises its mmap threshold to the largest block freed
    before = rss_mb()
    blocks = []
    for i in range(300):
        size = (1 + i % 7) << 18
        blocks.append(libc.malloc(size))
        libc.memset(blocks[-1], 1, size)
    for i, block in enumerate(blocks):
        if i % 10 != 9:
            libc.free(block)
    return rss_mb() - before


@pytest.mark.skipif(not os.path.exists("/proc/self/status") or os.uname().sysname != "Linux", reason="glibc on Linux")
def test_a_steady_heap_hands_freed_blocks_back_where_the_default_heap_keeps_them():
    assert in_child(heap_kept_after_holes, False) > 150  # the default: the holes stay mapped
    assert in_child(heap_kept_after_holes, True) < 60    # steady_heap: only the blocks still in use (~30 MB)


def tunables():
    return os.environ.get("GLIBC_TUNABLES")


def test_the_training_child_starts_with_huge_pages_for_glibc_and_the_parent_is_unchanged(monkeypatch):
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.arena_max=2")
    assert in_child(tunables) == "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1"
    assert os.environ["GLIBC_TUNABLES"] == "glibc.malloc.arena_max=2"
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0")  # a user's own choice is kept
    assert in_child(tunables) == "glibc.malloc.hugetlb=0"
    monkeypatch.delenv("GLIBC_TUNABLES")
    assert in_child(tunables) == "glibc.malloc.hugetlb=1" and "GLIBC_TUNABLES" not in os.environ
