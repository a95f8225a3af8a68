"""Calibration: a model's greedy pass@1 per family and level, and whether each family's levels get harder.

A calibration draws `per_cell` fresh problems per (family, level) as the test split of a
`ProblemSpec` with its own seed (so `axiom problems sample --split test --seed SEED` writes the
same problems, and none is a problem the loop, seeded 42 by default, trains or tests on), decodes
each once greedily and verifies it through `sample_and_verify`, as `axiom eval` does: a cell's rate
is `axiom eval`'s greedy pass@1 on those problems. Families are scored one at a time; each finished
family's samples join DIR/samples.jsonl (rewritten atomically), so `--resume` skips them.

The rules a family's levels must meet (from the issue that asked for this):
- falls_with_level: the solve rate falls as the level rises, Spearman's rho of rate against level
  <= -0.6, unless the family is at its floor (nothing solved) or ceiling (everything solved);
- has_level_ge_50: some level is solved at least half the time;
- has_level_lt_25: some level is solved less than a quarter of the time.

Not covered: with 3 problems a cell, a rate is one of 0, 1/3, 2/3, 1, and its 95% interval is
wide (1/3 is [6%, 79%]); rho over ten such cells is a coarse check of the trend, not a measurement
of each level's difficulty. Sandbox errors (the verifier's fault) are left out of n, as in `axiom eval`.
"""

from __future__ import annotations

import gzip
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from axiom.config import option
from axiom.errors import ConfigError
from axiom.eval.metrics import compute_metrics
from axiom.eval.plots import calibration_heatmap
from axiom.generate.backend import Backend, Sampling
from axiom.generate.batch import Progress, sample_and_verify
from axiom.jsonl import atomic_open, read_json, read_jsonl, write_json, write_jsonl
from axiom.loop.config import EvaluateConfig, ModelConfig, VerifyConfig
from axiom.loop.rundir import git_commit, versions
from axiom.problems.family import CATEGORIES, get_family, registered_families
from axiom.problems.record import Problem
from axiom.problems.spec import ProblemSpec
from axiom.problems.suites import SUITES, parse_difficulties, resolve_families
from axiom.verify.pool import Verifier

CALIBRATION_SEED = 2718  # not the loop's 42: calibration problems are a fresh draw
RHO_MAX = -0.6           # falls_with_level: Spearman's rho of rate against level at most this
EASY_RATE = 0.5          # has_level_ge_50: some level solved at least this often
HARD_RATE = 0.25         # has_level_lt_25: some level solved less often than this
RULES = ("falls_with_level", "has_level_ge_50", "has_level_lt_25")
FILES = ("config.json", "problems.jsonl", "samples.jsonl", "calibration.json", "calibration.md", "heatmap.png")


@dataclass
class CalibrationSpec:
    """What a calibration measures: which problems, and how long a completion may be."""

    suite: str = option("all", f"named family set: {', '.join(SUITES)} (ignored when `families` is given)")
    families: list[str] = option([], "families to calibrate, overriding the suite")
    levels: str = option("1-10", "levels, '1-10' or '1,3,5'")
    per_cell: int = option(3, "problems per (family, level)")
    seed: int = option(CALIBRATION_SEED, "problem seed (the loop's default is 42: keep them apart)")
    tests: int = option(5, "hidden tests per problem")
    max_new_tokens: int = option(EvaluateConfig.max_new_tokens, "tokens per completion (axiom eval's default)")

    def __post_init__(self) -> None:
        for name in ("per_cell", "tests", "max_new_tokens"):
            if getattr(self, name) < 1:
                raise ConfigError(f"calibrate.{name} must be >= 1, got {getattr(self, name)}")
        if self.suite not in SUITES:  # checked even when `families` overrides it: a typo is still a typo
            raise ConfigError(f"calibrate.suite: unknown suite {self.suite!r}; allowed: {', '.join(SUITES)}")
        self.family_names()  # an unknown family: UnknownFamilyError, one line
        try:
            self.level_list()
        except ConfigError as e:
            raise ConfigError(f"calibrate.levels: {e}") from None

    def family_names(self) -> list[str]:
        return resolve_families(self.suite, self.families or None)

    def level_list(self) -> list[int]:
        return parse_difficulties(self.levels)

    def problem_spec(self) -> ProblemSpec:
        """The problems section whose test split the calibration scores."""
        # train_per_cell 1: the least a spec allows; draw() draws the test split first, so it changes nothing
        return ProblemSpec(families=self.family_names(), eval_difficulties=self.levels, test_per_cell=self.per_cell,
                           val_per_cell=0, train_per_cell=1, seed=self.seed, tests=self.tests)

    def sampling(self) -> Sampling:
        """`axiom eval`'s greedy decoding (stop at the end of the first code block, as there)."""
        return EvaluateConfig(max_new_tokens=self.max_new_tokens).sampling(seed=0, sampled=False)


