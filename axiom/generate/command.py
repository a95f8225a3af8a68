"""`axiom generate`, `axiom models list|convert` and `axiom distill`."""

from __future__ import annotations

import argparse
import sys
import textwrap
import time

from axiom.cli_checks import check_output
from axiom.config import help_text, parse_value, to_dict
from axiom.errors import ConfigError
from axiom.flags import (
    add_config_args,
    add_model_args,
    add_problem_args,
    add_sampling_args,
    add_verify_args,
    key_flag,
    load_job,
)
from axiom.generate.backend import parse_model_spec
from axiom.generate.batch import Progress, generated_tokens, open_backend, prompts_for, sample, sample_and_verify
from axiom.generate.distill import select_traces
from axiom.generate.presets import PRESETS, converted_dir, ensure_converted, preset_status
from axiom.generate.prompts import template_for
from axiom.jobs import DISTILL_SECTIONS, SAMPLE_SECTIONS, DistillConfig, SampleConfig, job_problems
from axiom.jsonl import write_json, write_jsonl
from axiom.verify.pool import Verifier
from axiom.verify.records import Limits, status_counts

_CONFIG_HELP = ("The config is the loop's (a loop config file works as it is, and its problems are drawn as the "
                "loop draws them); each flag sets the config key named in [brackets], and key=value overrides win "
                "over flags.")


