"""report_to: tensorboard event files hold the metrics; wandb / mlflow fail clearly when not installed."""

import importlib.util

import pytest

from axiom.errors import ConfigError
from axiom.eval.rundir import load_run
from axiom.eval.tracking import make_tracker, scalars
from tests.eval.fakerun import build_fake_run


def test_tensorboard_event_file_holds_the_metrics(tmp_path):
    pytest.importorskip("tensorboard")
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    run = load_run(build_fake_run(tmp_path / "run", iterations=3))
    tracker = make_tracker("tensorboard", tmp_path / "tb", run_name="fake", config=run.config)
    for rec in run.records:
        tracker.log(scalars(rec), step=rec["iteration"])
    tracker.close()
    acc = EventAccumulator(str(tmp_path / "tb"))
    acc.Reload()
    tags = acc.Tags()["scalars"]
    assert {"val/greedy_pass@1", "val/pass@1", "train/pass@1", "val/by_family/rpn/pass@1", "stage_seconds/train",
            "training/loss"} <= set(tags)
    events = acc.Scalars("val/greedy_pass@1")
    expected = [m["overall"]["greedy_pass@1"] for _, m in run.series("val")]
    assert [e.step for e in events] == [0, 1, 2]
    assert [e.value for e in events] == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("name", ["wandb", "mlflow"])
def test_missing_tracker_packages_fail_with_a_clear_message(name, tmp_path):
    if importlib.util.find_spec(name) is not None:
        pytest.skip(f"{name} is installed here")
    with pytest.raises(ConfigError, match=f"pip install {name}"):
        make_tracker(name, tmp_path)


def test_unknown_report_to_and_none():
    with pytest.raises(ConfigError, match="tensorboard"):
        make_tracker("comet", "x")
    make_tracker("none", "x").log({"a": 1.0}, 0)  # a no-op that accepts the same calls
