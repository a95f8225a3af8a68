"""Stopping once the code is done (the end of the first code block, or of its definitions): the text rules,
and the hf decode loop on real completions."""

import json
from pathlib import Path

import pytest

from axiom.generate.backend import Sampling, code_block_end, code_done, cut_at_stop, definitions_end
from axiom.verify import extract_code
from axiom.verify.extract import defines

DATA = Path(__file__).with_name("data")
CORPUS = [json.loads(line) for path in sorted(DATA.glob("completions_*.jsonl")) for line in path.open()]
# smollm2-135m completions whose full text extracts another block than the first one (both fail their tests)
OTHER_BLOCK = {("smollm2-135m", "rpn/d3/test/000000", 1), ("smollm2-135m", "is_palindrome/d5/test/000000", 1)}


@pytest.mark.parametrize("text, end", [
    ("```python\ndef f():\n    return 1\n```\nThis function...", len("```python\ndef f():\n    return 1\n```")),
    ("Sure:\n```python\nx = 1\n```", len("Sure:\n```python\nx = 1\n```")),
    ("```python\ndef f():\n    return 1\n", None),             # not closed yet
    ("```python\n\n```\n", None),                               # an empty block
    ("```\n```python\nx = 1\n```", len("```\n```python\nx = 1\n```")),  # stray fence, then the real block
    ("```python\nx = 1\n```python\ny = 2\n```", len("```python\nx = 1\n```")),  # a tagged fence closes too
    ("```python\nx = 1\n``", None),                            # the fence is not complete
    ("def f():\n    return 1\n", None),                        # no fences at all
    ("```python\n    s = '```'\n```", len("```python\n    s = '```'\n```")),  # backticks inside a line are code
])
def test_code_block_end(text, end):
    assert code_block_end(text) == end


def test_cut_keeps_the_closing_fence_and_stop_strings_still_apply():
    assert cut_at_stop("```python\nx = 1\n```\nmore", (), code_end=True) == ("```python\nx = 1\n```", True)
    assert cut_at_stop("```python\nx = 1\nSTOP```\n", ("STOP",), code_end=True) == ("```python\nx = 1\n", True)
    assert cut_at_stop("```python\nx = 1\n", (), code_end=True) == ("```python\nx = 1\n", False)


DEFS = "```python\ndef f(x):\n    return g(x)\n\n"


@pytest.mark.parametrize("text, end", [
    (DEFS + "print(f(1))\n", len(DEFS)),                                   # usage after the function
    (DEFS + "# Example usage:\n# more\nprint(f(1))\n", len(DEFS)),          # ... with its comments
    (DEFS + "assert f(1) == 1\n", len(DEFS)),
    (DEFS + 'if __name__ == "__main__":\n', len(DEFS)),
    (DEFS + "print(f(1", len(DEFS)),                                        # known from its first word
    (DEFS + "# Example usage:\npri", len(DEFS)),
    (DEFS + "de", None),                                                    # may still become a def
    (DEFS + "fr", None),
    (DEFS + "freq = 3", len(DEFS)),
    (DEFS + "``", None),                                                    # a fence being written
    (DEFS + "# helper\ndef g(x):\n    return x\n\nprint(f(2))\n",           # a helper after it is kept
     len(DEFS + "# helper\ndef g(x):\n    return x\n\n")),
    (DEFS + "import math\nclass A:\n    pass\n@cache\ndef h():\n    pass\n", None),  # definitions only
    ("```python\nLIMIT = 10\ndef f():\n    return LIMIT\n", None),         # top-level code before any def
    ('```python\ndef f():\n    """\nDoc at column 0\n    """\n    return 1\n',  # inside a docstring
     None),
    ("```python\ndef f():\n    return [\n1, 2]\n", None),                  # inside brackets
    (DEFS + "```\nprint(f(1))\n", None),                                  # the block closed first
    ("def f():\n    return 1\nprint(f())\n", None),                        # no code block
])
def test_definitions_end(text, end):
    assert definitions_end(text) == end


def test_code_done_is_the_earlier_end():
    block = DEFS + "```"
    assert code_done(block + "\nprint(1)\n") == len(block)
    assert code_done(DEFS + "print(f(1))\n```") == len(DEFS)
    assert code_done(DEFS) is None
    assert code_done(DEFS + "def") is None


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: f"{c['preset']}/{c['problem_id']}/{c['sample']}")
def test_cut_completion_keeps_the_definitions(case):
    """On real completions, the cut text holds the same definitions; only top-level code after them goes."""
    text, entry = case["completion"], case["entry_point"]
    cut, _ = cut_at_stop(text, (), code_end=True)
    assert text.startswith(cut)
    if (case["preset"], case["problem_id"], case["sample"]) in OTHER_BLOCK:
        assert extract_code(cut, entry) != extract_code(text, entry)
        return
    whole, kept = extract_code(text, entry) or "", extract_code(cut, entry) or ""
    assert whole.startswith(kept.rstrip())
    assert defines(kept, entry) == defines(whole, entry)
    dropped = [line for line in whole[len(kept.rstrip()):].split("\n") if line.strip() and not line.startswith("#")]
    assert not dropped or not dropped[0].startswith(("def ", "class ", "import ", "from ", "@", " ", "\t"))


def test_corpus_loses_text_after_the_code():
    cut = sum(len(cut_at_stop(c["completion"], (), code_end=True)[0]) for c in CORPUS)
    assert cut < 0.85 * sum(len(c["completion"]) for c in CORPUS)


