"""`axiom verify`: run a candidates file against a problems file in the sandbox; write verdicts."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator

from axiom.cli_checks import check_output
from axiom.errors import AxiomError
from axiom.flags import add_weak_sandbox_flag
from axiom.jsonl import atomic_open, read_jsonl
from axiom.problems.record import Problem, load_problems
from axiom.verify.pool import Verifier
from axiom.verify.records import STATUSES, Candidate, Limits, sample_row


def add_verify_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify", help="check candidate solutions against their problems' hidden tests, in a sandbox",
        description="Run every candidate (JSONL: problem_id, completion, sample) against its problem's tests "
                    "in the sandbox and write one verdict per candidate, in input order (JSONL, written "
                    "atomically). Code is extracted from the completion first (fenced blocks, prose around it).")
    p.add_argument("--problems", required=True, metavar="P.jsonl", help="problems (DESIGN.md problem records)")
    p.add_argument("--candidates", required=True, metavar="C.jsonl", help="candidates to verify")
    p.add_argument("-o", "--output", required=True, metavar="V.jsonl", help="where to write the verdicts")
    p.add_argument("--merge", action="store_true",
                   help="write each candidate line with its verdict merged in (sample rows, like `axiom eval`'s "
                        "samples.jsonl) instead of verdicts alone: what `axiom train sft|dpo --data` reads")
    p.add_argument("--workers", type=int, default=None, help="sandbox worker processes (default: CPU count)")
    p.add_argument("--timeout", type=float, default=Limits.timeout_s,
                   help=f"seconds of wall clock per candidate, all its tests together (default {Limits.timeout_s:g})")
    p.add_argument("--memory-mb", type=int, default=Limits.memory_mb,
                   help=f"address-space limit per candidate in MiB (default {Limits.memory_mb})")
    add_weak_sandbox_flag(p)
    p.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    limits = Limits(timeout_s=args.timeout, memory_mb=args.memory_mb)
    check_output(args.output, "-o", {"--problems": args.problems, "--candidates": args.candidates})
    problems = {p.id: p for p in load_problems(args.problems)}
    if not problems:
        raise AxiomError(f"{args.problems}: no problems in this file")
    total = check_candidates(args.candidates, problems)  # every line, before any work is done
    if not total:
        raise AxiomError(f"{args.candidates}: no candidates in this file")
    lines = (obj for _, obj in _lines(args.candidates))
    counts: Counter = Counter()
    start = time.perf_counter()
    with Verifier(workers=args.workers, limits=limits, allow_weak_sandbox=args.allow_weak_sandbox or None
                  ) as verifier, atomic_open(args.output) as out:
        bar = tqdm(total=total, unit="cand", file=sys.stderr, disable=None, dynamic_ncols=True)
        for verdict in verifier.verify(problems, read_candidates(args.candidates)):
            row = sample_row(next(lines), verdict) if args.merge else verdict.to_dict()
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            counts[verdict.status] += 1
            bar.update()
        bar.close()
    elapsed = time.perf_counter() - start
    print(summary(counts, total, elapsed, args.output))
    return 0


def check_candidates(path: str | os.PathLike, problems: dict[str, Problem]) -> int:
    """Validate the whole candidates file (format, known problem ids); return how many there are."""
    n = 0
    for lineno, obj in _lines(path):
        cand = Candidate.coerce(obj, where=f"{path}:{lineno}")
        if cand.problem_id not in problems:
            raise AxiomError(f"{path}:{lineno}: unknown problem_id {cand.problem_id!r}; "
                             f"it is not in the problems file")
        n += 1
    return n


def read_candidates(path: str | os.PathLike) -> Iterator[Candidate]:
    for lineno, obj in _lines(path):
        yield Candidate.coerce(obj, where=f"{path}:{lineno}")


def _lines(path: str | os.PathLike) -> Iterator[tuple[int, object]]:
    if not os.path.exists(path):  # a folder: read_jsonl says so
        raise AxiomError(f"{path}: no such candidates file")
    try:
        yield from read_jsonl(path)
    except ValueError as e:
        raise AxiomError(str(e)) from None


def summary(counts: Counter, total: int, elapsed: float, output: str) -> str:
    rate = total / elapsed if elapsed > 0 else 0.0
    lines = [f"verified {total} candidates in {elapsed:.1f} s ({rate:.0f}/s) -> {output}",
             f"passed {counts['passed']}/{total}" + (f" ({100 * counts['passed'] / total:.1f}%)" if total else "")]
    for status in STATUSES[1:]:
        if counts[status]:
            lines.append(f"  {status:<14} {counts[status]}")
    if counts["sandbox_error"]:
        lines.append("sandbox_error is the verifier's fault, not the model's: please report it")
    return "\n".join(lines)
