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
v2-cpu, v2-qwen0.5b, seed-exp02 and the grids moved; seed-phase6 did not. The runs already made keep their own
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
        "train": (396, "2944958f3c8d8e82321c4e864a37ef996cb305486457ed37836b98077ce23e0b"),
        "val": (55, "fbfa5b28661a3f1cfd45b6d38a6474c8305628afae021963c20fb796ea1720bf"),
        "test": (110, "2a96bf4c3b9a9caf1e18325c4a8b3d21e85253615e5e9bc699c173671836b8d5"),
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
        "train": (396, "8af1b35aa26425b5fe05fcae445f6fc6f86b4777c5e245a72d09f3df2a472466"),
        "val": (110, "03772469215224a6d7a785e716ce7c9be887ba08d36dc5cf5737e7c7f96bfe82"),
        "test": (110, "9769c0864c0c572395604d1c3263f8839b47bed360c703bca1949d7ddd3494d2"),
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
    ("5", "272bf4bc3c151f356de4638e0c326a6ea92a0efb191e8e7a251398a461d9337c"),  # `axiom eval`'s default
    ("1", "83d68ab8b44fd3e35033f8a28f977cb0b02e6c0d5ea67fab4196b6bfe41003a1"),  # the README's baselines
])
def test_axiom_eval_draws_the_same_test_problems_as_before_the_spec(per_cell, digest, tmp_path):
    from axiom.cli import main

    assert main(["problems", "sample", "--suite", "v2", "--difficulties", "1,3,5,7,10", "--per-cell", per_cell,
                 "-o", str(tmp_path / "t.jsonl")]) == 0
    assert hashlib.sha256((tmp_path / "t.jsonl").read_bytes()).hexdigest() == digest
