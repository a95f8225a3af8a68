"""llama.cpp backend for CPUs (`pip install llama-cpp-python`): a preset's GGUF file as it ships, quantized.

llama.cpp runs the forward passes; everything around them is the hf backend's, so the two read
`Sampling` the same way: prompts are rendered and tokenized by the preset's Hugging Face
tokenizer (the same ids as hf), tokens are drawn by `axiom.generate.decode.sample_next` (the
same temperature and top-p, from a torch generator seeded with `Sampling.seed`), and a row ends
at EOS, a stop string or the end of its first code block by the hf backend's own tests
(`TokenRows`). Same seed, prompts and batch size give the same samples.

How it batches: up to `batch_size` sequences decode together, each in its own KV stream
(`kv_unified` off, so a token attends over its own sequence's cache, not every sequence's). A
prompt is read once, and its cache copied to the streams of its other n-1 samples
(`llama_memory_seq_cp`): the n samples share the prompt's prefill. A finished row frees its
stream at once and the next prompt starts in the free streams (continuous batching); the last
live row moves into a freed stream, because llama.cpp puts only consecutive sequence ids into
one pass.

AMX: where llama.cpp was compiled with AMX (pip's default build on an AMX CPU, `-march=native`),
its AMX matrix product died with SIGILL on the first batch in our build (GCC 12 drops the stores
into its tile config, so an all-zero config is loaded; reproduced in a small C++ program, and
fixed by making that config `static const`). So there, llama.cpp's extra weight buffers (AMX, and the repacked
layouts) stay off unless `amx=True` or AXIOM_LLAMACPP_AMX=1 says the build has the fix; the
presets are mostly Q5_0 (qwen) and Q4_1 (smollm2), which the plain AVX512 kernels also run.

An adapter (a PEFT LoRA folder) is converted to a GGUF LoRA once, cached next to it
(`axiom.generate.lora_gguf`), and applied by llama.cpp at run time on top of the quantized base.
`adapter_convert_s` records what that conversion cost.

Not covered: models other than the presets (the backend needs the GGUF file and the tokenizer of
one model), GPUs (build llama-cpp-python with CUDA yourself; nothing here stops it).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from axiom.errors import ConfigError
from axiom.generate.backend import Completion, GenerationError, ProgressFn, Prompt, Sampling, answer_start
from axiom.generate.hf import TokenRows, eos_ids
from axiom.generate.lora_gguf import gguf_adapter
from axiom.generate.presets import PRESETS, preset_gguf, resolve_model

INSTALL = "pip install llama-cpp-python"


def import_llama_cpp():
    try:
        import llama_cpp
    except ImportError:
        raise ConfigError(f"the llamacpp backend needs llama.cpp's Python binding: {INSTALL}") from None
    return llama_cpp


_LOG_ERROR, _LOG_CONT = 4, 5  # ggml_log_level
_log_callback = None


def quiet_logs(llama_cpp) -> None:
    """Keep llama.cpp's errors on stderr, not the pages it logs for every load. (llama-cpp-python's own filter
    reads the old level numbers, before DEBUG moved to 1, and lets warnings through as errors.)"""
    global _log_callback
    if _log_callback is not None:
        return
    state = {"error": False}

    @llama_cpp.llama_log_callback
    def callback(level, text, user_data):
        if level != _LOG_CONT:
            state["error"] = level == _LOG_ERROR
        if state["error"]:
            sys.stderr.write(text.decode(errors="replace"))

    _log_callback = callback  # ctypes needs the Python object alive as long as llama.cpp may call it
    llama_cpp.llama_log_set(callback, ctypes.c_void_p(0))


def amx_compiled(llama_cpp) -> bool:
    return b"AMX_INT8 = 1" in llama_cpp.llama_print_system_info()


def amx_enabled(llama_cpp, amx: bool | None = None) -> bool:
    """Use llama.cpp's AMX kernels? Only when asked (`amx`, else AXIOM_LLAMACPP_AMX=1) and compiled in."""
    if amx is None:
        amx = os.environ.get("AXIOM_LLAMACPP_AMX", "").strip() == "1"
    return amx and amx_compiled(llama_cpp)


@dataclass
class _Row:
    prompt: int
    sample: int
    tokens: list[int] = field(default_factory=list)
    done: bool = False


