"""The backend interface: sampling parameters in, completions out, one lazy table of backends.

A prompt is either chat messages (`[{"role": "user", "content": ...}]`), which the backend
renders with the model's own chat template, or a plain string, sent to the model as is.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from axiom.errors import AxiomError, ConfigError

Messages = list[dict[str, str]]
Prompt = str | Messages
# progress(tokens, samples): tokens just generated, samples just finished (see axiom.generate.batch.Progress)
ProgressFn = Callable[[int, int], None]


class GenerationError(AxiomError):
    """A backend could not produce completions (server refused, model failed to load...)."""


@dataclass(frozen=True)
class Sampling:
    """How to sample. temperature 0 means greedy; every backend reads these fields the same way."""

    n: int = 1                      # samples per prompt
    temperature: float = 0.8        # 0 = greedy
    top_p: float = 1.0              # nucleus sampling mass; 1.0 = off
    max_new_tokens: int = 512       # per sample
    stop: tuple[str, ...] = ()      # cut the text at the first of these (not included)
    seed: int = 0                   # same seed, prompts and batch size -> same samples
    stop_at_code_end: bool = False  # end a sample once its code is done (`code_done`)

    def __post_init__(self) -> None:
        if isinstance(self.stop, str) or not all(isinstance(s, str) and s for s in self.stop):
            raise ConfigError(f"stop must be a sequence of non-empty strings, got {self.stop!r}")
        object.__setattr__(self, "stop", tuple(self.stop))
        if self.n < 1:
            raise ConfigError(f"n (samples per prompt) must be >= 1, got {self.n}")
        if self.temperature < 0:
            raise ConfigError(f"temperature must be >= 0, got {self.temperature}")
        if not 0 < self.top_p <= 1:
            raise ConfigError(f"top_p must be in (0, 1], got {self.top_p}")
        if self.max_new_tokens < 1:
            raise ConfigError(f"max_new_tokens must be >= 1, got {self.max_new_tokens}")

    @property
    def greedy(self) -> bool:
        return self.temperature == 0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["stop"] = list(self.stop)
        return d


@dataclass
class Completion:
    text: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str  # "stop" (end of sequence or a stop string) | "length" (max_new_tokens reached)
    meta: dict[str, Any] = field(default_factory=dict)


class Backend(Protocol):
    """`generate` returns, for each prompt in order, `params.n` completions, and calls `progress`
    (when given) as it goes: every sample is counted once, and the tokens it generated."""

    name: str

    def generate(self, prompts: Sequence[Prompt], params: Sampling,
                 progress: ProgressFn | None = None) -> list[list[Completion]]: ...


DTYPES = ("float32", "fp32", "bfloat16", "bf16", "float16", "fp16")
_DEVICE = re.compile(r"cpu|mps|cuda(:\d+)?")


def check_device(device: str | None, key: str = "device", *, available: bool = True) -> None:
    """The one rule for a device (`--device`, `model.device`): cpu, cuda, cuda:N or mps (None: pick one).

    With `available`, a CUDA device must also exist here: asking for one on a machine without it is
    an error before any work, not a traceback when the model loads.
    """
    if device is None:
        return
    if not isinstance(device, str) or not _DEVICE.fullmatch(device):
        raise ConfigError(f"{key}: {device!r} is not a device; choose cpu, cuda, cuda:N or mps (or leave it unset)")
    if available and device.startswith("cuda"):
        import torch

        count = torch.cuda.device_count() if torch.cuda.is_available() else 0
        index = int(device.partition(":")[2] or 0)
        if index >= count:
            where = f"only {count} CUDA device(s)" if count else "no CUDA GPU (torch.cuda.is_available() is False)"
            raise ConfigError(f"{key} {device}: torch sees {where} here; use cpu, or leave it unset to use "
                              "a GPU when there is one")


def check_dtype(dtype: str | None, key: str = "dtype", backend: str = "hf") -> None:
    """The one rule for a dtype (`--dtype`, `model.dtype`); vllm also takes "auto"."""
    allowed = DTYPES + (("auto",) if backend == "vllm" else ())
    if dtype is not None and dtype not in allowed:
        raise ConfigError(f"{key}: {dtype!r} is not allowed; choose one of: {', '.join(allowed)}")


BACKENDS: dict[str, str] = {
    "hf": "axiom.generate.hf:HFBackend",
    "vllm": "axiom.generate.vllm:VLLMBackend",
    "openai": "axiom.generate.openai:OpenAIBackend",
    "llamacpp": "axiom.generate.llamacpp:LlamaCppBackend",
}


def load_backend(name: str, model: str, **options: Any) -> Backend:
    """Import the backend class only when asked for, so `axiom --help` never imports torch or vllm."""
    if name not in BACKENDS:
        raise ConfigError(f"unknown backend {name!r}; allowed: {', '.join(BACKENDS)}")
    module, cls = BACKENDS[name].split(":")
    return getattr(importlib.import_module(module), cls)(model, **options)


def answer_start(prompt: Prompt) -> str:
    """The start of the answer written for the model (a prefill): the content of chat messages' final
    assistant message, which the model continues; "" for any other prompt.

    A backend returns that start and the model's continuation as one text, so stop tests, code
    extraction and the verifier read the whole answer, while `completion_tokens` counts only the
    tokens the model generated.
    """
    if isinstance(prompt, str) or not prompt or prompt[-1].get("role") != "assistant":
        return ""
    return prompt[-1]["content"]


def plain_text(prompt: Prompt) -> str:
    """How a model without a chat template reads a prompt: a string as it is; chat messages as the text of their
    user message, with no role markers (a system message is dropped: such a model has no place for one),
    followed by the `answer_start` where there is one.

    The `plain` prompt template (`axiom.generate.prompts`) puts the problem there as code to continue.
    Training (`axiom.train.sft`) renders its prompts with this same function, so a model is trained on
    the text it is later prompted with.
    """
    if isinstance(prompt, str):
        return prompt
    start = answer_start(prompt)
    turns = [m for m in (prompt[:-1] if start else prompt) if m.get("role") != "system"]
    if len(turns) != 1 or turns[0].get("role") != "user":
        raise GenerationError("a model without a chat template takes one user message (or plain text), got the "
                              f"roles {[m.get('role') for m in prompt]}")
    return turns[0]["content"] + start


class ChatPrompts:
    """Prompt rendering for backends that hold a Hugging Face tokenizer (`self.tokenizer`): hf and vllm
    render and tokenize alike, so both feed the model the same ids."""

    model_name: str
    tokenizer: Any

    @property
    def chat(self) -> bool:
        """Does the model have a chat template? Without one, prompts are sent as `plain_text`."""
        return bool(self.tokenizer.chat_template)

    def render(self, prompt: Prompt) -> str:
        """Chat messages through the tokenizer's chat template (`plain_text` where it has none); a string as is."""
        if isinstance(prompt, str) or not self.chat:
            return plain_text(prompt)
        if answer_start(prompt):  # the model goes on writing the assistant's message
            return self.tokenizer.apply_chat_template(prompt, tokenize=False, continue_final_message=True)
        return self.tokenizer.apply_chat_template(prompt, tokenize=False, add_generation_prompt=True)

    def encode(self, prompt: Prompt) -> list[int]:
        # A rendered chat template already holds its special tokens; plain text gets the usual ones (BOS).
        plain = isinstance(prompt, str) or not self.chat
        return self.tokenizer(self.render(prompt), add_special_tokens=plain)["input_ids"]


