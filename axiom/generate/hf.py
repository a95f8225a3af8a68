"""Hugging Face transformers backend, CPU or CUDA.

Speed comes from five things: prompts of similar length are batched together with left
padding (so every row's last token is a real token and the KV cache stays aligned); the `n`
samples of a prompt ride in the same batch and share one read of the prompt; finished rows
leave the batch (`axiom.generate.decode`; `engine="generate"` uses transformers' own loop
instead); a LoRA adapter is merged into the base weights before generating (the seeds measured
unmerged PEFT 3x slower); and on a CPU with bf16 hardware (AMX, AVX512-BF16) the weights are
bf16, whose matrix products run about 3x faster there than fp32 (benchmarks/generation_cpu.py).
With `Sampling.stop_at_code_end` a row ends at the close of its first code block.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any

from axiom.errors import ConfigError
from axiom.generate.backend import (
    ChatPrompts,
    Completion,
    GenerationError,
    ProgressFn,
    Prompt,
    Sampling,
    answer_start,
    check_device,
    check_dtype,
    code_done,
    cut_at_stop,
)
from axiom.generate.presets import resolve_model


def pick_device(device: str | None = None) -> str:
    import torch

    check_device(device)
    return device or ("cuda" if torch.cuda.is_available() else "cpu")


def cpu_has_fast_bf16() -> bool:
    """Does this CPU multiply bf16 in hardware (AMX or AVX512-BF16)? Read from /proc/cpuinfo (Linux only).

    There torch's bf16 matrix products run 3x faster than fp32 at a decoding batch of 64
    (benchmarks/generation.py); elsewhere bf16 is emulated and slower than fp32. The environment
    variable AXIOM_CPU_BF16=0 (or 1) overrides the answer, for this process and the ones it starts.
    """
    forced = os.environ.get("AXIOM_CPU_BF16", "").strip()
    if forced in ("0", "1"):
        return forced == "1"
    try:
        with open("/proc/cpuinfo") as f:
            flags = next((line for line in f if line.startswith("flags")), "").split()
    except OSError:
        return False
    return "amx_bf16" in flags or "avx512_bf16" in flags


def auto_precision(device: str) -> str:
    """What `auto` precision means on `device` for generation and training alike: "bf16" on CUDA with bf16
    ("fp16" on older GPUs) and on CPUs that multiply bf16 in hardware (`cpu_has_fast_bf16`), else "fp32"."""
    if device.startswith("cuda"):
        import torch

        return "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    return "bf16" if cpu_has_fast_bf16() else "fp32"


def pick_dtype(device: str, dtype: str | None = None):
    """The torch dtype to load a model in: `dtype` when given, else `auto_precision(device)`'s."""
    import torch

    if dtype:
        check_dtype(dtype)
    return {"float32": torch.float32, "fp32": torch.float32, "bfloat16": torch.bfloat16,
            "bf16": torch.bfloat16, "float16": torch.float16, "fp16": torch.float16}[dtype or auto_precision(device)]


class TokenRows(ChatPrompts):
    """How a row of generated token ids ends and becomes a Completion, for the backends that decode with a
    Hugging Face tokenizer in hand (hf, llamacpp): stop strings, where the code is done (`CodeEnd`), EOS."""

    tokenizer: Any
    eos_ids: set[int]

    def _row_stop(self, params: Sampling, starts: Sequence[str]):
        """The stop test of the decode loop, `stopped(prompt, tokens)`: stop strings in the new tokens, and where
        the code of the answer (`starts[prompt]`, the prompt's `answer_start`, then the new tokens) is done."""
        words = StopStrings(self.tokenizer, params.stop).tokens_stop if params.stop else None
        code_end = self._code_end.tokens_stop if params.stop_at_code_end else None
        if words is None and code_end is None:
            return None
        return lambda prompt, tokens: ((words is not None and words(tokens))
                                       or (code_end is not None and code_end(tokens, starts[prompt])))

    @functools.cached_property
    def _code_end(self) -> CodeEnd:
        return CodeEnd(self.tokenizer)

    def _completion(self, tokens: list[int], prompt_tokens: int, params: Sampling, start: str = "") -> Completion:
        """The answer: `start` (the prompt's `answer_start`) and the text of the new tokens, cut where it stops."""
        pad = self.tokenizer.pad_token_id
        end = next((k for k, t in enumerate(tokens) if t in self.eos_ids or t == pad), len(tokens))
        ended = end < len(tokens) and tokens[end] in self.eos_ids
        text, stopped = cut_at_stop(self.tokenizer.decode(tokens[:end], skip_special_tokens=True), params.stop,
                                    params.stop_at_code_end, start)
        return Completion(text=text, prompt_tokens=prompt_tokens, completion_tokens=end + ended,
                          finish_reason="stop" if ended or stopped or end < len(tokens) else "length")


