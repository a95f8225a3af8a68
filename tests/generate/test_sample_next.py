"""The decode loop's sampler: the distribution it draws from, top-p, greedy and seeds."""

import math

import pytest
import torch

from axiom.generate.backend import Sampling
from axiom.generate.decode import sample_next


def draws(logits: torch.Tensor, params: Sampling, rows: int = 20000, seed: int = 0) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return sample_next(logits.expand(rows, -1), params, g)


def test_frequencies_follow_the_tempered_softmax():
    logits = torch.tensor([[2.0, 1.0, 0.0, -1.0, -30.0]])
    params = Sampling(temperature=0.7)
    got = torch.bincount(draws(logits, params), minlength=5).double() / 20000
    want = torch.softmax(logits[0].double() / 0.7, -1)
    # 5 standard errors of a binomial proportion: fails by chance far less than once in a million runs
    for p, q in zip(got.tolist(), want.tolist(), strict=True):
        assert abs(p - q) <= 5 * math.sqrt(q * (1 - q) / 20000) + 1e-9


def test_zero_probability_tokens_are_never_drawn():
    logits = torch.tensor([[0.0, -math.inf, 0.0, -math.inf, -math.inf, 0.0]])
    assert set(draws(logits, Sampling(temperature=1.0)).tolist()) == {0, 2, 5}


def test_top_p_keeps_the_nucleus_only():
    probs = torch.tensor([[0.5, 0.3, 0.15, 0.05]])
    got = draws(probs.log(), Sampling(temperature=1.0, top_p=0.8))
    assert set(got.tolist()) == {0, 1}  # 0.5 + 0.3 reaches 0.8: tokens 2 and 3 are outside
    share = (got == 0).double().mean().item()
    assert abs(share - 0.5 / 0.8) < 0.02


def test_greedy_is_argmax_and_seed_repeats():
    logits = torch.randn(64, 1000, generator=torch.Generator().manual_seed(1))
    assert torch.equal(sample_next(logits, Sampling(temperature=0), None), logits.argmax(-1))
    a = sample_next(logits, Sampling(temperature=1.0), torch.Generator().manual_seed(5))
    b = sample_next(logits, Sampling(temperature=1.0), torch.Generator().manual_seed(5))
    c = sample_next(logits, Sampling(temperature=1.0), torch.Generator().manual_seed(6))
    assert torch.equal(a, b) and not torch.equal(a, c)


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_large_vocab_rows_are_drawn_per_row(dtype):
    # each row has one token with nearly all the mass, at a different place
    logits = torch.full((8, 150000), -20.0, dtype=dtype)
    hot = torch.arange(8) * 17000 + 3
    logits[torch.arange(8), hot] = 20.0
    assert torch.equal(sample_next(logits, Sampling(temperature=1.0), torch.Generator().manual_seed(0)), hot)