@dataclass
class CalibrateConfig:
    """`axiom problems calibrate`: the loop's model and verify sections, and the calibration's own."""

    model: ModelConfig = field(default_factory=ModelConfig, metadata={"help": "the model calibrated"})
    calibrate: CalibrationSpec = field(default_factory=CalibrationSpec, metadata={"help": "problems and decoding"})
    verify: VerifyConfig = field(default_factory=VerifyConfig, metadata={"help": "sandbox limits"})

    def options(self) -> dict[str, Any]:
        """What the numbers depend on; a resumed calibration must have the same (batch size, device and
        workers may change)."""
        c, m = self.calibrate, self.model
        return {"model": m.name, "adapter": m.adapter, "backend": m.backend, "dtype": m.dtype,
                "families": c.family_names(), "levels": c.level_list(), "per_cell": c.per_cell, "seed": c.seed,
                "tests": c.tests, "max_new_tokens": c.max_new_tokens, "timeout_s": self.verify.timeout_s,
                "memory_mb": self.verify.memory_mb}


def draw(spec: CalibrationSpec) -> dict[str, list[Problem]]:
    """{family: its problems, level by level}: the test split of `spec.problem_spec()`."""
    out: dict[str, list[Problem]] = {name: [] for name in spec.family_names()}
    for p in spec.problem_spec().draw(train_levels=[])["test"]:
        out[p.family].append(p)
    return out


# ---- statistics and rules -------------------------------------------------------------------------------

def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties given the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rho (Pearson's r of the ranks, ties averaged); None when either side is constant."""
    if len(xs) != len(ys):
        raise ValueError(f"spearman needs two sequences of one length, got {len(xs)} and {len(ys)}")
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx) if rx else 0.0, sum(ry) / len(ry) if ry else 0.0
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sxx, syy = sum((a - mx) ** 2 for a in rx), sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def family_checks(rates: Mapping[int, float | None]) -> dict[str, Any]:
    """rho, floor and ceiling, the three rules and whether all hold, for one family's {level: rate}
    (a None rate, a cell of sandbox errors only, is left out)."""
    known = {lv: r for lv, r in sorted(rates.items()) if r is not None}
    rs = list(known.values())
    at_floor, at_ceiling = bool(rs) and max(rs) == 0, bool(rs) and min(rs) == 1
    rho = spearman(list(known), rs) if len(rs) > 1 else None
    checks = {"rho": rho, "at_floor": at_floor, "at_ceiling": at_ceiling,
              "falls_with_level": at_floor or at_ceiling or (rho is not None and rho <= RHO_MAX),
              "has_level_ge_50": any(r >= EASY_RATE for r in rs), "has_level_lt_25": any(r < HARD_RATE for r in rs)}
    checks["meets_rules"] = all(checks[rule] for rule in RULES)
    return checks


def tabulate(problems: Sequence[Problem], rows: Sequence[dict]) -> dict[str, dict[int, dict[str, Any]]]:
    """{family: {level: n, solved, rate, sandbox_errors, statuses}} of greedy rows, by `axiom eval`'s metrics."""
    metrics = compute_metrics({p.id: p for p in problems}, rows, ks=(1,))
    out: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    for cell, block in metrics["by_cell"].items():
        family, level = cell.rsplit("/", 1)
        out[family][int(level)] = {"n": block["n_problems"] - block["sandbox_errors"],
                                   "solved": block.get("greedy_solved", 0), "rate": block.get("greedy_pass@1"),
                                   "sandbox_errors": block["sandbox_errors"], "statuses": block["statuses"]}
    return out


