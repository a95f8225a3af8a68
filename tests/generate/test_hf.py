import subprocess
import sys

import pytest

from axiom.errors import ConfigError
from axiom.generate.backend import BACKENDS, Sampling, cut_at_stop, load_backend, parse_model_spec

CHATS = [
    [{"role": "user", "content": "Write add(a, b)."}],
    [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Write fibonacci(n) with a loop, "
                                                                             "and explain how it works."}],
    "def add(a, b):\n",  # a plain string goes to the model as is
]


@pytest.mark.parametrize("bad", [dict(n=0), dict(temperature=-1), dict(top_p=0), dict(top_p=1.5),
                                 dict(max_new_tokens=0), dict(stop="```"), dict(stop=("",))])
def test_sampling_validates(bad):
    with pytest.raises(ConfigError):
        Sampling(**bad)


def test_model_spec_and_stop_helpers():
    assert parse_model_spec("openai:gpt-4o-mini") == ("openai", "gpt-4o-mini")
    assert parse_model_spec("qwen2.5-coder-0.5b") == ("hf", "qwen2.5-coder-0.5b")
    assert parse_model_spec("C:/models/x", "vllm") == ("vllm", "C:/models/x")
    assert cut_at_stop("a\nSTOP b END", ["END", "STOP"]) == ("a\n", True)
    assert cut_at_stop("abc", ["x"]) == ("abc", False)
    with pytest.raises(ConfigError, match="allowed: hf, vllm, openai, llamacpp"):
        load_backend("tgi", "m")


