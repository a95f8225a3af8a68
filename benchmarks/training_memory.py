"""Memory of LoRA SFT on the CPU over many steps of mixed lengths, under three heap policies of glibc.

    .venv/bin/python benchmarks/training_memory.py [--model qwen2.5-coder-0.5b] [--steps 16] [--batch 4]
                                                   [--heaps default,steady,steady-huge,trim]
                                                   [--threshold BYTES]

An expert-iteration training set mixes short and long examples, so every batch allocates activation
buffers of another size. With glibc's default settings the training process grows step after step
(the central run's SFT child reached 23 GB on a 24 GB machine and was OOM-killed). Each heap policy
trains the same steps on the same data with the same seed, each in a process of its own (a policy
is process-wide):

- default: glibc as it comes;
- steady: `axiom.memory.steady_heap()` (glibc's mmap and trim thresholds fixed, at 128 KiB unless
  `--threshold` says otherwise), what every training on a CPU does;
- steady-huge: steady, in a process started with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`
  (`axiom.memory.with_huge_pages`), as the loop's training child and torchrun's ranks are;
- trim: the default settings plus `malloc_trim(0)` after every optimiser step.

Per policy: peak RSS (ru_maxrss), the RSS after each step (what the process keeps between steps),
seconds per step, and the losses (which must not change: the policy moves memory, not numbers).
The examples are slices of the Python standard library's own source (its asyncio, email and json
packages: the same on every machine with the same Python, whatever this repository's code is), 200 to
800 tokens long, the first 40% of each a prompt without loss, in shuffled order. Results before
2026-12-07 sliced this repository's source instead, which moved with every commit: compare only rows
measured on one data source. Writes benchmarks/results/training_memory.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

RESULTS = Path(__file__).parent / "results" / "training_memory.json"
HEAPS = ("default", "steady", "steady-huge", "trim")
DATA_PACKAGES = ("asyncio", "email", "json")  # the standard library's, for data that does not move with our code


def mixed_length_dataset(tokenizer, n: int, seed: int = 0, shortest: int = 200, longest: int = 800):
    """`n` prompt-completion rows of real code tokens, `shortest` to `longest` tokens, 40% of each a prompt."""
    from datasets import Dataset

    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = [p for package in DATA_PACKAGES for p in sorted((stdlib / package).rglob("*.py"))]
    code = "\n".join(p.read_text() for p in files)
    ids = tokenizer(code).input_ids
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        length = rng.randint(shortest, longest)
        start = rng.randrange(len(ids) - length)
        prompt = int(length * 0.4)
        rows.append({"input_ids": ids[start:start + length], "completion_mask": [0] * prompt + [1] * (length - prompt)})
    return Dataset.from_list(rows)


def rss_now_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def train(model: str, heap: str, steps: int, batch: int, threshold: int | None = None) -> dict:
    """One policy, in this process."""
    from transformers import TrainerCallback
    from trl import SFTConfig as TRLSFTConfig
    from trl import SFTTrainer

    from axiom.memory import steady_heap, trim_heap
    from axiom.train.lora import load_policy, loss_history, trainer_args
    from axiom.train.sft import SFTConfig

    if heap.startswith("steady") and not (steady_heap(threshold) if threshold else steady_heap()):
        raise SystemExit("steady_heap() is not available here (not glibc)")
    cfg = SFTConfig(lora_r=16, lora_alpha=32, batch_size=batch, max_steps=steps, max_length=1024,
                    logging_steps=1, warmup_ratio=0.0)
    policy, tokenizer, peft_config, _ = load_policy(model, cfg)
    after_step: list[float] = []
    marks: list[float] = []

    class Watch(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):
            if heap == "trim":
                trim_heap()
            marks.append(time.perf_counter())
            after_step.append(round(rss_now_mb()))

    workdir = tempfile.mkdtemp(prefix="axiom-bench-")
    try:
        args = trainer_args(cfg, TRLSFTConfig, workdir, max_length=1024, disable_tqdm=True)
        trainer = SFTTrainer(model=policy, args=args, train_dataset=mixed_length_dataset(tokenizer, batch * steps),
                             processing_class=tokenizer, peft_config=peft_config, callbacks=[Watch()])
        start = time.perf_counter()
        trainer.train()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return {"heap": heap, "threshold": threshold if heap.startswith("steady") else None,
            "precision": "bf16" if args.bf16 else "fp32", "steps": len(marks),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "rss_after_step_mb": after_step, "seconds": round(marks[-1] - start, 1),
            "s_per_step": round((marks[-1] - start) / len(marks), 2),
            "losses": [round(loss, 5) for _, loss in loss_history(trainer.state.log_history)]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="qwen2.5-coder-0.5b")
    ap.add_argument("--steps", type=int, default=16, help="optimiser steps per policy (default 16)")
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--heaps", default=",".join(HEAPS),
                    help=f"comma-separated, in this order (default {','.join(HEAPS)})")
    ap.add_argument("--threshold", type=int, help="steady policies: glibc's mmap and trim threshold in bytes "
                    "(default: steady_heap's own)")
    ap.add_argument("--one", choices=HEAPS, help=argparse.SUPPRESS)  # a child: one policy, JSON on stdout
    ap.add_argument("--output", default=str(RESULTS))
    a = ap.parse_args()
    if a.one:
        print(json.dumps(train(a.model, a.one, a.steps, a.batch, a.threshold)))
        return
    from axiom.jsonl import write_json
    from axiom.memory import with_huge_pages

    runs = {}
    for heap in a.heaps.split(","):
        cmd = [sys.executable, __file__, "--one", heap, "--model", a.model, "--steps", str(a.steps),
               "--batch", str(a.batch)] + (["--threshold", str(a.threshold)] if a.threshold else [])
        env = with_huge_pages(dict(os.environ)) if heap == "steady-huge" else None
        done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True, env=env)
        runs[heap] = json.loads(done.stdout.strip().splitlines()[-1])
        r = runs[heap]
        print(f"{heap:8s} peak {r['peak_rss_mb']} MB, last step {r['rss_after_step_mb'][-1]} MB, "
              f"{r['s_per_step']} s/step", flush=True)
    base = runs.get("default")
    summary = {heap: {"peak_rss_mb": r["peak_rss_mb"], "rss_after_last_step_mb": r["rss_after_step_mb"][-1],
                      "s_per_step": r["s_per_step"],
                      **({"peak_vs_default": round(r["peak_rss_mb"] / base["peak_rss_mb"], 3),
                          "time_vs_default": round(r["s_per_step"] / base["s_per_step"], 3),
                          "losses_equal_default": r["losses"] == base["losses"]} if base and r is not base else {})}
               for heap, r in runs.items()}
    write_json(a.output, {"model": a.model, "batch": a.batch, "steps": a.steps, "summary": summary, "runs": runs,
                          "data": f"slices of the Python {platform.python_version()} standard library's "
                                  f"{', '.join(DATA_PACKAGES)} packages",
                          "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                                      "python": platform.python_version()},
                          "command": "benchmarks/training_memory.py " + " ".join(sys.argv[1:]),
                          "date": time.strftime("%Y-%m-%d")})
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
