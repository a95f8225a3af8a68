"""`pretrain`: a Llama trained from scratch on a corpus, resumable, evaluated as it goes.

The run directory (`run.out_dir/run.name`, `axiom.loop.rundir.RunDir`'s layout where it applies):

    config.json                   resolved config, corpus summary, parameter count, versions, git commit, resumes
    metrics.jsonl                 one line per evaluation (below)
    checkpoints/last.pt           model, optimiser, scheduler, RNG states and data position (`--resume`)
    model/                        `save_pretrained` model + tokenizer as of the last evaluation (the final one
                                  at the end), with axiom_pretrain.json
    samples/functions_STEP.jsonl  the sampled functions of an evaluation
    samples/iter_STEP.humaneval_mini.jsonl   its HumanEval-mini sample rows (as `axiom eval` writes them)
    report.html, plots/

A metrics line: {"iteration": step, "split": "humaneval_mini" (or "functions" without it), "step",
"tokens", "metrics": `compute_metrics` of the HumanEval-mini rows, "pretrain": {"train_loss",
"val_loss", "lr", "syntax_valid_rate", "mode_collapse_rate", ...}, "seconds"}: the shape the
other runs' lines have, so `axiom report` reads it too.

Resuming restores everything a step depends on, so kill-and-resume gives the same weights as an
uninterrupted run, bit for bit on a CPU (on CUDA only as far as its kernels are deterministic).
Evaluation runs under `torch.random.fork_rng`, so it does not move the training's random streams.
"""

from __future__ import annotations

import contextlib
import math
import os
import random
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from axiom.config import apply_overrides, from_dict, override_keys, to_dict
from axiom.errors import ConfigError
from axiom.generate.batch import open_backend
from axiom.generate.hf import auto_precision
from axiom.jsonl import read_json, write_jsonl
from axiom.loop.rundir import RunDir
from axiom.scratch.config import RESUMABLE_KEYS, PretrainConfig, TrainSection
from axiom.scratch.data import TokenWindows, validation_batches
from axiom.scratch.evaluate import function_metrics, humaneval_mini, lm_loss, sample_functions, validation_loss
from axiom.scratch.model import build_model, count_parameters, save_model
from axiom.scratch.report import write_pretrain_report
from axiom.scratch.tokenizer import load_tokenizer, read_tokens
from axiom.verify.pool import Verifier


def lr_factor(t: TrainSection, step: int) -> float:
    """The learning rate at `step` as a share of `t.lr`: linear warmup, then cosine/linear decay to min_lr."""
    if step < t.warmup_steps:
        return (step + 1) / t.warmup_steps
    floor = t.min_lr / t.lr
    progress = min(1.0, (step - t.warmup_steps) / max(1, t.max_steps - t.warmup_steps))
    if t.schedule == "constant":
        return 1.0
    decay = 0.5 * (1 + math.cos(math.pi * progress)) if t.schedule == "cosine" else 1 - progress
    return floor + (1 - floor) * decay


@dataclass
class Setup:
    device: str
    bf16: bool

    def autocast(self):
        import torch

        if not self.bf16:
            return contextlib.nullcontext()
        return torch.autocast("cuda" if self.device.startswith("cuda") else "cpu", dtype=torch.bfloat16)


def pick_setup(t: TrainSection) -> Setup:
    import torch

    cuda = torch.cuda.is_available()
    if t.device == "cuda" and not cuda:
        raise ConfigError("train.device is cuda but torch sees no CUDA GPU here; use auto or cpu")
    device = "cuda" if t.device == "cuda" or (t.device == "auto" and cuda) else "cpu"
    # auto as for LoRA training, except that a GPU without bf16 pretrains in fp32 (fp16 would need a loss scaler)
    bf16 = (auto_precision(device) if t.precision == "auto" else t.precision) == "bf16"
    return Setup(device, bf16)