def parse_model_spec(spec: str, default_backend: str = "hf") -> tuple[str, str]:
    """'openai:gpt-4o-mini' -> ('openai', 'gpt-4o-mini'); a spec without a known prefix uses the default."""
    head, sep, rest = spec.partition(":")
    if sep and head in BACKENDS and rest:
        return head, rest
    return default_backend, spec


def cut_at_stop(text: str, stop: Sequence[str], code_end: bool = False, start: str = "") -> tuple[str, bool]:
    """The answer `start + text`, with `text` cut at its earliest stop string (and, with `code_end`, the
    answer cut where its code is done, `code_done`), and whether it was cut. Stop strings are looked
    for in the generated `text` only, never in the `answer_start` written for the model."""
    cut = min((i for i in (text.find(s) for s in stop) if i >= 0), default=-1)
    answer = start + (text[:cut] if cut >= 0 else text)
    end = code_done(answer) if code_end else None
    if end is not None:
        return answer[:end], True
    return answer, cut >= 0


def code_done(text: str) -> int | None:
    """Where the code of `text` is done, or None while it may go on: the end of the first code block
    (`code_block_end`) or, before that, the end of its definitions (`definitions_end`)."""
    ends = [end for end in (code_block_end(text), definitions_end(text)) if end is not None]
    return min(ends, default=None)


