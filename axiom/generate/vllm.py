"""vLLM backend for CUDA machines (`pip install 'axiom[vllm]'`).

Prompts are tokenized here with the model's tokenizer and handed to vLLM as token ids, so
the hf and vllm backends see identical inputs. An adapter is served through vLLM's LoRA
support (`LoRARequest`), or, with merge=True, merged into a copy of the base weights first
(no LoRA kernels at generation time; costs one save of the model to disk).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

from axiom.errors import ConfigError
from axiom.generate.backend import (
    ChatPrompts,
    Completion,
    GenerationError,
    ProgressFn,
    Prompt,
    Sampling,
    answer_start,
    cut_at_stop,
)
from axiom.generate.hf import load_adapter
from axiom.generate.presets import resolve_model


class VLLMBackend(ChatPrompts):
    name = "vllm"

    def __init__(self, model: str, adapter: str | None = None, *, merge: bool = False, dtype: str = "auto",
                 gpu_memory_utilization: float = 0.85, max_model_len: int | None = 4096, seed: int = 0) -> None:
        try:
            from vllm import LLM
        except ImportError:
            raise ConfigError("the vllm backend needs vLLM on a CUDA machine: pip install 'axiom[vllm]'") from None
        self.model_name, self.adapter = model, adapter
        path = resolve_model(model)
        self.lora = None
        if adapter and merge:
            self._merged = tempfile.TemporaryDirectory(prefix="axiom-merged-")
            path = merge_to_folder(path, adapter, self._merged.name)
        elif adapter:
            from vllm.lora.request import LoRARequest

            self.lora = LoRARequest("adapter", 1, str(Path(adapter).resolve()))
        options = {"enable_lora": True, "max_lora_rank": _lora_rank(adapter)} if self.lora else {}
        try:
            self.llm = LLM(model=path, dtype=dtype, seed=seed, gpu_memory_utilization=gpu_memory_utilization,
                           max_model_len=max_model_len, **options)
        except (OSError, ValueError, RuntimeError) as e:
            raise GenerationError(f"vLLM could not load {model!r} ({path}): {e}") from None
        self.tokenizer = self.llm.get_tokenizer()

    def generate(self, prompts: Sequence[Prompt], params: Sampling,
                 progress: ProgressFn | None = None) -> list[list[Completion]]:
        from vllm import SamplingParams

        n = 1 if params.greedy else params.n  # greedy samples are all the same (and some vLLM versions refuse n>1)
        sampling = SamplingParams(n=n, temperature=params.temperature, top_p=params.top_p,
                                  max_tokens=params.max_new_tokens, stop=list(params.stop) or None, seed=params.seed)
        inputs = [{"prompt_token_ids": self.encode(p)} for p in prompts]
        outputs = self.llm.generate(inputs, sampling, lora_request=self.lora, use_tqdm=False)
        result = []
        for prompt, out in zip(prompts, outputs, strict=True):
            row = []
            for c in sorted(out.outputs, key=lambda c: c.index):
                # vLLM strips stop strings itself; the end of the first code block is cut here (after generating)
                text, _ = cut_at_stop(c.text, params.stop, params.stop_at_code_end, answer_start(prompt))
                row.append(Completion(text=text, prompt_tokens=len(out.prompt_token_ids or ()),
                                      completion_tokens=len(c.token_ids),
                                      finish_reason="length" if c.finish_reason == "length" else "stop"))
            result.append(row + [Completion(c.text, c.prompt_tokens, c.completion_tokens, c.finish_reason,
                                            meta={"duplicate": True}) for c in row[:1] * (params.n - n)])
        if progress:  # vLLM decodes the whole call at once: the bar moves per call
            progress(sum(len(c.token_ids) for out in outputs for c in out.outputs), len(prompts) * params.n)
        return result


def merge_to_folder(base: str, adapter: str, dest: str) -> str:
    """Merge a PEFT adapter into the base weights and save model + tokenizer to `dest`."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = load_adapter(AutoModelForCausalLM.from_pretrained(base), adapter, merge=True)
    model.save_pretrained(dest)
    AutoTokenizer.from_pretrained(base).save_pretrained(dest)
    return dest


def _lora_rank(adapter: str | None) -> int:
    try:
        rank = json.loads((Path(adapter) / "adapter_config.json").read_text())["r"]
    except (OSError, ValueError, KeyError, TypeError):
        return 16
    # vLLM accepts ranks from a fixed menu; take the smallest that holds this adapter.
    return next((r for r in (8, 16, 32, 64, 128, 256) if r >= rank), rank)
