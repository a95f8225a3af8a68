"""LoRA SFT throughput and peak memory on this machine (default: the qwen2.5-coder-0.5b preset).

    .venv/bin/python benchmarks/training.py [--model qwen2.5-coder-0.5b] [--seq-len 512] [--batch 4] [--steps 4]
                                            [--precisions fp32,bf16]

The recipe is axiom's own (`load_policy`, `trainer_args`, TRL's SFTTrainer): LoRA rank 16 on every
linear layer, no gradient checkpointing unless asked. Each precision in `--precisions` trains the
same steps on the same data with the same seed, one after the other in one run: fp32, and bf16
autocast (the default on CPUs with bf16 hardware; on a GPU, bf16). The losses of every step are
recorded, and the largest gap between the bf16 and fp32 loss curves is reported next to the speed
ratio. Every example is exactly `--seq-len` tokens, so a step trains on batch * seq-len tokens (all of them count: the
completion is the whole sequence). The first step is a warm-up and is not timed; tokens/s is over
the remaining steps. Peak memory is the process's peak RSS (ru_maxrss, model load included) and,
on a GPU, torch's peak allocated memory. The 1-minute load average is recorded: on a shared
machine, numbers are only comparable within one run. Writes benchmarks/results/training.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from axiom.jsonl import write_json  # noqa: E402
from axiom.train.lora import load_policy, loss_history, trainer_args  # noqa: E402
from axiom.train.sft import SFTConfig  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "training.json"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fixed_length_dataset(tokenizer, n: int, seq_len: int):
    """`n` rows of exactly `seq_len` tokens: an empty prompt and a completion of real code tokens."""
    from datasets import Dataset

    code = Path(__file__).read_text() * 20
    ids = tokenizer(code).input_ids
    rows = [{"input_ids": ids[i * 7: i * 7 + seq_len], "completion_mask": [1] * seq_len} for i in range(n)]
    assert all(len(r["input_ids"]) == seq_len for r in rows)
    return Dataset.from_list(rows)


def run(model: str, seq_len: int, batch: int, steps: int, checkpointing: bool, precision: str = "auto") -> dict:
    import torch
    from transformers import TrainerCallback
    from trl import SFTConfig as TRLSFTConfig
    from trl import SFTTrainer

    cfg = SFTConfig(lora_r=16, lora_alpha=32, batch_size=batch, max_steps=steps, max_length=seq_len,
                    gradient_checkpointing=checkpointing, logging_steps=1, warmup_ratio=0.0, precision=precision)
    t0 = time.perf_counter()
    policy, tokenizer, peft_config, _ = load_policy(model, cfg)
    load_s, rss_loaded = time.perf_counter() - t0, rss_mb()
    marks: list[float] = []

    class Clock(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):
            marks.append(time.perf_counter())

    workdir = tempfile.mkdtemp(prefix="axiom-bench-")
    try:
        args = trainer_args(cfg, TRLSFTConfig, workdir, max_length=seq_len, disable_tqdm=True)
        trainer = SFTTrainer(model=policy, args=args, train_dataset=fixed_length_dataset(tokenizer, batch * steps,
                                                                                         seq_len),
                             processing_class=tokenizer, peft_config=peft_config, callbacks=[Clock()])
        load = os.getloadavg()[0]
        start = time.perf_counter()
        trainer.train()
        load = max(load, os.getloadavg()[0])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    timed = marks[-1] - marks[0]
    tokens = batch * seq_len * (len(marks) - 1)
    trainable = sum(p.numel() for p in trainer.model.parameters() if p.requires_grad)
    out = {"model": model, "device": "cuda" if torch.cuda.is_available() else "cpu", "seq_len": seq_len,
           "batch": batch, "steps": len(marks), "timed_steps": len(marks) - 1,
           "gradient_checkpointing": checkpointing,
           "precision": "bf16" if args.bf16 else "fp16" if args.fp16 else "fp32",
           "tokens_per_s": round(tokens / timed, 1), "s_per_step": round(timed / (len(marks) - 1), 2),
           "first_step_s": round(marks[0] - start, 2), "load_s": round(load_s, 1),
           "peak_rss_mb": round(rss_mb()), "rss_after_load_mb": round(rss_loaded),
           "trainable_params": trainable, "loadavg_1m_max": round(load, 2), "torch_threads": torch.get_num_threads(),
           "losses": [round(loss, 5) for _, loss in loss_history(trainer.state.log_history)]}
    if torch.cuda.is_available():
        out["peak_gpu_mb"] = round(torch.cuda.max_memory_allocated() / 2**20)
    return out


def padding_waste(solutions: str, model: str, batch: int, trials: int = 20) -> dict:
    """Share of the tokens in a batch that are padding, on a real training set (a run's solutions/iter_K.jsonl):
    shuffled batches vs axiom's length-grouped order (`train.group_by_length`, the default) vs transformers'
    LengthGroupedSampler. No model runs: this counts tokens."""
    import torch
    from transformers import AutoTokenizer
    from transformers.trainer_pt_utils import LengthGroupedSampler

    from axiom.generate.presets import resolve_model
    from axiom.jsonl import read_jsonl
    from axiom.train.sft import example_lengths, length_grouped_order

    tokenizer = AutoTokenizer.from_pretrained(resolve_model(model))
    lengths = example_lengths([ex for _, ex in read_jsonl(solutions)], tokenizer)

    def waste(order: list[int]) -> float:
        batches = [order[k:k + batch] for k in range(0, len(order), batch)]
        return 1 - sum(lengths) / sum(len(b) * max(lengths[i] for i in b) for b in batches)

    orders = {
        "shuffled": [torch.randperm(len(lengths), generator=torch.Generator().manual_seed(t)).tolist()
                     for t in range(trials)],
        "axiom_grouped": [length_grouped_order(lengths, batch, t) for t in range(trials)],
        "transformers_grouped": [list(LengthGroupedSampler(batch, lengths=lengths,
                                                           generator=torch.Generator().manual_seed(t)))
                                 for t in range(trials)]}
    shares = {name: round(sum(waste(o) for o in os_) / trials, 4) for name, os_ in orders.items()}
    return {"solutions": solutions, "examples": len(lengths), "batch": batch,
            "tokens": {"min": min(lengths), "mean": round(sum(lengths) / len(lengths), 1), "max": max(lengths)},
            "padding_share": shares,
            "tokens_computed_shuffled_over_grouped": round((1 - shares["axiom_grouped"]) / (1 - shares["shuffled"]), 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="qwen2.5-coder-0.5b")
    ap.add_argument("--seq-len", type=int, default=512)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--steps", type=int, default=4, help="optimiser steps; the first is not timed (default 4)")
    ap.add_argument("--gradient-checkpointing", action="store_true")
    ap.add_argument("--precisions", default="fp32,bf16", help="comma-separated, run in this order (default fp32,bf16)")
    ap.add_argument("--threads", type=int, help="torch CPU threads (default: torch's, one per core). On a shared, "
                                                "overloaded machine 1 thread can be much faster than 2")
    ap.add_argument("--note", default="", help="recorded with the results (e.g. what else ran on the machine)")
    ap.add_argument("--padding", metavar="SOLUTIONS_JSONL", help="only measure the padding share of batches on a "
                                                                 "run's training set (no training)")
    ap.add_argument("-o", "--output", default=str(RESULTS))
    a = ap.parse_args()
    if a.padding:
        result = padding_waste(a.padding, a.model, a.batch)
        data = json.loads(Path(a.output).read_text()) if Path(a.output).exists() else {}
        data.setdefault("padding", {})[f"{Path(a.padding).parent.parent.name}/{Path(a.padding).name}"] = result
        write_json(a.output, data)
        print(json.dumps(result, indent=2))
        return
    if a.threads:
        import torch

        torch.set_num_threads(a.threads)
    results = [run(a.model, a.seq_len, a.batch, a.steps, a.gradient_checkpointing, p) for p in a.precisions.split(",")]
    for result in results:
        result.update(machine={"cpu_count": os.cpu_count(), "platform": platform.platform(),
                               "processor": platform.processor()}, note=a.note,
                      command="benchmarks/training.py " + " ".join(f"--{k.replace('_', '-')} {v}"
                                                                   for k, v in vars(a).items() if k != "output"))
    new = {_variant(r) for r in results}
    runs = [r for r in _previous_runs(a.output) if _variant(r) not in new] + results
    summary = compare(results)
    write_json(a.output, {"runs": runs, **({"bf16_vs_fp32": summary} if summary else {})})
    print(f"{'model':<22}{'device':<7}{'threads':>8}{'ckpt':>6}  {'seq x batch':<12}{'tokens/s':>9}{'s/step':>9}"
          f"{'peak RSS MB':>13}{'load':>6}")
    for r in runs:
        shape = f"{r['seq_len']} x {r['batch']}"
        print(f"{r['model']:<22}{r['device']:<7}{r['torch_threads']:>8}{r['gradient_checkpointing']!s:>6}  "
              f"{shape:<12}{r['tokens_per_s']:>9}{r['s_per_step']:>9}{r['peak_rss_mb']:>13}{r['loadavg_1m_max']:>6}")


    if summary:
        print(json.dumps(summary, indent=2))


def compare(results: list[dict]) -> dict | None:
    """bf16 over fp32 in this run: the speed ratio and how far apart the loss curves are."""
    by = {r["precision"]: r for r in results}
    if not {"fp32", "bf16"} <= set(by):
        return None
    fp32, bf16 = by["fp32"]["losses"], by["bf16"]["losses"]
    gaps = [abs(b - f) / f for f, b in zip(fp32, bf16, strict=False)]
    speed = round(by["bf16"]["tokens_per_s"] / by["fp32"]["tokens_per_s"], 2)
    return {"speedup": speed, "loss_fp32": fp32, "loss_bf16": bf16, "max_relative_loss_gap": round(max(gaps), 4),
            "goals": {"bf16 >= 1.5x fp32 tokens/s": speed >= 1.5,
                      "every step's loss within 3% of fp32's": max(gaps) <= 0.03}}


def _variant(r: dict) -> tuple:
    return (r["model"], r["device"], r["seq_len"], r["batch"], r["torch_threads"], r["gradient_checkpointing"],
            r.get("precision", "fp32"))


def _previous_runs(path: str) -> list[dict]:
    """Earlier variants in the results file (one run per variant is kept: the latest)."""
    try:
        data = json.loads(Path(path).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return []
    return data.get("runs", [data] if "tokens_per_s" in data else [])


if __name__ == "__main__":
    main()
