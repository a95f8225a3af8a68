"""The problems the loop draws for the shipped configs, pinned byte for byte.

A run in progress and the README's numbers depend on these files: a change to the split
machinery, the problem spec or a family generator that moves them must be deliberate (and
bump a generator version). The hashes were taken from the code before the problem spec
(axiom/problems/spec.py) replaced the loop's own draw, then retaken when issue 17 bumped
arithmetic, parentheses, is_palindrome (2), binary_search (2) and two_sum (3): the v2 and phase6
configs' problems moved with them; quickstart and seed-exp02 (none of those families) did not.
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
        "train": (396, "bfb00ee06c27b3616c3f4547dfcf52cce4e32246ac6b13d1f2f00422421c56cc"),
        "val": (55, "91071b403964d19cbc4bedf531c454a1ba45e6a5c06f9f356907614772a1343c"),
        "test": (110, "b0b739d3c71641d74f9acbb33a607e00ee663ed33508efb755da12dac4816bfa"),
    },
    "seed-exp02": {
        "train": (80, "0b06e74a726cf2f45526fcaa17d62778d16a7aa5defba48fa929a302a7340f12"),
        "val": (20, "7dc49b6e4c3b1782db9f2ee13c6b98128e1e0cc0327c19add27754db84d9e32c"),
        "test": (20, "4a5101508785516160b230cf3cc7a65d397bbccb7c97c71e5a90d61491606eb8"),
    },
    "seed-phase6": {
        "train": (60, "66f03d36ea2df8e3ce9f4f6af4eefdbb6e8708f2dbd3fdc8b29c8829af5d7cd9"),
        "val": (15, "752ebd27e3eae069e8c225e792bb106b3d89a34004003a8ace6d1903a9ff152c"),
        "test": (15, "d60dde7a979630930dbec51850007f79f51a0d78ff48772fb1ce88967e038fb3"),
    },
    "v2-qwen0.5b": {
        "train": (396, "3c90a81dec11b946233a0801c1f11fec5901cbab614a3ae2dd9c42b64c3e26e6"),
        "val": (110, "46569e5a5e658b79796c07560abbf4462d7a2485575fe728fbbb505adfdbca45"),
        "test": (110, "3107721ae2646d2b962b0d4e6bf5b67aa76337d08ed1680c53d0f3dd2f9f1766"),
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
    ("5", "80dd85335d0d8189c651045a4d9a92c8c3270a397e70cb6c164a5fb3db859aae"),  # `axiom eval`'s default
    ("1", "b71098adea9e47adbe96de3e326a3ff7291e9dc3f713b56e122a4c2b5516be63"),  # the README's baselines
])
def test_axiom_eval_draws_the_same_test_problems_as_before_the_spec(per_cell, digest, tmp_path):
    from axiom.cli import main

    assert main(["problems", "sample", "--suite", "v2", "--difficulties", "1,3,5,7,10", "--per-cell", per_cell,
                 "-o", str(tmp_path / "t.jsonl")]) == 0
    assert hashlib.sha256((tmp_path / "t.jsonl").read_bytes()).hexdigest() == digest