class LlamaCppBackend(TokenRows):
    """Loads a preset's GGUF (and an optional adapter) into llama.cpp; see the module doc."""

    name = "llamacpp"

    def __init__(self, model: str, adapter: str | None = None, *, batch_size: int = 32,
                 threads: int | None = None, amx: bool | None = None) -> None:
        llama_cpp = import_llama_cpp()
        if model not in PRESETS:
            raise ConfigError(f"the llamacpp backend loads a preset's GGUF file; choose one of {', '.join(PRESETS)} "
                              f"(got {model!r})")
        if not 1 <= batch_size <= llama_cpp.llama_max_parallel_sequences():
            raise ConfigError(f"batch_size must be in 1..{llama_cpp.llama_max_parallel_sequences()} for llama.cpp, "
                              f"got {batch_size}")
        from transformers import AutoConfig, AutoTokenizer, GenerationConfig

        self.lib, self.model_name, self.adapter, self.batch_size = llama_cpp, model, adapter, batch_size
        self.threads = threads or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                                   else os.cpu_count() or 1)
        self.gguf = preset_gguf(PRESETS[model])
        folder = resolve_model(model)  # the preset's save_pretrained folder: hf's tokenizer and EOS ids
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        try:
            generation = GenerationConfig.from_pretrained(folder)
        except OSError:
            generation = None
        self.eos_ids = eos_ids(generation, AutoConfig.from_pretrained(folder), self.tokenizer)
        quiet_logs(llama_cpp)
        llama_cpp.llama_backend_init()
        params = llama_cpp.llama_model_default_params()
        self.amx = amx_enabled(llama_cpp, amx)
        params.use_extra_bufts = self.amx or not amx_compiled(llama_cpp)
        self._model = llama_cpp.llama_model_load_from_file(str(self.gguf).encode(), params)
        if not self._model:
            raise GenerationError(f"llama.cpp could not load {self.gguf}")
        self.n_vocab = llama_cpp.llama_vocab_n_tokens(llama_cpp.llama_model_get_vocab(self._model))
        self._lora, self.adapter_convert_s = None, 0.0
        if adapter:
            start = time.perf_counter()
            path = gguf_adapter(adapter, self.gguf)
            self.adapter_convert_s = time.perf_counter() - start
            self._lora = llama_cpp.llama_adapter_lora_init(self._model, str(path).encode())
            if not self._lora:
                raise GenerationError(f"llama.cpp could not load the LoRA {path}" +
                                      ("" if str(path) == str(adapter) else f" (converted from {adapter})"))
        self._ctx, self._batch, self._shape = None, None, (0, 0)

    def generate(self, prompts: Sequence[Prompt], params: Sampling,
                 progress: ProgressFn | None = None) -> list[list[Completion]]:
        import torch

        from axiom.generate.decode import sample_next

        encoded = [self.encode(p) for p in prompts]
        if not all(encoded):
            raise GenerationError("an empty prompt: llama.cpp needs at least one prompt token")
        per_prompt = 1 if params.greedy else params.n  # greedy samples are all the same: compute one
        slots = max(self.batch_size, per_prompt)
        self._open(slots, max(map(len, encoded)) + params.max_new_tokens)
        generator = torch.Generator().manual_seed(params.seed)
        starts = [answer_start(p) for p in prompts]
        stopped, ends = self._row_stop(params, starts), self.eos_ids | {self.tokenizer.pad_token_id}
        copies = params.n // per_prompt
        rows: list[_Row] = []  # rows[j] decodes in sequence j: live sequences are always 0..len(rows)-1
        done: list[_Row] = []
        queue = list(range(len(encoded)))[::-1]

        def add(batch_rows: list[_Row], logits) -> None:
            """Append one sampled token to each row; mark the rows that ended."""
            chosen = sample_next(torch.from_numpy(logits), params, generator).tolist()
            for row, token in zip(batch_rows, chosen, strict=True):
                row.tokens.append(token)
                row.done = (token in ends or len(row.tokens) >= params.max_new_tokens
                            or (stopped is not None and stopped(row.prompt, row.tokens)))
            if progress:
                progress(len(batch_rows), sum(r.done for r in batch_rows) * copies)

        while queue or rows:
            while queue and len(rows) + per_prompt <= slots:  # start prompts in the free sequences
                i = queue.pop()
                new = [_Row(i, k) for k in range(per_prompt)]
                logits = self._prefill(encoded[i], len(rows))
                for k in range(1, per_prompt):
                    self.lib.llama_memory_seq_cp(self._memory, len(rows), len(rows) + k, -1, -1)
                add(new, logits.repeat(per_prompt, 0))
                rows += new
                done += self._compact(rows)
            if rows:
                add(rows, self._step(rows, encoded))
                done += self._compact(rows)
        results: list[list[Completion]] = [[] for _ in encoded]
        for row in sorted(done, key=lambda r: (r.prompt, r.sample)):
            results[row.prompt].append(self._completion(row.tokens, len(encoded[row.prompt]), params,
                                                        starts[row.prompt]))
        if per_prompt < params.n:
            results = [r + [Completion(r[0].text, r[0].prompt_tokens, r[0].completion_tokens, r[0].finish_reason,
                                       meta={"duplicate": True}) for _ in range(params.n - 1)] for r in results]
        return results

    def _open(self, slots: int, tokens_per_sequence: int) -> None:
        """A context with `slots` KV streams of at least `tokens_per_sequence` cells each (reused when big enough)."""
        lib = self.lib
        per_seq = -(-tokens_per_sequence // 256) * 256
        if self._ctx is not None and self._shape[0] >= slots and self._shape[1] >= per_seq:
            lib.llama_memory_clear(self._memory, True)
            return
        self._close_context()
        p = lib.llama_context_default_params()
        p.n_seq_max, p.n_ctx = slots, slots * per_seq
        p.n_batch = p.n_ubatch = max(512, slots)
        p.n_threads = p.n_threads_batch = self.threads
        p.kv_unified, p.no_perf = False, True
        self._ctx = lib.llama_init_from_model(self._model, p)
        if not self._ctx:
            raise GenerationError(f"llama.cpp could not make a context of {slots} x {per_seq} tokens")
        if self._lora:
            adapters = (lib.llama_adapter_lora_p_ctypes * 1)(self._lora)
            if lib.llama_set_adapters_lora(self._ctx, adapters, 1, (ctypes.c_float * 1)(1.0)):
                raise GenerationError(f"llama.cpp could not apply the adapter {self.adapter}")
        self._memory = lib.llama_get_memory(self._ctx)
        self._batch, self._n_batch = lib.llama_batch_init(p.n_batch, 0, 1), p.n_batch
        self._shape = (slots, per_seq)

    def _decode(self, entries: Sequence[tuple[int, int, int]], n_logits: int):
        """Run (token, position, sequence) entries through the model; the logits of the last `n_logits`."""
        import numpy as np

        b = self._batch
        b.n_tokens = len(entries)
        for j, (token, pos, seq) in enumerate(entries):
            b.token[j], b.pos[j], b.n_seq_id[j], b.seq_id[j][0] = token, pos, 1, seq
            b.logits[j] = j >= len(entries) - n_logits
        if self.lib.llama_decode(self._ctx, b) != 0:
            raise GenerationError("llama_decode failed (out of KV cache?)")
        return np.ctypeslib.as_array(self.lib.llama_get_logits(self._ctx), shape=(n_logits, self.n_vocab))

    def _prefill(self, ids: list[int], seq: int):
        """Read a prompt into sequence `seq` (in chunks of the batch size); its last token's logits, shape (1, V)."""
        for start in range(0, len(ids), self._n_batch):
            chunk = ids[start:start + self._n_batch]
            logits = self._decode([(t, start + j, seq) for j, t in enumerate(chunk)], 1)
        return logits

    def _step(self, rows: list[_Row], encoded: list[list[int]]):
        """One token for every live row: the logits, one row each."""
        return self._decode([(r.tokens[-1], len(encoded[r.prompt]) + len(r.tokens) - 1, j)
                             for j, r in enumerate(rows)], len(rows))

    def _compact(self, rows: list[_Row]) -> list[_Row]:
        """Remove the finished rows (in place) and free their sequences; the last live rows move into the gaps,
        so the live sequences stay 0..len(rows)-1. Returns the finished rows."""
        lib, memory = self.lib, self._memory
        finished = [r for r in rows if r.done]
        if not finished:
            return []
        live = len(rows) - len(finished)
        for j, r in enumerate(rows):
            if r.done:
                lib.llama_memory_seq_rm(memory, j, -1, -1)
        holes = [j for j in range(live) if rows[j].done]
        movers = [j for j in range(live, len(rows)) if not rows[j].done]
        for hole, src in zip(holes, movers, strict=True):
            lib.llama_memory_seq_cp(memory, src, hole, -1, -1)  # the stream's cells, copied at the next decode
            lib.llama_memory_seq_rm(memory, src, -1, -1)
            rows[hole] = rows[src]
        del rows[live:]
        return finished

    def _close_context(self) -> None:
        if getattr(self, "_batch", None) is not None:
            self.lib.llama_batch_free(self._batch)
            self._batch = None
        if getattr(self, "_ctx", None) is not None:
            self.lib.llama_free(self._ctx)
            self._ctx = None

    def close(self) -> None:
        """Free llama.cpp's context, adapter and model (also done when the backend is garbage-collected)."""
        self._close_context()
        if getattr(self, "_lora", None):
            self.lib.llama_adapter_lora_free(self._lora)
            self._lora = None
        if getattr(self, "_model", None):
            self.lib.llama_model_free(self._model)
            self._model = None

    def __del__(self) -> None:
        if hasattr(self, "lib"):
            with contextlib.suppress(Exception):  # at interpreter exit the binding may be half torn down
                self.close()
