"""`axiom problems calibrate`: Spearman's rho, the difficulty rules, the draw, and runs on a tiny local model."""

from __future__ import annotations

import json
import shutil

import pytest

from axiom.cli import main
from axiom.errors import ConfigError
from axiom.problems import calibrate as cal
from axiom.problems.record import save_problems
from axiom.problems.spec import ProblemSpec

FAMILIES = "reverse_string,fizzbuzz"  # strings, then math: the order `axiom problems list` shows
RUN = ["problems", "calibrate", "--families", FAMILIES, "--levels", "1,4", "--per-cell", "1", "--max-new-tokens", "6",
       "--batch-size", "1", "--device", "cpu", "--no-progress"]


# ---- Spearman's rho -----------------------------------------------------------------------------------------

def test_ranks_average_ties():
    assert cal.ranks([10, 20, 20, 30]) == [1, 2.5, 2.5, 4]
    assert cal.ranks([0, 0, 0]) == [2, 2, 2]
    assert cal.ranks([3, 1, 2]) == [3, 1, 2]


def test_spearman_known_values():
    assert cal.spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) == pytest.approx(0.8207826816681233)  # scipy's example
    assert cal.spearman([1, 2, 3, 4], [1.0, 1.0, 0.0, 0.0]) == pytest.approx(-2 / 5 ** 0.5)  # ties: -0.894
    assert cal.spearman(range(1, 11), [1 - lv / 10 for lv in range(1, 11)]) == pytest.approx(-1.0)
    assert cal.spearman([1, 2, 3], [0.1, 0.5, 0.9]) == pytest.approx(1.0)
    assert cal.spearman([1, 2, 3], [2 / 3, 2 / 3, 2 / 3]) is None  # constant: undefined
    assert cal.spearman([1], [0.5]) is None
    with pytest.raises(ValueError):
        cal.spearman([1, 2], [1.0])


# ---- the rules ----------------------------------------------------------------------------------------------

def checks(*rates):
    return cal.family_checks(dict(enumerate(rates, 1)))


def test_a_family_that_gets_harder_meets_every_rule():
    c = checks(1, 1, 2 / 3, 2 / 3, 1 / 3, 1 / 3, 0, 1 / 3, 0, 0)
    assert c["rho"] < -0.9 and not c["at_floor"] and not c["at_ceiling"]
    assert c["falls_with_level"] and c["has_level_ge_50"] and c["has_level_lt_25"] and c["meets_rules"]


def test_floor_and_ceiling_are_exempt_from_falling_but_fail_a_range_rule():
    floor, ceiling = checks(0, 0, 0, 0), checks(1, 1, 1, 1)
    assert floor["at_floor"] and floor["rho"] is None and floor["falls_with_level"]
    assert not floor["has_level_ge_50"] and floor["has_level_lt_25"] and not floor["meets_rules"]
    assert ceiling["at_ceiling"] and ceiling["falls_with_level"]
    assert ceiling["has_level_ge_50"] and not ceiling["has_level_lt_25"] and not ceiling["meets_rules"]


def test_a_flat_middling_family_does_not_fall():
    c = checks(1 / 3, 1 / 3, 1 / 3)  # constant, neither floor nor ceiling: rho undefined, and it does not fall
    assert c["rho"] is None and not c["falls_with_level"] and not c["meets_rules"]


def test_the_rho_threshold_and_rate_boundaries():
    at = checks(0.6, 1.0, 0.8, 0.0, 0.4)  # ranks 3 5 4 1 2: rho = -0.6 exactly, which passes
    assert at["rho"] == -0.6 and at["falls_with_level"] and at["meets_rules"]
    above = checks(1, 0, 1, 0, 0)  # rho -0.577: a rise at level 3 is too much
    assert above["rho"] == pytest.approx(-5 / 75 ** 0.5) and not above["falls_with_level"]
    assert above["has_level_ge_50"] and above["has_level_lt_25"] and not above["meets_rules"]
    edges = checks(0.5, 0.25)  # 50% counts as solved half the time; 25% is not below a quarter
    assert edges["has_level_ge_50"] and not edges["has_level_lt_25"]


def test_a_cell_of_sandbox_errors_only_is_left_out():
    c = cal.family_checks({1: 1.0, 2: None, 3: 0.5, 4: 0.0})
    assert c["rho"] == pytest.approx(-1.0) and c["meets_rules"]


# ---- the draw and the tables, without a model ---------------------------------------------------------------

