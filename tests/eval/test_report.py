"""write_report over fake run directories; compare; grokking watch."""

import base64
import re

import pytest

from axiom.errors import AxiomError
from axiom.eval.compare import compare_metrics, format_table, load_metrics
from axiom.eval.grokking import grokking_watch
from axiom.eval.report import write_report
from axiom.eval.rundir import load_run
from tests.eval.fakerun import build_fake_run

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def embedded_pngs(text: str) -> list[bytes]:
    return [base64.b64decode(m) for m in re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', text)]


def test_report_on_a_run_directory(tmp_path):
    run = build_fake_run(tmp_path / "run")
    out = write_report([run], run / "report.html")
    text = out.read_text()
    pngs = embedded_pngs(text)
    assert len(pngs) >= 5 and all(p.startswith(PNG_MAGIC) and len(p) > 5000 for p in pngs)
    written = sorted(p.name for p in (run / "plots").glob("*.png"))
    assert {"accuracy.png", "heatmap-val.png", "family-change-val.png", "verdicts-val.png"} <= set(written)
    markup = re.sub(r"base64,[A-Za-z0-9+/=]+", "", text)
    assert "<script" not in markup and "http" not in markup  # self-contained: nothing to fetch
    for needle in ("Summary", "fake-run", "rpn", "fizzbuzz", "within noise", "Sample completions", "Best (passed)",
                   "Config", "greedy_pass@1", "loss"):
        assert needle in text, needle
    # every headline number on the page comes from metrics.jsonl: the latest val greedy pass@1 is shown
    latest = load_run(run).series("val")[-1][1]["overall"]["greedy_pass@1"]
    assert f"{latest * 100:.1f}%" in text


def test_report_shows_the_loops_regression_flags(tmp_path):
    import json

    run = build_fake_run(tmp_path / "run", iterations=2)
    lines = [json.loads(x) for x in (run / "metrics.jsonl").read_text().splitlines()]
    flag = {"split": "val", "family": "rpn", "metric": "greedy_pass@1", "versus": "baseline",
            "from": 0.8, "to": 0.4, "points": -40.0}
    for rec in lines:
        if rec["iteration"] == 1 and rec["split"] == "val":
            rec["flags"] = [flag]
    (run / "metrics.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    text = write_report([run], run / "report.html").read_text()
    assert "Regressions flagged" in text
    row = re.search(r"<tr class='flag'>(.*?)</tr>", text).group(1)
    assert "rpn" in row and "baseline" in row and "80.0%" in row and "40.0%" in row
    clean = build_fake_run(tmp_path / "clean", iterations=2)
    assert "Regressions flagged" not in write_report([clean], clean / "report.html").read_text()


def test_report_compares_several_runs_and_reads_eval_folders(tmp_path):
    a = build_fake_run(tmp_path / "a", name="base", boost=0.0)
    b = build_fake_run(tmp_path / "b", name="better", boost=0.2)
    out = write_report([a, b], tmp_path / "cmp" / "report.html")
    text = out.read_text()
    assert "Runs compared" in text and "base" in text and "better" in text
    assert (tmp_path / "cmp" / "plots" / "compare-better.png").exists()
    with pytest.raises(AxiomError, match="no metrics.jsonl"):
        write_report([tmp_path / "cmp"], tmp_path / "x.html")


def test_compare_table_says_when_a_change_is_noise(tmp_path):
    a = {"overall": {"greedy_pass@1": 0.4, "n_problems": 5}, "by_family": {
        "rpn": {"greedy_pass@1": 0.4, "n_problems": 5}, "fib": {"greedy_pass@1": 0.05, "n_problems": 200}}}
    b = {"overall": {"greedy_pass@1": 0.6, "n_problems": 5}, "by_family": {
        "rpn": {"greedy_pass@1": 0.6, "n_problems": 5}, "fib": {"greedy_pass@1": 0.5, "n_problems": 200}}}
    changes = compare_metrics(a, b)
    assert [(c.group, c.verdict) for c in changes] == [("overall", "within noise"), ("rpn", "within noise"),
                                                        ("fib", "better")]
    table = format_table(changes, "A", "B", "greedy_pass@1")
    assert "+20.0" in table and "within noise" in table and "better" in table
    run = build_fake_run(tmp_path / "run")
    name, metrics = load_metrics(run)
    assert name == "fake-run:val@3" and "by_family" in metrics


def record(it, split, value, n=20):
    return {"iteration": it, "split": split, "metrics": {"overall": {"greedy_pass@1": value, "n_problems": n,
                                                                     "greedy_pass@1_ci": [0, 1]}}}


def test_grokking_watch_flags_a_jump_after_a_plateau_with_high_train():
    vals = [0.30, 0.31, 0.30, 0.32, 0.75, 0.80]
    recs = [record(i, "val", v, 100) for i, v in enumerate(vals)] + [record(i, "train", 0.9) for i in range(6)]
    events = grokking_watch(recs)
    assert [e.iteration for e in events] == [4] and events[0].significant and events[0].train == 0.9
    # low train accuracy: not grokking; no plateau (steady climb): not grokking
    low = [record(i, "val", v, 100) for i, v in enumerate(vals)] + [record(i, "train", 0.4) for i in range(6)]
    assert grokking_watch(low) == []
    climb = [record(i, "val", 0.1 + 0.15 * i) for i in range(6)]
    assert grokking_watch(climb) == []
    # a jump on 5 problems is flagged but marked as noise
    small = [record(i, "val", v, 5) for i, v in enumerate([0.2, 0.2, 0.2, 0.6])]
    assert [(e.iteration, e.significant) for e in grokking_watch(small)] == [(3, False)]
