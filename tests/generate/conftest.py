"""Fixtures for the generation tests (tiny_model comes from tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.tiny import CORPUS, build_tiny_model  # noqa: F401  (re-exported for older imports)


@pytest.fixture(scope="session")
def tiny_backend(tiny_model):
    from axiom.generate.hf import HFBackend

    return HFBackend(tiny_model, batch_size=16)
