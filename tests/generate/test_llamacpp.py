"""llama.cpp backend: the missing-package error and the sequence bookkeeping always; sampling on SmolLM2's GGUF
where llama-cpp-python is installed (slow: a real model on CPU)."""

import sys

import pytest

from axiom.errors import ConfigError
from axiom.generate.backend import Sampling, code_block_end, load_backend
from axiom.generate.llamacpp import LlamaCppBackend, _Row
from axiom.generate.presets import PRESETS, preset_status

CHAT = [{"role": "user", "content": "Write a Python function add(a, b) that returns a + b."}]
PROMPTS = [CHAT, [{"role": "user", "content": "What is the capital of France?"}], "def fibonacci(n):\n"]


def test_missing_package_names_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # import llama_cpp now raises ImportError
    with pytest.raises(ConfigError, match=r"pip install llama-cpp-python$"):
        load_backend("llamacpp", "smollm2-135m")


def test_model_config_selects_it():
    from axiom.loop.config import ModelConfig

    assert ModelConfig(backend="llamacpp", batch_size=16).backend_options() == {"batch_size": 16}


class FakeLib:
    def __init__(self):
        self.calls = []

    def llama_memory_seq_rm(self, memory, seq, p0, p1):
        self.calls.append(("rm", seq))

    def llama_memory_seq_cp(self, memory, src, dst, p0, p1):
        self.calls.append(("cp", src, dst))


@pytest.mark.parametrize("finished, order, calls", [
    ([], "abcde", []),
    ([0, 2], "dbe", [("rm", 0), ("rm", 2), ("cp", 3, 0), ("rm", 3), ("cp", 4, 2), ("rm", 4)]),
    ([3, 4], "abc", [("rm", 3), ("rm", 4)]),
    ([0, 1, 2, 3, 4], "", [("rm", s) for s in range(5)]),
    ([1], "aecd", [("rm", 1), ("cp", 4, 1), ("rm", 4)]),
])
def test_finished_rows_leave_and_live_sequences_stay_contiguous(finished, order, calls):
    backend = LlamaCppBackend.__new__(LlamaCppBackend)
    backend.lib, backend._memory = FakeLib(), None
    rows = [_Row(prompt=i, sample=0, tokens=[ord(c)]) for i, c in enumerate("abcde")]
    for j in finished:
        rows[j].done = True
    out = backend._compact(rows)
    assert "".join(chr(r.tokens[0]) for r in rows) == order
    assert sorted(r.prompt for r in out) == finished and backend.lib.calls == calls


@pytest.fixture(scope="module")
def backend():
    pytest.importorskip("llama_cpp")
    if preset_status(PRESETS["smollm2-135m"]) == "not installed":
        pytest.skip(f"needs the smollm2-135m preset: {PRESETS['smollm2-135m'].install}")
    return LlamaCppBackend("smollm2-135m", batch_size=8, threads=1)


@pytest.mark.slow
def test_n_samples_per_prompt_with_token_counts(backend):
    rows = backend.generate(PROMPTS, Sampling(n=3, temperature=0.8, max_new_tokens=24, seed=1))
    assert [len(r) for r in rows] == [3, 3, 3]
    for prompt, row in zip(PROMPTS, rows, strict=True):
        for c in row:
            assert c.prompt_tokens == len(backend.encode(prompt)) and 1 <= c.completion_tokens <= 24
            assert c.finish_reason == "stop" or c.completion_tokens == 24
    assert len({c.text for c in rows[0]}) > 1  # three samples, not one copied


@pytest.mark.slow
def test_same_seed_same_samples_other_seed_others(backend):
    params = Sampling(n=4, temperature=1.0, max_new_tokens=16, seed=7)
    first = [[c.text for c in r] for r in backend.generate(PROMPTS, params)]
    assert first == [[c.text for c in r] for r in backend.generate(PROMPTS, params)]
    other = Sampling(n=4, temperature=1.0, max_new_tokens=16, seed=8)
    assert first != [[c.text for c in r] for r in backend.generate(PROMPTS, other)]


