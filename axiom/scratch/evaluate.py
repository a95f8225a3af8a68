"""What pretraining measures every `eval.every` steps (definitions also in docs/scratch.md).

- `val_loss`: mean next-token cross-entropy in nats per token (no label smoothing) over the first
  `eval.val_batches` batches of the validation split: the same tokens every time.
- A *sampled function*: one of `DEF_PROMPTS` followed by the model's continuation (temperature
  `eval.temperature`, top-p `eval.top_p`, at most `eval.sample_tokens` tokens, the same seed at every
  evaluation), cut before the first later line that starts in column 0 with anything but a closing
  bracket (the next top-level statement; `) -> int:` still closes a multi-line signature). It is
  *finished* when such a line or `</s>` came within the budget.
- `syntax_valid_rate`: share of sampled functions that are finished and `ast.parse` into a module
  whose first statement is a function definition.
- `mode_collapse_rate`: share of sampled functions that are degenerate repetition or a duplicate.
  Repetition is `axiom.eval.metrics.is_mode_collapse` on the continuation: a keyword twice in a row
  ("return return", "def def"), one token 8+ times in a row, one method chained 4+ times, a block of
  1-8 lines repeated 3+ times covering 6+ lines, or a periodic tail. A duplicate is a function whose
  text is identical to another sampled function's (every member of such a group counts). Both parts
  are reported too: `repetition_rate`, `duplicate_rate`.
- HumanEval-mini greedy pass@1: the 20 tasks through `axiom.eval.run.evaluate` (what `axiom eval`
  runs), with the `plain` prompt template a model without a chat template gets, in the sandbox.
"""

from __future__ import annotations

import ast
import math
from collections import Counter

from axiom.eval.metrics import is_mode_collapse
from axiom.eval.run import evaluate as run_eval
from axiom.generate.backend import Backend, Sampling
from axiom.problems.humaneval_mini import load_humaneval_mini
from axiom.scratch.config import EvalSection

# `def`, not `def `: byte-level BPE joins a space to the word after it (`def`, ` name`), so a start that ends in
# a bare space token is a boundary the model has hardly seen (its names then began mid-word: `def attemplate`).
DEF_PROMPTS = ("def", "def get_", "def is_", "def _", "def parse_", "def make_", "def find_", "def to_")


def lm_loss(model, inputs, labels, label_smoothing: float = 0.0):
    """Mean next-token cross-entropy of a batch (inputs and labels already on the model's device)."""
    import torch.nn.functional as F

    logits = model(input_ids=inputs).logits
    return F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), labels.reshape(-1),
                           label_smoothing=label_smoothing)


def validation_loss(model, batches, device: str, autocast) -> float:
    import torch

    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for inputs, labels in batches:
            with autocast():
                loss = lm_loss(model, inputs.to(device), labels.to(device))
            total += loss.item() * labels.numel()
            count += labels.numel()
    model.train(was_training)
    return total / count


CONTINUES = ("", " ", "\t", ")", "]", "}")  # how a line of the same statement can start: `) -> int:` closes a signature


def function_of(prompt: str, completion: str, finish_reason: str) -> tuple[str, bool]:
    """(the sampled function's text, whether it finished): cut before the next line that starts in column 0
    with anything but a closing bracket (the next top-level statement)."""
    lines = (prompt + completion).split("\n")
    for k in range(1, len(lines)):
        if lines[k][:1] not in CONTINUES:
            return "\n".join(lines[:k]).rstrip() + "\n", True
    return prompt + completion, finish_reason == "stop"


def is_function(text: str) -> bool:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return bool(tree.body) and isinstance(tree.body[0], (ast.FunctionDef, ast.AsyncFunctionDef))


def sample_functions(backend: Backend, cfg: EvalSection, seed: int) -> list[dict]:
    """`cfg.samples` sampled functions, round the prompts: {"prompt", "completion", "function", "finished",
    "valid", "repetitive", "duplicate"}."""
    prompts = list(DEF_PROMPTS[:min(cfg.samples, len(DEF_PROMPTS))])
    per_prompt = math.ceil(cfg.samples / len(prompts))
    params = Sampling(n=per_prompt, temperature=cfg.temperature, top_p=cfg.top_p,
                      max_new_tokens=cfg.sample_tokens, seed=seed)
    out = backend.generate(prompts, params)
    rows = []
    for k in range(per_prompt):  # round the prompts first, so a small `samples` still covers every prompt
        for prompt, completions in zip(prompts, out, strict=True):
            c = completions[k]
            function, finished = function_of(prompt, c.text, c.finish_reason)
            rows.append({"prompt": prompt, "completion": c.text, "function": function, "finished": finished,
                         "valid": finished and is_function(function),
                         "repetitive": is_mode_collapse(c.text, c.finish_reason)})
    rows = rows[:cfg.samples]
    counts = Counter(r["function"] for r in rows)
    for r in rows:
        r["duplicate"] = counts[r["function"]] > 1
    return rows


def function_metrics(rows: list[dict]) -> dict:
    n = len(rows)
    share = lambda key: sum(bool(r[key]) for r in rows) / n if n else None  # noqa: E731
    collapsed = sum(r["repetitive"] or r["duplicate"] for r in rows)
    return {"n_samples": n, "syntax_valid_rate": share("valid"), "finished_rate": share("finished"),
            "mode_collapse_rate": collapsed / n if n else None, "repetition_rate": share("repetitive"),
            "duplicate_rate": share("duplicate")}


def humaneval_mini(backend: Backend, cfg: EvalSection, verifier) -> tuple[list[dict], dict]:
    """Greedy completions of the 20 tasks, verified: (sample rows, `compute_metrics` output)."""
    params = Sampling(n=1, temperature=0.0, max_new_tokens=cfg.humaneval_tokens)
    return run_eval(backend, load_humaneval_mini(), params, greedy=True, ks=(1,), verifier=verifier, progress=False)
