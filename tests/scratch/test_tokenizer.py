"""The corpus's tokenizer: exact round trips, BOS/EOS/PAD, the save_pretrained layout, the framed token files."""

import numpy as np
import pytest
from transformers import AutoTokenizer

from axiom.scratch.tokenizer import read_tokens, train_tokenizer

TRICKY = ["def f(x):\n\treturn x  # tab-indented, trailing spaces   \n", "s = 'héllo ✓ 日本'\n",
          "\n\n\nclass A:\n    pass\r\n", "x=1;y=2\\\n", ""]


def test_round_trip_of_the_saved_tokenizer(corpus):
    tok = AutoTokenizer.from_pretrained(str(corpus[0] / "tokenizer"))
    assert (tok.bos_token, tok.eos_token, tok.pad_token) == ("<s>", "</s>", "<pad>") and len(tok) == 300
    assert not tok.chat_template  # deliberately: Axiom prompts it with the plain template
    for text in TRICKY:
        ids = tok(text)["input_ids"]
        assert ids[0] == tok.bos_token_id
        assert tok.decode(ids, skip_special_tokens=True) == text


def test_token_files_frame_every_document(corpus):
    out, summary = corpus
    tok = AutoTokenizer.from_pretrained(str(out / "tokenizer"))
    train = np.asarray(read_tokens(out / "train.bin", len(tok)))
    assert train.dtype == np.uint16 and len(train) == summary["tokens_by_split"]["train"]
    assert train[0] == tok.bos_token_id and train[-1] == tok.eos_token_id
    assert (train == tok.bos_token_id).sum() == (train == tok.eos_token_id).sum() == summary["files_by_split"]["train"]
    first = int(np.argmax(train == tok.eos_token_id))
    assert "\n" in tok.decode(train[1:first].tolist())


def test_vocabulary_too_small_for_bytes():
    with pytest.raises(ValueError, match="at least 259"):
        train_tokenizer(["x"], 100, progress=False)
