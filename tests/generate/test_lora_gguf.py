"""PEFT LoRA folder -> GGUF LoRA, on a one-layer GGUF written here (no model, no llama.cpp needed).

That the output equals llama.cpp's own convert_lora_to_gguf.py was checked once on SmolLM2 (llama,
whose q/k rows are permuted) with a random all-linear adapter: all 420 tensors identical.
"""

import json
import math
import os

import numpy as np
import pytest

from axiom.errors import ConfigError
from axiom.generate.lora_gguf import ADAPTER_FILE, convert_adapter, gguf_adapter

gguf = pytest.importorskip("gguf")

HEADS, KV_HEADS, HEAD_DIM, FFN = 2, 1, 4, 12
HIDDEN = HEADS * HEAD_DIM
# HF module -> (GGUF weight, out, in)
KV = KV_HEADS * HEAD_DIM
MODULES = {"self_attn.q_proj": ("attn_q", HIDDEN, HIDDEN), "self_attn.k_proj": ("attn_k", KV, HIDDEN),
           "self_attn.v_proj": ("attn_v", KV, HIDDEN), "self_attn.o_proj": ("attn_output", HIDDEN, HIDDEN),
           "mlp.gate_proj": ("ffn_gate", FFN, HIDDEN), "mlp.up_proj": ("ffn_up", FFN, HIDDEN),
           "mlp.down_proj": ("ffn_down", HIDDEN, FFN)}


def base_gguf(path, arch: str = "llama") -> str:
    w = gguf.GGUFWriter(str(path), arch)
    w.add_block_count(1)
    w.add_head_count(HEADS)
    w.add_head_count_kv(KV_HEADS)
    for name, out, inp in MODULES.values():
        w.add_tensor(f"blk.0.{name}.weight", np.zeros((out, inp), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return str(path)


def peft_adapter(folder, r: int = 2, modules=tuple(MODULES), **config) -> dict:
    from safetensors.numpy import save_file

    folder.mkdir(exist_ok=True)
    rng = np.random.default_rng(0)
    state = {}
    for module in modules:
        _, out, inp = MODULES[module]
        key = f"base_model.model.model.layers.0.{module}"
        state[f"{key}.lora_A.weight"] = rng.standard_normal((r, inp)).astype(np.float32)
        state[f"{key}.lora_B.weight"] = rng.standard_normal((out, r)).astype(np.float32)
    save_file(state, str(folder / "adapter_model.safetensors"))
    (folder / "adapter_config.json").write_text(json.dumps({"peft_type": "LORA", "r": r, "lora_alpha": 4, **config}))
    return state


def read(path) -> tuple[dict, dict]:
    reader = gguf.GGUFReader(str(path))
    fields = {}
    for key in ("general.type", "general.architecture", "adapter.type", "adapter.lora.alpha"):
        f = reader.fields[key]
        value = f.parts[f.data[0]]
        fields[key] = bytes(value).decode() if f.types[0] == gguf.GGUFValueType.STRING else float(value[0])
    return fields, {t.name: np.asarray(t.data) for t in reader.tensors}


@pytest.mark.parametrize("arch", ["llama", "qwen2"])
def test_pairs_get_gguf_names_and_llamas_q_k_rows_are_permuted(tmp_path, arch):
    state = peft_adapter(tmp_path / "a")
    convert_adapter(tmp_path / "a", base_gguf(tmp_path / "base.gguf", arch), tmp_path / "out.gguf")
    fields, tensors = read(tmp_path / "out.gguf")
    assert fields == {"general.type": "adapter", "general.architecture": arch, "adapter.type": "lora",
                      "adapter.lora.alpha": 4.0}
    assert len(tensors) == 2 * len(MODULES)
    # llama.cpp's rotary layout interleaves the two halves of each head: rows 0 1 2 3 -> 0 2 1 3
    interleaved = {"self_attn.q_proj": [0, 2, 1, 3, 4, 6, 5, 7], "self_attn.k_proj": [0, 2, 1, 3]}
    for module, (name, _, _) in MODULES.items():
        a = state[f"base_model.model.model.layers.0.{module}.lora_A.weight"]
        b = state[f"base_model.model.model.layers.0.{module}.lora_B.weight"]
        rows = interleaved.get(module) if arch == "llama" else None
        assert np.array_equal(tensors[f"blk.0.{name}.weight.lora_a"], a)
        assert np.array_equal(tensors[f"blk.0.{name}.weight.lora_b"], b[rows] if rows else b)


def test_rslora_keeps_its_scale(tmp_path):
    peft_adapter(tmp_path / "a", r=4, use_rslora=True)
    convert_adapter(tmp_path / "a", base_gguf(tmp_path / "base.gguf"), tmp_path / "out.gguf")
    alpha = read(tmp_path / "out.gguf")[0]["adapter.lora.alpha"]
    assert alpha / 4 == pytest.approx(4 / math.sqrt(4))  # llama.cpp scales by alpha / r; rsLoRA by alpha / sqrt(r)


@pytest.mark.parametrize("config, match", [
    ({"use_dora": True}, "use_dora"),
    ({"modules_to_save": ["lm_head"]}, "modules_to_save"),
    ({"peft_type": "IA3"}, "IA3"),
])
def test_what_llamacpp_cannot_apply_is_refused(tmp_path, config, match):
    peft_adapter(tmp_path / "a", **config)
    with pytest.raises(ConfigError, match=match):
        convert_adapter(tmp_path / "a", base_gguf(tmp_path / "base.gguf"), tmp_path / "out.gguf")


def test_wrong_base_or_architecture_is_refused(tmp_path):
    peft_adapter(tmp_path / "a")
    w = gguf.GGUFWriter(str(tmp_path / "small.gguf"), "llama")
    w.add_block_count(1)
    w.add_head_count(HEADS)
    w.add_head_count_kv(KV_HEADS)
    w.add_tensor("blk.0.attn_q.weight", np.zeros((HIDDEN, HIDDEN // 2), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    with pytest.raises(ConfigError, match="another base model"):
        convert_adapter(tmp_path / "a", tmp_path / "small.gguf", tmp_path / "out.gguf")
    with pytest.raises(ConfigError, match="convert_lora_to_gguf.py"):
        convert_adapter(tmp_path / "a", base_gguf(tmp_path / "gpt2.gguf", "gpt2"), tmp_path / "out.gguf")
    with pytest.raises(ConfigError, match="adapter_model.safetensors"):
        gguf_adapter(tmp_path, tmp_path / "small.gguf")


def test_converted_once_and_cached_next_to_the_adapter(tmp_path):
    peft_adapter(tmp_path / "a")
    base = base_gguf(tmp_path / "base.gguf")
    out = gguf_adapter(tmp_path / "a", base)
    assert out == tmp_path / "a" / ADAPTER_FILE and out.is_file()
    os.utime(out, (1e9 + 10, 1e9 + 10))
    for source in ("adapter_model.safetensors", "adapter_config.json"):
        os.utime(tmp_path / "a" / source, (1e9, 1e9))
    assert gguf_adapter(tmp_path / "a", base) == out and out.stat().st_mtime == 1e9 + 10  # not converted again
    os.utime(tmp_path / "a" / "adapter_model.safetensors", (1e9 + 20, 1e9 + 20))  # newer weights: convert again
    assert gguf_adapter(tmp_path / "a", base).stat().st_mtime > 1e9 + 20
    assert gguf_adapter(out, base) == out  # a GGUF LoRA is taken as it is
    assert [p.name for p in (tmp_path / "a").iterdir() if p.name.endswith(".tmp")] == []
