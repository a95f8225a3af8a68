"""`axiom pretrain` on the tiny corpus with a model of a few thousand parameters: steps, evaluation, outputs,
and kill-and-resume giving the very same weights as an uninterrupted run."""

import json

import pytest
import torch
from transformers import AutoModelForCausalLM

from axiom.cli import main
from axiom.errors import ConfigError
from axiom.generate.backend import Completion
from axiom.scratch.config import EvalSection
from axiom.scratch.evaluate import function_metrics, function_of, is_function, sample_functions
from axiom.scratch.model import count_parameters
from axiom.scratch.pretrain import Pretraining, pretrain, resume_config
from tests.scratch.conftest import tiny_config

REGULARISED = ("train.dropout=0.1", "train.label_smoothing=0.1", "train.weight_decay=0.1")


@pytest.fixture(scope="module")
def finished(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("runs")
    result = pretrain(tiny_config(corpus[0], out, "run.name=full", "train.save_every=4", *REGULARISED),
                      progress=False)
    return out, result


def test_a_few_steps_write_the_run_directory(finished):
    out, result = finished
    run = out / "full"
    assert result["step"] == 6 and 1_000 < result["parameters"] < 20_000
    lines = [json.loads(x) for x in (run / "metrics.jsonl").read_text().splitlines()]
    assert [r["step"] for r in lines] == [6] and lines[0]["split"] == "functions"
    p = lines[0]["pretrain"]
    assert p["val_loss"] > 0 and p["train_loss"] > 0 and p["n_samples"] == 2
    assert {"syntax_valid_rate", "mode_collapse_rate", "repetition_rate", "duplicate_rate", "finished_rate"} <= set(p)
    model = AutoModelForCausalLM.from_pretrained(result["model"])
    assert type(model).__name__ == "LlamaForCausalLM" and count_parameters(model) == result["parameters"]
    assert json.loads((run / "model" / "axiom_pretrain.json").read_text())["step"] == 6
    assert (run / "checkpoints" / "last.pt").is_file() and (run / "samples" / "functions_6.jsonl").is_file()
    report = (run / "report.html").read_text()
    assert "data:image/png;base64," in report and (run / "plots" / "loss.png").is_file()
    assert json.loads((run / "config.json").read_text())["parameters"] == result["parameters"]


def test_loss_goes_down(corpus, tmp_path):
    job = Pretraining(tiny_config(corpus[0], tmp_path, "train.max_steps=12"), tmp_path / "run", progress=False)
    losses = [job.train_step() for _ in range(12)]
    assert sum(losses[-3:]) / 3 < losses[0] - 0.3


def test_kill_and_resume_gives_the_same_weights(corpus, finished, monkeypatch):
    out, _ = finished
    cfg = tiny_config(corpus[0], out, "run.name=killed", "train.save_every=4", *REGULARISED)
    step = Pretraining.train_step

    def killed_at_six(self):
        if self.step == 5:  # step 5 is done but not saved (checkpoints at 4): lost, as in a real kill
            raise KeyboardInterrupt
        return step(self)

    monkeypatch.setattr(Pretraining, "train_step", killed_at_six)
    with pytest.raises(KeyboardInterrupt):
        pretrain(cfg, progress=False)
    monkeypatch.setattr(Pretraining, "train_step", step)
    assert torch.load(out / "killed" / "checkpoints" / "last.pt", weights_only=False)["step"] == 4
    resumed_cfg, run_dir = resume_config(out / "killed", [])
    assert pretrain(resumed_cfg, resume=run_dir, progress=False)["step"] == 6
    a = torch.load(out / "full" / "checkpoints" / "last.pt", weights_only=False)
    b = torch.load(out / "killed" / "checkpoints" / "last.pt", weights_only=False)
    assert a["model"].keys() == b["model"].keys()
    for key in a["model"]:
        assert torch.equal(a["model"][key], b["model"][key]), key
    for k, state in a["optimizer"]["state"].items():
        assert torch.equal(state["exp_avg"], b["optimizer"]["state"][k]["exp_avg"])
    assert a["data"] == b["data"] and a["losses"] == b["losses"]
    line = lambda name: json.loads((out / name / "metrics.jsonl").read_text().splitlines()[-1])  # noqa: E731
    assert line("full")["pretrain"]["val_loss"] == line("killed")["pretrain"]["val_loss"]
    assert json.loads((out / "killed" / "config.json").read_text())["resumes"]


def test_resume_keeps_the_runs_config(finished):
    out, _ = finished
    cfg, _ = resume_config(out / "full", ["eval.samples=4"])
    assert cfg.eval.samples == 4 and cfg.model.hidden_size == 16
    with pytest.raises(ConfigError, match="cannot change train.lr"):
        resume_config(out / "full", ["train.lr=0.1"])
    with pytest.raises(ConfigError, match="no config.json"):
        resume_config(out / "missing", [])
    with pytest.raises(ConfigError, match="already holds a run"):
        pretrain(cfg, progress=False)


class FixedBackend:
    """Returns the given continuations in order, one per sample."""

    def __init__(self, texts):
        self.texts = texts

    def generate(self, prompts, params, progress=None):
        it = iter(self.texts)
        return [[Completion(next(it), 1, 1, "length") for _ in range(params.n)] for _ in prompts]


def test_sampled_function_metrics():
    assert function_of("def ", "f(x):\n    return x\nprint(f(1))", "length") == ("def f(x):\n    return x\n", True)
    assert function_of("def ", "f(x):\n    return", "length")[1] is False


def test_a_signature_over_several_lines_is_one_function():
    """Black's layout puts the `)` that closes a long signature in column 0: it is not the next statement."""
    completion = "f(\n    a: int,\n    b: int,\n) -> int:\n    return a + b\n\n\nx = 1\n"
    function, finished = function_of("def ", completion, "length")
    assert function == "def f(\n    a: int,\n    b: int,\n) -> int:\n    return a + b\n"
    assert finished and is_function(function)
    texts = [" f(x):\n    return x\n\nx = 1", "g(x):\n    return return x\nz = 2", "h(x):\n    return (x\n",
             "f(x):\n    return x\n\nx = 1"]
    rows = sample_functions(FixedBackend(texts), EvalSection(samples=4), seed=0)
    assert [r["prompt"] for r in rows] == ["def", "def get_", "def is_", "def _"]
    assert [(r["valid"], r["repetitive"], r["duplicate"]) for r in rows] == [
        (True, False, False), (False, True, False), (False, False, False), (True, False, False)]
    m = function_metrics(rows)
    assert m["syntax_valid_rate"] == 0.5 and m["mode_collapse_rate"] == 0.25 and m["finished_rate"] == 0.75


def test_duplicates_count_as_collapse():
    rows = sample_functions(FixedBackend(["(x):\n    pass\ny"] * 2), EvalSection(samples=2), seed=0)
    assert [r["function"] for r in rows] == ["def(x):\n    pass\n", "def get_(x):\n    pass\n"]
    rows = sample_functions(FixedBackend(["f():\n    pass\ny"] * 16), EvalSection(samples=9), seed=0)
    assert function_metrics(rows)["duplicate_rate"] == 2 / 9  # only "deff" twice: prompt 0, samples 0 and 8


def test_config_typos_name_the_key_and_the_allowed_values(tmp_path, capsys):
    assert main(["pretrain", f"run.out_dir={tmp_path}", "train.precison=bf16"]) == 2
    err = capsys.readouterr().err
    assert "train.precison" in err and "Did you mean 'precision'" in err and "label_smoothing" in err
    assert main(["pretrain", f"run.out_dir={tmp_path}", "train.precision=fp16"]) == 2
    assert "choose one of: auto, fp32, bf16" in capsys.readouterr().err
    assert main(["pretrain", "modle.layers=2"]) == 2
    assert "Allowed keys here: data, eval, model, run, train" in capsys.readouterr().err
    assert main(["pretrain", f"data.corpus={tmp_path}", f"run.out_dir={tmp_path}"]) == 2
    assert "not a corpus folder" in capsys.readouterr().err


def test_auto_precision_is_bf16_on_a_cpu_with_bf16_hardware_only(monkeypatch):
    import axiom.generate.hf as hf
    from axiom.scratch.config import TrainSection
    from axiom.scratch.pretrain import pick_setup

    monkeypatch.setattr(hf, "cpu_has_fast_bf16", lambda: True)
    assert pick_setup(TrainSection(device="cpu")).bf16 is True
    assert pick_setup(TrainSection(device="cpu", precision="fp32")).bf16 is False
    monkeypatch.setattr(hf, "cpu_has_fast_bf16", lambda: False)
    assert pick_setup(TrainSection(device="cpu")).bf16 is False
    assert pick_setup(TrainSection(device="cpu", precision="bf16")).bf16 is True
