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
    """Tiny random models generate and train in fp32 on every machine, so a test's tokens do not depend on the CPU.

    The default is bf16 on CPUs with bf16 hardware; AXIOM_CPU_BF16=0 turns that off here and in
    every process a test starts (the CLI, the OpenAI-compatible test server). Tests of the bf16
    path ask for it by name (tests/generate/test_bf16.py). Yields the detection without the override.
    """
    import axiom.generate.hf as hf

    previous = os.environ.get("AXIOM_CPU_BF16")
    os.environ["AXIOM_CPU_BF16"] = "0"

    def detect() -> bool:
        saved = os.environ.pop("AXIOM_CPU_BF16")
        try:
            return hf.cpu_has_fast_bf16()
        finally:
            os.environ["AXIOM_CPU_BF16"] = saved

    yield detect
    if previous is None:
        del os.environ["AXIOM_CPU_BF16"]
    else:
        os.environ["AXIOM_CPU_BF16"] = previous