def by_category(families: Sequence[str]) -> list[str]:
    """Families in `axiom problems list` order: by category, then name."""
    return sorted(families, key=lambda n: (CATEGORIES.index(get_family(n).category), n))


def summarize(record: Mapping[str, Any], problems: Mapping[str, Sequence[Problem]], rows: Sequence[dict]) -> dict:
    """calibration.json: per family its cells and checks, a summary with the families failing each rule."""
    table = tabulate([p for ps in problems.values() for p in ps], rows)
    families = {}
    for name in by_category(table):
        cells = {str(lv): table[name][lv] for lv in sorted(table[name])}
        families[name] = {"category": get_family(name).category, "cells": cells,
                          **family_checks({lv: c["rate"] for lv, c in table[name].items()})}
    return calibration_record(record["options"], record.get("started"), families,
                              complete=set(families) == set(problems))


def calibration_record(options: Mapping[str, Any], started: str | None, families: dict[str, dict], *,
                       complete: bool, **summary_extra: Any) -> dict:
    """calibration.json's layout around scored families: the options, the rules and a summary of who fails what."""
    summary = {"families": len(families), "meet_rules": sum(f["meets_rules"] for f in families.values()),
               "failing": {rule: [n for n, f in families.items() if not f[rule]] for rule in RULES},
               "at_floor": [n for n, f in families.items() if f["at_floor"]],
               "at_ceiling": [n for n, f in families.items() if f["at_ceiling"]], **summary_extra}
    return {"model": options["model"], "adapter": options["adapter"], "options": dict(options),
            "git_commit": git_commit(), "started": started, "date": now(), "complete": complete,
            "levels": options["levels"], "rules": {"rho_max": RHO_MAX, "easy_rate": EASY_RATE, "hard_rate": HARD_RATE},
            "families": families, "summary": summary}


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


# ---- the run --------------------------------------------------------------------------------------------

def start_record(cfg: CalibrateConfig, argv: Sequence[str]) -> dict[str, Any]:
    """DIR/config.json of a new calibration: its options (compared on resume) and how it ran."""
    m = cfg.model
    return {"options": cfg.options(), "run": {"batch_size": m.batch_size, "device": m.device,
                                              "workers": cfg.verify.workers},
            "argv": list(argv), "started": now(), "git_commit": git_commit(), "versions": versions()}


def finished_rows(out: Path, options: Mapping[str, Any], problems: Mapping[str, Sequence[Problem]]
                  ) -> tuple[dict[str, Any], list[dict]]:
    """(the stored config.json, the samples of every family scored in full) of the calibration in `out`.

    ConfigError when `out` holds no calibration, or one started with other options.
    """
    path = out / "config.json"
    if not path.is_file():
        raise ConfigError(f"--resume: {out} holds no calibration (no config.json); leave out --resume to start one")
    record = read_json(path, "calibration's config.json")
    stored = record.get("options") if isinstance(record, dict) else None
    if not isinstance(stored, dict):
        raise ConfigError(f"--resume: {path} is not a calibration's config.json (no options)")
    changed = [f"{k}: {stored.get(k)!r} there, {v!r} now" for k, v in options.items() if stored.get(k) != v]
    if changed:
        raise ConfigError(f"--resume: {out} was started with other options ({'; '.join(changed)}); give the same "
                          "options to resume it, or write a new calibration elsewhere")
    samples = out / "samples.jsonl"
    rows = [row for _, row in read_jsonl(samples)] if samples.is_file() else []
    ids = {name: {p.id for p in ps} for name, ps in problems.items()}
    seen: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        pid = row.get("problem_id") if isinstance(row, dict) else None
        family = pid.split("/", 1)[0] if isinstance(pid, str) else ""
        if pid not in ids.get(family, ()):
            raise ConfigError(f"--resume: {samples} has a sample of {pid!r}, not one of this calibration's "
                              "problems; the folder is damaged")
        seen[family].add(pid)
    done = {name for name in seen if seen[name] == ids[name]}
    return record, [r for r in rows if r["problem_id"].split("/", 1)[0] in done]


def pending(problems: Mapping[str, Sequence[Problem]], rows: Sequence[dict]) -> list[str]:
    """The families without samples, in order."""
    scored = {r["problem_id"].split("/", 1)[0] for r in rows}
    return [name for name in problems if name not in scored]


