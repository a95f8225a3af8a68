"""A PEFT LoRA adapter folder as a GGUF LoRA file, which llama.cpp applies at run time on top of the base GGUF.

llama.cpp ships `convert_lora_to_gguf.py`, but not in the llama-cpp-python wheel, and it needs
the base model's Hugging Face config and the whole llama.cpp conversion package beside it. The
conversion itself is small: rename each `lora_A`/`lora_B` pair to the GGUF name of the weight it
adapts (`gguf.get_tensor_name_map`), and redo the one change llama.cpp's converter makes to those
weights: for the `llama` architecture it permutes the rows of q_proj and k_proj (its rotary
layout), so `lora_B` of those two gets the same permutation. The result matches
`convert_lora_to_gguf.py --outtype f32` tensor for tensor (tests/generate/test_llamacpp.py).

Covered: plain LoRA on linear layers (PEFT's "all-linear" or named modules) of llama, qwen2 and
qwen3 models, with or without rsLoRA. Not covered: DoRA, `modules_to_save`, per-module ranks or
alphas, embedding LoRA, other architectures: those raise, and a GGUF converted elsewhere can be
passed as the adapter instead.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

from axiom.errors import ConfigError

ADAPTER_FILE = "adapter_model.gguf"  # written next to adapter_model.safetensors
PERMUTED = {"llama"}                 # architectures whose q/k rows llama.cpp's converter permutes
UNPERMUTED = {"qwen2", "qwen3"}


def gguf_adapter(adapter: str | Path, base_gguf: str | Path) -> Path:
    """The GGUF form of `adapter`: the file itself if it is one, else converted once and cached next to the
    adapter's weights (converted again when those are newer)."""
    adapter = Path(adapter)
    if adapter.is_file() and adapter.suffix == ".gguf":
        return adapter
    weights = _weights_file(adapter)
    out = adapter / ADAPTER_FILE
    sources = (weights, adapter / "adapter_config.json")
    if out.is_file() and all(out.stat().st_mtime >= s.stat().st_mtime for s in sources):
        return out
    fd, tmp = tempfile.mkstemp(dir=adapter, prefix=".adapter_model.", suffix=".gguf.tmp")
    os.close(fd)
    try:
        convert_adapter(adapter, base_gguf, tmp)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out


def convert_adapter(adapter: str | Path, base_gguf: str | Path, dest: str | Path) -> None:
    """Write the GGUF LoRA of the PEFT adapter folder `adapter` for the base model in `base_gguf`."""
    import gguf
    import numpy as np

    adapter = Path(adapter)
    config = _lora_config(adapter)
    base = gguf.GGUFReader(str(base_gguf))
    arch = _field(base, "general.architecture")
    if arch not in PERMUTED | UNPERMUTED:
        raise ConfigError(f"{adapter}: cannot convert a LoRA adapter for a {arch!r} model; convert it with llama.cpp's "
                          "convert_lora_to_gguf.py and pass the .gguf file as the adapter")
    heads, kv_heads = _field(base, f"{arch}.attention.head_count"), _field(base, f"{arch}.attention.head_count_kv")
    names = gguf.get_tensor_name_map(next(k for k, v in gguf.MODEL_ARCH_NAMES.items() if v == arch),
                                     _field(base, f"{arch}.block_count"))
    shapes = {t.name: tuple(int(d) for d in reversed(t.shape)) for t in base.tensors}  # (out, in)
    pairs = _lora_pairs(adapter)
    # llama.cpp scales the update by alpha / rank; rsLoRA scales by alpha / sqrt(rank): store the alpha that gives it
    alpha = config["lora_alpha"] * (math.sqrt(config["r"]) if config.get("use_rslora") else 1.0)
    writer = gguf.GGUFWriter(str(dest), arch)
    writer.add_string("general.type", "adapter")
    writer.add_string("adapter.type", "lora")
    writer.add_float32("adapter.lora.alpha", float(alpha))
    for module, (a, b) in sorted(pairs.items()):
        target = names.get_name(module + ".weight", try_suffixes=(".weight",))
        if target is None or shapes.get(target) != (b.shape[0], a.shape[1]):
            raise ConfigError(f"{adapter}: LoRA on {module} has no {b.shape[0]}x{a.shape[1]} weight to adapt in "
                              f"{base_gguf} (another base model?)")
        if arch in PERMUTED and module.endswith(("q_proj", "k_proj")):
            b = _permute(b, heads, heads if module.endswith("q_proj") else kv_heads)
        writer.add_tensor(f"{target}.lora_a", np.ascontiguousarray(a, dtype=np.float32))
        writer.add_tensor(f"{target}.lora_b", np.ascontiguousarray(b, dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def _lora_config(adapter: Path) -> dict:
    try:
        config = json.loads((adapter / "adapter_config.json").read_text())
    except (OSError, ValueError) as e:
        raise ConfigError(f"{adapter}: not a PEFT adapter folder (adapter_config.json: {e})") from None
    unsupported = [key for key in ("use_dora", "modules_to_save", "rank_pattern", "alpha_pattern", "fan_in_fan_out")
                   if config.get(key)]
    if config.get("peft_type", "LORA") != "LORA" or unsupported:
        raise ConfigError(f"{adapter}: llama.cpp takes a plain LoRA adapter; this one has "
                          f"{unsupported or config.get('peft_type')}")
    return config


def _weights_file(adapter: Path) -> Path:
    for name in ("adapter_model.safetensors", "adapter_model.bin"):
        if (adapter / name).is_file():
            return adapter / name
    raise ConfigError(f"{adapter}: no adapter_model.safetensors (or .bin) in this folder; is it a PEFT adapter?")


def _lora_pairs(adapter: Path) -> dict:
    """{module name as in the base model ("model.layers.0.self_attn.q_proj"): (A, B)} as float32 arrays."""
    import torch

    weights = _weights_file(adapter)
    if weights.suffix == ".safetensors":
        from safetensors.torch import load_file

        state = load_file(str(weights))
    else:
        state = torch.load(str(weights), map_location="cpu", weights_only=True)
    pairs: dict[str, dict[str, object]] = {}
    for key, tensor in state.items():
        stem, _, which = key.removeprefix("base_model.model.").rpartition(".lora_")
        if which not in ("A.weight", "B.weight"):
            raise ConfigError(f"{adapter}: llama.cpp takes LoRA weights only; the adapter also holds {key}")
        pairs.setdefault(stem, {})[which[0]] = tensor.float().numpy()
    return {stem: (ab["A"], ab["B"]) for stem, ab in pairs.items()}


def _permute(weights, n_head: int, n_head_kv: int):
    """llama.cpp's converter's q/k row order (convert_hf_to_gguf LlamaModel.permute), on a (out, r) array."""
    n_head = n_head_kv if n_head_kv != n_head else n_head
    return (weights.reshape(n_head, 2, weights.shape[0] // n_head // 2, *weights.shape[1:])
            .swapaxes(1, 2).reshape(weights.shape))


def _field(reader, key: str):
    """A scalar or string metadata value (read by hand: `ReaderField.contents` is newer than gguf 0.10)."""
    from gguf import GGUFValueType

    field = reader.fields.get(key)
    if field is None:
        raise ConfigError(f"{reader.path}: the GGUF file has no {key}")
    value = field.parts[field.data[0]]
    return bytes(value).decode() if field.types[0] == GGUFValueType.STRING else value[0].item()
