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
(a plain description) and parentheses 4 (levels 1-2 name only their kinds): v2-cpu, v2-qwen0.5b, seed-phase6
and the grids moved. The runs already made keep their own
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
        "train": (396, "9cf703733f0f49ea9c674d73da4758b8a406a595285e64e5a93e8186706d033c"),
        "val": (55, "399866698b4a7069b7fd299fd55c02df4a8c4bd118301700ad7cf7240d816f42"),
        "test": (110, "bf0f2d77f8a7fbebfa4778e403a839262a2c731d0730f00291be039c2964881d"),
    },
    "seed-exp02": {
        "train": (80, "15528c5b7de9963c44c097c1df0a36bcabb1bd1663c2d0e67fb09b4b696f062e"),
        "val": (20, "1fbcf28993283aa0deada39ccab33d52951eaa77babaa37a9f212e58d3ac006a"),
        "test": (20, "e621b135f8f43884cf34dff79bb796aa465a35ca028aaa41fabf3c10d2836dab"),
    },
    "seed-phase6": {
        "train": (60, "136eb220bd9c6ec311e3b40d088b9a8bcdbe98d187fdc4b3da60e7e8ab52506a"),
        "val": (15, "204b425c24442b19b67da594bf3fdc0b24b9670f9e461a88adb86c082a82f6ad"),
        "test": (15, "8353977c2cfb0ff6379ed8de8f75730bcd5a3fd077cfe49e3b0f57b9c5e90519"),
    },
    "v2-qwen0.5b": {
        "train": (396, "170bcd8f97c2b29a38cbeaae846f78770dc41084ad61203455ddaa6a072dc899"),
        "val": (110, "aa73727c81a6e245ad0a3feed109a201524b8968d6ce75e713ffab25f7ae7695"),
        "test": (110, "ec0af6e0be24edcacb67a9c93008a9f37c4e423939afbe3a07825d83d670a042"),
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
    ("5", "368f2f3d77286b4af1d9aec20a213321d3d6ced3c4f9e4b40a6cc284e0433540"),  # `axiom eval`'s default
    ("1", "96e50ce497dd8b5aaf6cb212fe1bad66609aeb6c7677277195ff5f25c5d81b84"),  # the README's baselines
])
def test_axiom_eval_draws_the_same_test_problems_as_before_the_spec(per_cell, digest, tmp_path):
    from axiom.cli import main

    assert main(["problems", "sample", "--suite", "v2", "--difficulties", "1,3,5,7,10", "--per-cell", per_cell,
                 "-o", str(tmp_path / "t.jsonl")]) == 0
    assert hashlib.sha256((tmp_path / "t.jsonl").read_bytes()).hexdigest() == digest
