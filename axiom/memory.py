"""Keep training's memory bounded: within a training process, and between the stages of the loop.

`in_child` runs a function (training) in a fresh process: whatever it allocates goes back to the OS when
it exits. Collecting and trimming in-process (`free_memory`) was not enough: in the central run the
training process grew from 4 to 17 GB over 54 steps, kept it after training, and the evaluation after it
was OOM-killed at 24 GB. The growth is glibc's heap, holed by buffers of every batch's own size; a
training process now keeps its heap steady (`steady_heap`, on huge pages: `with_huge_pages`).

Training leaves reference cycles (trainer, callbacks, accelerator, model) that keep the trained model
and its optimizer alive until the next garbage collection, and glibc keeps the freed heap of a training
step mapped. On a 24 GiB machine the next stage's model then came on top of both: the central run's
first evaluation after training was OOM-killed at 24 GB where the same evaluation in a fresh process
peaked at about 4 GB. Not covered: other allocators than glibc's (the trim is skipped).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from axiom.errors import AxiomError

F = TypeVar("F", bound=Callable)


def free_memory() -> None:
    """Collect reference cycles, empty the CUDA cache, and hand glibc's free heap back to the OS."""
    gc.collect()
    torch = sys.modules.get("torch")  # only when torch is already loaded: freeing memory must not import it
    if torch is not None and torch.cuda.is_available():
        torch.cuda.empty_cache()
    trim_heap()


def trim_heap() -> None:
    """Hand glibc's free heap pages back to the OS (nothing with another allocator)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # mallopt's parameters (malloc.h)


def steady_heap(threshold: int = 128 * 1024) -> bool:
    """Keep a training process's heap from growing step after step (glibc only; False where it cannot).

    A training step allocates activation buffers whose sizes change with every batch's length. glibc
    serves them from its heap once its adaptive mmap threshold has risen (it rises to the largest block
    freed, up to 32 MB), and a heap holed by blocks of ever-different sizes keeps growing: the central
    run's SFT of the 0.5B preset reached 23 GB at step 143 and was OOM-killed. With the threshold fixed at
    `threshold` bytes, every large block is an mmap of its own, handed back when freed, and free heap
    above `threshold` is trimmed at once. Over 16 steps of mixed lengths (`benchmarks/training_memory.py`):
    peak RSS 21.6 -> 14.7 GB, 17.3 -> 3.2 GB kept between steps, the same losses; 27% slower, unless the
    process started with huge pages (`with_huge_pages`): then as fast as glibc's defaults.
    """
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, threshold)) and bool(mallopt(M_TRIM_THRESHOLD, threshold))


HUGE_PAGES = "glibc.malloc.hugetlb=1"


def with_huge_pages(env: dict[str, str]) -> dict[str, str]:
    """`env` for a training process that glibc backs with transparent huge pages (2 MB) where the kernel offers
    them on request (THP `madvise` or `always`). A steady heap maps every large block afresh, and faulting it
    in 4 KB pages made the 0.5B preset's SFT 27% slower; with huge pages it ran as fast as glibc's defaults
    (`benchmarks/results/training_memory.json`). A tunable is read when a process starts, so this is for the
    processes axiom starts to train in (`in_child`, torchrun's ranks)."""
    tunables = env.get("GLIBC_TUNABLES", "")
    if "glibc.malloc.hugetlb" not in tunables:
        env = {**env, "GLIBC_TUNABLES": ":".join(t for t in (tunables, HUGE_PAGES) if t)}
    return env


def frees_memory(train: F) -> F:
    """Run `train`, then `free_memory()`, so that nothing it built outlives it (see the module doc)."""
    @functools.wraps(train)
    def wrapper(*args, **kwargs):
        try:
            return train(*args, **kwargs)
        finally:
            free_memory()
    return wrapper  # type: ignore[return-value]


def in_child(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`fn(*args, **kwargs)` in a spawned child process; its result, or its exception, comes back.

    The child dies with the parent (a parent killed with SIGKILL leaves no orphan training on), and a
    Ctrl-C or SIGTERM in the parent stops it. `fn` and its arguments must pickle (module-level functions,
    plain data). The child is a training process: glibc backs its heap with huge pages (`with_huge_pages`).
    """
    ctx = multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child_main, args=(send, fn, args, kwargs), name=f"axiom-{fn.__name__}")
    with _environ(with_huge_pages(dict(os.environ))):  # a spawned child starts with the parent's environment
        child.start()
    send.close()
    try:
        try:
            ok, value = receive.recv()
        except EOFError:
            child.join()
            raise AxiomError(f"{fn.__name__} died in its child process (exit code {child.exitcode}; "
                             f"-9 is usually the kernel's out-of-memory killer)") from None
        child.join()
    finally:
        if child.is_alive():
            child.terminate()
            child.join()
    if not ok:
        raise value
    return value


@contextlib.contextmanager
def _environ(env: dict[str, str]):
    old = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(old)


def die_with_parent() -> None:
    """Linux: this process gets SIGKILL when its parent dies, so a killed parent leaves no orphan training on."""
    setter = death_signal()
    if setter is not None:
        setter()


def death_signal() -> Callable[[], None] | None:
    """A function that makes the process calling it get SIGKILL when its parent dies (Linux; None elsewhere).

    As a Popen `preexec_fn` it ties a subprocess to this one; libc is looked up here, before the fork, so the
    forked child runs no loader code.
    """
    try:
        prctl = ctypes.CDLL("libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return lambda: prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _child_main(send, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    die_with_parent()
    try:
        result = (True, fn(*args, **kwargs))
    except BaseException as exc:  # noqa: BLE001  (sent to the parent, which raises it)
        result = (False, exc)
    send.send(result)
    send.close()
