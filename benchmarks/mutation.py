"""Mutation testing of every family's hidden tests: how much wrong code do they catch? (issue 17, item 3)

    .venv/bin/python benchmarks/mutation.py [--families a,b] [--levels 1,5,10] [--problems-per-level 3] [--quick]
    .venv/bin/python benchmarks/mutation.py --families a,b -o benchmarks/results/mutation-full.json --update

For each family and level: every single-point mutant of the reference solution (axiom/problems/
mutants.py) is verified in the sandbox against the hidden tests of a few problems; survivors are
run on a battery of 300 more inputs of the level to tell equivalent mutants from the tests' misses
(axiom/problems/mutation_score.py). Goal: at least 90% of (non-equivalent mutant, problem) pairs
killed, per family at every level; and no constant answer (`return 0`, "", [], False, None, the
commonest expected answer...) passes any problem. Writes benchmarks/results/mutation.json and
mutation.md (the family x level table, with example survivors for whoever strengthens the tests).
`--update` measures only the named families and replaces their rows in an existing result of the same
settings (after a family's tests change); each row records the family version it measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from tqdm import tqdm

from axiom.jsonl import atomic_open, write_json
from axiom.problems.family import LEVELS, registered_families
from axiom.problems.mutants import mutants
from axiom.problems.mutation_score import LevelScore, battery, level_problems, score_level
from axiom.verify import Limits, Verifier

GOAL = 0.9
RESULTS = Path(__file__).parent / "results"


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--families", default="", help="comma-separated family names (default: every registered one)")
    ap.add_argument("--levels", default="", help="comma-separated levels (default 1-10; --quick: 1,5,10)")
    ap.add_argument("--problems-per-level", type=int, default=None, help="problems per level (default 3; --quick: 1)")
    ap.add_argument("--battery", type=int, default=None, help="extra inputs per level (default 300; --quick: 100)")
    ap.add_argument("--max-mutants", type=int, default=None, help="most mutants per solution (default: all)")
    ap.add_argument("--quick", action="store_true", help="levels 1,5,10, one problem a level, a battery of 100")
    ap.add_argument("--workers", type=int, default=None, help="sandbox workers (default: one per core)")
    ap.add_argument("--timeout", type=float, default=1.0,
                    help="seconds per candidate; the references take milliseconds, a looping mutant the whole limit")
    ap.add_argument("--examples", type=int, default=5, help="example survivors kept per family")
    ap.add_argument("-o", "--output", default=str(RESULTS / "mutation.json"), help="JSON result; the table goes "
                    "beside it with the suffix .md")
    ap.add_argument("--update", action="store_true", help="replace only these families' rows in --output, which "
                    "must exist and have the same settings (levels, problems, battery, mutants, timeout)")
    args = ap.parse_args()
    args.levels = [int(x) for x in args.levels.split(",")] if args.levels else ([1, 5, 10] if args.quick else
                                                                                 list(LEVELS))
    args.problems_per_level = args.problems_per_level or (1 if args.quick else 3)
    args.battery = args.battery or (100 if args.quick else 300)
    return args


def family_result(scores: list[LevelScore], examples: int) -> dict:
    rates = [s.kill_rate for s in scores if s.kill_rate is not None]
    survivors, seen = [], set()
    for s in sorted(scores, key=lambda s: s.kill_rate if s.kill_rate is not None else 1.0):  # worst level first
        for sv in s.survivors:
            key = (sv["line"], sv["after"])
            if key not in seen and len(survivors) < examples:
                seen.add(key)
                survivors.append({"level": s.level, **sv})
    return {"levels": {s.level: {k: v for k, v in s.to_dict().items() if k not in ("family", "survivors")}
                       for s in scores},
            "min_kill_rate": min(rates) if rates else None,
            "meets_goal": all(r >= GOAL for r in rates),
            "constants_pass": [c for s in scores for c in s.constants_passing],
            "example_survivors": survivors}


def earlier_result(path: str, settings: dict) -> dict:
    """The result --update adds to, its level keys back to ints; refuses one measured with other settings."""
    if not Path(path).is_file():
        sys.exit(f"--update: {path} does not exist; run without --update first")
    old = json.loads(Path(path).read_text())
    if old["settings"] != settings:
        sys.exit(f"--update: {path} was measured with {old['settings']}, not {settings}")
    for fam in old["families"].values():
        fam["levels"] = {int(lv): v for lv, v in fam["levels"].items()}
    return old


def markdown(families: dict, levels: list[int], settings: dict) -> str:
    def pct(rate: float | None) -> str:
        return "-" if rate is None else f"{100 * rate:.0f}%"

    lines = [f"# Mutation score of the hidden tests (goal >= {GOAL:.0%} killed per family at every level)", "",
             f"Killed / non-equivalent (mutant, problem) pairs; {settings['problems_per_level']} problem(s) a level, "
             f"a battery of {settings['battery']} inputs; '-' where every mutant is equivalent.", "",
             "| family | " + " | ".join(f"L{lv}" for lv in levels) + " | min | goal | constants passing |",
             "|---" * (len(levels) + 4) + "|"]
    for name, fam in families.items():
        cells = [pct(fam["levels"][lv]["kill_rate"]) for lv in levels]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {pct(fam['min_kill_rate'])} | "
                     f"{'met' if fam['meets_goal'] else 'NOT met'} | "
                     f"{len(fam['constants_pass'])} |")
    lines += ["", "## Example survivors (passed a problem's hidden tests, failed the battery)", ""]
    for name, fam in families.items():
        for sv in fam["example_survivors"]:
            got = sv["battery_failure"] or {}
            lines.append(f"- {name} L{sv['level']} line {sv['line']} ({sv['operator']}): `{sv['before']}` -> "
                         f"`{sv['after'] or '(removed)'}`; passes {sv['passes']}/{sv['of']}; "
                         f"wrong on {got.get('input', '?')} (expected {got.get('expected', '?')}): "
                         f"{got.get('error', '')}")
    return "\n".join(lines) + "\n"


def main() -> None:
    args = parse_args()
    known = registered_families()
    names = args.families.split(",") if args.families else list(known)
    unknown = [n for n in names if n not in known]
    if unknown:
        sys.exit(f"unknown families {unknown}; known: {', '.join(known)}")
    settings = {"levels": args.levels, "problems_per_level": args.problems_per_level, "battery": args.battery,
                "max_mutants": args.max_mutants, "timeout_s": args.timeout, "tests_per_problem": 5}
    old = earlier_result(args.output, settings) if args.update else None
    scores: dict[str, list[LevelScore]] = {n: [] for n in names}
    start = time.perf_counter()
    with Verifier(workers=args.workers, limits=Limits(timeout_s=args.timeout)) as verifier:
        bar = tqdm([(n, lv) for n in names for lv in args.levels], unit="level", file=sys.stderr, dynamic_ncols=True)
        for name, lv in bar:
            fam = known[name]
            bar.set_description(f"{name} L{lv}")
            found = mutants(fam.reference_source, limit=args.max_mutants)
            score = score_level(fam, lv, verifier, level_problems(fam, lv, args.problems_per_level), found,
                                battery(fam, lv, size=args.battery))
            scores[name].append(score)
            bar.set_postfix(kill=f"{score.kill_rate:.0%}" if score.kill_rate is not None else "-",
                            mutants=score.mutants)
    measured = {n: {"version": known[n].version, **family_result(s, args.examples)} for n, s in scores.items()}
    families = {**old["families"], **measured} if old else measured
    seconds = round(time.perf_counter() - start, 1)
    result = {
        "benchmark": "mutation score of each family's hidden tests: killed / non-equivalent (mutant, problem) pairs",
        "method": "single-point AST mutants of reference_source (axiom/problems/mutants.py), verified in the sandbox "
                  "on make_problem's hidden tests; survivors that also pass a battery of extra inputs of the same "
                  "level (and every problem) count as equivalent and are left out",
        "goal": GOAL, "settings": settings, "seconds": old["seconds"] if old else seconds,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_1min_at_end": os.getloadavg()[0]},
        "all_meet_goal": all(f["meets_goal"] for f in families.values()),
        "constants_fail_every_problem": not any(f["constants_pass"] for f in families.values()),
        "families": families,
    }
    if old:
        when = time.strftime("%Y-%m-%d")
        result["updates"] = old.get("updates", []) + [{"date": when, "families": names, "seconds": seconds}]
    table = markdown(families, args.levels, settings)
    write_json(args.output, result, indent=1)
    with atomic_open(Path(args.output).with_suffix(".md")) as f:
        f.write(table)
    print(table)
    print(f"{sum(f['meets_goal'] for f in families.values())}/{len(families)} families meet the goal; constant "
          f"answers fail every problem: {result['constants_fail_every_problem']}; {seconds:.0f} s; "
          f"wrote {args.output}")


if __name__ == "__main__":
    main()
