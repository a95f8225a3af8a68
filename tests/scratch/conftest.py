"""Tiny assets for the from-scratch track: a site folder of fake distributions, a corpus built from it and a
few stdlib modules, and a tiny-model pretraining config (a few thousand parameters)."""

from __future__ import annotations

from pathlib import Path

import pytest

from axiom.config import load_config
from axiom.problems.humaneval_mini import load_humaneval_mini
from axiom.scratch.config import PretrainConfig
from axiom.scratch.corpus import CorpusConfig, build_corpus
from axiom.scratch.sources import discover, stdlib_files

STDLIB = ("bisect.py", "colorsys.py", "heapq.py", "fnmatch.py", "keyword.py", "glob.py")

MODULE = '''"""A small inventory module, written for the tests."""

import collections


class Inventory:
    def __init__(self):
        self.items = collections.Counter()

    def add(self, name, count=1):
        if count < 0:
            raise ValueError("count must be positive")
        self.items[name] += count
        return self.items[name]

    def remove(self, name, count=1):
        have = self.items.get(name, 0)
        if have < count:
            raise KeyError(name)
        self.items[name] = have - count
        if not self.items[name]:
            del self.items[name]

    def total(self):
        return sum(self.items.values())

    def names(self):
        return sorted(self.items)

    def most_common(self, n=3):
        return [name for name, _ in self.items.most_common(n)]


def merge(first, second):
    out = Inventory()
    for inv in (first, second):
        for name, count in inv.items.items():
            out.add(name, count)
    return out


def parse_line(line):
    name, _, count = line.partition(":")
    return name.strip(), int(count or 1)


def load(lines):
    inv = Inventory()
    for line in lines:
        if line.strip() and not line.startswith("#"):
            inv.add(*parse_line(line))
    return inv
'''
OTHER = '''"""Geometry helpers, written for the tests."""

import math


def distance(a, b):
    return math.hypot(b[0] - a[0], b[1] - a[1])


def perimeter(points):
    return sum(distance(points[i], points[(i + 1) % len(points)]) for i in range(len(points)))


def area(points):
    twice = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        twice += x1 * y2 - x2 * y1
    return abs(twice) / 2


def centroid(points):
    xs, ys = zip(*points)
    return sum(xs) / len(xs), sum(ys) / len(ys)
'''


def _dist(site: Path, name: str, files: dict[str, str], licence: str | None) -> None:
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    meta = f"Metadata-Version: 2.4\nName: {name}\nVersion: 1.0\n"
    meta += f"License-Expression: {licence}\n" if licence else ""
    (info / "METADATA").write_text(meta)
    (info / "RECORD").write_text("".join(f"{path},,\n" for path in files) + f"{info.name}/METADATA,,\n")
    for path, text in files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(text.encode())


def planted_solutions() -> str:
    """HumanEval-mini reference solutions, as a file that copied them would hold."""
    by_name = {p.entry_point: p for p in load_humaneval_mini()}
    return "\n\n".join(by_name[n].reference_solution for n in ("is_prime", "factorial", "fibonacci")) + "\n"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Fake installed distributions: MIT (with an exact copy, a near copy and a planted solution), GPL, no licence."""
    site = tmp_path_factory.mktemp("site")
    near = MODULE.replace("return sorted(self.items)", "return sorted(self.items, key=str.lower)")
    # names chosen so the candidate order (a hash of the path) meets the original first, then its copies
    _dist(site, "goodpkg", {"goodpkg/store.py": MODULE, "goodpkg/geometry.py": OTHER,
                            "goodpkg/store_copy.py": MODULE.replace("\n", "  \r\n"),
                            "goodpkg/near_inventory.py": near,
                            "goodpkg/solutions.py": planted_solutions(),
                            "goodpkg/_vendor/other.py": OTHER.replace("Geometry", "Vendored geometry")}, "MIT")
    _dist(site, "gplpkg", {"gplpkg/inventory2.py": OTHER.replace("Geometry", "GPL geometry")}, "GPL-3.0-only")
    _dist(site, "nolicence", {"nolicence/mod.py": OTHER.replace("Geometry", "Unlicensed geometry")}, None)
    return site


def discovery(site: Path):
    found = discover(stdlib=False, packages=True, paths=[str(site)])
    found.files.extend(f for f in stdlib_files() if f.path in STDLIB)
    return found


@pytest.fixture(scope="session")
def corpus(site, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpora") / "tiny"
    summary = build_corpus(out, CorpusConfig(vocab_size=300, val_fraction=0.2), discovery=discovery(site),
                           progress=False)
    return out, summary


def tiny_config(corpus_dir: Path, out_dir: Path, *overrides: str) -> PretrainConfig:
    """A model of a few thousand parameters over 32-token sequences; evaluation without HumanEval-mini."""
    return load_config(PretrainConfig, None, [
        f"data.corpus={corpus_dir}", f"run.out_dir={out_dir}", "model.hidden_size=16", "model.layers=1",
        "model.heads=2", "model.context=32", "train.batch_size=4", "train.max_steps=6", "train.warmup_steps=1",
        "train.lr=0.01", "train.log_every=1", "eval.every=6", "eval.val_batches=1", "eval.samples=2",
        "eval.sample_tokens=4", "eval.humaneval_mini=false", "eval.workers=1", *overrides])
