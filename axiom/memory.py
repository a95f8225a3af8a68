"""Give memory back between the stages of one process (the loop loads a model, trains, loads another).

`in_child` runs a function (training) in a fresh process: whatever it allocates goes back to the OS when
it exits. Collecting and trimming in-process (`free_memory`) was not enough: in the central run the
training process grew from 4 to 17 GB over 54 steps (cause not pinned down: allocator fragmentation
is the likely one), kept it after training, and the evaluation after it was OOM-killed at 24 GB.

Training leaves reference cycles (trainer, callbacks, accelerator, model) that keep the trained model
and its optimizer alive until the next garbage collection, and glibc keeps the freed heap of a training
step mapped. On a 24 GiB machine the next stage's model then came on top of both: the central run's
first evaluation after training was OOM-killed at 24 GB where the same evaluation in a fresh process
peaked at about 4 GB. Not covered: other allocators than glibc's (the trim is skipped).
"""

from __future__ import annotations

import ctypes
import functools
import gc
import multiprocessing
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
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


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
    plain data).
    """
    ctx = multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child_main, args=(send, fn, args, kwargs), name=f"axiom-{fn.__name__}")
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
