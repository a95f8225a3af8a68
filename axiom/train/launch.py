"""Data-parallel LoRA training on one node: `processes` ranks launched with PyTorch's own launcher, torchrun.

`train_parallel` writes a spec (model, examples, output folder, config) into a temp folder and runs
`python -m torch.distributed.run --standalone --nproc_per_node N -m axiom.train.launch SPEC`. Each rank runs
the usual trainer (`train_sft`, `train_dpo`); the HF Trainer sees torchrun's RANK, LOCAL_RANK and WORLD_SIZE,
takes GPU LOCAL_RANK and wraps the model in DDP: each rank trains on its own `batch_size` examples per step
and the gradients are averaged (for SFT over the completion tokens of all ranks, as one process would with
the whole batch). On a CPU the ranks talk over gloo, which is how the tests run it.

Rank 0 alone writes the adapter (atomically, as one process does) and the metrics. A rank that fails stops the
others (torchrun does) and `train_parallel` raises: the rank's own AxiomError where it raised one (bad data,
bad config), else an AxiomError with the rank's error and traceback, or the end of the log where the rank was
killed without a word.
"""

from __future__ import annotations

import codecs
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

import axiom
from axiom import errors
from axiom.config import from_dict, to_dict
from axiom.errors import AxiomError, ConfigError
from axiom.jsonl import read_jsonl, write_json, write_jsonl
from axiom.memory import death_signal, die_with_parent, with_huge_pages
from axiom.train.dpo import train_dpo
from axiom.train.lora import TrainConfig, use_cuda
from axiom.train.sft import train_sft

KINDS = ("sft", "dpo")
TAIL_LINES = 40


def train_parallel(kind: str, model: str, examples: list[dict], out: str | Path, cfg: TrainConfig, *,
                   adapter: str | None = None, val: list[dict] | None = None, progress: bool = True) -> dict:
    """`train_sft` (kind "sft") or `train_dpo` ("dpo") in `cfg.processes` torchrun ranks; rank 0's metrics.

    `examples` are SFT examples or DPO pairs, `val` their validation set. The ranks' output comes to stderr
    as it is written (only the end of it is kept, for the error, when `progress` is false).
    """
    if kind not in KINDS:
        raise ConfigError(f"data-parallel training runs {' and '.join(KINDS)}, not {kind!r}")
    check_gpus(cfg)
    folder = Path(tempfile.mkdtemp(prefix=f"axiom-{kind}-ddp-"))
    try:
        write_jsonl(folder / "train.jsonl", examples)
        if val:
            write_jsonl(folder / "val.jsonl", val)
        spec = {"kind": kind, "model": model, "out": str(out), "adapter": adapter, "progress": progress,
                "config_class": f"{type(cfg).__module__}:{type(cfg).__qualname__}", "config": to_dict(cfg),
                "data": str(folder / "train.jsonl"), "val": str(folder / "val.jsonl") if val else None,
                "result": str(folder / "result.json"), "workdir": str(folder / "work")}
        write_json(folder / "spec.json", spec)
        cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nnodes", "1",
               "--nproc_per_node", str(cfg.processes), "-m", "axiom.train.launch", str(folder / "spec.json")]
        code, tail = _stream(cmd, _rank_env(cfg.processes), echo=progress)
        if code != 0:
            raise _failure(folder, code, tail)
        if not (folder / "result.json").is_file():
            raise AxiomError(f"data-parallel {kind} training ended without rank 0's result; the end of its log:\n"
                             f"{tail}")
        return json.loads((folder / "result.json").read_text())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_gpus(cfg: TrainConfig, key: str = "processes") -> None:
    """One rank per GPU: on a GPU machine `processes` may not exceed its GPUs (on a CPU any number runs, over
    gloo: slower than one process, for testing)."""
    if cfg.processes > 1 and use_cuda(cfg):
        import torch

        if cfg.processes > torch.cuda.device_count():
            raise ConfigError(f"{key}={cfg.processes}, but torch sees {torch.cuda.device_count()} GPU(s) here: "
                              "one process per GPU")


