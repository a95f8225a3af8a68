"""The run directory of DESIGN.md, and the stage records that make a run resumable.

    runs/NAME/config.json              resolved config, seeds, versions, git commit
    runs/NAME/state.json               finished stages with what each recorded; the stage now running
    runs/NAME/metrics.jsonl            one line per iteration and split
    runs/NAME/problems/{train,val,test}.jsonl
    runs/NAME/samples/iter_K.jsonl     training samples of iteration K with verdicts
    runs/NAME/samples/iter_K.{val,test}.jsonl   evaluation samples with verdicts
    runs/NAME/solutions/iter_K.jsonl   the training set of iteration K (verified, de-duplicated, replayed)
    runs/NAME/checkpoints/iter_K/      LoRA adapter trained in iteration K

A stage writes its files atomically, then records itself done in state.json (also written
atomically). A kill between the two only repeats that stage; a resumed run starts at the first
stage without a record. Records are never removed, so finished work is never redone.
"""

from __future__ import annotations

import fcntl
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

from axiom.errors import ConfigError
from axiom.jsonl import read_json, read_jsonl, write_json, write_jsonl

STATE_VERSION = 1


class RunDir:
    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.state_path = self.path / "state.json"
        self._state: dict[str, Any] | None = None
        self._lock: Any = None

    def lock(self) -> None:
        """Hold the run for this process (released when it exits, even by SIGKILL); refuse a second runner."""
        if self._lock is not None:
            return
        self.path.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.path / ".lock", "a+")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            self._lock = None
            raise ConfigError(f"{self.path} is being run by another `axiom iterate` process; wait for it or "
                              "stop it first") from None

    # paths -----------------------------------------------------------------
    def problems(self, split: str) -> Path:
        return self.path / "problems" / f"{split}.jsonl"

    def samples(self, k: int, split: str = "train") -> Path:
        return self.path / "samples" / (f"iter_{k}.jsonl" if split == "train" else f"iter_{k}.{split}.jsonl")

    def train_samples(self) -> dict[int, Path]:
        """The training sample files there are, by iteration."""
        found = {}
        for f in sorted((self.path / "samples").glob("iter_*.jsonl")):
            suffix = f.stem.removeprefix("iter_")
            if suffix.isdigit():
                found[int(suffix)] = f
        return found

    def candidates(self, k: int) -> Path:
        return self.path / "samples" / f"iter_{k}.candidates.jsonl"

    def solutions(self, k: int) -> Path:
        return self.path / "solutions" / f"iter_{k}.jsonl"

    def checkpoint(self, k: int) -> Path:
        return self.path / "checkpoints" / f"iter_{k}"

    def sft_checkpoint(self, k: int) -> Path:
        """The SFT adapter that DPO continues, when the loop runs DPO after SFT (iter_K is then DPO's)."""
        return self.path / "checkpoints" / f"iter_{k}.sft"

    @property
    def metrics_path(self) -> Path:
        return self.path / "metrics.jsonl"

    @property
    def config_path(self) -> Path:
        return self.path / "config.json"

    # config ------------------------------------------------------------------
    def write_config(self, resolved: dict[str, Any], extra: dict[str, Any]) -> None:
        record = {"config": resolved, **extra, "versions": versions(), "git_commit": git_commit(),
                  "command": sys.argv}
        write_json(self.config_path, record)

    def note_resume(self, overrides: list[str], resolved: dict[str, Any] | None) -> None:
        """Record a resume (who resumed, with which code, what changed) without losing how the run began."""
        import time

        record = self.read_config()
        if resolved is not None:
            record["config"] = resolved
        record.setdefault("resumes", []).append({"at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "overrides": overrides,
                                                 "versions": versions(), "git_commit": git_commit()})
        write_json(self.config_path, record)

    def read_config(self) -> dict[str, Any]:
        return read_json(self.config_path, "run's config.json")

    # stage records -----------------------------------------------------------
    @property
    def state(self) -> dict[str, Any]:
        if self._state is None:
            if self.state_path.is_file():
                self._state = read_json(self.state_path, "run's state.json")
            else:
                self._state = {"version": STATE_VERSION, "stages": {}, "running": None}
        return self._state

    def done(self, k: int, stage: str) -> bool:
        return f"{k}/{stage}" in self.state["stages"]

    def record(self, k: int, stage: str) -> dict[str, Any]:
        return self.state["stages"][f"{k}/{stage}"]

    def records(self, k: int) -> dict[str, dict[str, Any]]:
        """Iteration k's finished stages and their records, in the order they first finished."""
        prefix = f"{k}/"
        return {key.removeprefix(prefix): info for key, info in self.state["stages"].items() if key.startswith(prefix)}

    def start(self, k: int, stage: str) -> None:
        """Say which stage is running (for people and for tests that kill a run mid-stage)."""
        self.state["running"] = f"{k}/{stage}"
        self._save()

    def finish(self, k: int, stage: str, info: dict[str, Any]) -> None:
        self.state["stages"][f"{k}/{stage}"] = info
        self.state["running"] = None
        self._save()

    def _save(self) -> None:
        write_json(self.state_path, self.state, indent=1)

    # metrics -----------------------------------------------------------------
    def write_metrics(self, k: int, lines: list[dict[str, Any]]) -> None:
        """Replace iteration k's lines (a repeated stage must not duplicate them), atomically."""
        kept = [row for _, row in read_jsonl(self.metrics_path)] if self.metrics_path.is_file() else []
        write_jsonl(self.metrics_path, [row for row in kept if row["iteration"] != k] + lines)

    def read_metrics(self) -> list[dict[str, Any]]:
        return [row for _, row in read_jsonl(self.metrics_path)] if self.metrics_path.is_file() else []


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version(), "platform": platform.platform()}
    for pkg in ("axiom", "torch", "transformers", "peft", "trl", "accelerate"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out


def git_commit() -> str | None:
    """The commit of the axiom checkout running this, with '+dirty' when it has local changes."""
    root = Path(__file__).resolve().parents[2]
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                              timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head + ("+dirty" if dirty else "")
