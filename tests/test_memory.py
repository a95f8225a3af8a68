"""in_child: training runs in its own process, so its memory goes back to the OS when it ends."""

import os
import signal

import pytest

from axiom.errors import AxiomError, ConfigError
from axiom.memory import in_child


def pid_and(x, y=0):
    return os.getpid(), x + y


def fails():
    raise ConfigError("train.lr must be > 0")


def dies():
    os.kill(os.getpid(), signal.SIGKILL)


def test_the_function_runs_in_another_process_and_its_result_comes_back():
    pid, total = in_child(pid_and, 2, y=3)
    assert pid != os.getpid() and total == 5


def test_its_exception_comes_back_as_it_was():
    with pytest.raises(ConfigError, match="train.lr"):
        in_child(fails)


def test_a_child_killed_by_the_kernel_is_a_clear_error():
    with pytest.raises(AxiomError, match=r"dies died in its child process \(exit code -9"):
        in_child(dies)


def test_python_dash_m_axiom_does_not_rerun_the_command_in_a_spawned_child():
    """A spawned child imports the parent's main module as __mp_main__; `python -m axiom iterate` would
    otherwise start the command again inside its own training process."""
    import runpy

    runpy.run_module("axiom.__main__", run_name="__mp_main__")  # returns: no command ran, no SystemExit