def test_backend_table_is_lazy():
    # `axiom --help` and importing the interface must not pull in torch, transformers or vllm.
    code = ("import sys, axiom.cli, axiom.generate.backend, axiom.generate.prompts, axiom.generate.presets;"
            "axiom.cli.build_parser();"
            "print(sorted(m for m in ('torch', 'transformers', 'vllm', 'peft', 'llama_cpp') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert set(BACKENDS) == {"hf", "vllm", "openai", "llamacpp"}


def test_n_samples_per_prompt_with_token_counts(tiny_backend):
    out = tiny_backend.generate(CHATS, Sampling(n=3, temperature=1.0, max_new_tokens=8, seed=1))
    assert [len(r) for r in out] == [3, 3, 3]
    for prompt, row in zip(CHATS, out, strict=True):
        for c in row:
            assert c.prompt_tokens == len(tiny_backend.encode(prompt))
            assert 1 <= c.completion_tokens <= 8
            assert c.finish_reason in ("stop", "length")
            assert c.finish_reason == "stop" or c.completion_tokens == 8
    # the chat template renders messages; a plain string is not wrapped
    assert tiny_backend.render(CHATS[0]).endswith("<|im_start|>assistant\n")
    assert tiny_backend.render(CHATS[2]) == CHATS[2]


def test_batched_left_padded_greedy_equals_one_at_a_time(tiny_backend, tiny_model):
    from axiom.generate.hf import HFBackend

    params = Sampling(temperature=0, max_new_tokens=12)
    batched = tiny_backend.generate(CHATS, params)
    single = HFBackend(tiny_model, batch_size=1).generate(CHATS, params)
    assert [r[0].text for r in batched] == [r[0].text for r in single]
    assert len({len(tiny_backend.encode(p)) for p in CHATS}) == 3  # really padded


def test_seed_makes_sampling_reproducible(tiny_backend):
    params = Sampling(n=4, temperature=1.0, max_new_tokens=10, seed=7)
    first = [c.text for c in tiny_backend.generate(CHATS[:1], params)[0]]
    again = [c.text for c in tiny_backend.generate(CHATS[:1], params)[0]]
    other = [c.text for c in tiny_backend.generate(CHATS[:1], Sampling(n=4, temperature=1.0, max_new_tokens=10,
                                                                        seed=8))[0]]
    assert first == again and first != other
    assert len(set(first)) > 1  # n samples are distinct draws, not copies


def test_greedy_n_copies_are_flagged(tiny_backend):
    row = tiny_backend.generate(CHATS[:1], Sampling(n=3, temperature=0, max_new_tokens=6))[0]
    assert len({c.text for c in row}) == 1
    assert [bool(c.meta.get("duplicate")) for c in row] == [False, True, True]


def test_stop_strings_cut_the_text(tiny_backend):
    free = tiny_backend.generate(CHATS[:1], Sampling(temperature=0, max_new_tokens=24))[0][0]
    # a stop string of plain ASCII from the middle of the free text (random weights emit odd bytes too)
    stop = next(free.text[i:i + 2] for i in range(2, len(free.text) - 1)
                if free.text[i:i + 2].isascii() and free.text[i:i + 2].isprintable())
    cut = tiny_backend.generate(CHATS[:1], Sampling(temperature=0, max_new_tokens=24, stop=(stop,)))[0][0]
    assert cut.text == free.text[:free.text.find(stop)]
    assert cut.finish_reason == "stop"
    assert cut.completion_tokens < free.completion_tokens


def test_stop_string_ending_the_prompt_does_not_stop_at_once(tiny_backend):
    # The chat prompt ends in "\n"; a stop of "\n" + the first generated char must not fire on the prompt.
    free = tiny_backend.generate(CHATS[:1], Sampling(temperature=0, max_new_tokens=24))[0][0]
    stop = "\n" + free.text[0]
    cut = tiny_backend.generate(CHATS[:1], Sampling(temperature=0, max_new_tokens=24, stop=(stop,)))[0][0]
    assert cut.text == free.text.split(stop)[0] and cut.completion_tokens > 1


def test_merged_adapter_generates_like_the_unmerged_one(tiny_model, tmp_path):
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    from axiom.generate.hf import HFBackend

    torch.manual_seed(3)
    base = AutoModelForCausalLM.from_pretrained(tiny_model)
    lora = get_peft_model(base, LoraConfig(r=4, lora_alpha=16, target_modules=["q_proj", "v_proj", "up_proj"],
                                           init_lora_weights=False))  # random B: the adapter changes outputs
    lora.save_pretrained(tmp_path / "adapter")
    params = Sampling(temperature=0, max_new_tokens=12)
    merged = HFBackend(tiny_model, adapter=str(tmp_path / "adapter"))
    unmerged = HFBackend(tiny_model, adapter=str(tmp_path / "adapter"), merge=False)
    assert "Peft" not in type(merged.model).__name__ and "Peft" in type(unmerged.model).__name__
    texts = lambda b: [r[0].text for r in b.generate(CHATS, params)]
    assert texts(merged) == texts(unmerged)
    assert texts(merged) != texts(HFBackend(tiny_model))


def test_bad_adapter_is_a_clear_error(tiny_model, tmp_path):
    from axiom.generate.backend import GenerationError
    from axiom.generate.hf import HFBackend

    with pytest.raises(GenerationError, match="cannot load adapter"):
        HFBackend(tiny_model, adapter=str(tmp_path))


@pytest.fixture(scope="module")
def generate_engine(tiny_model):
    from axiom.generate.hf import HFBackend

    return HFBackend(tiny_model, batch_size=16, engine="generate")


@pytest.mark.parametrize("stop", [(), (" ",)])
def test_pruning_loop_matches_transformers_generate(tiny_backend, generate_engine, stop):
    params = Sampling(n=1, temperature=0, max_new_tokens=16, stop=stop)
    ours, theirs = tiny_backend.generate(CHATS, params), generate_engine.generate(CHATS, params)
    assert [(c.text, c.completion_tokens, c.finish_reason) for r in ours for c in r] == \
           [(c.text, c.completion_tokens, c.finish_reason) for r in theirs for c in r]


def test_rows_that_end_early_leave_the_batch_without_changing_the_others(tiny_model, monkeypatch):
    """Make a few common tokens count as EOS so rows end at different steps and get pruned."""
    from transformers.cache_utils import Cache

    from axiom.generate.hf import HFBackend

    loop, ref = HFBackend(tiny_model), HFBackend(tiny_model, engine="generate")
    free = loop.generate(CHATS, Sampling(temperature=0, max_new_tokens=16))
    first_tokens = {loop.tokenizer(r[0].text[:1])["input_ids"][0] for r in free[1:]}
    for b in (loop, ref):
        b.eos_ids = b.eos_ids | first_tokens
    pruned, select = [], Cache.batch_select_indices
    monkeypatch.setattr(Cache, "batch_select_indices", lambda self, idx: pruned.append(len(idx)) or select(self, idx))
    params = Sampling(temperature=0, max_new_tokens=16)
    ours, theirs = loop.generate(CHATS, params), ref.generate(CHATS, params)
    assert [(c.text, c.completion_tokens, c.finish_reason) for r in ours for c in r] == \
           [(c.text, c.completion_tokens, c.finish_reason) for r in theirs for c in r]
    assert len({c.completion_tokens for r in ours for c in r}) > 1 and pruned


def test_prompt_read_once_for_all_its_samples(tiny_backend):
    from axiom.generate.decode import decode

    batch = tiny_backend.tokenizer.pad({"input_ids": [tiny_backend.encode(p) for p in CHATS]}, return_tensors="pt")
    greedy, ends = Sampling(temperature=0, max_new_tokens=10), tiny_backend.eos_ids
    once = decode(tiny_backend.model, batch["input_ids"], batch["attention_mask"], greedy, ends)
    shared = decode(tiny_backend.model, batch["input_ids"], batch["attention_mask"], greedy, ends, repeats=3)
    assert shared == [row for row in once for _ in range(3)]
