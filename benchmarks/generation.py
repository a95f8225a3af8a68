"""Generation throughput of the hf backend, in one run, on one model (default: the qwen2.5-coder-0.5b preset).

    .venv/bin/python benchmarks/generation.py [--prompts 2] [--n 8] [--max-new-tokens 96] [--naive-samples 2]

1. Batched vs naive: aggregate tokens/s of `HFBackend.generate` (all prompts, n samples each, one
   left-padded batch) against a loop of `model.generate` on one prompt and one sample at a time,
   with the same sampling settings. Tokens are real generated tokens (up to and including EOS),
   never padding. The naive loop runs `--naive-samples` per prompt (it is a rate; fewer draws cost
   less time and measure the same thing).
2. LoRA: a rank-16 LoRA on every linear layer (PEFT's default init, so its outputs equal the base
   model's and every variant generates the same tokens), greedy, batched: base model vs the
   adapter merged into the weights vs the unmerged PeftModel.

Variants run alternately `--repeats` times and each keeps its fastest trial (all trials are in
the JSON). The 1-minute load average is recorded around each trial: on a shared machine the
numbers are only comparable within one run. Writes benchmarks/results/generation.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from axiom.generate.backend import Sampling  # noqa: E402
from axiom.generate.hf import HFBackend  # noqa: E402
from axiom.generate.prompts import build_messages  # noqa: E402
from axiom.jsonl import write_json  # noqa: E402
from axiom.problems.family import make_problem  # noqa: E402
from axiom.problems.suites import V2  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "generation.json"


def timed(fn) -> tuple[object, float, float]:
    load = os.getloadavg()[0]
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start, max(load, os.getloadavg()[0])


def tokens(rows) -> int:
    return sum(c.completion_tokens for row in rows for c in row if not c.meta.get("duplicate"))


def naive_loop(backend: HFBackend, prompts: list, samples: int, params: Sampling) -> int:
    """model.generate on one prompt, one sample at a time: what the seeds' prototype did."""
    import torch
    from transformers import GenerationConfig

    config = GenerationConfig(max_new_tokens=params.max_new_tokens, do_sample=True, temperature=params.temperature,
                              top_p=params.top_p, top_k=0, pad_token_id=backend.tokenizer.pad_token_id,
                              eos_token_id=sorted(backend.eos_ids))
    total = 0
    for i, prompt in enumerate(prompts):
        ids = torch.tensor([backend.encode(prompt)], device=backend.device)
        for k in range(samples):
            torch.manual_seed(1000 * i + k)
            with torch.inference_mode():
                out = backend.model.generate(ids, attention_mask=torch.ones_like(ids), generation_config=config)
            new = out[0, ids.shape[1]:].tolist()
            end = next((j for j, t in enumerate(new) if t in backend.eos_ids), len(new) - 1)
            total += end + 1
    return total


def make_adapter(model_path: str, dest: str) -> str:
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(0)
    base = AutoModelForCausalLM.from_pretrained(model_path)
    targets = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
    get_peft_model(base, LoraConfig(r=16, lora_alpha=32, target_modules=targets)).save_pretrained(dest)
    return dest


def row(name: str, toks: int, secs: float, load: float) -> dict:
    return {"name": name, "tokens": toks, "seconds": round(secs, 2), "tokens_per_s": round(toks / secs, 2),
            "load_avg_1m": round(load, 2)}


def interleaved(runs: dict, repeats: int) -> dict[str, dict]:
    """Run each variant `repeats` times, alternating (A B C A B C), and keep each one's fastest trial.

    On a shared machine load comes and goes; alternating exposes every variant to the same
    spells, and the best trial is the one least disturbed.
    """
    trials: dict[str, list[dict]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, fn in runs.items():
            out, secs, load = timed(fn)
            trials[name].append(row(name, out if isinstance(out, int) else tokens(out), secs, load))
    return {name: {**max(t, key=lambda r: r["tokens_per_s"]), "trials": t} for name, t in trials.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="qwen2.5-coder-0.5b")
    ap.add_argument("--prompts", type=int, default=2)
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--max-new-tokens", type=int, default=96)
    ap.add_argument("--naive-samples", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=2, help="alternating trials per variant; the best is kept")
    ap.add_argument("--skip-lora", action="store_true")
    ap.add_argument("-o", "--output", default=str(RESULTS))
    args = ap.parse_args()

    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    prompts = [build_messages(make_problem(V2[i % len(V2)], 3, "test", 7, i)) for i in range(args.prompts)]
    backend = HFBackend(args.model, batch_size=args.prompts * args.n)
    sampling = Sampling(n=args.n, temperature=0.8, max_new_tokens=args.max_new_tokens, seed=1)
    backend.generate(prompts[:1], Sampling(max_new_tokens=4, temperature=0))  # warm-up
    speed = interleaved({
        f"hf batched (n={args.n}, {args.prompts} prompts)": lambda: backend.generate(prompts, sampling),
        f"naive loop ({args.naive_samples} samples/prompt, one at a time)":
            lambda: naive_loop(backend, prompts, args.naive_samples, sampling)}, args.repeats)
    batched, naive = speed.values()
    result = {"model": args.model, "device": backend.device, "dtype": str(backend.dtype).replace("torch.", ""),
              "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
              "settings": vars(args), "runs": [batched, naive],
              "batched_over_naive": round(batched["tokens_per_s"] / naive["tokens_per_s"], 2)}
    if not args.skip_lora:
        lora = lora_comparison(args, backend, prompts)
        result["runs"] += lora.pop("runs")
        result.update(lora)
    result["goals"] = {"batched >= 4x naive": result["batched_over_naive"] >= 4}
    if "merged_over_base" in result:
        result["goals"]["merged within 10% of base"] = result["merged_over_base"] >= 0.9
    write_json(args.output, result)
    print(f"{'run (best of ' + str(args.repeats) + ')':<58} {'tokens':>7} {'s':>8} {'tok/s':>8} {'load':>5}")
    for r in result["runs"]:
        print(f"{r['name']:<58} {r['tokens']:>7} {r['seconds']:>8} {r['tokens_per_s']:>8} {r['load_avg_1m']:>5}")
    print(json.dumps({k: v for k, v in result.items() if k not in ("runs", "machine", "settings")}, indent=2))
    print(f"wrote {args.output}")


def lora_comparison(args: argparse.Namespace, backend: HFBackend, prompts: list) -> dict:
    greedy = Sampling(temperature=0, max_new_tokens=args.max_new_tokens)
    with tempfile.TemporaryDirectory() as tmp:
        adapter = make_adapter(backend.path, tmp)
        merged = HFBackend(args.model, adapter=adapter, batch_size=args.prompts)
        unmerged = HFBackend(args.model, adapter=adapter, merge=False, batch_size=args.prompts)
    for b in (merged, unmerged):
        b.generate(prompts[:1], Sampling(max_new_tokens=4, temperature=0))
    lora = interleaved({"base (greedy, batched)": lambda: backend.generate(prompts, greedy),
                        "lora merged (greedy, batched)": lambda: merged.generate(prompts, greedy),
                        "lora unmerged PeftModel (greedy, batched)": lambda: unmerged.generate(prompts, greedy)},
                       args.repeats)
    base, m, u = (r["tokens_per_s"] for r in lora.values())
    return {"runs": list(lora.values()), "merged_over_base": round(m / base, 3),
            "unmerged_over_base": round(u / base, 3)}


if __name__ == "__main__":
    main()
