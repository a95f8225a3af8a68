"""Batches of token windows, resumable: the data position is (epoch, cursor), saved with each checkpoint.

The training tokens are cut into non-overlapping windows of `context + 1` tokens (inputs and the
next-token labels); each epoch visits every window once, in an order drawn from a SHA-256 of
(seed, epoch), so an epoch's order is a pure function of the two and a resumed run reads exactly
the batches an uninterrupted one would have.
"""

from __future__ import annotations

import hashlib

from axiom.errors import ConfigError


def epoch_seed(seed: int, epoch: int) -> int:
    # A stable hash, not seed + epoch: neighbouring seeds must not share epoch orders.
    return int.from_bytes(hashlib.sha256(f"windows|{seed}|{epoch}".encode()).digest()[:8], "big") >> 1


class TokenWindows:
    def __init__(self, tokens, context: int, batch_size: int, seed: int = 0) -> None:
        self.tokens, self.context, self.batch_size, self.seed = tokens, context, batch_size, seed
        self.n = (len(tokens) - 1) // context
        if self.n < 1:
            raise ConfigError(f"the corpus has {len(tokens)} training tokens, fewer than one sequence of "
                              f"model.context + 1 = {context + 1}; build a larger corpus or lower model.context")
        self.epoch, self.cursor = 0, 0
        self._order_epoch, self._order = -1, None

    def order(self):
        import torch

        if self._order_epoch != self.epoch:
            g = torch.Generator().manual_seed(epoch_seed(self.seed, self.epoch))
            self._order, self._order_epoch = torch.randperm(self.n, generator=g), self.epoch
        return self._order

    def next_batch(self):
        """(inputs, labels), each batch_size x context int64 tensors on the CPU."""
        import numpy as np
        import torch

        rows = []
        for _ in range(self.batch_size):
            start = int(self.order()[self.cursor]) * self.context
            rows.append(np.asarray(self.tokens[start:start + self.context + 1], dtype=np.int64))
            self.cursor += 1
            if self.cursor == self.n:
                self.epoch, self.cursor = self.epoch + 1, 0
        batch = torch.from_numpy(np.stack(rows))
        return batch[:, :-1], batch[:, 1:]

    def state_dict(self) -> dict:
        return {"epoch": self.epoch, "cursor": self.cursor, "n": self.n, "seed": self.seed}

    def load_state_dict(self, state: dict) -> None:
        if state["n"] != self.n or state["seed"] != self.seed:
            raise ConfigError(f"the checkpoint read {state['n']} windows of seed {state['seed']}, this corpus has "
                              f"{self.n} of seed {self.seed}: the corpus or the config changed since the run began")
        self.epoch, self.cursor = state["epoch"], state["cursor"]


def validation_batches(tokens, context: int, batch_size: int, max_batches: int):
    """The first `max_batches` batches of the validation tokens, in order (the same every evaluation)."""
    import numpy as np
    import torch

    n = (len(tokens) - 1) // context
    if n < 1:
        raise ConfigError(f"the validation split has {len(tokens)} tokens, fewer than model.context + 1 = "
                          f"{context + 1}; build the corpus with a larger val_fraction or lower model.context")
    n = min(n, batch_size * max_batches)
    windows = [np.asarray(tokens[i * context:i * context + context + 1], dtype=np.int64) for i in range(n)]
    for start in range(0, n, batch_size):
        batch = torch.from_numpy(np.stack(windows[start:start + batch_size]))
        yield batch[:, :-1], batch[:, 1:]
