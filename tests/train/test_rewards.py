"""axiom.rewards: sandbox rewards in TRL's signature score correct, wrong and hostile completions correctly."""

import json

import pytest

from axiom import rewards
from axiom.problems.family import make_problem
from axiom.verify import Limits

RPN = make_problem("rpn", 3, "train", 42, 0)
FIZZ = make_problem("fizzbuzz", 2, "train", 42, 0)


def fenced(code: str) -> str:
    return f"Here is my solution.\n```python\n{code.strip()}\n```\nDone."


def stub(body: str, problem=RPN) -> str:
    return fenced(f"{problem.signature}:\n" + "\n".join("    " + line for line in body.splitlines()))


HOSTILE = {
    "exit_before_tests": fenced("import os\nos._exit(0)\n" + RPN.reference_solution),
    "sys_exit_in_call": stub("import sys\nsys.exit(0)"),
    "always_equal_object": stub("class A:\n    def __eq__(self, o):\n        return True\nreturn A()"),
    "prints_passed": stub("print('passed: 5/5')\nreturn None"),
    "patches_builtins": fenced("import builtins\nbuiltins.isinstance = lambda *a: True\n"
                               + f"{RPN.signature}:\n    return 0"),
    "infinite_loop": stub("while True:\n    pass"),
    "memory_bomb": stub("x = bytearray(10**10)\nreturn 0"),
}


@pytest.fixture(autouse=True)
def short_limits():
    rewards.configure(limits=Limits(timeout_s=1.0, memory_mb=512))
    yield
    rewards.configure()


def test_correct_wrong_and_hostile_completions():
    completions = [fenced(RPN.reference_solution), RPN.reference_solution, stub("return 0"),
                   "I don't know.", stub("return (")] + list(HOSTILE.values())
    problem = [RPN.to_dict()] * len(completions)
    assert rewards.pass_all_reward(completions, problem=problem) == [1.0, 1.0] + [0.0] * (len(completions) - 2)
    rates = rewards.pass_rate_reward(completions, problem=problem)
    assert rates[:2] == [1.0, 1.0] and all(r < 1.0 for r in rates[2:])
    assert all(r == 0.0 for r in rates[5:])                                 # hostile ones earn nothing


def test_partial_credit_is_the_fraction_of_tests_passed():
    answers = [t.expected for t in RPN.tests]
    body = f"return {answers[0]!r}"                                           # right for the first test only
    rate = rewards.pass_rate_reward([stub(body)], problem=[RPN.to_dict()])[0]
    assert rate == sum(a == answers[0] for a in answers) / len(answers)
    assert 0 < rate < 1


def test_columns_may_be_json_strings_and_chat_messages_and_mixed_problems():
    good_rpn = fenced(RPN.reference_solution)
    good_fizz = fenced(FIZZ.reference_solution)
    completions = [[{"role": "assistant", "content": good_rpn}], good_fizz, good_rpn]
    problem = [json.dumps(RPN.to_dict()), FIZZ.to_dict(), FIZZ.to_dict()]  # the last: right code, wrong problem
    assert rewards.pass_all_reward(completions, problem=problem, trainer_state=None, prompts=[]) == [1.0, 1.0, 0.0]


def test_format_reward_never_runs_code():
    completions = [fenced(RPN.reference_solution), RPN.reference_solution, fenced("def other(x):\n    return x"),
                   fenced("def evaluate_rpn(:"), "no code at all", HOSTILE["exit_before_tests"]]
    scores = rewards.format_reward(completions, problem=[RPN.to_dict()] * len(completions))
    assert scores == [1.0, 0.5, 0.0, 0.0, 0.0, 1.0]                          # format only: the hostile one is tidy


def test_misaligned_columns_are_an_error():
    with pytest.raises(ValueError, match="aligned"):
        rewards.pass_all_reward(["x", "y"], problem=[RPN.to_dict()])