class HFBackend(TokenRows):
    """Loads `model` (preset, folder or hub id) and an optional PEFT adapter; see the module doc."""

    name = "hf"

    def __init__(self, model: str, adapter: str | None = None, *, device: str | None = None,
                 dtype: str | None = None, batch_size: int = 32, merge: bool = True, engine: str = "loop") -> None:
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if batch_size < 1:
            raise ConfigError(f"batch_size must be >= 1, got {batch_size}")
        if engine not in ("loop", "generate"):
            raise ConfigError(f"engine must be 'loop' (axiom.generate.decode) or 'generate' (transformers), "
                              f"got {engine!r}")
        self.model_name, self.adapter, self.batch_size, self.engine = model, adapter, batch_size, engine
        self.path = resolve_model(model)
        self.device = pick_device(device)
        self.dtype = pick_dtype(self.device, dtype)
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(self.path)
            self.model = AutoModelForCausalLM.from_pretrained(self.path, dtype=self.dtype)
        except OSError as e:
            raise GenerationError(f"cannot load model {model!r} from {self.path}: {e}") from None
        self.tokenizer.padding_side = "left"
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.model.to(self.device).eval()
        if adapter:
            self.model = load_adapter(self.model, adapter, merge=merge)
        self.eos_ids = eos_ids(self.model.generation_config, self.model.config, self.tokenizer)

    def generate(self, prompts: Sequence[Prompt], params: Sampling,
                 progress: ProgressFn | None = None) -> list[list[Completion]]:
        encoded = [self.encode(p) for p in prompts]
        starts = [answer_start(p) for p in prompts]
        per_prompt = 1 if params.greedy else params.n  # greedy samples are all the same: compute one
        chunk = max(1, self.batch_size // per_prompt)
        order = sorted(range(len(encoded)), key=lambda i: -len(encoded[i]))  # similar lengths share a batch
        results: list[list[Completion]] = [[] for _ in encoded]
        for b, start in enumerate(range(0, len(order), chunk)):
            idx = order[start:start + chunk]
            rows = self._generate_batch([encoded[i] for i in idx], [starts[i] for i in idx], params, per_prompt,
                                        params.seed * 100003 + b, progress)
            for j, i in enumerate(idx):
                results[i] = rows[j * per_prompt:(j + 1) * per_prompt]
        if per_prompt < params.n:
            results = [[r[0]] + [_copy(r[0]) for _ in range(params.n - 1)] for r in results]
        return results

    def _generate_batch(self, ids: list[list[int]], starts: list[str], params: Sampling, per_prompt: int, seed: int,
                        progress: ProgressFn | None = None) -> list[Completion]:
        batch = self.tokenizer.pad({"input_ids": ids}, padding=True, return_tensors="pt").to(self.device)
        copies = params.n // per_prompt  # a greedy row stands for all n samples of its prompt
        step = (lambda tokens, rows: progress(tokens, rows * copies)) if progress else None
        stopped = self._row_stop(params, starts)
        if self.engine == "loop":
            from axiom.generate.decode import decode  # imports torch

            ends = self.eos_ids | {self.tokenizer.pad_token_id}  # a generated pad token ends a row too (_completion)
            new = decode(self.model, batch["input_ids"], batch["attention_mask"], params, ends, stopped, seed,
                         repeats=per_prompt, on_step=step)
        else:
            new = self._hf_generate(batch, params, per_prompt, seed, stopped)
            if step:
                step(sum(len(t) for t in new), len(new))
        return [self._completion(tokens, len(ids[r // per_prompt]), params, starts[r // per_prompt])
                for r, tokens in enumerate(new)]

    def _hf_generate(self, batch, params: Sampling, per_prompt: int, seed: int, stopped) -> list[list[int]]:
        import torch
        from transformers import GenerationConfig, StoppingCriteriaList

        sampling = {} if params.greedy else {"temperature": params.temperature, "top_p": params.top_p, "top_k": 0}
        config = GenerationConfig(
            max_new_tokens=params.max_new_tokens, do_sample=not params.greedy, num_return_sequences=per_prompt,
            pad_token_id=self.tokenizer.pad_token_id, eos_token_id=sorted(self.eos_ids),
            repetition_penalty=1.0, **sampling)
        prompt_len = batch["input_ids"].shape[1]

        def stop(input_ids, scores, **kwargs):  # rows come per_prompt at a time, in the prompts' order
            rows = input_ids[:, prompt_len:].tolist()
            return torch.tensor([stopped(r // per_prompt, row) for r, row in enumerate(rows)], device=input_ids.device)

        torch.manual_seed(seed)
        with torch.inference_mode():
            out = self.model.generate(**batch, generation_config=config,
                                      stopping_criteria=StoppingCriteriaList([stop] if stopped else []))
        return out[:, prompt_len:].tolist()


class StopStrings:
    """Stop a row once its generated text holds a stop string.

    transformers' own `stop_strings` also matches text that began in the prompt (a prompt
    ending in "\n" and the stop "\n\n" would stop after one new line); this looks only at
    new tokens. Checking the last few tokens each step is enough: a stop string is caught on
    the step that completes it.
    """

    def __init__(self, tokenizer, stop: Sequence[str]) -> None:
        self.tokenizer, self.stop = tokenizer, tuple(stop)
        self.window = max(len(s.encode()) for s in stop) + 2  # a token holds at least one byte

    def tokens_stop(self, tokens: list[int]) -> bool:
        """Does one row's new tokens' text hold a stop string now?"""
        return any(s in self.tokenizer.decode(tokens[-self.window:], skip_special_tokens=True) for s in self.stop)


class CodeEnd:
    """Stop a row once its code is done (`axiom.generate.backend.code_done`): at the end of its first
    complete code block, or at the first top-level line after its definitions.

    Only a token holding a backtick can close a fence, and a top-level line is known from its first
    word or two, so the row's text is decoded and scanned only on those steps: a backtick token, a
    newline, or one of the two tokens after it.
    """

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer
        pieces = tokenizer.convert_ids_to_tokens(list(range(len(tokenizer))))
        newline = ("\n", "Ċ", "<0x0A>")  # a newline as text, as byte-level BPE and as sentencepiece write it
        self.backtick_ids = frozenset(i for i, piece in enumerate(pieces) if piece and "`" in piece)
        self.newline_ids = frozenset(i for i, piece in enumerate(pieces) if piece and any(m in piece for m in newline))

    def tokens_stop(self, tokens: list[int], start: str = "") -> bool:
        """Is the code of the answer `start` + the text of `tokens` done?"""
        if not tokens:
            return False
        if tokens[-1] not in self.backtick_ids and not any(t in self.newline_ids for t in tokens[-3:]):
            return False
        return code_done(start + self.tokenizer.decode(tokens, skip_special_tokens=True)) is not None


def load_adapter(model, adapter: str, merge: bool = True):
    """Wrap `model` with a PEFT adapter folder; merged into the base weights unless merge=False."""
    from peft import PeftModel

    try:
        wrapped = PeftModel.from_pretrained(model, adapter)
    except (OSError, ValueError) as e:
        raise GenerationError(f"cannot load adapter {adapter!r}: {e}") from None
    return wrapped.merge_and_unload() if merge else wrapped.eval()


def eos_ids(generation_config, config, tokenizer) -> set[int]:
    """The token ids that end a sample: those of the generation config, the model config and the tokenizer."""
    ids: set[int] = set()
    for value in (getattr(generation_config, "eos_token_id", None), getattr(config, "eos_token_id", None),
                  tokenizer.eos_token_id):
        if isinstance(value, int):
            ids.add(value)
        elif value:
            ids.update(value)
    return ids


def _copy(c: Completion) -> Completion:
    # A greedy duplicate: same text, but no tokens were generated for it (keeps tokens/s honest).
    return Completion(c.text, c.prompt_tokens, c.completion_tokens, c.finish_reason, meta={"duplicate": True})
