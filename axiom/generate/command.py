"""`axiom generate`, `axiom models list|convert` and `axiom distill`."""

from __future__ import annotations

import argparse
import json
import sys
import time

from axiom.cli_checks import check_output
from axiom.errors import ConfigError
from axiom.flags import add_backend_args, add_sampling_args, backend_from_args, sampling_from_args
from axiom.generate.backend import BACKENDS, parse_model_spec
from axiom.generate.batch import Progress, generated_tokens, sample, sample_and_verify
from axiom.generate.distill import select_traces
from axiom.generate.presets import PRESETS, converted_dir, ensure_converted, preset_status
from axiom.generate.prompts import build_messages, get_template, template_for
from axiom.jsonl import atomic_open, write_jsonl
from axiom.problems.record import Problem, load_problems
from axiom.problems.splits import build_splits
from axiom.problems.suites import parse_difficulties, resolve_families
from axiom.verify.pool import Verifier
from axiom.verify.records import status_counts


def add_generate_parsers(sub: argparse._SubParsersAction) -> None:
    g = sub.add_parser("generate", help="sample completions for a problem file (candidates JSONL)",
                       description="Sample N completions per problem and write DESIGN.md candidate lines.")
    g.add_argument("--model", required=True, help=f"a preset ({', '.join(PRESETS)}), a local save_pretrained "
                                                  "folder or a hub id; for --backend openai, the served model name")
    g.add_argument("--adapter", help="PEFT LoRA adapter folder (merged into the weights for generation)")
    g.add_argument("--backend", choices=list(BACKENDS), default="hf", help="default hf")
    add_backend_args(g)
    g.add_argument("--problems", required=True, help="problem JSONL (DESIGN.md format)")
    add_sampling_args(g)
    g.add_argument("-o", "--output", required=True, help="candidates JSONL (written atomically); the run's "
                                                         "settings go beside it as OUTPUT.config.json")
    g.set_defaults(func=run_generate)

    m = sub.add_parser("models", help="offline model presets: list them, convert them ahead of time")
    ms = m.add_subparsers(dest="models_cmd", required=True, metavar="{list,convert}")
    ms.add_parser("list", help="presets, whether installed and converted, and where").set_defaults(func=run_models_list)
    c = ms.add_parser("convert", help="convert a preset's GGUF to the cached safetensors folder now")
    c.add_argument("names", nargs="*", help=f"presets (default: all installed): {', '.join(PRESETS)}")
    c.set_defaults(func=run_models_convert)

    add_distill_parser(sub)


def run_generate(args: argparse.Namespace) -> int:
    params = sampling_from_args(args)
    check_output(args.output, "-o", {"--problems": args.problems}, writes=(".config.json",))
    problems = load_problems(args.problems)
    if not problems:
        raise ConfigError(f"{args.problems}: no problems")
    fixed = None if args.template == "auto" else get_template(args.template)
    templates = [fixed or template_for(p) for p in problems]
    prompts = [build_messages(p, t) for p, t in zip(problems, templates, strict=True)]
    backend = backend_from_args(args.backend, args.model, args.adapter, args)
    start = time.perf_counter()
    with Progress(len(problems) * params.n, "generate") as bar:
        rows = sample(backend, prompts, params, bar)
    elapsed = time.perf_counter() - start
    tokens = generated_tokens(rows)
    n = write_jsonl(args.output, (
        {"problem_id": p.id, "completion": c.text, "sample": k, "finish_reason": c.finish_reason,
         "prompt_tokens": c.prompt_tokens, "completion_tokens": c.completion_tokens}
        for p, row in zip(problems, rows, strict=True) for k, c in enumerate(row)))
    config = {"model": args.model, "adapter": args.adapter, "backend": args.backend, "problems": args.problems,
              "sampling": params.to_dict(), "templates": {t.name: t.to_dict() for t in templates},
              "candidates": n, "generated_tokens": tokens, "elapsed_s": round(elapsed, 3),
              "tokens_per_s": round(tokens / elapsed, 2) if elapsed else None}
    write_settings(args.output, config)
    print(f"wrote {n} candidates for {len(problems)} problems to {args.output}: {tokens} tokens in "
          f"{elapsed:.1f}s ({config['tokens_per_s']} tokens/s)", file=sys.stderr)
    return 0


def write_settings(output: str, settings: dict) -> None:
    """OUTPUT.config.json beside OUTPUT: how it was made, and a summary."""
    with atomic_open(f"{output}.config.json") as f:
        json.dump(settings, f, indent=2)


def run_models_list(args: argparse.Namespace) -> int:
    print(f"{'preset':<20} {'status':<14} description")
    for p in PRESETS.values():
        status = preset_status(p)
        print(f"{p.name:<20} {status:<14} {p.description}")
        where = f"cached at {converted_dir(p)}" if status == "converted" else (
            "converts on first use (or `axiom models convert`)" if status == "installed" else f"install: {p.install}")
        print(f"{'':<35} {where}")
    print("\nAny local save_pretrained folder or hub id works wherever a model is named.")
    return 0


def run_models_convert(args: argparse.Namespace) -> int:
    names = args.names or [n for n, p in PRESETS.items() if preset_status(p) != "not installed"]
    unknown = [n for n in names if n not in PRESETS]
    if unknown:
        raise ConfigError(f"unknown preset(s) {unknown}; presets: {', '.join(PRESETS)}")
    for name in names:
        start = time.perf_counter()
        path = ensure_converted(PRESETS[name])
        print(f"{name}: {path} ({time.perf_counter() - start:.1f}s)")
    return 0


def add_distill_parser(sub: argparse._SubParsersAction) -> None:
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


def run_distill(args: argparse.Namespace) -> int:
    if args.max_per_problem < 1:
        raise ConfigError("--max-per-problem must be >= 1")
    params = sampling_from_args(args)
    check_output(args.output, "-o", {"--problems": args.problems}, writes=(".config.json",))
    backend_name, model = parse_model_spec(args.teacher)
    problems = distill_problems(args)
    template = None if args.template == "auto" else get_template(args.template)
    with Verifier(workers=args.workers) as verifier:
        backend = backend_from_args(backend_name, model, args.adapter, args)
        rows, _, timing = sample_and_verify(backend, problems, [params], verifier=verifier, template=template,
                                            desc="teacher")
    teacher = f"{backend_name}:{model}"
    traces = select_traces(problems, rows, teacher, args.max_per_problem, template)
    n = write_jsonl(args.output, traces)
    statuses = status_counts(r["status"] for r in rows)
    summary = {"teacher": teacher, "adapter": args.adapter, "problems": len(problems), "samples": len(rows),
               "passed": statuses.get("passed", 0), "traces": n,
               "problems_with_trace": len({t["problem_id"] for t in traces}), "statuses": statuses,
               "sampling": params.to_dict(), "generated_tokens": timing["generated_tokens"],
               "generation_s": round(timing["generation_s"], 2), "template": template.to_dict() if template else "auto"}
    write_settings(args.output, summary)
    print(f"{summary['passed']}/{len(rows)} samples passed; kept {n} distinct traces for "
          f"{summary['problems_with_trace']}/{len(problems)} problems -> {args.output}", file=sys.stderr)
    return 0