def calibrate(backend: Backend, problems: Mapping[str, Sequence[Problem]], sampling: Sampling, out: Path,
              record: Mapping[str, Any], rows: Sequence[dict] = (), *, verifier: Verifier | None = None,
              progress: bool = True) -> dict:
    """Score every family without rows, one at a time; after each, rewrite DIR's samples and outputs."""
    rows = list(rows)
    calibration = summarize(record, problems, rows)
    todo = pending(problems, rows)
    with Progress(sum(len(problems[f]) for f in todo), "calibrate", progress) as bar:
        for name in todo:
            bar.bar.set_description(name)
            new, _, _ = sample_and_verify(backend, problems[name], [sampling], verifier=verifier, mark_greedy=True,
                                          progress=False, bar=bar)
            rows += new
            write_jsonl(out / "samples.jsonl", rows)
            calibration = summarize(record, problems, rows)
            write_outputs(out, calibration)
            bar.bar.write(family_line(name, calibration["families"][name]), file=sys.stderr)
    return calibration


def write_outputs(out: Path, calibration: dict) -> None:
    """calibration.json, calibration.md and heatmap.png, each atomically."""
    write_json(out / "calibration.json", calibration, indent=1)
    with atomic_open(out / "calibration.md") as f:
        f.write(markdown(calibration) + "\n")
    with atomic_open(out / "heatmap.png", "wb") as f:
        f.write(calibration_heatmap(calibration))


def load_calibration(folder: str | Path) -> dict:
    """DIR/calibration.json (DIR or the file itself)."""
    path = Path(folder)
    path = path / "calibration.json" if path.is_dir() else path
    data = read_json(path, "calibration.json")
    if not isinstance(data, dict) or not isinstance(data.get("families"), dict):
        raise ConfigError(f"{path} is not a calibration (no families); write one with `axiom problems calibrate`")
    return data


def stored_problems(folder: Path) -> dict[str, list[dict]]:
    """{family: its problems as records} of the calibration in `folder` (problems.jsonl, or .jsonl.gz as
    committed under benchmarks/results)."""
    plain, packed = folder / "problems.jsonl", folder / "problems.jsonl.gz"
    if plain.is_file():
        lines = plain.read_text().splitlines()
    elif packed.is_file():
        lines = gzip.decompress(packed.read_bytes()).decode().splitlines()
    else:
        raise ConfigError(f"{folder} holds no problems.jsonl: not a calibration folder")
    out: dict[str, list[dict]] = defaultdict(list)
    for line in lines:
        if line.strip():
            record = json.loads(line)
            out[record["family"]].append(record)
    return out


MERGED_OPTIONS = ("model", "adapter", "levels", "per_cell", "seed", "tests", "max_new_tokens", "timeout_s",
                  "memory_mb")


def merge(folders: Sequence[str | Path]) -> dict:
    """One calibration of every registered family from several of one model and options.

    Each family's row is taken from the newest folder (by its start time) that scored it on exactly
    the problems today's generators draw: a row scored before a family's redesign is not today's
    family's. Families that no folder scored so are listed in the summary's `not_scored`.
    """
    sources = []
    for folder in map(Path, folders):
        calibration = load_calibration(folder)
        sources.append((calibration.get("started") or "", folder, calibration, stored_problems(folder)))
    if not sources:
        raise ConfigError("--merge needs at least one calibration folder")
    first = sources[0][2]["options"]
    for _, folder, calibration, _ in sources[1:]:
        other = calibration["options"]
        differ = [f"{k}: {first.get(k)!r} in {sources[0][1]}, {other.get(k)!r} here" for k in MERGED_OPTIONS
                  if first.get(k) != other.get(k)]
        if differ:
            raise ConfigError(f"{folder} was calibrated with other options ({'; '.join(differ)}); only "
                              "calibrations of one model with the same options merge")
    names = by_category(registered_families())
    spec = CalibrationSpec(families=names, levels=",".join(map(str, first["levels"])), per_cell=first["per_cell"],
                           seed=first["seed"], tests=first["tests"], max_new_tokens=first["max_new_tokens"])
    today = {name: [p.to_dict() for p in ps] for name, ps in draw(spec).items()}
    families, not_scored = {}, []
    for name in names:
        for _, folder, calibration, problems in sorted(sources, key=lambda s: s[0], reverse=True):
            if name in calibration["families"] and problems.get(name) == today[name]:
                families[name] = {**calibration["families"][name], "source": folder.name}
                break
        else:
            not_scored.append(name)
    merged = calibration_record({**first, "families": names}, min(s[0] for s in sources), families,
                                complete=not not_scored, not_scored=not_scored)
    merged["sources"] = [{"folder": str(folder), "started": started,
                          "families": sum(f.get("source") == folder.name for f in families.values())}
                         for started, folder, _, _ in sources]
    return merged


