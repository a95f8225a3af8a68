"""A batched sampling loop over a causal LM's KV cache that drops finished rows.

transformers' `generate` keeps every row of a batch until the longest one ends, so one sample
that rambles to `max_new_tokens` makes the whole batch pay for it (on CPU, with n=8 samples
of varied length, most of the compute went to rows that had already finished). This loop
prunes finished rows from the cache (`Cache.batch_select_indices`) once a quarter of the
batch is done: pruning copies the cache, so it is batched rather than done for every row.

Covered: decoder-only models whose forward takes attention_mask, position_ids, past_key_values
and logits_to_keep (Llama, Qwen2, Mistral, Phi-3, Gemma and most hub causal LMs). Not covered:
beam search, repetition penalties, encoder-decoders; use `HFBackend(engine="generate")` there.
"""

from __future__ import annotations

from collections.abc import Callable

import torch

from axiom.generate.backend import Sampling


def sample_next(logits: torch.Tensor, params: Sampling, generator: torch.Generator | None) -> torch.Tensor:
    """One token per row: argmax when greedy, else temperature and nucleus (top-p) sampling.

    Sampling inverts each row's cumulative distribution at one uniform draw: the same distribution
    as `torch.multinomial`, which on CPU took half of a decoding step over a 150k vocabulary.
    """
    if params.greedy:
        return logits.argmax(-1)
    probs = torch.softmax(logits.float() / params.temperature, dim=-1)
    if params.top_p >= 1.0:
        return _draw(probs, generator)
    sorted_p, order = probs.sort(-1, descending=True)
    outside = sorted_p.cumsum(-1) - sorted_p > params.top_p  # the mass before a token already reached top_p
    return order.gather(-1, _draw(sorted_p.masked_fill(outside, 0.0), generator)[:, None]).squeeze(-1)


def _draw(weights: torch.Tensor, generator: torch.Generator | None) -> torch.Tensor:
    """A column index per row with probability proportional to `weights` (>= 0, unnormalised)."""
    cdf = weights.cumsum(-1)
    u = torch.rand((weights.shape[0], 1), generator=generator, device=weights.device, dtype=cdf.dtype)
    # right=True: a zero-weight column has cdf equal to its left neighbour's and is never picked
    picked = torch.searchsorted(cdf, u * cdf[:, -1:], right=True)
    return picked.squeeze(-1).clamp_(max=weights.shape[-1] - 1)


@torch.inference_mode()
def decode(model, input_ids: torch.Tensor, attention_mask: torch.Tensor, params: Sampling, eos_ids: set[int],
           stopped: Callable[[int, list[int]], bool] | None = None, seed: int = 0, repeats: int = 1,
           prune_fraction: float = 0.25, on_step: Callable[[int, int], None] | None = None) -> list[list[int]]:
    """New tokens for each row of a left-padded batch (an EOS token ends and is included in its row).

    With `repeats` > 1, each prompt is read once and its cache copied for `repeats` samples
    (rows i*repeats ... i*repeats + repeats-1 of the result): the prompt, often longer than the
    answer, is not recomputed for every sample. `on_step(tokens, rows)` hears after every step how
    many tokens were added and how many rows ended (rows cut off by `max_new_tokens` end last).
    `stopped(prompt, tokens)` says whether a row of the prompt `input_ids[prompt]` ends with its new `tokens`.
    """
    generator = torch.Generator(device=input_ids.device).manual_seed(seed)
    position_ids = (attention_mask.long().cumsum(-1) - 1).clamp(min=0)
    out = model(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids, use_cache=True,
                logits_to_keep=1)
    cache, logits = out.past_key_values, out.logits[:, -1, :]
    next_pos = position_ids[:, -1] + 1
    if repeats > 1:
        cache.batch_repeat_interleave(repeats)
        logits, attention_mask, next_pos = (t.repeat_interleave(repeats, 0) for t in (logits, attention_mask, next_pos))
    rows = list(range(logits.shape[0]))  # original index of each row still in the batch
    tokens: list[list[int]] = [[] for _ in rows]
    done = [False] * len(rows)
    for step in range(params.max_new_tokens):
        chosen = sample_next(logits, params, generator)
        added = 0
        for r, t in zip(rows, chosen.tolist(), strict=True):
            if not done[r]:
                tokens[r].append(t)
                added += 1
                done[r] = t in eos_ids or (stopped is not None and stopped(r // repeats, tokens[r]))
        live = [j for j, r in enumerate(rows) if not done[r]]
        last = not live or step == params.max_new_tokens - 1
        if on_step is not None:
            on_step(added, added if last else added - len(live))
        if last:
            break
        if len(rows) - len(live) >= max(1, int(len(rows) * prune_fraction)):
            keep = torch.tensor(live, device=input_ids.device)
            cache.batch_select_indices(keep)
            rows = [rows[j] for j in live]
            attention_mask, next_pos, chosen = attention_mask[keep], next_pos[keep], chosen[keep]
        attention_mask = torch.cat([attention_mask, attention_mask.new_ones((len(rows), 1))], dim=-1)
        out = model(input_ids=chosen[:, None], attention_mask=attention_mask, position_ids=next_pos[:, None],
                    past_key_values=cache, use_cache=True)
        cache, logits = out.past_key_values, out.logits[:, -1, :]
        next_pos = next_pos + 1
    return tokens