class Pretraining:
    """One run: its model, optimiser, data and run directory. `run_steps()` trains from `self.step` to the end."""

    def __init__(self, cfg: PretrainConfig, run_dir: Path, progress: bool = True) -> None:
        import torch

        self.cfg, self.progress, self.run = cfg, progress, RunDir(run_dir)
        corpus = Path(cfg.data.corpus)
        if not (corpus / "corpus.json").is_file():
            raise ConfigError(f"data.corpus {corpus}: not a corpus folder (no corpus.json); build one with "
                              f"`axiom corpus build -o {corpus}`")
        self.corpus = read_json(corpus / "corpus.json", "corpus.json")
        if cfg.train.threads:
            torch.set_num_threads(cfg.train.threads)
        self.setup = pick_setup(cfg.train)
        self.tokenizer = load_tokenizer(corpus / "tokenizer")
        vocab = len(self.tokenizer)
        self.val_tokens = read_tokens(corpus / "val.bin", vocab)
        self.data = TokenWindows(read_tokens(corpus / "train.bin", vocab), cfg.model.context, cfg.train.batch_size,
                                 cfg.train.seed)
        torch.manual_seed(cfg.train.seed)
        random.seed(cfg.train.seed)
        self.model = build_model(cfg.model, self.tokenizer, cfg.train.dropout).to(self.setup.device)
        self.parameters = count_parameters(self.model)
        t = cfg.train
        decay = [p for p in self.model.parameters() if p.dim() >= 2]
        rest = [p for p in self.model.parameters() if p.dim() < 2]
        self.optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": t.weight_decay},
                                            {"params": rest, "weight_decay": 0.0}], lr=t.lr,
                                           betas=(t.beta1, t.beta2))
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(self.optimizer, partial(lr_factor, t))
        self.step, self.losses, self.seconds = 0, [], 0.0

    @property
    def checkpoint_path(self) -> Path:
        return self.run.path / "checkpoints" / "last.pt"

    @property
    def lr(self) -> float:
        return self.scheduler.get_last_lr()[0]

    @property
    def tokens_per_step(self) -> int:
        t = self.cfg.train
        return t.batch_size * t.grad_accum * self.cfg.model.context

    def train_step(self) -> float:
        """One optimiser step over grad_accum micro-batches; the mean loss."""
        import torch

        t, device = self.cfg.train, self.setup.device
        self.model.train()
        total = 0.0
        for _ in range(t.grad_accum):
            inputs, labels = self.data.next_batch()
            with self.setup.autocast():
                loss = lm_loss(self.model, inputs.to(device), labels.to(device), t.label_smoothing) / t.grad_accum
            loss.backward()
            total += loss.item()
        if t.grad_clip > 0:
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), t.grad_clip)
        self.optimizer.step()
        self.scheduler.step()
        self.optimizer.zero_grad(set_to_none=True)
        self.step += 1
        return total

    def run_steps(self) -> None:
        """Train to train.max_steps, evaluating every eval.every steps and saving the checkpoint."""
        from tqdm import tqdm

        t, e = self.cfg.train, self.cfg.eval
        with contextlib.ExitStack() as stack:
            verifier = stack.enter_context(Verifier(workers=e.workers)) if e.humaneval_mini else None
            bar = stack.enter_context(tqdm(total=t.max_steps, initial=self.step, desc="pretrain", unit="step",
                                           file=sys.stderr, disable=not self.progress, dynamic_ncols=True))
            while self.step < t.max_steps:
                start = time.perf_counter()
                self.losses.append(self.train_step())
                self.seconds += time.perf_counter() - start
                bar.update(1)
                if self.step % t.log_every == 0 or self.step == t.max_steps:
                    recent = self.losses[-t.log_every:]
                    bar.set_postfix(loss=f"{sum(recent) / len(recent):.3f}", lr=f"{self.lr:.2e}",
                                    tok_s=f"{self.tokens_per_step * self.step / max(self.seconds, 1e-9):.0f}")
                evaluated = self.step % e.every == 0 or self.step == t.max_steps
                if evaluated:
                    self.evaluate(verifier)
                if evaluated or self.step % t.save_every == 0:
                    self.save_checkpoint()

    def evaluate(self, verifier) -> dict:
        """Validation loss, sampled functions and HumanEval-mini at this step -> metrics.jsonl and model/."""
        import torch

        cfg, setup, step = self.cfg, self.setup, self.step
        start = time.perf_counter()
        batches = validation_batches(self.val_tokens, cfg.model.context, cfg.train.batch_size, cfg.eval.val_batches)
        devices = [torch.cuda.current_device()] if setup.device == "cuda" else []
        with torch.random.fork_rng(devices=devices):
            val_loss = validation_loss(self.model, batches, setup.device, setup.autocast)
            model_dir = save_model(self.model, self.tokenizer, self.run.path / "model", self.meta())
            backend = open_backend("hf", str(model_dir), device=setup.device, dtype="bf16" if setup.bf16 else "fp32")
            functions = sample_functions(backend, cfg.eval, seed=cfg.train.seed)
            rows, metrics = humaneval_mini(backend, cfg.eval, verifier) if verifier is not None else ([], None)
            del backend
        write_jsonl(self.run.path / "samples" / f"functions_{step}.jsonl", functions)
        window = self.losses[-cfg.eval.every:]
        scalars = {"train_loss": sum(window) / len(window) if window else None, "val_loss": val_loss,
                   "lr": self.lr, **function_metrics(functions)}
        scored = metrics is not None
        if scored:
            write_jsonl(self.run.samples(step, "humaneval_mini"), rows)
            scalars["humaneval_mini_pass@1"] = metrics["overall"].get("greedy_pass@1")
        else:  # the report and `axiom report` read "metrics"; without HumanEval-mini it holds the function rates
            metrics = {"overall": {"n_problems": 0, "syntax_valid_rate": scalars["syntax_valid_rate"],
                                   "mode_collapse_rate": scalars["mode_collapse_rate"]},
                       "by_family": {}, "by_difficulty": {}, "by_cell": {}}
        line = {"iteration": step, "split": "humaneval_mini" if scored else "functions", "step": step,
                "tokens": step * self.tokens_per_step, "metrics": metrics, "pretrain": scalars,
                "seconds": {"train": round(self.seconds, 2), "eval": round(time.perf_counter() - start, 2)}}
        self.run.write_metrics(step, [line])
        write_pretrain_report(self.run.path)
        return line

    def meta(self) -> dict:
        return {"step": self.step, "parameters": self.parameters, "tokens": self.step * self.tokens_per_step,
                "config": to_dict(self.cfg), "corpus": str(Path(self.cfg.data.corpus).resolve())}

    def save_checkpoint(self) -> None:
        import numpy as np
        import torch

        state = {"step": self.step, "model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(),
                 "scheduler": self.scheduler.state_dict(), "data": self.data.state_dict(),
                 "losses": self.losses, "seconds": self.seconds,
                 "rng": {"torch": torch.get_rng_state(), "python": random.getstate(), "numpy": np.random.get_state(),
                         "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else None}}
        self.checkpoint_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.checkpoint_path.with_name(f".{self.checkpoint_path.name}.tmp")
        torch.save(state, tmp)
        os.replace(tmp, self.checkpoint_path)

    def load_checkpoint(self) -> None:
        import numpy as np
        import torch

        state = torch.load(self.checkpoint_path, map_location=self.setup.device, weights_only=False)
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.scheduler.load_state_dict(state["scheduler"])
        self.data.load_state_dict(state["data"])
        self.step, self.losses, self.seconds = state["step"], state["losses"], state["seconds"]
        rng = state["rng"]
        torch.set_rng_state(rng["torch"].cpu())
        random.setstate(rng["python"])
        np.random.set_state(rng["numpy"])
        if rng["cuda"] is not None and torch.cuda.is_available():
            torch.cuda.set_rng_state_all([s.cpu() for s in rng["cuda"]])
        # evaluations after the checkpoint are redone: their lines go
        lines = self.run.read_metrics()
        write_jsonl(self.run.metrics_path, [r for r in lines if r["iteration"] <= self.step])


def resume_config(run_dir: str | Path, overrides: list[str]) -> tuple[PretrainConfig, Path]:
    """The config a run began with, plus the overrides --resume allows (`RESUMABLE_KEYS`)."""
    run = RunDir(run_dir)
    if not run.config_path.is_file() or not (run.path / "checkpoints" / "last.pt").is_file():
        raise ConfigError(f"--resume {run_dir}: no config.json and checkpoints/last.pt there; is it a run directory "
                          "of `axiom pretrain` that saved a checkpoint?")
    bad = [k for k in override_keys(overrides) if not k.startswith(RESUMABLE_KEYS)]
    if bad:
        raise ConfigError(f"--resume cannot change {', '.join(bad)}: the run would no longer be the one it was; "
                          f"allowed: {', '.join(k + '*' if k.endswith('.') else k for k in RESUMABLE_KEYS)}")
    data = apply_overrides(run.read_config()["config"], overrides)
    return from_dict(PretrainConfig, data), run.path


def pretrain(cfg: PretrainConfig, resume: str | Path | None = None, *, resume_overrides: list[str] | None = None,
             progress: bool = True) -> dict:
    """Train (or resume) a run; return {"run", "model", "step", "parameters", "report"}.

    `resume`: a run directory to continue (its config comes from `resume_config`; `resume_overrides` are
    recorded in its config.json).
    """
    run_dir = Path(resume) if resume is not None else Path(cfg.run.out_dir) / cfg.run.name
    if resume is None and (run_dir / "checkpoints" / "last.pt").exists():
        raise ConfigError(f"{run_dir} already holds a run; continue it with --resume {run_dir}, or set another "
                          "run.name")
    job = Pretraining(cfg, run_dir, progress)
    if resume is not None:
        job.load_checkpoint()
        job.run.note_resume(list(resume_overrides or []), to_dict(cfg))
    else:
        run_dir.mkdir(parents=True, exist_ok=True)
        job.run.write_config(to_dict(cfg), {"name": cfg.run.name, "parameters": job.parameters,
                                            "tokens_per_step": job.tokens_per_step, "corpus": _corpus_facts(job)})
    if progress:
        print(f"{job.parameters:,} parameters, {job.tokens_per_step:,} tokens a step, {job.setup.device}"
              f"{' bf16' if job.setup.bf16 else ''}; run directory {run_dir}", file=sys.stderr)
    job.run_steps()
    return {"run": str(run_dir), "model": str(run_dir / "model"), "step": job.step, "parameters": job.parameters,
            "report": str(run_dir / "report.html")}


def _corpus_facts(job: Pretraining) -> dict:
    c = job.corpus
    return {"path": str(Path(job.cfg.data.corpus).resolve()), "files": c.get("files"), "bytes": c.get("bytes"),
            "tokens": c.get("tokens"), "tokens_by_split": c.get("tokens_by_split"), "vocab_size": c.get("vocab_size")}

