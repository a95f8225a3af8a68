"""LoRA SFT on the tiny model: the loss falls, falls on the completion only, and the adapter round-trips."""

import json

import pytest
import torch
from safetensors.torch import load_file

from axiom.errors import ConfigError, TrainingDataError
from axiom.train.sft import SFTConfig, train_sft

CODE = "```python\ndef add(a, b):\n    return a + b\n```"
EXAMPLES = [{"prompt": [{"role": "user", "content": f"Write add number {i}, please."}], "completion": CODE}
            for i in range(8)]
FAST = dict(lr=5e-3, epochs=4, batch_size=4, logging_steps=1, warmup_ratio=0.0, lora_r=8, lora_alpha=16)


@pytest.fixture(scope="module")
def trained(tiny_model, tmp_path_factory):
    out = tmp_path_factory.mktemp("sft") / "adapter"
    return out, train_sft(tiny_model, EXAMPLES, out, SFTConfig(**FAST), val_examples=EXAMPLES[:2])


def test_training_lowers_the_loss_and_reports_metrics(trained):
    out, m = trained
    assert m["steps"] == 8 and m["examples"] == 8 and m["seconds"] > 0
    assert m["last_loss"] < 0.7 * m["first_loss"]
    assert m["val_history"][-1][1] < m["val_history"][0][1] and m["val_loss"] == pytest.approx(m["val_history"][-1][1])
    meta = json.loads((out / "axiom_train.json").read_text())
    assert meta["kind"] == "sft" and meta["config"]["lora_r"] == 8 and meta["metrics"]["steps"] == 8
    assert (out / "adapter_config.json").is_file() and (out / "tokenizer_config.json").is_file()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]   # no temp folder left behind


