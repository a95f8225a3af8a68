"""Each offline preset loads with the hub switched off and solves an easy problem (slow: real models on CPU).

The first run converts the preset's GGUF into the cache (about 40 s for smollm2, 70 s for qwen).
"""

import json
import os
import re
import subprocess
import sys

import pytest

from axiom.generate.backend import Sampling
from axiom.generate.presets import PRESETS, preset_status
from axiom.generate.prompts import build_messages
from axiom.problems.family import make_problem

pytestmark = pytest.mark.slow

# Problems a 135M model can still get right; a few draws so one unlucky sample does not fail the test.
EASY = [("reverse_string", 1), ("binary_search", 1)]


def verified_passes(problems, rows) -> list[str]:
    try:
        from axiom.verify import verify
    except ImportError:  # the verifier is not there yet: run the tests in a plain subprocess
        return [p.id for p, row in zip(problems, rows, strict=True) for c in row if _runs_clean(p, c.text)]
    candidates = [{"problem_id": p.id, "completion": c.text, "sample": k}
                  for p, row in zip(problems, rows, strict=True) for k, c in enumerate(row)]
    return [v.problem_id for v in verify(problems, candidates) if v.status == "passed"]


def _runs_clean(problem, text: str) -> bool:
    blocks = re.findall(r"```(?:python|py)?\n(.*?)(?:```|\Z)", text, re.S)
    code = next((b for b in reversed(blocks) if f"def {problem.entry_point}(" in b), text)
    tests = [[t.args, t.kwargs, t.expected] for t in problem.tests]
    check = (f"{code}\nimport json\nfor a, k, e in json.loads({json.dumps(json.dumps(tests))}):\n"
             f"    assert json.loads(json.dumps({problem.entry_point}(*a, **k))) == e\n")
    try:
        return subprocess.run([sys.executable, "-c", check], capture_output=True, timeout=10).returncode == 0
    except subprocess.TimeoutExpired:
        return False


@pytest.mark.parametrize("name", list(PRESETS))
def test_preset_loads_offline_and_solves_an_easy_problem(name):
    from axiom.generate.hf import HFBackend

    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    if preset_status(PRESETS[name]) == "not installed":
        pytest.fail(f"{name} is not installed: {PRESETS[name].install}")
    backend = HFBackend(name)
    assert backend.device == "cpu" or backend.device.startswith("cuda")
    problems = [make_problem(family, level, "test", 42, 0) for family, level in EASY]
    rows = backend.generate([build_messages(p) for p in problems],
                            Sampling(n=3, temperature=0.2, max_new_tokens=160, seed=0))
    passed = verified_passes(problems, rows)
    assert passed, [c.text for row in rows for c in row]
