import json

import pytest

from axiom.errors import ProblemFormatError
from axiom.problems import Problem, load_problems, make_problem, save_problems

GOOD = {"id": "x/1", "family": "x", "difficulty": 1, "prompt": "add", "entry_point": "add",
        "tests": [{"args": [1, 2], "kwargs": {}, "expected": 3}]}


def write_lines(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path


def test_round_trip(tmp_path):
    problems = [make_problem("rpn", d, "train", 42, i) for d in (1, 10) for i in range(3)]
    save_problems(tmp_path / "p.jsonl", problems)
    assert load_problems(tmp_path / "p.jsonl") == problems


def test_design_md_example_loads(tmp_path):
    row = {"id": "rpn/d5/train/000017", "family": "rpn", "difficulty": 5, "prompt": "...",
           "entry_point": "evaluate_rpn", "signature": "def evaluate_rpn(expression: str) -> int",
           "tests": [{"args": ["3 4 + 2 *"], "kwargs": {}, "expected": 14}], "test_code": None,
           "reference_solution": "def evaluate_rpn(expression: str) -> int: ...",
           "meta": {"generator_version": 1, "split": "train", "seed": 42, "index": 17}}
    [p] = load_problems(write_lines(tmp_path / "p.jsonl", [row]))
    assert p.to_dict() == row


@pytest.mark.parametrize("bad, message", [
    ("{not json", r":2: not valid JSON"),
    ([1, 2], r":2: expected a JSON object"),
    ({**GOOD, "difficulty": "5"}, r":2: field 'difficulty' must be int"),
    ({k: v for k, v in GOOD.items() if k != "prompt"}, r":2: missing required field 'prompt'"),
    ({**GOOD, "tests": [{"args": [1]}]}, r":2: tests\[0\]: missing 'expected'"),
    ({**GOOD, "tests": [{"args": 1, "expected": 1}]}, r":2: tests\[0\]: 'args' must be a list"),
    ({**GOOD, "tests": []}, r":2: a problem needs 'tests' or 'test_code'"),
    ({**GOOD, "entry_point": "not valid"}, r":2: field 'entry_point' must be a Python identifier"),
    ({**GOOD, "promt": "typo"}, r":2: unknown field\(s\) \['promt'\]"),
    (GOOD, r":2: duplicate id 'x/1' \(first on line 1\)"),
])
def test_malformed_line_names_line_and_field(tmp_path, bad, message):
    path = write_lines(tmp_path / "p.jsonl", [GOOD, bad])
    with pytest.raises(ProblemFormatError, match=message):
        load_problems(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ProblemFormatError, match="no such problem file"):
        load_problems(tmp_path / "nope.jsonl")


def test_test_code_problem_needs_no_tests():
    check = "def check(candidate):\n    assert candidate(1, 2) == 3\n"
    p = Problem.from_dict({**GOOD, "tests": [], "test_code": check})
    assert p.tests == () and "check" in p.test_code
