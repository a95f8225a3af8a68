"""axiom.config: YAML + key=value overrides, with errors that name the key and the allowed values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pytest

from axiom.config import describe, load_config, to_dict
from axiom.errors import ConfigError


@dataclass
class Train:
    lr: float = field(default=2e-4, metadata={"help": "learning rate"})
    epochs: int = field(default=3, metadata={"help": "passes over the data"})
    schedule: Literal["linear", "cosine"] = field(default="linear", metadata={"help": "lr schedule"})

    def __post_init__(self) -> None:
        if self.lr <= 0:
            raise ValueError(f"lr must be > 0, got {self.lr}")


@dataclass
class Run:
    name: str = field(default="run", metadata={"help": "run name"})
    families: list[str] = field(default_factory=lambda: ["rpn"], metadata={"help": "families"})
    difficulties: list[int] = field(default_factory=lambda: [1], metadata={"help": "levels"})
    adapter: str | None = field(default=None, metadata={"help": "adapter"})
    greedy: bool = field(default=False, metadata={"help": "greedy"})
    train: Train = field(default_factory=Train)


def test_yaml_then_overrides(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("name: exp\ntrain:\n  lr: 1.0e-3\n  epochs: 2\nfamilies: [rpn, fizzbuzz]\n")
    cfg = load_config(Run, path, ["train.epochs=5", "difficulties=1,3,5", "greedy=true", "adapter=null"])
    assert cfg.name == "exp" and cfg.families == ["rpn", "fizzbuzz"] and cfg.difficulties == [1, 3, 5]
    assert cfg.train.lr == 1e-3 and cfg.train.epochs == 5 and cfg.greedy is True and cfg.adapter is None
    assert to_dict(cfg)["train"]["epochs"] == 5


def test_defaults_without_file():
    cfg = load_config(Run)
    assert cfg.train.lr == 2e-4 and cfg.families == ["rpn"]


@pytest.mark.parametrize("override, words", [
    (["train.lrr=1"], ["train.lrr", "Did you mean 'lr'", "epochs"]),
    (["nmae=x"], ["nmae", "'name'"]),
    (["train.schedule=cosin"], ["train.schedule", "linear, cosine"]),
    (["train.epochs=2.5"], ["train.epochs", "integer"]),
    (["greedy=yes please"], ["greedy", "true or false"]),
    (["train.lr=-1"], ["train", "lr must be > 0"]),
    (["difficulties=1,x"], ["difficulties[1]"]),
    (["train=3"], ["train", "mapping"]),
    (["novalue"], ["key=value"]),
])
def test_errors_name_the_key_and_the_allowed_values(override, words):
    with pytest.raises(ConfigError) as info:
        load_config(Run, None, override)
    for word in words:
        assert word in str(info.value)


def test_bad_files(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(Run, tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [unclosed\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(Run, bad)
    bad.write_text("- a list\n")
    with pytest.raises(ConfigError, match="mapping"):
        load_config(Run, bad)


def test_describe_flattens_sections():
    keys = {k: h for k, _, h in describe(Run)}
    assert keys["train.lr"] == "learning rate" and "families" in keys
