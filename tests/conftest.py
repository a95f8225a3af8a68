"""Fixtures for every test folder: offline Hugging Face, and a tiny local model."""

from __future__ import annotations

import os

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> str:
    from tests.tiny import build_tiny_model

    return build_tiny_model(str(tmp_path_factory.mktemp("tiny-model")))


@pytest.fixture(autouse=True, scope="session")
def fp32_by_default():
    """Tiny random models generate in fp32 on every machine, so a test's tokens do not depend on the CPU.

    The hf backend's default is bf16 on CPUs with bf16 hardware; tests of that path ask for it
    by name (tests/generate/test_bf16.py).
    """
    import axiom.generate.hf as hf

    real = hf.cpu_has_fast_bf16
    hf.cpu_has_fast_bf16 = lambda: False
    yield real
    hf.cpu_has_fast_bf16 = real