@pytest.mark.slow
def test_greedy_is_computed_once_and_top_p_narrows_to_it(backend):
    greedy = backend.generate([CHAT], Sampling(n=3, temperature=0, max_new_tokens=24))[0]
    assert [c.meta.get("duplicate", False) for c in greedy] == [False, True, True]
    assert len({c.text for c in greedy}) == 1
    # a nucleus of one token is the most likely token at any temperature
    narrow = backend.generate([CHAT], Sampling(n=1, temperature=1.5, top_p=1e-6, max_new_tokens=24, seed=3))[0]
    assert narrow[0].text == greedy[0].text


@pytest.mark.slow
def test_stop_strings_cut_the_text_and_end_the_row(backend):
    full = backend.generate([CHAT], Sampling(temperature=0, max_new_tokens=48))[0][0]
    stop = full.text[len(full.text) // 2:][:4]
    assert stop.strip(), full.text
    cut = backend.generate([CHAT], Sampling(temperature=0, max_new_tokens=48, stop=(stop,)))[0][0]
    assert cut.text == full.text[:full.text.index(stop)] and cut.finish_reason == "stop"
    assert cut.completion_tokens < full.completion_tokens


@pytest.mark.slow
def test_stop_at_code_end(backend):
    full = backend.generate([CHAT], Sampling(temperature=0, max_new_tokens=160))[0][0]
    end = code_block_end(full.text)
    if end is None:
        pytest.skip(f"the model wrote no complete code block: {full.text!r}")
    cut = backend.generate([CHAT], Sampling(temperature=0, max_new_tokens=160, stop_at_code_end=True))[0][0]
    assert cut.text == full.text[:end] and cut.finish_reason == "stop"


@pytest.mark.slow
def test_continuous_batching_matches_one_prompt_at_a_time(backend):
    # batch_size 2 with n=2: one prompt at a time, each starting as the last one's rows finish; with n=1,
    # finished rows free sequences mid-batch and the last live row moves into them
    small = LlamaCppBackend("smollm2-135m", batch_size=2, threads=1)
    params = Sampling(temperature=0, max_new_tokens=12)
    alone = [backend.generate([p], params)[0][0].text for p in PROMPTS]
    assert [r[0].text for r in small.generate(PROMPTS, params)] == alone
    assert [r[0].text for r in backend.generate(PROMPTS * 3, params)] == alone * 3
    sampled = small.generate(PROMPTS, Sampling(n=2, temperature=0.8, max_new_tokens=12, seed=1))
    assert [len(r) for r in sampled] == [2, 2, 2]


@pytest.mark.slow
def test_adapter_reaches_llamacpp_as_runtime_lora(tmp_path, backend):
    """What the converted LoRA changes in llama.cpp's logits is what the adapter changes in transformers'."""
    import numpy as np
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    from axiom.generate.presets import resolve_model

    torch.manual_seed(0)
    model = get_peft_model(AutoModelForCausalLM.from_pretrained(resolve_model("smollm2-135m")),
                           LoraConfig(r=8, lora_alpha=16, target_modules="all-linear"))
    for name, p in model.named_parameters():
        if "lora_B" in name:
            torch.nn.init.normal_(p, std=0.05)  # PEFT starts B at zero, which would change nothing
    model.save_pretrained(tmp_path / "adapter")
    ids = torch.tensor([backend.encode(CHAT)])
    with torch.inference_mode():
        with model.disable_adapter():
            hf_base = model(ids).logits[0, -1].numpy()
        hf_lora = model(ids).logits[0, -1].numpy()
    adapted = LlamaCppBackend("smollm2-135m", adapter=str(tmp_path / "adapter"), batch_size=1, threads=1)
    assert (tmp_path / "adapter" / "adapter_model.gguf").is_file()

    def last_logits(b):
        b._open(1, ids.shape[1] + 1)
        return np.array(b._prefill(ids[0].tolist(), 0)[0])

    hf_change, llama_change = hf_lora - hf_base, last_logits(adapted) - last_logits(backend)
    # measured: correlation 0.93, norm ratio 1.06 (the rest is the Q4_1 base's noise); without llama's q/k
    # permutation 0.79 and 0.63
    assert np.corrcoef(hf_change, llama_change)[0, 1] > 0.9
    assert 0.8 < np.linalg.norm(llama_change) / np.linalg.norm(hf_change) < 1.25
    again = LlamaCppBackend("smollm2-135m", adapter=str(tmp_path / "adapter"), batch_size=1, threads=1)
    assert again.adapter_convert_s < adapted.adapter_convert_s  # the GGUF LoRA is cached next to the adapter
