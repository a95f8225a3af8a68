"""Before/after on the same problems: paired statistics.

When two evaluations scored the same problems, the change is a difference of *paired*
proportions: what matters is the problems that flipped (b: passed before, failed after; c: the
reverse), not the two totals. Treating the two sides as independent samples (Newcombe's hybrid
interval in `metrics.diff_interval`) throws most of that power away.

- `mcnemar_exact`: the two-sided exact (binomial) McNemar test on the flips.
- `paired_diff_interval`: Newcombe's (1998) method 10, a score interval for p_after - p_before
  built from the two Wilson intervals and the correlation of the pairs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from axiom.eval.metrics import wilson


@dataclass(frozen=True)
class PairedTable:
    """Counts over problems scored on both sides: both passed, only before, only after, neither."""

    both: int
    only_before: int
    only_after: int
    neither: int

    @property
    def n(self) -> int:
        return self.both + self.only_before + self.only_after + self.neither

    @property
    def before(self) -> float:
        return (self.both + self.only_before) / self.n if self.n else 0.0

    @property
    def after(self) -> float:
        return (self.both + self.only_after) / self.n if self.n else 0.0

    @classmethod
    def from_outcomes(cls, before: Mapping[str, bool], after: Mapping[str, bool]) -> PairedTable:
        """From pass/fail per problem id; only ids on both sides count."""
        shared = before.keys() & after.keys()
        count = lambda x, y: sum(1 for i in shared if before[i] is x and after[i] is y)
        return cls(count(True, True), count(True, False), count(False, True), count(False, False))


def mcnemar_exact(only_before: int, only_after: int) -> float:
    """Two-sided exact McNemar p-value: the flips are Binomial(b + c, 1/2) when nothing changed."""
    n = only_before + only_after
    if n == 0:
        return 1.0
    k = min(only_before, only_after)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return min(1.0, 2 * tail)


def paired_diff_interval(t: PairedTable, z: float = 1.96) -> tuple[float, float]:
    """Newcombe's method 10 interval for after - before on paired outcomes (95% by default)."""
    n = t.n
    if n == 0:
        return -1.0, 1.0
    p1, p2 = t.before, t.after
    l1, u1 = wilson(t.both + t.only_before, n, z)
    l2, u2 = wilson(t.both + t.only_after, n, z)
    a, b, c, d = t.both, t.only_before, t.only_after, t.neither
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    phi = (a * d - b * c) / math.sqrt(margins) if margins else 0.0
    delta = p2 - p1
    lo = math.sqrt(max(0.0, (p2 - l2) ** 2 - 2 * phi * (p2 - l2) * (u1 - p1) + (u1 - p1) ** 2))
    hi = math.sqrt(max(0.0, (u2 - p2) ** 2 - 2 * phi * (u2 - p2) * (p1 - l1) + (p1 - l1) ** 2))
    return max(-1.0, delta - lo), min(1.0, delta + hi)


def paired_bootstrap(before: Mapping[str, float], after: Mapping[str, float], *, resamples: int = 10000,
                     seed: int = 0, level: float = 0.95) -> tuple[float, float, float]:
    """(mean change, lo, hi) of after - before over the shared problems, resampling problems with replacement.

    For per-problem scores that are not pass/fail (a sampled pass rate, partial credit), where
    McNemar does not apply.
    """
    import random

    shared = sorted(before.keys() & after.keys())
    if not shared:
        return 0.0, -1.0, 1.0
    diffs = [after[i] - before[i] for i in shared]
    rng, n = random.Random(seed), len(diffs)
    means = sorted(sum(diffs[rng.randrange(n)] for _ in range(n)) / n for _ in range(resamples))
    tail = (1 - level) / 2
    return sum(diffs) / n, means[int(tail * resamples)], means[min(resamples - 1, int((1 - tail) * resamples))]
