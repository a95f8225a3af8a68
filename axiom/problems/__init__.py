"""Procedurally generated programming problems: families, suites and splits."""

from axiom.problems.family import Family, get_family, make_problem, register_family, registered_families
from axiom.problems.record import Problem, TestCase, load_problems, save_problems

__all__ = [
    "Family", "Problem", "TestCase", "get_family", "load_problems", "make_problem",
    "register_family", "registered_families", "save_problems",
]
