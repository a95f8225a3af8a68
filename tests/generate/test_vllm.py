"""vLLM backend on a CUDA machine (marked gpu; skipped without CUDA or without vllm installed)."""

import pytest

from axiom.generate.backend import Sampling

pytestmark = pytest.mark.gpu


def _cuda() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return torch.cuda.is_available()


if not _cuda():
    pytest.skip("needs a CUDA GPU", allow_module_level=True)
vllm = pytest.importorskip("vllm")

CHAT = [{"role": "user", "content": "Write a Python function add(a, b) that returns a + b."}]


@pytest.fixture(scope="module")
def backend():
    from axiom.generate.vllm import VLLMBackend

    return VLLMBackend("smollm2-135m", gpu_memory_utilization=0.3, max_model_len=2048)


def test_n_samples_token_counts_and_stop(backend):
    rows = backend.generate([CHAT, "def add(a, b):\n"], Sampling(n=4, temperature=0.8, max_new_tokens=64, seed=1))
    assert [len(r) for r in rows] == [4, 4]
    for c in rows[0]:
        assert c.prompt_tokens == len(backend.encode(CHAT)) and 1 <= c.completion_tokens <= 64
        assert c.finish_reason in ("stop", "length")
    greedy = backend.generate([CHAT], Sampling(temperature=0, max_new_tokens=64))[0][0]
    assert "def add" in greedy.text
    stop = greedy.text[greedy.text.index("def add"):][:7]
    cut = backend.generate([CHAT], Sampling(temperature=0, max_new_tokens=64, stop=(stop,)))[0][0]
    assert cut.text == greedy.text[:greedy.text.index(stop)] and cut.finish_reason == "stop"


def test_lora_adapter_served_and_merged(tmp_path):
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    from axiom.generate.presets import resolve_model
    from axiom.generate.vllm import VLLMBackend

    torch.manual_seed(0)
    base = AutoModelForCausalLM.from_pretrained(resolve_model("smollm2-135m"))
    get_peft_model(base, LoraConfig(r=8, target_modules=["q_proj", "v_proj"])).save_pretrained(tmp_path / "a")
    params = Sampling(temperature=0, max_new_tokens=16)
    served = VLLMBackend("smollm2-135m", adapter=str(tmp_path / "a"), gpu_memory_utilization=0.3, max_model_len=2048)
    assert served.lora is not None
    assert len(served.generate([CHAT], params)[0]) == 1
    del served
    merged = VLLMBackend("smollm2-135m", adapter=str(tmp_path / "a"), merge=True, gpu_memory_utilization=0.3,
                         max_model_len=2048)
    assert merged.lora is None and len(merged.generate([CHAT], params)[0]) == 1