def test_the_draw_is_the_test_split_of_a_problem_spec_with_its_own_seed():
    spec = cal.CalibrationSpec(families=["rpn", "two_sum"], levels="1,5", per_cell=2)
    drawn = cal.draw(spec)
    assert list(drawn) == ["rpn", "two_sum"] and [len(ps) for ps in drawn.values()] == [4, 4]
    same = ProblemSpec(families=["rpn", "two_sum"], train_difficulties="1", eval_difficulties="1,5", test_per_cell=2,
                       seed=cal.CALIBRATION_SEED).draw()
    assert [p.to_dict() for ps in drawn.values() for p in ps] == [p.to_dict() for p in same["test"]]
    loop = ProblemSpec(families=["rpn", "two_sum"], eval_difficulties="1,5", test_per_cell=2).draw()  # seed 42
    assert not {p.prompt for ps in drawn.values() for p in ps} & {p.prompt for s in loop.values() for p in s}


def test_problems_sample_writes_the_calibration_problems(tmp_path):
    out = tmp_path / "test.jsonl"
    assert main(["problems", "sample", "--families", "rpn,two_sum", "--difficulties", "1-10", "--per-cell", "1",
                 "--split", "test", "--seed", str(cal.CALIBRATION_SEED), "-o", str(out)]) == 0
    drawn = cal.draw(cal.CalibrationSpec(families=["rpn", "two_sum"], per_cell=1))
    assert read_rows(out) == [p.to_dict() for ps in drawn.values() for p in ps]


def fake_rows(problems, solved_ids, sandbox_ids=()):
    return [{"problem_id": p.id, "sample": 0, "greedy": True, "completion": "",
             "status": "sandbox_error" if p.id in sandbox_ids else "passed" if p.id in solved_ids else "wrong_answer",
             "score": 0.0} for p in problems]


def test_summarize_counts_cells_groups_by_category_and_lists_failures():
    spec = cal.CalibrationSpec(families=["rpn", "reverse_string"], levels="1-3", per_cell=2)
    problems = cal.draw(spec)
    rpn, rev = problems["rpn"], problems["reverse_string"]
    solved = {rpn[0].id, rpn[1].id, rpn[2].id} | {p.id for p in rev}  # rpn: 2/2, 1/2, 0/2; reverse_string all
    rows = fake_rows(rpn + rev, solved, sandbox_ids={rpn[5].id})
    record = {"options": cal.CalibrateConfig(calibrate=spec).options(), "started": "then"}
    c = cal.summarize(record, problems, rows)
    assert list(c["families"]) == ["reverse_string", "rpn"]  # strings before parsing
    cells = c["families"]["rpn"]["cells"]
    assert [(x["solved"], x["n"], x["rate"]) for x in cells.values()] == [(2, 2, 1.0), (1, 2, 0.5), (0, 1, 0.0)]
    assert cells["3"]["sandbox_errors"] == 1 and c["families"]["rpn"]["meets_rules"]
    assert c["families"]["rpn"]["rho"] == pytest.approx(-1.0)
    assert c["families"]["reverse_string"]["at_ceiling"] and c["complete"]
    assert c["summary"]["meet_rules"] == 1 and c["summary"]["failing"] == {
        "falls_with_level": [], "has_level_ge_50": [], "has_level_lt_25": ["reverse_string"]}
    md = cal.markdown(c)
    assert "| parsing | `rpn` | 2/2 | 1/2 | 0/1 | -1.00 | ✓ | ✓ | ✓ |" in md
    assert "| strings | `reverse_string` | 2/2 | 2/2 | 2/2 | – | ceiling | ✓ | ✗ |" in md
    assert "1 of 2 families meet every rule." in md and "no level solved <25%: `reverse_string`" in md
    partial = cal.summarize(record, problems, fake_rows(rpn, solved))
    assert not partial["complete"] and "Partial: 1 of 2 families" in cal.markdown(partial)
    assert cal.pending(problems, fake_rows(rpn, solved)) == ["reverse_string"]


# ---- the command, on a tiny random model --------------------------------------------------------------------

