"""The shipped scratch configs load without a typo and build models of the sizes their headers promise."""

from pathlib import Path

import pytest
import torch

from axiom.config import load_config
from axiom.scratch.config import PretrainConfig
from axiom.scratch.model import build_model, count_parameters

CONFIGS = Path(__file__).resolve().parents[2] / "configs"


class Vocab:
    """What build_model reads of a tokenizer: its size and the special ids."""

    bos_token_id, eos_token_id, pad_token_id = 0, 1, 2

    def __init__(self, size: int) -> None:
        self.size = size

    def __len__(self) -> int:
        return self.size


@pytest.mark.parametrize("name, vocab, low, high, device", [
    ("scratch-cpu", 4096, 3e6, 6e6, "cpu"), ("scratch-29m", 8192, 25e6, 35e6, "cuda"),
    ("scratch-100m", 16384, 85e6, 110e6, "cuda")])
def test_config_sizes(name, vocab, low, high, device):
    path = CONFIGS / f"{name}.yaml"
    assert path.read_text().startswith("# "), "each config opens with a comment saying what it is for"
    cfg = load_config(PretrainConfig, path)
    assert cfg.run.name == name and cfg.train.device in (device, "auto")
    with torch.device("meta"):
        model = build_model(cfg.model, Vocab(vocab), cfg.train.dropout)
    assert low < count_parameters(model) < high