def scripted(backend, script: list[int]):
    """Make the backend's model emit `script` token by token (then EOS), through the real decode loop and cache."""
    import torch

    model, real = backend.model, backend.model.forward
    eos = min(backend.eos_ids)
    step = {"n": 0}

    def forward(*args, **kwargs):
        out = real(*args, **kwargs)
        token = script[step["n"]] if step["n"] < len(script) else eos
        step["n"] += 1
        logits = torch.full_like(out.logits, -1e4)
        logits[..., token] = 0.0
        out.logits = logits
        return out

    model.forward = forward
    return lambda: model.__dict__.pop("forward")


QWEN = [c for c in CORPUS if c["preset"] == "qwen2.5-coder-0.5b"]


@pytest.mark.parametrize("case", QWEN[::3], ids=lambda c: f"{c['problem_id']}/{c['sample']}")
@pytest.mark.parametrize("greedy", [True, False])
def test_decode_stops_where_the_code_is_done(tiny_backend, case, greedy):
    """The hf decode loop, fed a real completion token by token, ends the row on the token that finished the code."""
    tok = tiny_backend.tokenizer
    script = tok(case["completion"], add_special_tokens=False)["input_ids"]
    expected, closed = cut_at_stop(case["completion"], (), code_end=True)
    params = Sampling(n=1, temperature=0 if greedy else 1.0, max_new_tokens=len(script) + 4, stop_at_code_end=True)
    undo = scripted(tiny_backend, script)
    try:
        out = tiny_backend.generate([[{"role": "user", "content": "hi"}]], params)[0][0]
    finally:
        undo()
    assert out.text == expected
    if closed:
        # the row ended on the token that completed the fence, not later
        used = next(k for k in range(1, len(script) + 1) if code_done(tok.decode(script[:k])) is not None)
        assert out.completion_tokens == used and out.finish_reason == "stop"
    else:
        assert out.completion_tokens == len(script) + 1  # ran on to EOS


def test_engine_generate_stops_at_the_code_end_too(tiny_model):
    from axiom.generate.hf import HFBackend

    backend = HFBackend(tiny_model, engine="generate")
    case = QWEN[0]
    script = backend.tokenizer(case["completion"], add_special_tokens=False)["input_ids"]
    undo = scripted(backend, script)
    try:
        out = backend.generate([[{"role": "user", "content": "hi"}]],
                               Sampling(temperature=0, max_new_tokens=len(script), stop_at_code_end=True))[0][0]
    finally:
        undo()
    assert out.text == cut_at_stop(case["completion"], (), code_end=True)[0]


STARTED = [c for c in QWEN if c["completion"].startswith("```python\ndef ")]


def split_start(text: str) -> tuple[str, str]:
    """A real completion as an answer start (the fence and the def line, START_SIGNATURE's shape) and the rest."""
    cut = text.index("\n", len("```python\n")) + 1
    return text[:cut], text[cut:]


def test_cut_reads_the_answer_start_but_stops_only_in_new_text():
    start = "```python\ndef f(x):\n"
    assert cut_at_stop("    return x\n```\nmore", (), code_end=True, start=start) == (start + "    return x\n```", True)
    # "def" is in the start, not in the new text
    assert cut_at_stop("    return x\n", ("def",), start=start) == (start + "    return x\n", False)
    assert cut_at_stop("    return x\nSTOP", ("STOP",), start=start) == (start + "    return x\n", True)


def test_a_model_without_a_chat_template_reads_the_answer_start_after_the_request():
    from axiom.generate.backend import answer_start, plain_text

    prompt = [{"role": "system", "content": "be brief"}, {"role": "user", "content": "def f(x):\n"},
              {"role": "assistant", "content": "    return"}]
    assert answer_start(prompt) == "    return" and answer_start(prompt[:2]) == "" and answer_start("text") == ""
    assert plain_text(prompt) == "def f(x):\n    return"


@pytest.mark.parametrize("case", STARTED[::3], ids=lambda c: f"{c['problem_id']}/{c['sample']}")
@pytest.mark.parametrize("engine", ["loop", "generate"])
def test_decode_continues_a_started_answer(tiny_model, case, engine):
    """Given the answer's start (a final assistant message), the row ends on the token that finished the whole
    answer's code, the text holds the start, and only the model's own tokens count."""
    from axiom.generate.hf import HFBackend

    backend = HFBackend(tiny_model, batch_size=4, engine=engine)
    tok = backend.tokenizer
    start, rest = split_start(case["completion"])
    script = tok(rest, add_special_tokens=False)["input_ids"]
    expected, closed = cut_at_stop(case["completion"], (), code_end=True)
    prompt = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": start}]
    assert backend.render(prompt).endswith(start)  # continued, not closed and answered anew
    params = Sampling(n=2, temperature=1.0, max_new_tokens=len(script) + 4, stop_at_code_end=True)
    undo = scripted(backend, script)  # one forward a step in both engines
    try:
        rows = backend.generate([[{"role": "user", "content": "hi"}], prompt], params)
    finally:
        undo()
    out = rows[1][0]
    assert out.text == expected and rows[0][0].text != expected  # the start is the second prompt's alone
    if closed:
        used = next(k for k in range(1, len(script) + 1) if code_done(start + tok.decode(script[:k])) is not None)
        assert out.completion_tokens == used and out.finish_reason == "stop"

