"""A small fake loop run directory (config.json, metrics.jsonl, samples/iter_K.jsonl) written directly."""

from __future__ import annotations

import json
import random
from pathlib import Path

from axiom.eval.metrics import compute_metrics
from axiom.jsonl import write_jsonl
from axiom.problems.family import make_problem
from axiom.problems.record import save_problems

FAMILIES = ("rpn", "fizzbuzz", "two_sum")
LEVELS = (1, 5)
FAILS = ("wrong_answer", "runtime_error", "syntax_error", "timeout", "no_code")


def fake_rows(problems, iteration: int, rng: random.Random, n: int = 4, boost: float = 0.12) -> list[dict]:
    rows = []
    for p in problems:
        rate = min(0.95, 0.2 + boost * iteration + (0.3 if p.difficulty == 1 else 0)
                   + (0.2 if p.family == "fizzbuzz" else 0))
        for k in range(n + 1):
            ok = rng.random() < rate
            status = "passed" if ok else rng.choice(FAILS)
            text = f"```python\n{p.reference_solution}\n```" if ok else (
                "def f(x):\n    return return x\n" if status == "syntax_error" else "I think the answer is 3.")
            rows.append({"problem_id": p.id, "sample": k, "completion": text, "status": status,
                         "passed_tests": 5 if ok else rng.randint(0, 4), "total_tests": 5,
                         "score": 1.0 if ok else rng.choice([0.0, 0.2, 0.6]), "error": None if ok else "boom",
                         "duration_s": 0.01, "tokens": 40, "finish_reason": "stop", **({"greedy": True} if k == 0
                                                                                       else {})})
    return rows


def build_fake_run(path: Path, iterations: int = 4, name: str = "fake-run", boost: float = 0.12,
                   families: tuple[str, ...] = FAMILIES, heldout: tuple[str, ...] = ()) -> Path:
    """With `heldout` families: no training problems of them, and "trained" / "heldout" blocks in val's metrics."""
    rng = random.Random(f"{name}|{iterations}")
    splits = {s: [make_problem(f, d, s, 42, i) for f in families for d in LEVELS for i in range(3)
                  if s == "val" or f not in heldout] for s in ("train", "val")}
    (path / "samples").mkdir(parents=True, exist_ok=True)
    for split in ("train", "val", "test"):  # as the loop keeps them; the fake run evaluates no test split
        save_problems(path / "problems" / f"{split}.jsonl", splits.get(split, []))
    (path / "config.json").write_text(json.dumps({"name": name, "model": "tiny", "iterations": iterations,
                                                  "seed": 42}))
    records = []
    for it in range(iterations):
        for split, problems in splits.items():
            rows = fake_rows(problems, it + (2 if split == "train" else 0), rng, boost=boost)
            if split == "val":
                write_jsonl(path / "samples" / f"iter_{it}.jsonl", rows)
            records.append({"iteration": it, "split": split,
                            "metrics": compute_metrics({p.id: p for p in problems}, rows,
                                                       heldout=heldout if split == "val" else ()),
                            "stage_seconds": {"generate": 12.5, "verify": 1.2, "train": 30.0},
                            "train": {"loss": 0.9 - 0.1 * it, "examples": 20 + it}})
    write_jsonl(path / "metrics.jsonl", records)
    return path
