"""`axiom problems list|sample|show|calibrate`."""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from pathlib import Path

from axiom.cli_checks import check_output
from axiom.config import help_text, load_config, parse_value
from axiom.errors import ConfigError
from axiom.flags import add_model_args, add_verify_args, flag_values, key_flag, problem_values
from axiom.generate.backend import check_device
from axiom.generate.batch import open_backend
from axiom.jsonl import write_json
from axiom.loop.config import IterateConfig
from axiom.loop.rundir import git_commit
from axiom.problems import calibrate as cal
from axiom.problems.family import CATEGORIES, get_family, make_problem, registered_families
from axiom.problems.record import save_problems
from axiom.problems.spec import SPLITS
from axiom.problems.suites import SUITES, parse_difficulties
from axiom.verify.pool import Verifier
from axiom.verify.records import Limits


def add_problems_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("problems", help="list, sample and show procedurally generated problems",
                       description="The procedural problem library.")
    ps = p.add_subparsers(dest="problems_cmd", required=True, metavar="{list,sample,show,calibrate}")

    ls = ps.add_parser("list", help="families with their descriptions and what each difficulty level means")
    ls.add_argument("--family", help="show only this family")
    ls.add_argument("--markdown", action="store_true", help="print a Markdown table (as in the README)")
    ls.set_defaults(func=run_list)

    sm = ps.add_parser("sample", help="write a problem set (JSONL, DESIGN.md problem format)",
                       description=textwrap.fill(
                           "Draw one split of a problem spec (the `problems` config section) as the loop draws it: "
                           "val and test first, and no training problem shares an input with them (see "
                           "axiom/problems/spec.py). A loop config works as --config: `--config "
                           "configs/v2-cpu.yaml --split test` writes that run's test problems. Each flag sets the "
                           "key named in [brackets]; key=value overrides win.", 100),
                       epilog="config keys (set in --config YAML, by a flag or as key=value; curriculum and "
                              "stopping.iterations decide which training levels are drawn):\n"
                              + help_text(IterateConfig, ("problems",)),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    sm.add_argument("--config", metavar="FILE", help="YAML config, e.g. a loop config (configs/*.yaml)")
    suites = ", ".join(f"{k} ({v})" for k, v in SUITES.items())
    sm.add_argument("--suite", help=f"named family set: {suites} [problems.suite]")
    sm.add_argument("--families", help="comma-separated family names; overrides --suite [problems.families]")
    sm.add_argument("--difficulties", help="levels as a list '1,3,5' or ranges '3-7' [problems.eval_difficulties for "
                                           "val and test, problems.train_difficulties for train]")
    sm.add_argument("--per-cell", help="problems per (family, difficulty) [problems.SPLIT_per_cell]")
    sm.add_argument("--split", default="test", help=f"split to write: {', '.join(SPLITS)} (default test; train: the "
                                                    "levels of problems.train_difficulties)")
    sm.add_argument("--seed", help="problem seed [problems.seed]")
    sm.add_argument("--tests", help="hidden tests per problem [problems.tests]")
    sm.add_argument("-o", "--output", required=True, help="output JSONL path (written atomically)")
    sm.add_argument("overrides", nargs="*", metavar="key=value", help="config overrides, e.g. problems.seed=7")
    sm.set_defaults(func=run_sample)

    sh = ps.add_parser("show", help="print one problem by id, e.g. rpn/d5/train/000017")
    sh.add_argument("id", help="problem id FAMILY/dLEVEL/SPLIT/INDEX")
    sh.add_argument("--seed", type=int, default=42, help="the seed it was generated with (default 42)")
    sh.add_argument("--tests", type=int, default=5, help="hidden tests per problem (default 5)")
    sh.add_argument("--json", action="store_true", help="print the JSON record instead of a readable view")
    sh.set_defaults(func=run_show)
    add_calibrate_parser(ps)


def add_calibrate_parser(ps: argparse._SubParsersAction) -> None:
    c = ps.add_parser(
        "calibrate", help="greedy pass@1 of a model per family and level: a table, a heat map, the difficulty rules",
        description=textwrap.fill(
            "Draw --per-cell fresh problems per (family, level) (the test split of their own seed, not the loop's), "
            "decode each once greedily and verify it in the sandbox, as `axiom eval` does, family by family. "
            "Writes DIR/calibration.json (per cell n, solved, rate; per family Spearman's rho of rate against level "
            "and the rules: rho <= -0.6 unless at floor or ceiling, some level solved >= 50%, some level < 25%), "
            "DIR/calibration.md (the table), DIR/heatmap.png, and DIR/samples.jsonl, DIR/problems.jsonl, "
            "DIR/config.json. Each finished family is saved at once: --resume continues after a kill. See "
            "docs/problems.md, Calibration.", 100),
        epilog="defaults (each flag sets the key named in [brackets]; an error names the key):\n"
               + help_text(cal.CalibrateConfig),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_model_args(c)
    g = c.add_argument_group("problems (a fresh draw)")
    key_flag(g, "--suite", "calibrate.suite", f"named family set: {', '.join(SUITES)} (default all)", text=True)
    key_flag(g, "--families", "calibrate.families", "comma-separated families; overrides --suite (default: every "
                                                    "registered family)", text=True)
    key_flag(g, "--levels", "calibrate.levels", "levels, '1-10' or '1,3,5' (default 1-10)", text=True)
    key_flag(g, "--per-cell", "calibrate.per_cell", "problems per (family, level) (default 3)")
    key_flag(g, "--seed", "calibrate.seed", f"problem seed (default {cal.CALIBRATION_SEED}; the loop's is 42)")
    key_flag(g, "--tests", "calibrate.tests", "hidden tests per problem (default 5)")
    key_flag(c, "--max-new-tokens", "calibrate.max_new_tokens", "tokens per completion (default 384, as `axiom "
                                                                 "eval`)")
    add_verify_args(c)
    c.add_argument("-o", "--output", metavar="DIR", help="output folder (required unless --markdown)")
    c.add_argument("--resume", action="store_true", help="continue the calibration in -o DIR: families already "
                                                         "scored are kept; the options must be those it started with")
    c.add_argument("--no-progress", action="store_true", help="no progress bar (each family's line still prints)")
    c.add_argument("--markdown", metavar="DIR", help="print the Markdown table of the calibration in DIR (as in the "
                                                     "README) and exit")
    c.add_argument("--merge", metavar="DIR", nargs="+", help="write to -o one calibration of every family from these "
                   "calibrations of one model (each family's row from the newest that scored it on the problems "
                   "today's generators draw; the rest listed as not scored), then exit")
    c.set_defaults(func=run_calibrate)


def run_list(args: argparse.Namespace) -> int:
    fams = registered_families()
    names = [args.family] if args.family else sorted(fams, key=lambda n: (CATEGORIES.index(fams[n].category), n))
    if args.markdown:
        print(family_table(names))
        return 0
    for name in names:
        fam = get_family(name)
        print(f"{name}  [{fam.category}]  —  {fam.signature}")
        print(textwrap.indent(fam.description.strip(), "    "))
        for level, rule in sorted(fam.level_rules.items()):
            print(textwrap.indent(f"From level {level}: {rule.strip()}", "    "))
        for level, meaning in sorted(fam.levels.items()):
            print(f"    level {level:>2}: {meaning}")
        print()
    return 0


def family_table(names: list[str]) -> str:
    """The Markdown table of families that docs/problems.md shows (a test keeps the two in step)."""
    rows = ["| category | family | signature | level 1 | level 5 | level 10 |", "|---|---|---|---|---|---|"]
    for name in names:
        fam = get_family(name)
        rows.append(f"| {fam.category} | `{name}` | `{fam.signature}` | {fam.levels[1]} | {fam.levels[5]} | "
                    f"{fam.levels[10]} |")
    return "\n".join(rows)


def run_sample(args: argparse.Namespace) -> int:
    check_output(args.output, "-o", {"--config": args.config})
    values = {f"problems.{k}": parse_value(v) for k, v in (("suite", args.suite), ("seed", args.seed),
                                                           ("tests", args.tests)) if v is not None}
    if args.families is not None:
        values["problems.families"] = args.families  # text: a family name is never read as YAML
    values.update(problem_values(args, args.split))
    cfg = load_config(IterateConfig, args.config, args.overrides, values)
    problems = cfg.split_problems(args.split)
    n = save_problems(args.output, problems)
    print(f"wrote {n} {args.split} problems ({len(cfg.problems.family_names())} families) to {args.output}",
          file=sys.stderr)
    return 0


_ID = re.compile(r"^(?P<family>[\w-]+)/d(?P<level>\d+)/(?P<split>\w+)/(?P<index>\d+)$")


def run_show(args: argparse.Namespace) -> int:
    m = _ID.match(args.id)
    if not m:
        raise ConfigError(f"bad problem id {args.id!r}: expected FAMILY/dLEVEL/SPLIT/INDEX, e.g. rpn/d5/train/000017")
    p = make_problem(m["family"], parse_difficulties(m["level"])[0], m["split"], args.seed, int(m["index"]),
                     n_tests=args.tests)
    if args.json:
        print(json.dumps(p.to_dict(), ensure_ascii=False))
        return 0
    print(f"# {p.id} (seed {args.seed})\n\n{p.prompt}\n# hidden tests")
    for t in p.tests:
        call = ", ".join(map(repr, t.args))
        print(f"{p.entry_point}({call}) == {t.expected!r}")
    print(f"\n# reference solution\n{p.reference_solution}")
    return 0


def run_calibrate(args: argparse.Namespace) -> int:
    if args.markdown:
        if args.output or args.resume or args.merge:
            raise ConfigError("--markdown DIR prints an existing calibration's table; it takes no -o, --resume or "
                              "--merge")
        print(cal.markdown(cal.load_calibration(args.markdown)))
        return 0
    if not args.output:
        raise ConfigError("give -o DIR, the folder to write the calibration to (or --markdown DIR to print one)")
    if args.merge:
        if args.resume:
            raise ConfigError("--merge writes a new table from finished calibrations; it takes no --resume")
        out = Path(args.output)
        check_output(out, "-o", folder=True, writes=cal.FILES)
        calibration = cal.merge(args.merge)
        out.mkdir(parents=True, exist_ok=True)
        cal.write_outputs(out, calibration)
        print("\n".join(cal.summary_lines(calibration)))
        print(f"wrote {out}/calibration.json, calibration.md and heatmap.png", file=sys.stderr)
        return 0
    cfg = load_config(cal.CalibrateConfig, None, (), flag_values(args))
    if cfg.model.backend == "hf":
        check_device(cfg.model.device, "model.device")
    out = Path(args.output)
    check_output(out, "-o", folder=True, writes=cal.FILES)
    taken = [name for name in ("config.json", "samples.jsonl", "calibration.json") if (out / name).exists()]
    if taken and not args.resume:
        raise ConfigError(f"-o {out} already holds {', '.join(taken)}; add --resume to continue the calibration "
                          "there, or choose a new folder")
    problems = cal.draw(cfg.calibrate)
    if args.resume:
        record, rows = cal.finished_rows(out, cfg.options(), problems)
        record.setdefault("resumes", []).append({"at": cal.now(), "argv": sys.argv[1:], "git_commit": git_commit()})
    else:
        record, rows = cal.start_record(cfg, sys.argv[1:]), []
    if not cal.pending(problems, rows):
        calibration = cal.summarize(record, problems, rows)
        cal.write_outputs(out, calibration)
    else:
        v = cfg.verify
        # the sandbox first: where it cannot isolate, fail before the model loads
        with Verifier(workers=v.workers, limits=Limits(timeout_s=v.timeout_s, memory_mb=v.memory_mb),
                      allow_weak_sandbox=v.allow_weak_sandbox or None) as verifier:
            backend = open_backend(cfg.model.backend, cfg.model.name, cfg.model.adapter,
                                   **cfg.model.backend_options())
            out.mkdir(parents=True, exist_ok=True)  # only now: a model that fails to load leaves no folder
            if not args.resume:
                save_problems(out / "problems.jsonl", [p for ps in problems.values() for p in ps])
            write_json(out / "config.json", record)
            calibration = cal.calibrate(backend, problems, cfg.calibrate.sampling(), out, record, rows,
                                        verifier=verifier, progress=not args.no_progress)
    print("\n".join(cal.summary_lines(calibration)))
    print(f"wrote {out}/calibration.json, calibration.md and heatmap.png", file=sys.stderr)
    return 0