# ---- text -----------------------------------------------------------------------------------------------

def _rho(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def _falls(f: Mapping[str, Any]) -> str:
    return "floor" if f["at_floor"] else "ceiling" if f["at_ceiling"] else "✓" if f["falls_with_level"] else "✗"


def family_line(name: str, f: Mapping[str, Any]) -> str:
    """One family's cells and checks, for the terminal."""
    cells = " ".join(f"{c['solved']}/{c['n']}" for c in f["cells"].values())
    verdict = "meets the rules" if f["meets_rules"] else "fails " + ", ".join(r for r in RULES if not f[r])
    return f"{name:<30} {cells}  rho {_rho(f['rho'])}  {verdict}"


def markdown(calibration: Mapping[str, Any]) -> str:
    """The calibration as Markdown: a line on what was measured, the table, which families fail which rule."""
    o, levels = calibration["options"], calibration["levels"]
    model = f"`{o['model']}`" + (f" with adapter `{o['adapter']}`" if o["adapter"] else "")
    lines = [f"Greedy pass@1 of {model}: problems solved of those drawn per level ({o['per_cell']} a cell, seed "
             f"{o['seed']}, {o['max_new_tokens']} new tokens). ρ: Spearman's rank correlation of the solve rate with "
             f"the level; falls: ρ <= {RHO_MAX} (or nothing / everything solved: floor / ceiling); ≥50%: some "
             f"level solved at least half the time; <25%: some level solved less than a quarter of the time.", "",
             "| category | family | " + " | ".join(map(str, levels)) + " | ρ | falls | ≥50% | <25% |",
             "|---|---|" + "---|" * len(levels) + "---|---|---|---|"]
    merged = "sources" in calibration  # merge(): each row says which calibration scored it
    if merged:
        lines[0] += " Merged: each family's row from the newest calibration that scored it on today's problems."
        lines[2:4] = [lines[2] + " scored in |", lines[3] + "---|"]
    mark = lambda ok: "✓" if ok else "✗"
    for name, f in calibration["families"].items():
        cells = [f"{c['solved']}/{c['n']}" if (c := f["cells"].get(str(lv))) else "" for lv in levels]
        lines.append(f"| {f['category']} | `{name}` | " + " | ".join(cells) + f" | {_rho(f['rho'])} | {_falls(f)} | "
                     f"{mark(f['has_level_ge_50'])} | {mark(f['has_level_lt_25'])} |"
                     + (f" {f['source']} |" if merged else ""))
    return "\n".join(lines + [""] + summary_lines(calibration, code="`"))


def summary_lines(calibration: Mapping[str, Any], code: str = "") -> list[str]:
    """How many families meet every rule, and which fail each rule (names in `code` quotes)."""
    s, o = calibration["summary"], calibration["options"]
    lines = [f"{s['meet_rules']} of {s['families']} families meet every rule."]
    names = {"falls_with_level": "not falling with the level", "has_level_ge_50": "no level solved ≥50%",
             "has_level_lt_25": "no level solved <25%"}
    lines += [f"- {names[rule]}: {', '.join(f'{code}{n}{code}' for n in failing)}"
              for rule, failing in s["failing"].items() if failing]
    if s.get("not_scored"):
        lines.append(f"Not scored on today's problems: {', '.join(f'{code}{n}{code}' for n in s['not_scored'])}.")
    elif not calibration["complete"]:
        lines.append(f"Partial: {s['families']} of {len(o['families'])} families scored so far.")
    return lines
