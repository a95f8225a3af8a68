"""`axiom iterate` checks every key before runs/NAME exists, and `--resume` changes only what cannot change
finished work (axiom.loop.resume), saying why it refuses the rest; a run an older axiom stored with a bad
key can be mended on the command line."""

from __future__ import annotations

import json

import pytest

from axiom.cli import main
from axiom.config import load_config
from axiom.errors import ConfigError
from axiom.loop.config import IterateConfig
from axiom.loop.orchestrator import create_run
from axiom.loop.resume import resume_config
from axiom.loop.rundir import RunDir
from tests.loop.conftest import tiny_config


def no_cuda() -> bool:
    import torch

    return not torch.cuda.is_available()


BAD_KEYS = ["verify.timeout_s=-5", "evaluate.temperature=-1", "model.dtype=float8", "model.device=tpu",
            "generate.max_new_tokens=0", "generate.top_p=2", "verify.workers=0", "verify.timeout_s=1e9"]


@pytest.mark.parametrize("override", BAD_KEYS + (["model.device=cuda"] if no_cuda() else []))
def test_every_key_is_checked_before_the_run_directory_exists(tmp_path, tiny_model, capsys, override):
    config = tiny_config(tmp_path, tiny_model, stopping={"iterations": 0})
    assert main(["iterate", "--config", str(config), "--no-progress", override]) == 2
    err = capsys.readouterr().err
    assert override.partition("=")[0] in err and err.count("\n") == 1, err
    assert not (tmp_path / "runs").exists()


def new_run(tmp_path, tiny_model, **sections) -> RunDir:
    cfg = load_config(IterateConfig, tiny_config(tmp_path, tiny_model, **sections))
    run = create_run(cfg, "tiny.yaml")
    run._lock.close()  # as if the process that created it had ended
    return RunDir(run.path)


def store(run: RunDir, section: str, key: str, value) -> None:
    """Write a value into config.json as an older axiom, which checked less, could have."""
    record = run.read_config()
    record["config"][section][key] = value
    run.config_path.write_text(json.dumps(record))


def test_a_run_stored_with_a_bad_key_is_mended_on_resume(tmp_path, tiny_model, capsys):
    run = new_run(tmp_path, tiny_model, stopping={"iterations": 0}, evaluate={"samples": 0})
    store(run, "verify", "timeout_s", -5)
    assert main(["iterate", "--resume", str(run.path), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "verify.timeout_s" in err and f"axiom iterate --resume {run.path} KEY=VALUE" in err
    assert main(["iterate", "--resume", str(run.path), "--no-progress", "verify.timeout_s=3"]) == 0
    record = json.loads(run.config_path.read_text())
    assert record["config"]["verify"]["timeout_s"] == 3 and record["resumes"][-1]["overrides"] == ["verify.timeout_s=3"]


def test_before_any_stage_finished_a_resume_may_change_what_no_stage_used(tmp_path, tiny_model):
    run = new_run(tmp_path, tiny_model)
    store(run, "model", "dtype", "float8")
    cfg, resolved = resume_config(run, ["model.dtype=float32", "train.lr=1e-3"])
    assert cfg.model.dtype == "float32" and resolved["train"]["lr"] == 1e-3
    with pytest.raises(ConfigError, match="problems.tests cannot change on --resume: the run's problems"):
        resume_config(run, ["problems.tests=3"])


def test_after_a_stage_finished_only_limits_workers_and_stopping_may_change(tmp_path, tiny_model, capsys):
    run = new_run(tmp_path, tiny_model)
    run.finish(0, "eval_val", {"samples": 4})
    assert main(["iterate", "--resume", str(run.path), "train.lr=1"]) == 2
    err = capsys.readouterr().err
    assert "train.lr cannot change on --resume: 1 stage(s) already finished with train.lr=" in err
    assert "verify.timeout_s" in err  # names what may change
    cfg, resolved = resume_config(run, ["verify.workers=1", "verify.timeout_s=5", "verify.memory_mb=512",
                                        "stopping.iterations=4", "train.steady_heap=false"])
    assert (cfg.verify.workers, cfg.verify.timeout_s, cfg.verify.memory_mb, cfg.stopping.iterations) == (1, 5, 512, 4)
    assert cfg.train.steady_heap is False  # memory policy only: the same losses, so an OOM can be mended
    assert resolved["verify"]["workers"] == 1
    assert main(["iterate", "--resume", str(run.path), "verify.workers=0"]) == 2
    assert "verify.workers must be an integer >= 1" in capsys.readouterr().err
