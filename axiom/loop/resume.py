"""What `axiom iterate --resume RUN_DIR key=value ...` may change, and why the rest may not.

A resumed run never redoes a finished stage, and must end as if it had never stopped. So:

- `ANYTIME` keys may always change: how long the loop goes on (`stopping.iterations`,
  `stopping.patience`) and how the sandbox runs (`verify.workers`, `verify.timeout_s`,
  `verify.memory_mb`, `verify.allow_weak_sandbox`) and how training holds its memory
  (`train.steady_heap`: same losses, another peak; an out-of-memory kill can be mended on resume).
  Finished stages keep their verdicts; the limits apply to the stages still to run, and config.json
  records the change under "resumes".
- Keys of `CREATION` sections (`run`, `problems`, `curriculum`) never change: the run's problem
  files and its training pool were drawn from them when the run was created.
- Any other key may change while no stage has finished (a run that stopped at its first stage,
  e.g. on a model that would not load), and not after: a finished stage used its value.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from axiom.config import apply_overrides, from_dict, load_config, override_keys, to_dict
from axiom.errors import ConfigError
from axiom.loop.config import IterateConfig
from axiom.loop.rundir import RunDir

ANYTIME = ("stopping.iterations", "stopping.patience", "verify.workers", "verify.timeout_s", "verify.memory_mb",
           "verify.allow_weak_sandbox", "train.steady_heap")
CREATION = ("run", "problems", "curriculum")


def stored_config(run: RunDir) -> dict[str, Any]:
    """The resolved config a run started with; ConfigError when `run` is not a loop run directory."""
    path = run.path
    if not run.config_path.is_file():
        raise ConfigError(f"{path}: no config.json here, so this is not a run directory to resume")
    record = run.read_config()
    if not isinstance(record, dict) or not isinstance(record.get("config"), dict):
        hint = " (it looks like an `axiom eval` output folder)" if (path / "metrics.json").is_file() else ""
        raise ConfigError(f"{path}: its config.json is not an `axiom iterate` run's{hint}, so there is no run "
                          "to resume here")
    if not isinstance(run.state.get("stages"), dict):
        raise ConfigError(f"{run.state_path}: not a run's stage records (no 'stages'); the run directory is damaged")
    return record["config"]


def resume_config(run: RunDir, overrides: Sequence[str]) -> tuple[IterateConfig, dict[str, Any] | None]:
    """The config to resume with: the stored one with `overrides` applied where allowed (see the module doc).

    Returns the config and, when something changed, its resolved form for config.json.
    """
    stored = stored_config(run)
    if overrides:
        load_config(IterateConfig, None, overrides)  # unknown keys and bad values, named as usual
        finished = list(run.state["stages"])
        for key in override_keys(overrides):
            refuse_change(key, stored, finished)
    merged = apply_overrides(copy.deepcopy(stored), overrides)
    try:
        cfg = from_dict(IterateConfig, merged)
    except ConfigError as e:  # written by an older axiom that checked less: let the user mend it here
        raise ConfigError(f"{run.config_path}: {e}; mend it on the command line: axiom iterate --resume "
                          f"{run.path} KEY=VALUE") from None
    return cfg, (to_dict(cfg) if overrides else None)


def refuse_change(key: str, stored: dict[str, Any], finished: list[str]) -> None:
    """ConfigError saying why `key` cannot change on this resume; nothing when it can."""
    if key in ANYTIME:
        return
    section = key.split(".")[0]
    new_run = "start a new run instead (--config FILE run.name=NEW)"
    if section in CREATION:
        raise ConfigError(f"{key} cannot change on --resume: the run's problems and training pool were drawn with "
                          f"the {section} settings when the run was created; {new_run}")
    if finished:
        old = _lookup(stored, key)
        raise ConfigError(f"{key} cannot change on --resume: {len(finished)} stage(s) already finished with "
                          f"{key}={old!r} (last {finished[-1]}), and a resumed run must end as if it had never "
                          f"stopped. Keys that may change: {', '.join(ANYTIME)}; or {new_run}")


def _lookup(data: dict[str, Any], key: str) -> Any:
    for part in key.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data
