"""Prompt templates per problem source, turned into chat messages.

The backend renders the messages with the model's own chat template. A template's text is
part of what a run records (`PromptTemplate.to_dict()`), so a changed wording is never silent.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from axiom.errors import ConfigError
from axiom.generate.backend import Messages
from axiom.problems.record import Problem


@dataclass(frozen=True)
class PromptTemplate:
    """`user` is a str.format template over {prompt}, {entry_point} and {signature}."""

    name: str
    user: str
    system: str | None = None  # None keeps the chat template's own default system prompt

    def messages(self, problem: Problem) -> Messages:
        user = self.user.format(prompt=problem.prompt.rstrip(), entry_point=problem.entry_point,
                                signature=problem.signature or f"def {problem.entry_point}(...)")
        head = [{"role": "system", "content": self.system}] if self.system else []
        return head + [{"role": "user", "content": user}]

    def to_dict(self) -> dict:
        return asdict(self)


TEMPLATES: dict[str, PromptTemplate] = {t.name: t for t in (
    # Procedural families: the prompt already describes the task, the signature and examples.
    PromptTemplate("procedural", user=(
        "{prompt}\n\n"
        "Reply with the complete Python function `{entry_point}` in one ```python code block. "
        "Do not print anything, read input, or include tests.")),
    # HumanEval-style: the prompt is code (signature + docstring) to be completed.
    PromptTemplate("humaneval", user=(
        "Complete the following Python function. Reply with the whole function, including its "
        "signature and any imports it needs, in one ```python code block.\n\n```python\n{prompt}\n```")),
)}


def template_for(problem: Problem) -> PromptTemplate:
    """HumanEval-style problems (checked by `test_code`) get the completion template; the rest, procedural."""
    return TEMPLATES["humaneval" if problem.test_code else "procedural"]


def get_template(name: str) -> PromptTemplate:
    try:
        return TEMPLATES[name]
    except KeyError:
        raise ConfigError(f"unknown prompt template {name!r}; allowed: {', '.join(TEMPLATES)}") from None


def build_messages(problem: Problem, template: PromptTemplate | str | None = None) -> Messages:
    if isinstance(template, str):
        template = get_template(template)
    return (template or template_for(problem)).messages(problem)
