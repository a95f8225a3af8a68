"""Grokking watch: a sudden rise of held-out accuracy after a plateau, while training accuracy was already high.

The seeds looked for this pattern (train flat and high, val flat, then val jumps). Over the
per-iteration metrics lines of a run, an iteration is flagged when its held-out accuracy beats
the best of the previous `plateau` iterations by at least `jump`, those iterations varied by at
most `tolerance`, and the training split's accuracy at the iteration before was at least
`train_high` (not checked when the run records no training split). `significant` says whether the
rise is outside noise (the 95% interval of the change excludes 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from axiom.eval.metrics import diff_interval, headline


@dataclass(frozen=True)
class GrokEvent:
    iteration: int
    before: float        # best held-out accuracy over the plateau
    after: float         # held-out accuracy at `iteration`
    train: float | None  # training accuracy at the iteration before
    significant: bool

    def to_dict(self) -> dict:
        return asdict(self)


def grokking_watch(records: Iterable[dict], split: str = "val", train_split: str = "train", *, plateau: int = 3,
                   tolerance: float = 0.05, jump: float = 0.15, train_high: float = 0.8) -> list[GrokEvent]:
    """Events over metrics lines ({"iteration", "split", "metrics"}), in iteration order."""
    held: dict[int, tuple[float, int]] = {}
    train: dict[int, float] = {}
    for rec in records:
        _, value, _, n = headline(rec["metrics"].get("overall", {}))
        if value is None:
            continue
        if rec["split"] == split:
            held[rec["iteration"]] = (value, n)
        elif rec["split"] == train_split:
            train[rec["iteration"]] = value
    its = sorted(held)
    events = []
    for i in range(plateau, len(its)):
        window = [held[it][0] for it in its[i - plateau:i]]
        after, n = held[its[i]]
        if max(window) - min(window) > tolerance or after - max(window) < jump:
            continue
        prior_train = [train[t] for t in sorted(train) if t < its[i]]
        tr = prior_train[-1] if prior_train else None
        if tr is not None and tr < train_high:
            continue
        n_before = held[its[i - 1]][1]
        lo, _ = diff_interval(max(window), n_before, after, n)
        events.append(GrokEvent(its[i], max(window), after, tr, lo > 0))
    return events
