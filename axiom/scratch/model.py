"""The model: transformers' `LlamaForCausalLM` built from `ModelSection`, so every tool that loads a
Hugging Face folder loads it (`axiom eval`, `axiom iterate`, `axiom train sft`, vllm, llama.cpp's converter).

Llama has dropout only on the attention weights (`attention_dropout`). For `train.dropout` this
adds, during training only, GPT-2's residual dropout (on the embeddings and on the output of each
attention and MLP block) with forward hooks; hooks are not saved, so the saved folder is a plain
Llama whose `attention_dropout` records the rate and is off at inference anyway.
"""

from __future__ import annotations

from pathlib import Path

from axiom.jsonl import umask, write_json
from axiom.scratch.config import ModelSection

META_FILE = "axiom_pretrain.json"


def llama_config(shape: ModelSection, tokenizer, dropout: float = 0.0):
    from transformers import LlamaConfig

    return LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=shape.hidden_size, intermediate_size=shape.mlp_width,
        num_hidden_layers=shape.layers, num_attention_heads=shape.heads,
        num_key_value_heads=shape.kv_heads or shape.heads, max_position_embeddings=shape.context,
        rope_theta=shape.rope_theta, initializer_range=shape.init_std, tie_word_embeddings=shape.tie_embeddings,
        attention_dropout=dropout, bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id)


def build_model(shape: ModelSection, tokenizer, dropout: float = 0.0):
    """A freshly initialised Llama (seed torch first), with residual dropout hooks where `dropout` > 0."""
    from transformers import LlamaForCausalLM

    model = LlamaForCausalLM(llama_config(shape, tokenizer, dropout))
    if dropout > 0:
        add_residual_dropout(model, dropout)
    return model


def add_residual_dropout(model, p: float) -> None:
    import torch.nn.functional as F

    def drop(module, args, output):
        if not module.training:
            return output
        if isinstance(output, tuple):  # attention returns (output, weights)
            return (F.dropout(output[0], p, True), *output[1:])
        return F.dropout(output, p, True)

    model.model.embed_tokens.register_forward_hook(drop)
    for layer in model.model.layers:
        layer.self_attn.register_forward_hook(drop)
        layer.mlp.register_forward_hook(drop)


def count_parameters(model) -> int:
    """Distinct parameters (a tied embedding counts once)."""
    return sum(p.numel() for p in {id(p): p for p in model.parameters()}.values())


def save_model(model, tokenizer, out: str | Path, meta: dict) -> Path:
    """`save_pretrained` model (fp32) + tokenizer + META_FILE into `out`, written beside it and renamed."""
    import os
    import shutil
    import tempfile

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.tmp-"))
    try:
        os.chmod(tmp, 0o777 & ~umask())
        model.save_pretrained(str(tmp))
        tokenizer.save_pretrained(str(tmp))
        write_json(tmp / META_FILE, meta)
        old = out.with_name(f".{out.name}.old")
        if out.exists():
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out
