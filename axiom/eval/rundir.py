"""Reading what a report shows: a loop run directory or an `axiom eval` output directory.

Run directory (its layout is `axiom.loop.rundir.RunDir`'s): config.json, metrics.jsonl (one line per
iteration and split: {"iteration", "split", "metrics": compute_metrics output, "stage_seconds", "train"}),
the sample files. Eval directory: config.json, metrics.json, samples.jsonl; it reads as one
iteration (0) of one split (config["split"], else "eval").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from axiom.errors import AxiomError
from axiom.jsonl import read_jsonl
from axiom.loop.rundir import RunDir

SPLIT_PREFERENCE = ("val", "test", "eval", "train")


@dataclass
class RunData:
    path: Path
    name: str
    config: dict
    records: list[dict]                                    # metrics lines, one per (iteration, split)
    samples: dict[int, Path] = field(default_factory=dict)  # iteration -> sample rows file

    @property
    def splits(self) -> list[str]:
        present = {r["split"] for r in self.records}
        return [s for s in SPLIT_PREFERENCE if s in present] + sorted(present - set(SPLIT_PREFERENCE))

    @property
    def primary_split(self) -> str | None:
        """The split a report's heat maps and family changes use: val, else test, else whatever there is."""
        return self.splits[0] if self.splits else None

    def series(self, split: str) -> list[tuple[int, dict]]:
        """(iteration, metrics) of one split, by iteration; a later line for the same iteration wins."""
        by_iter = {r["iteration"]: r["metrics"] for r in self.records if r["split"] == split}
        return sorted(by_iter.items())

    def split_rows(self, iteration: int, split: str) -> list[dict]:
        """Sample rows of one split: samples/iter_K.SPLIT.jsonl of a run, samples.jsonl of an eval folder."""
        path = RunDir(self.path).samples(iteration, split)
        if not path.exists() and iteration == 0 and (self.path / "metrics.json").exists():
            path = self.path / "samples.jsonl"
        return [row for _, row in read_jsonl(path)] if path.exists() else []

    def sample_rows(self, iteration: int) -> list[dict]:
        path = self.samples.get(iteration)
        if path is None or not path.exists():
            return []
        return [row for _, row in read_jsonl(path)]


def load_run(path: str | Path) -> RunData:
    """A run or eval directory; AxiomError naming what is missing otherwise."""
    path = Path(path)
    if not path.is_dir():
        raise AxiomError(f"{path}: not a directory; give a run directory (runs/NAME) or an `axiom eval -o` folder")
    run = RunDir(path)
    config = _json(run.config_path) if run.config_path.exists() else {}
    name = config.get("name") or path.resolve().name
    if run.metrics_path.exists():
        records = []
        for lineno, rec in read_jsonl(run.metrics_path):
            if not isinstance(rec, dict) or not {"iteration", "split", "metrics"} <= set(rec):
                raise AxiomError(f"{run.metrics_path}:{lineno}: expected an object with iteration, split "
                                 "and metrics")
            records.append(rec)
        return RunData(path, name, config, records, run.train_samples())
    if (path / "metrics.json").exists():
        metrics = _json(path / "metrics.json")
        split = config.get("split") or "eval"
        return RunData(path, name, config, [{"iteration": 0, "split": split, "metrics": metrics}],
                       {0: path / "samples.jsonl"})
    raise AxiomError(f"{path}: no metrics.jsonl (run directory) or metrics.json (`axiom eval` output) in it")


def _json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise AxiomError(f"{path}: not valid JSON ({e.msg} at line {e.lineno})") from None