_FENCE = re.compile(r"[ \t]*```[ \t]*([\w+.#-]*)")


def code_block_end(text: str) -> int | None:
    """Where the first complete fenced code block of `text` ends (just past its closing ```), or None.

    Read like `axiom.verify.extract.fenced_blocks`: a block needs some code in it; a tagged fence
    right after an opening one (```` ``` ```` then ```` ```python ````) re-opens the block. The model writes
    its function in the first block and explanations or usage examples after it, which the
    verifier would throw away, so a sampler can stop here (`Sampling.stop_at_code_end`).
    """
    inside, has_code, pos = False, False, 0
    for line in text.split("\n"):
        fence = _FENCE.match(line)
        if fence is None:
            has_code = has_code or (inside and bool(line.strip()))
        elif not inside:
            inside, has_code = True, False
        elif has_code:
            return pos + line.index("```") + 3
        elif not fence.group(1):
            inside = False  # an empty block: not code
        pos += len(line) + 1
    return None


_DEFINITION = ("def ", "async def ", "class ", "@", "import ", "from ")


def definitions_end(text: str) -> int | None:
    """Where the first code block's definitions end and top-level code begins, or None.

    The prompt asks for a function; the model often goes on in the same block with usage examples
    (`print(f(3))`, asserts, `if __name__ == ...`), which cost tokens and, when they fail, fail a
    right function. Once a `def` has been written, the first top-level line that is not a
    definition, import, decorator or comment ends the code; it is cut with the comments right above
    it (`# Example usage:`). That is known from the line's first word, so a sampler can stop before
    the rest of the line (a `print(...)  # Output: ...` runs long). A line is only a boundary where
    the code before it parses, so a column-0 line inside a docstring or a bracket is not one. Later
    definitions (a helper after the function) are kept, because a definition line does not end the
    code.
    """
    lines = text.split("\n")
    inside, defined, start, comments, pos = False, False, 0, None, 0
    for k, line in enumerate(lines):
        complete = k < len(lines) - 1
        fence = _FENCE.match(line)
        if not inside:
            if not complete:
                return None
            inside, start = fence is not None, pos + len(line) + 1
        elif fence is not None or line.startswith("`"):
            return None  # the block closes (code_block_end's case), or a fence is being written
        elif line[:1].strip() and not line.startswith("#"):
            if line.startswith(_DEFINITION) or not complete and any(d.startswith(line) for d in _DEFINITION):
                if not complete:
                    return None  # a definition, or what may still become one
                defined = defined or line.startswith(("def ", "async def "))
            elif defined and _parses(text[start:comments if comments is not None else pos]):
                return comments if comments is not None else pos
            comments = None
        elif line.startswith("#"):
            comments = pos if comments is None else comments
        elif line.strip():
            comments = None  # an indented line: the comments above belong to a body
        pos += len(line) + 1
    return None


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except (SyntaxError, ValueError):
        return False
    return True
