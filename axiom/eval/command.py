"""`axiom eval`, `axiom report` and `axiom compare`."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from axiom.cli_checks import check_output
from axiom.config import help_text, to_dict
from axiom.errors import ConfigError
from axiom.eval.compare import (
    choose_metric,
    compare_metrics,
    format_table,
    heldout_families,
    load_evaluation,
    transfer_groups,
)
from axiom.eval.metrics import headline
from axiom.eval.report import write_report
from axiom.eval.run import generate_and_verify, score
from axiom.eval.tracking import make_tracker, scalars
from axiom.flags import (
    add_config_args,
    add_model_args,
    add_problem_args,
    add_sampling_args,
    add_verify_args,
    key_flag,
    load_job,
)
from axiom.generate.batch import open_backend
from axiom.jobs import EVAL_SECTIONS, EvalConfig, job_problems
from axiom.jsonl import write_json, write_jsonl
from axiom.problems.record import save_problems
from axiom.verify.pool import Verifier
from axiom.verify.records import Limits

EVAL_FILES = ("problems.jsonl", "samples.jsonl", "verdicts.jsonl", "config.json", "metrics.json")


def add_eval_parsers(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser(
        "eval", help="evaluate a model: generate, verify in the sandbox, pass@k per family and difficulty",
        description=textwrap.fill(
            "Generate a greedy sample and N sampled completions per problem, verify each in the sandbox, and write "
            "DIR/samples.jsonl (completion + verdict per line), DIR/verdicts.jsonl (with per-test results), "
            "DIR/problems.jsonl, DIR/metrics.json and DIR/config.json (the resolved config), all atomically. The "
            "config is the loop's (a loop config file works as it is: --config configs/v2-cpu.yaml evaluates "
            "exactly that run's test problems, with its evaluation settings); each flag sets the config key named "
            "in [brackets], and key=value overrides win over flags.", 100),
        epilog="config keys that `axiom eval` reads (set in --config YAML, by a flag or as key=value; a loop "
               "config's other sections are checked and unused, except that curriculum and stopping.iterations "
               "decide which training levels are drawn):\n" + help_text(EvalConfig, EVAL_SECTIONS),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_config_args(e, "evaluate.max_new_tokens=512")
    add_model_args(e)
    add_problem_args(e, "eval", fixed=True)
    add_sampling_args(e, "evaluate")
    key_flag(e, "--no-greedy", "evaluate.greedy", "skip the greedy sample (no greedy pass@1)", action="store_const",
             const=False)
    key_flag(e, "--ks", "evaluate.ks", "pass@k values, comma-separated (k above the number of samples is skipped)")
    add_verify_args(e)
    key_flag(e, "--report-to", "eval.report_to", "also log the metrics to a tracker: none, tensorboard (writes "
                                                 "DIR/tb), wandb, mlflow")
    e.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder (created)")
    e.set_defaults(func=run_eval)

    r = sub.add_parser("report", help="HTML report (plots embedded) of one or more run or eval directories",
                       description="One self-contained HTML page: accuracy over iterations per split, family x "
                                   "difficulty heat maps, per-family change with intervals, verdict mix, sample "
                                   "completions and the config. PNGs are also written to plots/ beside it.")
    r.add_argument("runs", nargs="+", metavar="RUN_DIR", help="run directories (runs/NAME) or `axiom eval` folders")
    r.add_argument("-o", "--output", help="HTML file (default RUN_DIR/report.html for one run; required for several)")
    r.set_defaults(func=run_report)

    c = sub.add_parser("compare", help="terminal table of per-family change between two evaluations",
                       description="Per-family change from A to B with 95% intervals; says when a change is within "
                                   "noise. A and B: metrics.json files, `axiom eval` folders or run directories "
                                   "(their latest iteration of val, else test; RUN@K for iteration K). When both "
                                   "sides scored the same problems, greedy pass@1 changes are paired (Newcombe's "
                                   "paired interval, McNemar's exact test).")
    c.add_argument("a", metavar="A", help="baseline")
    c.add_argument("b", metavar="B", help="candidate")
    c.add_argument("--metric", help="e.g. pass@1, pass@8, greedy_pass@1 (default greedy_pass@1 when both have it)")
    c.add_argument("--by", choices=("family", "difficulty", "cell", "transfer"), default="family",
                   help="grouping (default family); where some families are held out (problems.heldout_families), "
                        "the trained and the held-out families come after overall in every grouping, and "
                        "transfer shows only those")
    c.set_defaults(func=run_compare)


def run_eval(args: argparse.Namespace) -> int:
    cfg = load_job(EvalConfig, args, "eval")
    src, e = cfg.eval, cfg.evaluate
    check_output(args.output, "-o", {"--problems": src.problems_file}, folder=True, writes=EVAL_FILES)
    problems = job_problems(cfg, src, src.split, src.fixed_suite)
    out = Path(args.output)
    template = cfg.generate.fixed_template()
    params = e.sampling(cfg.run.seed)
    # the sandbox first: where it cannot isolate, fail before the model loads
    v = cfg.verify
    with Verifier(workers=v.workers, limits=Limits(timeout_s=v.timeout_s, memory_mb=v.memory_mb),
                  allow_weak_sandbox=v.allow_weak_sandbox or None) as verifier:
        backend = open_backend(cfg.model.backend, cfg.model.name, cfg.model.adapter, **cfg.model.backend_options())
        rows, verdicts, timing = generate_and_verify(backend, problems, params, greedy=e.greedy,
                                                     verifier=verifier, template=template)
    drawn = not (src.problems_file or src.fixed_suite)  # from the problems section, held-out families and all
    metrics = score(problems, rows, e.ks_for(), timing, heldout=cfg.problems.heldout_families if drawn else ())
    out.mkdir(parents=True, exist_ok=True)  # only now: a failed evaluation leaves no empty folder
    save_problems(out / "problems.jsonl", problems)
    write_jsonl(out / "samples.jsonl", rows)
    write_jsonl(out / "verdicts.jsonl", (v.to_dict() for v in verdicts))
    split = src.split if drawn else "eval"
    record = {"name": out.resolve().name, "model": cfg.model.name, "adapter": cfg.model.adapter, "split": split,
              "n_problems": len(problems), "sampling": params.to_dict(), "ks": list(e.ks_for()),
              "argv": sys.argv[1:], "config_file": args.config, "config": to_dict(cfg)}
    write_json(out / "config.json", record)
    write_json(out / "metrics.json", metrics)  # last: its presence means the evaluation finished
    if src.report_to != "none":
        tracker = make_tracker(src.report_to, out / "tb", run_name=record["name"], config=record)
        tracker.log(scalars({"split": split, "metrics": metrics}), step=0)
        tracker.close()
    print(summary_table(metrics))
    print(f"wrote {len(rows)} samples for {len(problems)} problems to {out}/ "
          f"(generation {timing['generation_s']:.0f}s, verification {timing['verify_s']:.0f}s)", file=sys.stderr)
    return 0


def summary_table(metrics: dict) -> str:
    """Overall, trained and held-out families (where some are held out) and per-family accuracies with 95%
    intervals, as plain text."""
    keys = [k for k in metrics["overall"] if k.startswith(("pass@", "greedy_pass@")) and not k.endswith("_ci")]
    head = f"{'group':<22} {'n':>4} " + " ".join(f"{k:>22}" for k in keys) + f" {'syntax ok':>9} {'collapse':>8}"
    lines = [head, "-" * len(head)]
    groups = [("overall", metrics["overall"]), *transfer_groups(metrics).items(),
              *metrics.get("by_family", {}).items()]
    for name, block in groups:
        cells = []
        for k in keys:
            v, ci = block.get(k), block.get(f"{k}_ci")
            cells.append(f"{'-':>22}" if v is None else f"{v * 100:5.1f} [{ci[0] * 100:3.0f},{ci[1] * 100:4.0f}]"
                                                          .rjust(22))
        svr, mc = block.get("syntax_valid_rate"), block.get("mode_collapse_rate")
        lines.append(f"{name:<22} {block['n_problems']:>4} " + " ".join(cells) +
                     f" {(svr or 0) * 100:8.0f}% {(mc or 0) * 100:7.0f}%")
    lines.append(f"% with 95% Wilson intervals; headline: {headline(metrics['overall'])[0]}")
    if "heldout" in metrics:
        lines.append(f"held-out families (evaluated, never trained on): {', '.join(metrics['heldout']['families'])}")
    return "\n".join(lines)


def run_report(args: argparse.Namespace) -> int:
    if args.output is None and len(args.runs) > 1:
        raise ConfigError("several runs: say where the report goes with -o report.html")
    out = Path(args.output) if args.output else Path(args.runs[0]) / "report.html"
    if out.suffix.lower() not in (".html", ".htm"):  # the inputs are JSON(L): this cannot overwrite one
        raise ConfigError(f"-o {out}: a report is an HTML file; give a name ending in .html")
    check_output(out, "-o")
    path = write_report([Path(r) for r in args.runs], out)
    print(f"wrote {path} (plots in {path.parent / 'plots'})")
    return 0


def run_compare(args: argparse.Namespace) -> int:
    (a_name, a, a_out), (b_name, b, b_out) = load_evaluation(args.a), load_evaluation(args.b)
    metric = args.metric or choose_metric(a, b)
    if metric not in a.get("overall", {}) or metric not in b.get("overall", {}):
        raise ConfigError(f"metric {metric!r} is not in both files; overall metrics of A: "
                          f"{', '.join(k for k in a['overall'] if 'pass@' in k and not k.endswith('_ci'))}")
    if a_name == b_name:
        a_name, b_name = "A", "B"
    outcomes = (a_out, b_out) if a_out and b_out else None
    print(format_table(compare_metrics(a, b, metric, by=f"by_{args.by}", outcomes=outcomes), a_name, b_name, metric))
    heldout = heldout_families(a, b)
    if heldout is not None:
        print(f"held-out families (evaluated, never trained on): {', '.join(heldout) or '-'}")
    return 0
