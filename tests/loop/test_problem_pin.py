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
        "train": (396, "449a68d73a370ff369112087b4c5ee09a5331fe6757afd67dc67f843125c476c"),
        "val": (55, "ddc04e5802a17aceddf4de9f89af7ac8c69c9223f0f5168ddab2b9c6848ba00e"),
        "test": (110, "d3a891d9e5dd1988c70e40fafca43bc19f6add47c85ef8392a94e8ff70ebe3b4"),
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
        "train": (396, "a2e47dfa6f01db61e3639859de5314bed77999ac4dd4265d625f353389279511"),
        "val": (110, "994c09ed5a86c170a873d5f1be9387a3d071b4d4f6016b6382ae42583aeee8d3"),
        "test": (110, "08b9bfb1f2e79dd1acf18ff7b1cfc89045038c5bd05440228aea66c139d5b77e"),
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
    ("5", "d998937447b7b3da21c9177f5a8cda3ce0f2aa2630dfaf5d12586cb978955669"),  # `axiom eval`'s default
    ("1", "956360784af4590dfa5570cd02bd817201c7aa18b5295e03054dd683664eee4b"),  # the README's baselines
])
def test_axiom_eval_draws_the_same_test_problems_as_before_the_spec(per_cell, digest, tmp_path):
    from axiom.cli import main

    assert main(["problems", "sample", "--suite", "v2", "--difficulties", "1,3,5,7,10", "--per-cell", per_cell,
                 "-o", str(tmp_path / "t.jsonl")]) == 0
    assert hashlib.sha256((tmp_path / "t.jsonl").read_bytes()).hexdigest() == digest