def test_first_loss_is_the_base_models_loss_on_completion_tokens_only(tiny_model, tmp_path):
    """Before the first update LoRA is a no-op, so the first logged loss is the base model's NLL over the
    completion tokens of the batch; counting prompt tokens would give another number."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    m = train_sft(tiny_model, EXAMPLES[:4], tmp_path / "a", SFTConfig(**{**FAST, "epochs": 1}))
    tok, model = AutoTokenizer.from_pretrained(tiny_model), AutoModelForCausalLM.from_pretrained(tiny_model)
    total, count, total_all, count_all = 0.0, 0, 0.0, 0
    for ex in EXAMPLES[:4]:
        prompt = tok.apply_chat_template(ex["prompt"], add_generation_prompt=True, tokenize=True, return_dict=True)
        full = tok.apply_chat_template(ex["prompt"] + [{"role": "assistant", "content": ex["completion"]}],
                                       tokenize=True, return_dict=True)
        ids = torch.tensor([full["input_ids"]])
        with torch.no_grad():
            logp = torch.log_softmax(model(ids).logits[0, :-1], -1)
        nll = -logp.gather(1, ids[0, 1:, None])[:, 0]
        n_prompt = len(prompt["input_ids"])
        total, count = total + nll[n_prompt - 1:].sum().item(), count + len(nll) - n_prompt + 1
        total_all, count_all = total_all + nll.sum().item(), count_all + len(nll)
    assert m["first_loss"] == pytest.approx(total / count, rel=1e-3)
    assert abs(total / count - total_all / count_all) > 0.01


def test_adapter_round_trips_save_load_merge_generate(trained, tiny_model):
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    out, _ = trained
    tok = AutoTokenizer.from_pretrained(out)
    text = tok.apply_chat_template(EXAMPLES[0]["prompt"], add_generation_prompt=True, tokenize=False)
    ids = tok(text, return_tensors="pt").input_ids
    base = AutoModelForCausalLM.from_pretrained(tiny_model)
    with torch.no_grad():
        base_logits = base(ids).logits
    peft = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(tiny_model), out)
    with torch.no_grad():
        peft_logits = peft(ids).logits
    merged = peft.merge_and_unload()
    with torch.no_grad():
        merged_logits = merged(ids).logits
    assert not torch.allclose(base_logits, peft_logits, atol=1e-3)            # the adapter changes the model
    assert torch.allclose(peft_logits, merged_logits, atol=1e-4)              # merging keeps what it learned
    gen = merged.generate(ids, max_new_tokens=12, do_sample=False, pad_token_id=tok.pad_token_id)
    gen_peft = peft.generate(input_ids=ids, max_new_tokens=12, do_sample=False, pad_token_id=tok.pad_token_id)
    assert gen.shape[1] > ids.shape[1] and torch.equal(gen, gen_peft)


def completion_nll(model, tok, ex) -> float:
    prompt = tok.apply_chat_template(ex["prompt"], add_generation_prompt=True, tokenize=False)
    ids = tok(prompt + ex["completion"], return_tensors="pt").input_ids
    labels = ids.clone()
    labels[:, : len(tok(prompt).input_ids)] = -100
    with torch.no_grad():
        return model(ids, labels=labels).loss.item()


def test_loaded_adapter_has_learned_the_completion(trained, tiny_model):
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    out, _ = trained
    tok = AutoTokenizer.from_pretrained(out)
    base = AutoModelForCausalLM.from_pretrained(tiny_model)
    before = completion_nll(base, tok, EXAMPLES[0])
    after = completion_nll(PeftModel.from_pretrained(base, out).merge_and_unload(), tok, EXAMPLES[0])
    assert after < 0.7 * before


def test_same_seed_same_adapter_and_continuing_an_adapter(trained, tiny_model, tmp_path):
    out, _ = trained
    cfg = SFTConfig(**{**FAST, "epochs": 1})
    a = train_sft(tiny_model, EXAMPLES, tmp_path / "a", cfg)
    b = train_sft(tiny_model, EXAMPLES, tmp_path / "b", cfg)
    wa, wb = (load_file(tmp_path / n / "adapter_model.safetensors") for n in "ab")
    assert a["loss_history"] == b["loss_history"] and all(torch.equal(wa[k], wb[k]) for k in wa)
    c = train_sft(tiny_model, EXAMPLES, tmp_path / "c", cfg, adapter=str(out))
    assert c["first_loss"] < 0.7 * a["first_loss"]                            # starts where the adapter left off
    meta = json.loads((tmp_path / "c" / "axiom_train.json").read_text())
    assert meta["continued_from"] == str(out)


@pytest.mark.parametrize("eval_steps", [2, None])
def test_early_stopping_keeps_the_best_and_stops(tiny_model, tmp_path, eval_steps):
    bad_val = [{"prompt": e["prompt"], "completion": "print('something else entirely')"} for e in EXAMPLES[:2]]
    cfg = SFTConfig(**{**FAST, "epochs": 10, "early_stopping_patience": 1, "eval_steps": eval_steps})
    m = train_sft(tiny_model, EXAMPLES, tmp_path / "a", cfg, val_examples=bad_val)
    assert m["steps"] < 20
    assert m["val_loss"] == pytest.approx(min(v for _, v in m["val_history"]), rel=1e-4)


def test_user_errors(tiny_model, tmp_path):
    with pytest.raises(TrainingDataError, match="no training examples"):
        train_sft(tiny_model, [], tmp_path / "x")
    with pytest.raises(ConfigError, match="validation"):
        train_sft(tiny_model, EXAMPLES, tmp_path / "x", SFTConfig(early_stopping_patience=2))
    with pytest.raises(ConfigError, match="lora_r"):
        SFTConfig(lora_r=0)
    with pytest.raises(ConfigError, match="adapter"):
        train_sft(tiny_model, EXAMPLES, tmp_path / "x", adapter=str(tmp_path))


def test_bf16_autocast_training_on_cpu_learns_like_fp32(tiny_model, tmp_path):
    """precision=bf16 on a CPU: autocast in the forward pass, fp32 LoRA weights; the loss falls as in fp32."""
    cfg = dict(FAST, epochs=2, device="cpu")
    fp32 = train_sft(tiny_model, EXAMPLES, tmp_path / "fp32", SFTConfig(**cfg, precision="fp32"))
    bf16 = train_sft(tiny_model, EXAMPLES, tmp_path / "bf16", SFTConfig(**cfg, precision="bf16"))
    meta = json.loads((tmp_path / "bf16" / "axiom_train.json").read_text())
    assert meta["precision"] == "bf16"
    assert bf16["first_loss"] == pytest.approx(fp32["first_loss"], rel=0.02)   # same weights, bf16 matmuls
    assert bf16["last_loss"] < 0.8 * bf16["first_loss"]
    weights = load_file(str(tmp_path / "bf16" / "adapter_model.safetensors"))
    assert all(w.dtype == torch.float32 and torch.isfinite(w).all() for w in weights.values())


def test_cpu_precision_default_follows_the_hardware(monkeypatch):
    import axiom.generate.hf as hf
    from axiom.train.lora import precision

    monkeypatch.setattr(hf, "cpu_has_fast_bf16", lambda: True)
    assert precision(SFTConfig(device="cpu")) == "bf16"
    monkeypatch.setattr(hf, "cpu_has_fast_bf16", lambda: False)
    assert precision(SFTConfig(device="cpu")) == "fp32"
    assert precision(SFTConfig(device="cpu", precision="fp32")) == "fp32"


def test_length_grouped_order_groups_lengths_and_stays_random():
    import random

    from axiom.train.sft import length_grouped_order

    rng = random.Random(0)
    lengths = [rng.randint(50, 600) for _ in range(37)]

    def padding(order, batch=4):
        batches = [order[k:k + batch] for k in range(0, len(order), batch)]
        return sum(len(b) * max(lengths[i] for i in b) for b in batches) - sum(lengths)

    order = length_grouped_order(lengths, 4, seed=1)
    assert sorted(order) == list(range(37))                               # every example once
    assert order == length_grouped_order(lengths, 4, seed=1)              # seeded
    assert order != length_grouped_order(lengths, 4, seed=2)
    shuffled = [padding(rng.sample(range(37), 37)) for _ in range(20)]
    assert padding(order) < 0.5 * min(shuffled)
    assert order != sorted(range(37), key=lambda i: -lengths[i])          # batches shuffled, not longest first


def test_grouped_training_sees_every_example(tiny_model, tmp_path):
    examples = [{"prompt": [{"role": "user", "content": "Write add " + "please " * i}], "completion": CODE}
                for i in range(6)]
    grouped = train_sft(tiny_model, examples, tmp_path / "g", SFTConfig(**{**FAST, "epochs": 1}))
    plain = train_sft(tiny_model, examples, tmp_path / "p", SFTConfig(**{**FAST, "epochs": 1},
                                                                       group_by_length=False))
    assert grouped["steps"] == plain["steps"] == 2
    assert grouped["tokens_per_epoch"] == plain["tokens_per_epoch"]


def test_training_shows_axioms_progress_line_not_raw_log_dicts(tiny_model, tmp_path, capsys):
    train_sft(tiny_model, EXAMPLES[:4], tmp_path / "a", SFTConfig(**{**FAST, "epochs": 1}))
    out, err = capsys.readouterr()
    assert "train sft" in err and "loss=" in err and "tok/s=" in err
    assert "{'loss'" not in out + err
    train_sft(tiny_model, EXAMPLES[:4], tmp_path / "b", SFTConfig(**{**FAST, "epochs": 1}), progress=False)
    out, err = capsys.readouterr()
    assert "train sft" not in err and "{'loss'" not in out + err


def _live_models() -> int:
    import gc

    from transformers import PreTrainedModel
    return sum(isinstance(o, PreTrainedModel) for o in gc.get_objects())


def test_nothing_training_built_outlives_it(tiny_model, tmp_path):
    """The trainer's reference cycles held the trained model until the next collection, and the loop's next
    stage loaded a model on top of it (the central run was OOM-killed so); train_sft frees them on return."""
    import gc

    gc.collect()
    before = _live_models()
    gc.disable()  # as between two automatic collections: only what train_sft frees itself counts
    try:
        train_sft(tiny_model, EXAMPLES[:4], tmp_path / "a", SFTConfig(**{**FAST, "epochs": 1}), progress=False)
        assert _live_models() == before
    finally:
        gc.enable()


@pytest.mark.parametrize("steady", [True, False])
def test_training_on_a_cpu_fixes_the_heap_policy_unless_told_not_to(tiny_model, monkeypatch, steady):
    """The central run's SFT grew to 23 GB on a 24 GB machine with glibc's defaults (tests/test_memory.py has
    the mechanism): training on a CPU sets axiom.memory.steady_heap first, unless steady_heap=false."""
    import axiom.train.lora as lora

    calls = []
    monkeypatch.setattr(lora, "steady_heap", lambda: calls.append(1) or True)
    lora.load_policy(tiny_model, SFTConfig(steady_heap=steady, device="cpu"))
    assert calls == ([1] if steady else [])