def _rank_env(processes: int) -> dict[str, str]:
    """The ranks import this very axiom (not another one on the path), share the cores (torchrun alone
    would give each rank one thread) and train on huge pages (`axiom.memory.with_huge_pages`)."""
    env = dict(os.environ)
    root = str(Path(axiom.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([root] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env.setdefault("OMP_NUM_THREADS", str(max(1, len(os.sched_getaffinity(0)) // processes)))
    return with_huge_pages(env)


def _stream(cmd: list[str], env: dict[str, str], echo: bool) -> tuple[int, str]:
    """Run `cmd`, copying its output to stderr as it comes (with `echo`); (exit code, its last lines).

    torchrun dies with this process, and its ranks with it; stopped here (Ctrl-C), it is sent SIGTERM, which
    it passes on to its ranks.
    """
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            preexec_fn=death_signal())
    decoder, tail = codecs.getincrementaldecoder("utf-8")(errors="replace"), ""
    try:
        while chunk := proc.stdout.read1(1 << 16):
            text = decoder.decode(chunk)
            tail = (tail + text)[-20000:]
            if echo:
                sys.stderr.write(text)
                sys.stderr.flush()
        return proc.wait(), _last_lines(tail)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        proc.stdout.close()


def _last_lines(text: str) -> str:
    """The last lines of a log, each as a terminal shows it (a progress bar's \\r rewrites its line)."""
    lines = [line.rsplit("\r", 1)[-1] for line in text.rstrip().split("\n")]
    return "\n".join(line for line in lines[-TAIL_LINES:] if line.strip())


def _failure(folder: Path, code: int, tail: str) -> AxiomError:
    """The error a failed launch raises, from the rank that failed first (torchrun then stops the others): its
    own AxiomError where it raised one; else an AxiomError with the exit code and the end of its traceback, or
    of the log where no rank could say (a rank killed, say by the out-of-memory killer)."""
    # the others fail after it (gloo: "Connection closed by peer"), and say when they did
    reports = sorted((json.loads(p.read_text()) for p in folder.glob("error.*.json")), key=lambda r: r["time"])
    if not reports:
        return AxiomError(f"data-parallel training failed: torchrun exited with code {code} (-9 is usually the "
                          f"kernel's out-of-memory killer); the end of its log:\n{tail}")
    error = reports[0]
    cls = getattr(errors, error["error"], None)
    if isinstance(cls, type) and issubclass(cls, AxiomError):
        return cls(error["message"])
    trace = "\n".join(error["traceback"].rstrip().split("\n")[-TAIL_LINES:])
    return AxiomError(f"data-parallel training failed in rank {error['rank']} ({error['error']}: {error['message']}); "
                      f"torchrun exited with code {code}. The end of the rank's traceback:\n{trace}")


def run_rank(spec: dict) -> dict:
    """One rank's training, as the spec says; every rank returns the metrics, rank 0 has written `out`."""
    module, _, name = spec["config_class"].partition(":")
    cls = getattr(importlib.import_module(module), name, None)
    if not (isinstance(cls, type) and issubclass(cls, TrainConfig)):
        raise ConfigError(f"{spec['config_class']} is not a training config class")
    cfg = from_dict(cls, spec["config"])
    rows = [row for _, row in read_jsonl(spec["data"])]
    val = [row for _, row in read_jsonl(spec["val"])] if spec["val"] else None
    if spec["kind"] == "sft":
        return train_sft(spec["model"], rows, spec["out"], cfg, adapter=spec["adapter"], val_examples=val,
                         progress=spec["progress"], workdir=spec["workdir"])
    return train_dpo(spec["model"], rows, spec["out"], cfg, adapter=spec["adapter"], val_pairs=val,
                     progress=spec["progress"])


def main(argv: list[str] | None = None) -> int:
    """`python -m axiom.train.launch SPEC`: one rank, started by torchrun (see `train_parallel`)."""
    die_with_parent()
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: torchrun ... -m axiom.train.launch SPEC.json (written by axiom.train.launch.train_parallel)",
              file=sys.stderr)
        return 2
    spec_file = Path(argv[0])
    spec = json.loads(spec_file.read_text())
    rank = int(os.environ.get("RANK", "0"))
    report = spec_file.parent / f"error.{rank}.json"
    try:
        result = run_rank(spec)
    except AxiomError as e:  # a user's error: its message for the launcher, no traceback
        write_json(report, {"rank": rank, "time": time.time(), "error": type(e).__name__, "message": str(e)})
        print(f"rank {rank}: {e}", file=sys.stderr)
        return 2
    except Exception as e:
        write_json(report, {"rank": rank, "time": time.time(), "error": type(e).__name__, "message": str(e),
                            "traceback": traceback.format_exc()})
        raise
    if rank == 0:
        write_json(spec["result"], result)
    _leave_process_group()
    return 0


def _leave_process_group() -> None:
    """Close the ranks' process group once training is done (a failed rank just exits: a group with a
    collective still waiting on it may not close)."""
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()


if __name__ == "__main__":
    sys.exit(main())