def read_rows(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.fixture(scope="module")
def calibration(tiny_model, tmp_path_factory):
    out = tmp_path_factory.mktemp("calibration") / "cal"
    assert main(RUN + ["--model", tiny_model, "-o", str(out)]) == 0
    return out


def test_a_run_writes_the_table_the_heat_map_and_the_samples(calibration, capsys):
    c = json.loads((calibration / "calibration.json").read_text())
    assert list(c["families"]) == ["reverse_string", "fizzbuzz"] and c["levels"] == [1, 4] and c["complete"]
    for f in c["families"].values():
        assert list(f["cells"]) == ["1", "4"] and all(x["n"] + x["sandbox_errors"] == 1 for x in f["cells"].values())
        assert set(cal.RULES) | {"rho", "at_floor", "at_ceiling", "meets_rules"} <= set(f)
    assert c["options"]["seed"] == cal.CALIBRATION_SEED and c["options"]["per_cell"] == 1 and c["git_commit"]
    assert (calibration / "heatmap.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    rows = read_rows(calibration / "samples.jsonl")
    problems = read_rows(calibration / "problems.jsonl")
    assert [r["problem_id"] for r in rows] == [p["id"] for p in problems] and len(rows) == 4
    assert all(r["greedy"] and r["sample"] == 0 and "status" in r for r in rows)
    assert all("/test/" in p["id"] and p["meta"]["seed"] == cal.CALIBRATION_SEED for p in problems)
    table = (calibration / "calibration.md").read_text()
    assert "| strings | `reverse_string` |" in table and "| math | `fizzbuzz` |" in table
    capsys.readouterr()
    assert main(["problems", "calibrate", "--markdown", str(calibration)]) == 0
    assert capsys.readouterr().out == table  # the README's table is printed, not typed


def test_its_numbers_are_axiom_evals_greedy_pass_at_1(calibration, tiny_model, tmp_path):
    rc = main(["eval", "--model", tiny_model, "--device", "cpu", "--batch-size", "1", "--problems",
               str(calibration / "problems.jsonl"), "--samples", "1", "--temperature", "0", "--max-new-tokens", "6",
               "-o", str(tmp_path / "eval")])
    assert rc == 0
    ours = read_rows(calibration / "samples.jsonl")
    theirs = read_rows(tmp_path / "eval" / "samples.jsonl")
    assert [(r["problem_id"], r["completion"], r["status"]) for r in ours] == \
        [(r["problem_id"], r["completion"], r["status"]) for r in theirs]
    metrics = json.loads((tmp_path / "eval" / "metrics.json").read_text())
    c = json.loads((calibration / "calibration.json").read_text())
    for cell, block in metrics["by_cell"].items():
        family, level = cell.rsplit("/", 1)
        assert c["families"][family]["cells"][level]["rate"] == block["greedy_pass@1"]


@pytest.fixture
def counted(monkeypatch):
    """The problems each family's scoring call received."""
    scored: list[str] = []
    real = cal.sample_and_verify

    def counting(backend, problems, *args, **kwargs):
        scored.extend(p.id for p in problems)
        return real(backend, problems, *args, **kwargs)

    monkeypatch.setattr(cal, "sample_and_verify", counting)
    return scored


def test_resume_scores_only_the_families_not_finished(calibration, tiny_model, tmp_path, counted):
    out = tmp_path / "cal"
    shutil.copytree(calibration, out)
    rows = read_rows(out / "samples.jsonl")
    first = [r for r in rows if r["problem_id"].startswith("reverse_string/")]
    # killed while scoring fizzbuzz: only reverse_string's samples were saved
    (out / "samples.jsonl").write_text("".join(json.dumps(r) + "\n" for r in first))
    assert main(RUN + ["--model", tiny_model, "-o", str(out), "--resume"]) == 0
    assert counted == [r["problem_id"] for r in rows if r["problem_id"].startswith("fizzbuzz/")]
    resumed = read_rows(out / "samples.jsonl")
    assert resumed[:2] == first and [r["problem_id"] for r in resumed] == [r["problem_id"] for r in rows]
    assert json.loads((out / "calibration.json").read_text())["complete"]
    assert len(json.loads((out / "config.json").read_text())["resumes"]) == 1
    counted.clear()
    assert main(RUN + ["--model", tiny_model, "-o", str(out), "--resume"]) == 0  # all done: nothing to score
    assert counted == []


def test_resume_refuses_other_options_and_a_new_run_refuses_a_used_folder(calibration, tiny_model, tmp_path,
                                                                          capsys):
    out = tmp_path / "cal"
    shutil.copytree(calibration, out)
    capsys.readouterr()
    assert main(RUN + ["--per-cell", "2", "--model", tiny_model, "-o", str(out), "--resume"]) == 2
    assert "per_cell: 1 there, 2 now" in capsys.readouterr().err
    assert main(RUN + ["--model", tiny_model, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "already holds config.json, samples.jsonl, calibration.json" in err and "add --resume" in err
    assert main(RUN + ["--model", tiny_model, "-o", str(tmp_path / "new"), "--resume"]) == 2
    assert "holds no calibration" in capsys.readouterr().err


# Every case names a model that does not exist: were a check to let the command through, it would stop at
# loading the model instead of loading the default (real) one.
NO_MODEL = ["--model", "/no/such/model"]


@pytest.mark.parametrize("args, message", [
    (["--families", "rpn,nope"], "unknown family 'nope'"),
    (["--families", "rpn", "--levels", "0-3"], "calibrate.levels: difficulties must be integers 1-10"),
    (["--families", "rpn", "--per-cell", "0"], "calibrate.per_cell must be >= 1"),
    (["--suite", "most"], "calibrate.suite: unknown suite 'most'"),
    (["--suite", "most", "--families", "rpn"], "calibrate.suite: unknown suite 'most'"),
    (["--families", "rpn"], "unknown model '/no/such/model'"),
])
def test_user_errors_are_one_line_and_leave_no_folder(args, message, tmp_path, capsys):
    assert main(["problems", "calibrate", "--levels", "1", *NO_MODEL, *args, "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and not (tmp_path / "o").exists()


def test_markdown_and_output_errors(tmp_path, capsys):
    assert main(["problems", "calibrate", "--markdown", str(tmp_path)]) == 2
    assert "calibration.json" in capsys.readouterr().err
    assert main(["problems", "calibrate", *NO_MODEL, "--families", "rpn"]) == 2
    assert "-o DIR" in capsys.readouterr().err
    assert main(["problems", "calibrate", "--markdown", str(tmp_path), "-o", str(tmp_path / "x")]) == 2
    assert "takes no -o" in capsys.readouterr().err


def test_help_names_every_option(capsys):
    with pytest.raises(SystemExit):
        main(["problems", "calibrate", "--help"])
    text = capsys.readouterr().out
    for flag in ("--model", "--adapter", "--families", "--suite", "--levels", "--per-cell", "--seed", "--tests",
                 "--max-new-tokens", "--batch-size", "--device", "--workers", "--timeout", "-o", "--resume",
                 "--no-progress", "--markdown"):
        assert f"  {flag} " in text or f"  {flag}," in text, flag
    assert str(cal.CALIBRATION_SEED) in text and "the loop's is 42" in text and "default 1-10" in text


# ---- --merge: one table from several calibrations -------------------------------------------------------------

def write_calibration(folder, families, solved_families, started, per_cell=1):
    """A finished calibration in `folder` (no model): every problem of `solved_families` passed."""
    spec = cal.CalibrationSpec(families=families, levels="1,4", per_cell=per_cell)
    problems = cal.draw(spec)
    ps = [p for f in families for p in problems[f]]
    rows = fake_rows(ps, {p.id for p in ps if p.family in solved_families})
    record = {"options": cal.CalibrateConfig(calibrate=spec).options(), "started": started}
    folder.mkdir()
    save_problems(folder / "problems.jsonl", ps)
    cal.write_outputs(folder, cal.summarize(record, problems, rows))
    return folder


def test_merge_takes_each_family_from_the_newest_calibration_of_todays_problems(tmp_path):
    old = write_calibration(tmp_path / "old", ["rpn", "reverse_string"], {"rpn", "reverse_string"}, "2026-01-01")
    new = write_calibration(tmp_path / "new", ["rpn"], set(), "2026-02-01")
    c = cal.merge([new, old])  # the order given does not matter: the start times do
    assert c["families"]["rpn"]["source"] == "new" and c["families"]["rpn"]["at_floor"]
    assert c["families"]["reverse_string"]["source"] == "old" and c["families"]["reverse_string"]["at_ceiling"]
    assert "fizzbuzz" in c["summary"]["not_scored"] and not c["complete"]
    assert len(c["summary"]["not_scored"]) == len(c["options"]["families"]) - 2
    md = cal.markdown(c)
    assert "| parsing | `rpn` | 0/1 | 0/1 | – | floor | ✗ | ✓ | new |" in md
    assert "`fizzbuzz`" in md.split("Not scored on today's problems: ")[1]

    # a calibration of problems today's generators no longer draw (a redesigned family) is passed over
    lines = (new / "problems.jsonl").read_text().splitlines()
    first = json.loads(lines[0])
    first["prompt"] += " (an older version)"
    (new / "problems.jsonl").write_text("\n".join([json.dumps(first)] + lines[1:]) + "\n")
    assert cal.merge([old, new])["families"]["rpn"]["source"] == "old"


def test_merge_refuses_calibrations_with_other_options(tmp_path):
    one = write_calibration(tmp_path / "one", ["rpn"], set(), "2026-01-01")
    two = write_calibration(tmp_path / "two", ["rpn"], set(), "2026-01-02", per_cell=2)
    with pytest.raises(ConfigError, match="per_cell: 1 in .*2 here"):
        cal.merge([one, two])


def test_merge_command_writes_the_table_and_refuses_resume(tmp_path, capsys):
    old = write_calibration(tmp_path / "old", ["rpn"], {"rpn"}, "2026-01-01")
    out = tmp_path / "merged"
    assert main(["problems", "calibrate", "--merge", str(old), "-o", str(out)]) == 0
    assert "| parsing | `rpn` | 1/1 | 1/1 |" in (out / "calibration.md").read_text()
    assert (out / "heatmap.png").read_bytes()[:4] == b"\x89PNG"
    assert main(["problems", "calibrate", "--merge", str(old), "-o", str(out), "--resume"]) == 2
    assert "takes no --resume" in capsys.readouterr().err
