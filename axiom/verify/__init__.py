"""Sandboxed verification of candidate solutions: the reward of the whole system.

    from axiom.verify import Verifier, Limits, Candidate
    with Verifier(workers=4) as v:
        for verdict in v.verify(problems, candidates):
            ...

Names are imported lazily so that a sandbox worker, which imports axiom.verify.worker, loads
only the stdlib-only modules it needs (a smaller process forks faster).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from axiom.verify.extract import extract_code
    from axiom.verify.pool import Verifier, verify
    from axiom.verify.records import Candidate, Limits, Verdict

__all__ = ["Candidate", "Limits", "Verdict", "Verifier", "extract_code", "verify"]
_WHERE = {"Candidate": "records", "Limits": "records", "Verdict": "records", "Verifier": "pool",
          "verify": "pool", "extract_code": "extract"}


def __getattr__(name: str) -> object:
    if name in _WHERE:
        return getattr(importlib.import_module(f"axiom.verify.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'axiom.verify' has no attribute {name!r}")
