"""The problems the loop draws for the shipped configs, pinned byte for byte.

A run in progress and the README's numbers depend on these files: a change to the split
machinery, the problem spec or a family generator that moves them must be deliberate (and
bump a generator version). The hashes were taken from the code before the problem spec
(axiom/problems/spec.py) replaced the loop's own draw.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from axiom.config import load_config
from axiom.loop.config import IterateConfig
from axiom.loop.orchestrator import create_run

CONFIGS = Path(__file__).resolve().parents[2] / "configs"

PINNED = {
    "quickstart": {
        "train": (24, "fc4abc198dd3aa3b349bfecde462e35eef42d6f15840430c2f8343dc1c7ea6ea"),
        "val": (16, "f370d4fe5977363384f36e5fbcf81d8635ef407988288f9c3d2fc5b00e504c5b"),
        "test": (8, "1f5d934df5f3b1c6540970e3a92bb0a41f48e6e93acda84227619e85b5227756"),
    },
    "v2-cpu": {
        "train": (396, "26c1103a05f9242cdd7b319144ed11f85b4990a0c6121f5ed4511208c792dd9b"),
        "val": (55, "57bc62da5e11e76cd3b1fd968544f497877141449673f7f22837f43e946a651e"),
        "test": (110, "baa5f6d2648acf71a7caae2e646de84e900e79e7ad90806429307d1e1573cbd8"),
    },
    "seed-exp02": {
        "train": (80, "0b06e74a726cf2f45526fcaa17d62778d16a7aa5defba48fa929a302a7340f12"),
        "val": (20, "7dc49b6e4c3b1782db9f2ee13c6b98128e1e0cc0327c19add27754db84d9e32c"),
        "test": (20, "4a5101508785516160b230cf3cc7a65d397bbccb7c97c71e5a90d61491606eb8"),
    },
    "seed-phase6": {
        "train": (60, "ab280c5e5472bc8274820cbb2ebd5119e5a49ac98c991c52876c8544c895f673"),
        "val": (15, "53ab0c6bb764e68bd7392a871d34a05b1a068018a56f4a34463d5384954b477e"),
        "test": (15, "787581a0455d917b40f2aca0be495f9a9f31a167721d92a01609494129e032e6"),
    },
    "v2-qwen0.5b": {
        "train": (396, "73d379ebc56cb41287bdf043ec9f4c5c3a2f54bbfc490b91e5a5322fbc25afcc"),
        "val": (110, "25f39d0f952cb9b4f52f564f450cbbe8e76ba417ddf3cfced3d3f819a190cec6"),
        "test": (110, "f872154b143bee0d0969c24d9326fd7eb7a9d92fc97e3a25c9c2d159a6013799"),
    },
}

PINNED["v2-cpu-levers"] = PINNED["v2-cpu"]  # the lever experiment must see exactly v2-cpu's problems


@pytest.mark.parametrize("name", sorted(PINNED))
def test_the_loop_draws_the_same_bytes_for_every_shipped_config(name, tmp_path):
    config = str(CONFIGS / f"{name}.yaml")
    run = create_run(load_config(IterateConfig, config, [f"run.root={tmp_path}"]), config)
    for split, (lines, digest) in PINNED[name].items():
        data = run.problems(split).read_bytes()
        assert (len(data.splitlines()), hashlib.sha256(data).hexdigest()) == (lines, digest), split


@pytest.mark.parametrize("per_cell,digest", [
    ("5", "c25e872fb5b72e3256bef60adebc7b372ca3ac1846e2ee985422dc5c85736648"),  # `axiom eval`'s default
    ("1", "c4bb98f3f2150cf26a650a15461aeaefc3586f2c20d131f5e0ebf2032de2f956"),  # the README's baselines
])
def test_axiom_eval_draws_the_same_test_problems_as_before_the_spec(per_cell, digest, tmp_path):
    from axiom.cli import main

    assert main(["problems", "sample", "--suite", "v2", "--difficulties", "1,3,5,7,10", "--per-cell", per_cell,
                 "-o", str(tmp_path / "t.jsonl")]) == 0
    assert hashlib.sha256((tmp_path / "t.jsonl").read_bytes()).hexdigest() == digest
