"""`axiom distill`: verified teacher traces for supervised fine-tuning.

Sample from a teacher (any backend), verify every completion in the sandbox, keep only the
passing ones, drop duplicates (same code up to formatting and comments), and write one trace
per line:

    {"problem_id": ..., "prompt": [chat messages], "completion": "teacher text",
     "messages": prompt + [{"role": "assistant", "content": completion}],
     "code": "the extracted code", "verdict": {...}, "teacher": "hf:qwen2.5-coder-0.5b", "sample": 3}
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import time
from collections.abc import Iterable, Sequence

from axiom.cli_checks import check_output
from axiom.errors import ConfigError
from axiom.generate.backend import Completion, Messages, parse_model_spec
from axiom.problems.record import Problem


def add_distill_parser(sub: argparse._SubParsersAction) -> None:
    from axiom.generate.command import add_backend_args, add_sampling_args

    d = sub.add_parser("distill", help="verified teacher traces (training data) from any backend",
                       description="Sample from a teacher, verify every sample, keep passing, de-duplicated ones.")
    d.add_argument("--teacher", required=True, help="BACKEND:MODEL, e.g. hf:qwen2.5-coder-0.5b or openai:gpt-4o-mini "
                                                    "(a bare model name means hf)")
    d.add_argument("--adapter", help="hf/vllm: PEFT adapter of the teacher")
    d.add_argument("--problems", help="problem JSONL; overrides --suite/--families")
    d.add_argument("--suite", default="v2", help="named family set (default v2)")
    d.add_argument("--families", help="comma-separated families; overrides --suite")
    d.add_argument("--difficulties", default="1-10", help="levels, e.g. '1-5' or '1,3,5' (default 1-10)")
    d.add_argument("--per-cell", type=int, default=1, help="train problems per (family, difficulty) (default 1)")
    d.add_argument("--heldout-per-cell", type=int, default=5,
                   help="test and val problems per cell drawn first and excluded, as in the evaluation (default 5)")
    d.add_argument("--split-seed", type=int, default=42, help="problem seed (default 42)")
    d.add_argument("--max-per-problem", type=int, default=2,
                   help="distinct passing traces kept per problem (default 2)")
    d.add_argument("--workers", type=int, help="verifier workers (default: the verifier's)")
    add_sampling_args(d, samples=4, temperature=0.8)
    add_backend_args(d)
    d.add_argument("-o", "--output", required=True, help="traces JSONL (written atomically)")
    d.set_defaults(func=run_distill)


def distill_problems(args: argparse.Namespace) -> list[Problem]:
    from axiom.problems.record import load_problems
    from axiom.problems.splits import build_splits
    from axiom.problems.suites import parse_difficulties, resolve_families

    if args.problems:
        problems = load_problems(args.problems)
        if not problems:
            raise ConfigError(f"{args.problems}: no problems in this file")
        return problems
    if args.per_cell < 1 or args.heldout_per_cell < 0:
        raise ConfigError("--per-cell must be >= 1 and --heldout-per-cell >= 0")
    families = resolve_families(args.suite, args.families)
    sizes = {"test": args.heldout_per_cell, "val": args.heldout_per_cell, "train": args.per_cell}
    return build_splits(families, parse_difficulties(args.difficulties), sizes, args.split_seed)["train"]


def code_key(code: str) -> str:
    """Code up to formatting and comments (the AST), or the stripped text where it does not parse."""
    try:
        return ast.dump(ast.parse(code))
    except (SyntaxError, ValueError):
        return "\n".join(line.rstrip() for line in code.strip().splitlines() if line.strip())


def select_traces(problems: Sequence[Problem], prompts: Sequence[Messages], rows: Sequence[Sequence[Completion]],
                  verdicts: Iterable, teacher: str, max_per_problem: int) -> list[dict]:
    """Passing, distinct traces, at most `max_per_problem` each, in problem and sample order."""
    from axiom.verify import extract_code

    by_id = {(v.problem_id, v.sample): v for v in verdicts}
    traces: list[dict] = []
    for problem, messages, row in zip(problems, prompts, rows, strict=True):
        seen: set[str] = set()
        for k, c in enumerate(row):
            verdict = by_id.get((problem.id, k))
            if verdict is None or verdict.status != "passed" or len(seen) >= max_per_problem:
                continue
            code = extract_code(c.text, problem.entry_point) or ""
            if code_key(code) in seen:
                continue
            seen.add(code_key(code))
            verdict_d = {key: val for key, val in verdict.to_dict().items() if key != "tests"}
            traces.append({"problem_id": problem.id, "prompt": messages, "completion": c.text,
                           "messages": messages + [{"role": "assistant", "content": c.text}], "code": code,
                           "verdict": verdict_d, "teacher": teacher, "sample": k})
    return traces


def run_distill(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from axiom.generate.command import (
        backend_from_args,
        generate_all,
        generated_tokens,
        progress_chunk,
        sampling_from_args,
    )
    from axiom.generate.prompts import build_messages, get_template
    from axiom.jsonl import atomic_open, write_jsonl
    from axiom.verify import verify

    if args.max_per_problem < 1:
        raise ConfigError("--max-per-problem must be >= 1")
    params = sampling_from_args(args)
    check_output(args.output, "-o", {"--problems": args.problems}, writes=(".config.json",))
    backend_name, model = parse_model_spec(args.teacher)
    problems = distill_problems(args)
    template = None if args.template == "auto" else get_template(args.template)
    prompts = [build_messages(p, template) for p in problems]
    backend = backend_from_args(backend_name, model, args.adapter, args)
    start = time.perf_counter()
    with tqdm(total=len(problems) * params.n, unit="sample", desc="teacher", file=sys.stderr) as bar:
        rows = generate_all(backend, prompts, params, progress_chunk(backend_name, args.batch_size, params),
                            on_chunk=lambda _, r: bar.update(sum(len(x) for x in r)))
    gen_s = time.perf_counter() - start
    candidates = [{"problem_id": p.id, "completion": c.text, "sample": k}
                  for p, row in zip(problems, rows, strict=True) for k, c in enumerate(row)]
    verdicts = list(tqdm(verify(problems, candidates, workers=args.workers), total=len(candidates), unit="sample",
                         desc="verify", file=sys.stderr))
    teacher = f"{backend_name}:{model}"
    traces = select_traces(problems, prompts, rows, verdicts, teacher, args.max_per_problem)
    n = write_jsonl(args.output, traces)
    statuses: dict[str, int] = {}
    for v in verdicts:
        statuses[v.status] = statuses.get(v.status, 0) + 1
    summary = {"teacher": teacher, "adapter": args.adapter, "problems": len(problems), "samples": len(candidates),
               "passed": statuses.get("passed", 0), "traces": n,
               "problems_with_trace": len({t["problem_id"] for t in traces}), "statuses": statuses,
               "sampling": params.to_dict(), "generated_tokens": generated_tokens(rows),
               "generation_s": round(gen_s, 2), "template": template.to_dict() if template else "auto"}
    with atomic_open(f"{args.output}.config.json") as f:
        json.dump(summary, f, indent=2)
    print(f"{summary['passed']}/{len(candidates)} samples passed; kept {n} distinct traces for "
          f"{summary['problems_with_trace']}/{len(problems)} problems -> {args.output}", file=sys.stderr)
    return 0
