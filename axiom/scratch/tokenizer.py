"""The corpus's tokenizer: byte-level BPE trained with `tokenizers`, saved as a transformers tokenizer.

Byte-level, so any text round-trips exactly (indentation and all). Three special tokens: `<s>`
(BOS, added in front of every encoded text by the post-processor, as at the start of every
training document), `</s>` (EOS, the end of every document: generation stops there) and `<pad>`.
No chat template, deliberately: Axiom prompts such a model with the `plain` template.

`encode_corpus` writes each split as one flat array of token ids (`<s>` doc `</s>` `<s>` doc `</s>` ...),
uint16 where the vocabulary fits, which is what pretraining reads.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

BOS, EOS, PAD = "<s>", "</s>", "<pad>"
SPECIAL = (BOS, EOS, PAD)
MIN_VOCAB = 256 + len(SPECIAL)


def train_tokenizer(texts: Iterable[str], vocab_size: int, progress: bool = True):
    """A `PreTrainedTokenizerFast` trained on `texts` (byte-level BPE, `vocab_size` tokens in all)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    if vocab_size < MIN_VOCAB:
        raise ValueError(f"vocab_size must be at least {MIN_VOCAB} (256 bytes + {len(SPECIAL)} special tokens)")
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=list(SPECIAL), show_progress=progress,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(texts, trainer)
    tok.post_processor = processors.TemplateProcessing(single=f"{BOS} $A", pair=f"{BOS} $A {BOS} $B",
                                                       special_tokens=[(BOS, tok.token_to_id(BOS))])
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token=BOS, eos_token=EOS, pad_token=PAD,
                                   clean_up_tokenization_spaces=False, model_max_length=1 << 20)


def load_tokenizer(path: str | Path):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(path))


def token_dtype(vocab_size: int):
    import numpy as np

    return np.uint16 if vocab_size <= 1 << 16 else np.uint32


def encode_corpus(tokenizer, texts: Iterator[str], out: str | Path, total: int | None = None,
                  desc: str = "tokenize", progress: bool = True) -> list[int]:
    """Write `texts` as framed token ids to `out` (atomically); return each text's number of tokens (framed)."""
    import numpy as np
    from tqdm import tqdm

    fast = tokenizer.backend_tokenizer
    bos, eos = tokenizer.bos_token_id, tokenizer.eos_token_id
    dtype = token_dtype(len(tokenizer))
    out = Path(out)
    tmp = out.with_name(f".{out.name}.tmp")
    counts: list[int] = []
    with open(tmp, "wb") as f, tqdm(total=total, desc=desc, unit="file", disable=not progress) as bar:
        for batch in _batches(texts, 256):
            for enc in fast.encode_batch(batch, add_special_tokens=False):
                ids = np.asarray([bos, *enc.ids, eos], dtype=dtype)
                ids.tofile(f)
                counts.append(len(ids))
            bar.update(len(batch))
    os.replace(tmp, out)
    return counts


def read_tokens(path: str | Path, vocab_size: int):
    """The token array of a split, memory-mapped."""
    import numpy as np

    return np.memmap(path, dtype=token_dtype(vocab_size), mode="r")


def _batches(items: Iterator[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
