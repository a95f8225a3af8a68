"""A training config for tests/train/test_data_parallel.py whose module, imported in a torchrun rank, makes
rank 1 fail in its second step (as a lost GPU would), while rank 0 waits for it in the gradient all-reduce.

A rank imports a config's module by name (`axiom.train.launch.run_rank`), so the failure is set up there,
in the rank, and nowhere in Axiom's own code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from axiom.train.sft import SFTConfig


@dataclass
class CrashingRankConfig(SFTConfig):
    """SFT's config; in rank 1 of a launch, the Trainer's second step raises."""


if os.environ.get("RANK") == "1":
    from transformers import Trainer

    _step = Trainer.training_step

    def _failing_step(self, *args, **kwargs):
        if self.state.global_step == 1:
            raise RuntimeError("rank 1 lost its GPU")
        return _step(self, *args, **kwargs)

    Trainer.training_step = _failing_step
