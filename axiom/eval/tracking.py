"""Experiment tracking, as `report_to` in the HF ecosystem: none | tensorboard | wandb | mlflow.

    tracker = make_tracker("tensorboard", run_dir / "tb", run_name="exp1", config=cfg)
    tracker.log(scalars(record), step=record["iteration"])   # one metrics.jsonl line
    tracker.close()

wandb and mlflow are imported only when chosen, and a missing package is a clear error.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from axiom.errors import ConfigError

REPORT_TO = ("none", "tensorboard", "wandb", "mlflow")
HEADLINE_KEYS = ("pass@1", "greedy_pass@1", "partial_credit")  # per family / difficulty (the rest: overall only)


class Tracker(Protocol):
    def log(self, values: Mapping[str, float], step: int) -> None: ...
    def close(self) -> None: ...


def scalars(record: Mapping) -> dict[str, float]:
    """Numbers to track from one metrics line ({"split", "metrics", "stage_seconds", "train"}):
    every numeric overall metric, headline metrics of the trained and held-out families, per family and per
    difficulty, stage seconds, and the loop's train record under "training/" (the train split's metrics keep
    "train/")."""
    split, m = record.get("split", "eval"), record["metrics"]
    out = {f"{split}/{k}": float(v) for k, v in m.get("overall", {}).items() if _number(v)}
    for group in ("trained", "heldout"):  # the trained and the held-out families, where some are held out
        block = m.get(group) or {}
        out.update({f"{split}/{group}/{k}": float(block[k]) for k in HEADLINE_KEYS if _number(block.get(k))})
    for group in ("by_family", "by_difficulty"):
        for name, block in m.get(group, {}).items():
            out.update({f"{split}/{group}/{name}/{k}": float(block[k]) for k in HEADLINE_KEYS if _number(block.get(k))})
    for prefix, key in (("stage_seconds", "stage_seconds"), ("training", "train")):
        out.update({f"{prefix}/{k}": float(v) for k, v in (record.get(key) or {}).items() if _number(v)})
    return out


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


class NoTracker:
    def log(self, values: Mapping[str, float], step: int) -> None:
        pass

    def close(self) -> None:
        pass


class TensorBoardTracker:
    def __init__(self, log_dir: Path, config: Mapping | None = None) -> None:
        try:
            from torch.utils.tensorboard import SummaryWriter
        except ImportError as e:
            raise ConfigError(f"report_to=tensorboard needs the tensorboard package ({e}): "
                              "pip install tensorboard") from None
        self.writer = SummaryWriter(log_dir=str(log_dir))
        if config:
            import json

            self.writer.add_text("config", f"<pre>{json.dumps(dict(config), indent=2, default=str)}</pre>", 0)

    def log(self, values: Mapping[str, float], step: int) -> None:
        for key, value in values.items():
            self.writer.add_scalar(key, value, step)
        self.writer.flush()

    def close(self) -> None:
        self.writer.close()


class WandbTracker:
    def __init__(self, log_dir: Path, run_name: str | None, config: Mapping | None) -> None:
        wandb = _require("wandb")
        self.run = wandb.init(project="axiom", name=run_name, dir=str(log_dir), config=dict(config or {}))

    def log(self, values: Mapping[str, float], step: int) -> None:
        self.run.log(dict(values), step=step)

    def close(self) -> None:
        self.run.finish()


class MlflowTracker:
    def __init__(self, run_name: str | None, config: Mapping | None) -> None:
        self.mlflow = _require("mlflow")
        self.mlflow.start_run(run_name=run_name)
        if config:
            self.mlflow.log_params({k: str(v)[:250] for k, v in config.items()})

    def log(self, values: Mapping[str, float], step: int) -> None:
        # mlflow metric names may not hold '@'
        self.mlflow.log_metrics({k.replace("@", "_at_"): v for k, v in values.items()}, step=step)

    def close(self) -> None:
        self.mlflow.end_run()


def _require(name: str):
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        raise ConfigError(f"report_to={name} needs the {name} package, which is not installed: pip install {name} "
                          "(or use report_to=tensorboard / none)") from None


def make_tracker(report_to: str, log_dir: str | Path, run_name: str | None = None,
                 config: Mapping | None = None) -> Tracker:
    """A tracker writing under `log_dir` (tensorboard event files, wandb's folder)."""
    if report_to not in REPORT_TO:
        raise ConfigError(f"report_to must be one of {', '.join(REPORT_TO)}, got {report_to!r}")
    log_dir = Path(log_dir)
    if report_to == "none":
        return NoTracker()
    if report_to == "tensorboard":
        return TensorBoardTracker(log_dir, config)
    if report_to == "wandb":
        return WandbTracker(log_dir, run_name, config)
    return MlflowTracker(run_name, config)
