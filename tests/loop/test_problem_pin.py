"""The problems the loop draws for the shipped configs, pinned byte for byte.

A run in progress and the README's numbers depend on these files: a change to the split
machinery, the problem spec or a family generator that moves them must be deliberate (and
bump a generator version). The hashes were taken from the code before the problem spec
(axiom/problems/spec.py) replaced the loop's own draw, then retaken when issue 17 bumped
arithmetic, parentheses, is_palindrome (2), binary_search (2) and two_sum (3): the v2 and phase6
configs' problems moved with them; quickstart and seed-exp02 (none of those families) did not. Retaken
again for parentheses 3 (a stray bracket of another kind at levels 1-2): v2-cpu, v2-qwen0.5b, seed-phase6
and the grids moved. Retaken again for max_subarray 2 (a single value and an all-positive list in every
problem): quickstart, v2-cpu, v2-qwen0.5b and the grids moved; seed-exp02 and seed-phase6 did not. Retaken
again for the calibration redesign of 2026-12-07 (43 families: harder upper levels or easier first ones, among
them binary_search, fizzbuzz, is_palindrome, max_subarray, remove_duplicates and reverse_string): quickstart,
v2-cpu, v2-qwen0.5b, seed-exp02 and the grids moved; seed-phase6 did not. Retaken again for is_palindrome 4
(a plain description): v2-cpu, v2-qwen0.5b and the grids moved. The runs already made keep their own
problem files (benchmarks/results/*/problems).
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
        "train": (24, "ee6752f08fe97a5b2f348d1e809e346239ad238cee2f1a6ab0c84ecdaa40ffed"),
        "val": (16, "ec7f8d7898e30b000819bd7ac1af4a80695b0804914ccaf098c56c6f641e17f5"),
        "test": (8, "524a60b2c35ea37791080ef8683e8cabe21294f75c82d38e2d1e4ec1f5489e4c"),
    },
    "v2-cpu": {
        "train": (396, "e5a748a2b8b48e668a5d489bfc5fc9d47cbea8d85c58d84e951edbf0df9fade7"),
        "val": (55, "9cf86896714c6f4bfb66ee60fb6eb86b9aa6eb62d888f6b41fe489cfdfb6aaaf"),
        "test": (110, "26b8e6da4caf2d5111b2fa2816bec783764025e618c4130ceb4aa71e3287ad43"),
    },
    "seed-exp02": {
        "train": (80, "15528c5b7de9963c44c097c1df0a36bcabb1bd1663c2d0e67fb09b4b696f062e"),
        "val": (20, "1fbcf28993283aa0deada39ccab33d52951eaa77babaa37a9f212e58d3ac006a"),
        "test": (20, "e621b135f8f43884cf34dff79bb796aa465a35ca028aaa41fabf3c10d2836dab"),
    },
    "seed-phase6": {
        "train": (60, "39f77d1591e60fe2ee46baa6352018121af6d744f6d7ce743295b8b11002c860"),
        "val": (15, "9da23579ad9da05f8931006809e2bfc4ad24e6ff8f8258af1e094900c6d4d9fa"),
        "test": (15, "487abd61d70760521e5b584c70ab9bb16d0abd094bb6e3466c8303659def35bc"),
    },
    "v2-qwen0.5b": {
        "train": (396, "59c74888eae1f10d43e87851b8f2649aeea9d2492e4f00e702cd41f2c9f0674c"),
        "val": (110, "2256c7e1063b69b145c9edfc615a2a57cf511921d33a9ade7b4b313d2cd07efb"),
        "test": (110, "e95a89f76524ce1e7f278823c999a5944b2267c3f50328c3b037d1be96ec364f"),
    },
}

# The lever experiment must see exactly the problems the v2-cpu run drew at f8259ac (five of its families have
# been redrawn since): it reads them from benchmarks/results/v2-cpu/problems (problems.from_dir).
PINNED["v2-cpu-levers"] = {
    "train": (396, "26c1103a05f9242cdd7b319144ed11f85b4990a0c6121f5ed4511208c792dd9b"),
    "val": (55, "57bc62da5e11e76cd3b1fd968544f497877141449673f7f22837f43e946a651e"),
    "test": (110, "baa5f6d2648acf71a7caae2e646de84e900e79e7ad90806429307d1e1573cbd8"),
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_the_loop_draws_the_same_bytes_for_every_shipped_config(name, tmp_path, monkeypatch):
    monkeypatch.chdir(CONFIGS.parent)  # configs name folders from the repository root
    config = str(CONFIGS / f"{name}.yaml")
    run = create_run(load_config(IterateConfig, config, [f"run.root={tmp_path}"]), config)
    for split, (lines, digest) in PINNED[name].items():
        data = run.problems(split).read_bytes()
        assert (len(data.splitlines()), hashlib.sha256(data).hexdigest()) == (lines, digest), split


@pytest.mark.parametrize("per_cell,digest", [
    ("5", "ea1fffffd74878f976e5278be74d375c622063f3d42fc58b3a5ade9b23b89bb3"),  # `axiom eval`'s default
    ("1", "a9b3bbde317c357ae5c430533739f5d0d88a4385095a7d539f9f018135d097c3"),  # the README's baselines
])
def test_axiom_eval_draws_the_same_test_problems_as_before_the_spec(per_cell, digest, tmp_path):
    from axiom.cli import main

    assert main(["problems", "sample", "--suite", "v2", "--difficulties", "1,3,5,7,10", "--per-cell", per_cell,
                 "-o", str(tmp_path / "t.jsonl")]) == 0
    assert hashlib.sha256((tmp_path / "t.jsonl").read_bytes()).hexdigest() == digest