def add_generate_parsers(sub: argparse._SubParsersAction) -> None:
    g = sub.add_parser("generate", help="sample completions for problems (candidates JSONL)",
                       description=textwrap.fill("Sample N completions per problem and write DESIGN.md "
                                                 "candidate lines. " + _CONFIG_HELP, 100),
                       epilog="config keys that `axiom generate` reads (set in --config YAML, by a flag or as "
                              "key=value):\n" + help_text(SampleConfig, SAMPLE_SECTIONS),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_config_args(g, "generate.samples=4")
    add_model_args(g)
    add_problem_args(g, "sample")
    add_sampling_args(g, "generate")
    g.add_argument("-o", "--output", required=True, help="candidates JSONL (written atomically); the resolved config "
                                                         "and a summary go beside it as OUTPUT.config.json")
    g.set_defaults(func=run_generate)

    m = sub.add_parser("models", help="offline model presets: list them, convert them ahead of time")
    ms = m.add_subparsers(dest="models_cmd", required=True, metavar="{list,convert}")
    ms.add_parser("list", help="presets, whether installed and converted, and where").set_defaults(func=run_models_list)
    c = ms.add_parser("convert", help="convert a preset's GGUF to the cached safetensors folder now")
    c.add_argument("names", nargs="*", help=f"presets (default: all installed): {', '.join(PRESETS)}")
    c.set_defaults(func=run_models_convert)

    add_distill_parser(sub)


def run_generate(args: argparse.Namespace) -> int:
    cfg = load_job(SampleConfig, args, "sample")
    src = cfg.sample
    params = cfg.generate.sampling(1, seed=cfg.run.seed)
    check_output(args.output, "-o", {"--problems": src.problems_file}, writes=(".config.json",))
    problems = job_problems(cfg, src, src.split)
    fixed = cfg.generate.fixed_template()
    backend = open_backend(cfg.model.backend, cfg.model.name, cfg.model.adapter, **cfg.model.backend_options())
    templates = [fixed or template_for(p, getattr(backend, "chat", True)) for p in problems]
    prompts, params = prompts_for(backend, problems, fixed, params)
    start = time.perf_counter()
    with Progress(len(problems) * params.n, "generate") as bar:
        rows = sample(backend, prompts, params, bar)
    elapsed = time.perf_counter() - start
    tokens = generated_tokens(rows)
    n = write_jsonl(args.output, (
        {"problem_id": p.id, "completion": c.text, "sample": k, "finish_reason": c.finish_reason,
         "prompt_tokens": c.prompt_tokens, "completion_tokens": c.completion_tokens}
        for p, row in zip(problems, rows, strict=True) for k, c in enumerate(row)))
    settings = {"model": cfg.model.name, "adapter": cfg.model.adapter, "backend": cfg.model.backend,
                "problems": src.problems_file, "split": None if src.problems_file else src.split,
                "n_problems": len(problems), "sampling": params.to_dict(),
                "templates": {t.name: t.to_dict() for t in templates},
                "candidates": n, "generated_tokens": tokens, "elapsed_s": round(elapsed, 3),
                "tokens_per_s": round(tokens / elapsed, 2) if elapsed else None,
                "argv": sys.argv[1:], "config_file": args.config, "config": to_dict(cfg)}
    write_settings(args.output, settings)
    print(f"wrote {n} candidates for {len(problems)} problems to {args.output}: {tokens} tokens in "
          f"{elapsed:.1f}s ({settings['tokens_per_s']} tokens/s)", file=sys.stderr)
    return 0


def write_settings(output: str, settings: dict) -> None:
    """OUTPUT.config.json beside OUTPUT: how it was made, and a summary."""
    write_json(f"{output}.config.json", settings)


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
                       description=textwrap.fill(
                           "Sample from a teacher, verify every sample, keep passing, de-duplicated ones. The "
                           "problems are the training split (val and test are drawn first and excluded, as in the "
                           "loop). " + _CONFIG_HELP, 100),
                       epilog="config keys that `axiom distill` reads (set in --config YAML, by a flag or as "
                              "key=value):\n" + help_text(DistillConfig, DISTILL_SECTIONS),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_config_args(d, "recipe.max_per_problem=2")
    d.add_argument("--teacher", help="BACKEND:MODEL, e.g. hf:qwen2.5-coder-0.5b or openai:gpt-4o-mini (a bare model "
                                     "name means hf) [model.backend, model.name]")
    add_model_args(d, model=False)
    add_problem_args(d, "distill", split=False)
    d.add_argument("--heldout-per-cell", help="val and test problems per (family, level), drawn first and excluded "
                                              "[problems.val_per_cell, problems.test_per_cell]")
    key_flag(d, "--max-per-problem", "recipe.max_per_problem", "distinct passing traces kept per problem")
    add_sampling_args(d, "generate")
    add_verify_args(d)
    d.add_argument("-o", "--output", required=True, help="traces JSONL (written atomically); the resolved config "
                                                         "and a summary go beside it as OUTPUT.config.json")
    d.set_defaults(func=run_distill)


def load_distill(args: argparse.Namespace) -> DistillConfig:
    values: dict = {}
    if args.teacher:
        values["model.backend"], values["model.name"] = parse_model_spec(args.teacher)
    if args.heldout_per_cell is not None:
        values["problems.val_per_cell"] = values["problems.test_per_cell"] = parse_value(args.heldout_per_cell)
    cfg = load_job(DistillConfig, args, "distill", values)
    if not (args.teacher or args.config or any(o.startswith("model.name=") for o in args.overrides)):
        raise ConfigError("name the teacher: --teacher BACKEND:MODEL (or model.name=... in --config or key=value)")
    return cfg


def run_distill(args: argparse.Namespace) -> int:
    cfg = load_distill(args)
    src, m = cfg.distill, cfg.model
    params = cfg.generate.sampling(1, seed=cfg.run.seed)
    check_output(args.output, "-o", {"--problems": src.problems_file}, writes=(".config.json",))
    problems = job_problems(cfg, src, "train")
    template = cfg.generate.fixed_template()
    v = cfg.verify
    with Verifier(workers=v.workers, limits=Limits(timeout_s=v.timeout_s, memory_mb=v.memory_mb),
                  allow_weak_sandbox=v.allow_weak_sandbox or None) as verifier:
        backend = open_backend(m.backend, m.name, m.adapter, **m.backend_options())
        rows, _, timing = sample_and_verify(backend, problems, [params], verifier=verifier, template=template,
                                            desc="teacher")
    teacher = f"{m.backend}:{m.name}"
    traces = select_traces(problems, rows, teacher, cfg.recipe.max_per_problem, template)
    n = write_jsonl(args.output, traces)
    statuses = status_counts(r["status"] for r in rows)
    summary = {"teacher": teacher, "adapter": m.adapter, "problems": len(problems), "samples": len(rows),
               "passed": statuses.get("passed", 0), "traces": n,
               "problems_with_trace": len({t["problem_id"] for t in traces}), "statuses": statuses,
               "sampling": params.to_dict(), "generated_tokens": timing["generated_tokens"],
               "generation_s": round(timing["generation_s"], 2), "template": template.to_dict() if template else "auto",
               "argv": sys.argv[1:], "config_file": args.config, "config": to_dict(cfg)}
    write_settings(args.output, summary)
    print(f"{summary['passed']}/{len(rows)} samples passed; kept {n} distinct traces for "
          f"{summary['problems_with_trace']}/{len(problems)} problems -> {args.output}", file=sys.stderr)
    return 0
