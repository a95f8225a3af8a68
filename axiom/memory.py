"""Give memory back between the stages of one process (the loop loads a model, trains, loads another).

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
import sys
from collections.abc import Callable
from typing import TypeVar

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
