"""A tiny expert-iteration job: the tiny random model, two families, teacher traces built from reference solutions
(a random model solves nothing, so without them there would be nothing to train on)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml


def teacher_traces(path: Path) -> Path:
    from axiom.generate.prompts import build_messages
    from axiom.problems import make_problem

    with open(path, "w") as f:
        for family in ("rpn", "fizzbuzz"):
            for i in range(6):
                p = make_problem(family, 1, "train", 7, i)
                text = f"```python\n{p.reference_solution}\n```"
                f.write(json.dumps({"problem_id": p.id, "prompt": build_messages(p), "completion": text,
                                    "code": p.reference_solution}) + "\n")
    return path


def tiny_config(tmp: Path, model: str, **sections) -> Path:
    cfg = {
        "run": {"root": str(tmp / "runs"), "seed": 0},
        "model": {"name": model, "batch_size": 16},
        "problems": {"families": ["rpn", "fizzbuzz"], "train_difficulties": "1-2", "eval_difficulties": "1",
                     "train_per_cell": 2, "val_per_cell": 2, "test_per_cell": 2},
        "generate": {"samples": [2], "temperature": [1.0], "max_new_tokens": 24},
        "recipe": {"teacher_traces": str(teacher_traces(tmp / "traces.jsonl"))},
        "train": {"epochs": 1, "max_steps": 8, "batch_size": 2, "lora_r": 4, "lora_alpha": 8, "lr": 5e-3,
                  "logging_steps": 2},
        "evaluate": {"samples": 2, "ks": [1, 2], "max_new_tokens": 24},
        "curriculum": {"max_level": 3},
        "stopping": {"iterations": 2, "patience": 5},
    }
    for section, values in sections.items():
        cfg.setdefault(section, {}).update(values)
    path = tmp / "tiny.yaml"
    path.write_text(yaml.safe_dump(cfg))
    return path


@pytest.fixture
def tiny_job(tmp_path, tiny_model) -> Path:
    return tiny_config(tmp_path, tiny_model)
