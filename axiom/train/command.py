"""`axiom train sft|dpo|grpo`: LoRA training from verified data; every config key can be set as key=value."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

from axiom.cli_checks import check_output
from axiom.config import help_text, load_config
from axiom.errors import ConfigError, TrainingDataError
from axiom.generate.prompts import auto_template
from axiom.jsonl import read_jsonl
from axiom.memory import in_child
from axiom.problems.record import load_problems
from axiom.train.data import examples_from_traces, preference_pairs, sft_examples
from axiom.train.dpo import DPOConfig, train_dpo
from axiom.train.grpo import GRPOConfig, train_grpo
from axiom.train.launch import train_parallel
from axiom.train.sft import SFTConfig, train_sft

_EPILOG = "config keys (set with key=value after the options, or in --config YAML):\n"


def add_train_parser(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser("train", help="LoRA SFT, DPO or GRPO on verified data (TRL + PEFT)",
                       description="Train a LoRA adapter. Output: a PEFT adapter folder with the tokenizer and "
                                   "axiom_train.json (resolved config, metrics), written atomically.")
    ts = t.add_subparsers(dest="train_cmd", required=True, metavar="{sft,dpo,grpo}")
    kw = dict(formatter_class=argparse.RawDescriptionHelpFormatter)

    s = ts.add_parser("sft", help="supervised fine-tuning on passing samples or teacher traces",
                      epilog=_EPILOG + help_text(SFTConfig), **kw)
    _common(s)
    s.add_argument("--data", required=True, help="sample rows (with verdicts; needs --problems) or traces JSONL "
                                                 "(prompt + completion, e.g. from axiom distill)")
    s.add_argument("--val", help="validation rows or traces JSONL (validation loss, early stopping)")
    _data_args(s)
    _processes_arg(s)
    s.set_defaults(func=run_sft, cfg_cls=SFTConfig)

    d = ts.add_parser("dpo", help="DPO on preference pairs (passing vs failing completion of one prompt)",
                      epilog=_EPILOG + help_text(DPOConfig), **kw)
    _common(d)
    d.add_argument("--data", required=True, help="sample rows with verdicts (needs --problems) or a pairs JSONL "
                                                 "(prompt, chosen, rejected)")
    _data_args(d)
    _processes_arg(d)
    d.add_argument("--rejected", choices=("near_miss", "worst"), default="near_miss",
                   help="which failures to pair first: highest partial credit (near_miss) or lowest")
    d.set_defaults(func=run_dpo, cfg_cls=DPOConfig)

    g = ts.add_parser("grpo", help="GRPO with sandbox rewards on generated problems",
                      epilog=_EPILOG + help_text(GRPOConfig), **kw)
    _common(g)
    g.add_argument("--suite", help="named family set (same as problems.suite=...)")
    g.add_argument("--families", help="comma-separated families (same as problems.families=...)")
    g.add_argument("--difficulties", help="training levels, e.g. 1-5 (same as problems.train_difficulties=...)")
    g.add_argument("--problems", help="problem JSONL to train on instead of drawing from the problems section")
    g.set_defaults(func=run_grpo, cfg_cls=GRPOConfig)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", required=True, help="preset name (axiom models), local folder or hub id")
    p.add_argument("--adapter", help="continue this PEFT adapter instead of starting a fresh LoRA")
    p.add_argument("--out", required=True, help="output adapter folder")
    p.add_argument("--config", help="YAML config (e.g. configs/seed-exp06.yaml); key=value overrides it")
    p.add_argument("overrides", nargs="*", metavar="key=value", help="config overrides, e.g. lr=1e-4 epochs=2")


def _data_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--problems", help="problem JSONL the sample rows refer to")
    p.add_argument("--max-per-problem", type=int, default=4, help="distinct solutions kept per problem (default 4)")
    p.add_argument("--completion", choices=("own", "code"), default="own",
                   help="train on the model's own text (own) or just its code block (code) (default own)")
    p.add_argument("--family-cap", type=float, help="largest share of the examples one family may hold")
    p.add_argument("--data-seed", type=int, default=0, help="seed of the data selection (default 0)")


def _processes_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--processes", type=int, help="data-parallel training processes on this node, one per GPU, "
                                                 "launched with torchrun (same as processes=N; default 1)")


def _rows(path: str) -> list[dict]:
    try:
        rows = [row for _, row in read_jsonl(path)]
    except FileNotFoundError:
        raise ConfigError(f"data file not found: {path}") from None
    except ValueError as e:
        raise TrainingDataError(str(e)) from None
    if not rows:
        raise TrainingDataError(f"{path}: no rows in this file")
    _check_kind(rows[0], path)
    return rows


def _check_kind(row: object, path: str) -> None:
    """Name the file a pipeline step wrote when it is given where training data is expected."""
    if not isinstance(row, dict):
        raise TrainingDataError(f"{path}:1: expected a JSON object, got {type(row).__name__}")
    if any(k in row for k in ("prompt", "messages")):
        return
    fix = "`axiom verify --problems P.jsonl --candidates C.jsonl --merge -o samples.jsonl`"
    if "status" in row and "completion" not in row:
        raise TrainingDataError(f"{path} holds verdicts without the completions they judge (`axiom verify` "
                                f"without --merge); write sample rows with {fix}, or use `axiom eval`'s samples.jsonl")
    if "completion" in row and "status" not in row:
        raise TrainingDataError(f"{path} holds candidates without verdicts (`axiom generate`'s output); verify them "
                                f"first with {fix}")


def _problems(args: argparse.Namespace) -> dict | None:
    return {p.id: p for p in load_problems(args.problems)} if args.problems else None


def load_examples(path: str, args: argparse.Namespace) -> list[dict]:
    """SFT examples from sample rows (a `status` and no `prompt`) or from traces."""
    rows, problems = _rows(path), _problems(args)
    if rows and "status" in rows[0] and "prompt" not in rows[0] and "messages" not in rows[0]:
        if problems is None:
            raise ConfigError(f"{path} holds sample rows with verdicts; pass --problems with the problem file")
        return sft_examples(problems, rows, max_per_problem=args.max_per_problem, completion=args.completion,
                            family_cap=args.family_cap, seed=args.data_seed, template=auto_template(args.model))
    return examples_from_traces(rows, problems, max_per_problem=args.max_per_problem, completion=args.completion,
                                family_cap=args.family_cap, seed=args.data_seed)


def _report(train, *args, **kwargs) -> int:
    """Run `train` in a process of its own (`in_child`: started with huge pages, its memory all handed back;
    torchrun's ranks are processes already); the trainers' progress logs go to stderr, the final metrics (one
    JSON line) to stdout."""
    if train is train_parallel:
        metrics = _quietly(train, *args, **kwargs)
    else:
        metrics = in_child(_quietly, train, *args, **kwargs)
    print(json.dumps({k: v for k, v in metrics.items() if not k.endswith("_history") and k != "reward_per_family"}))
    return 0


def _quietly(train, *args, **kwargs) -> dict:
    with contextlib.redirect_stdout(sys.stderr):
        return train(*args, **kwargs)


def _config(args: argparse.Namespace, values: dict | None = None):
    """The command's config: --config, then its flags (`values`, --processes), then key=value overrides."""
    values = dict(values or {})
    if getattr(args, "processes", None) is not None:
        values["processes"] = args.processes
    return load_config(args.cfg_cls, args.config, args.overrides, values)


def _train(kind: str, args: argparse.Namespace, cfg, data: list[dict], val: list[dict] | None = None) -> int:
    """SFT or DPO in this process, or in `cfg.processes` torchrun ranks."""
    if cfg.processes > 1:
        return _report(train_parallel, kind, args.model, data, args.out, cfg, adapter=args.adapter, val=val)
    if kind == "sft":
        return _report(train_sft, args.model, data, args.out, cfg, adapter=args.adapter, val_examples=val)
    return _report(train_dpo, args.model, data, args.out, cfg, adapter=args.adapter)


def _check_out(args: argparse.Namespace) -> None:
    """--out is replaced whole when training ends: it must not hold an input, nor be a file."""
    inputs = {f"--{name}": getattr(args, name, None) for name in ("data", "val", "problems", "adapter", "config")}
    check_output(args.out, "--out", inputs, folder=True)
    out = Path(args.out)
    if out.is_dir() and any(out.iterdir()) and not any((out / f).exists() for f in ("axiom_train.json",
                                                                                   "adapter_config.json")):
        raise ConfigError(f"--out {out} is a folder of other files, not an adapter; training replaces --out "
                          "whole, so give a new folder")


def run_sft(args: argparse.Namespace) -> int:
    cfg = _config(args)
    _check_out(args)
    examples = load_examples(args.data, args)
    val = load_examples(args.val, args) if args.val else None
    print(f"training on {len(examples)} examples" + (f", validating on {len(val)}" if val else ""), file=sys.stderr)
    return _train("sft", args, cfg, examples, val)


def run_dpo(args: argparse.Namespace) -> int:
    cfg = _config(args)
    _check_out(args)
    rows = _rows(args.data)
    if rows and all(k in rows[0] for k in ("prompt", "chosen", "rejected")):
        pairs = rows
    else:
        problems = _problems(args)
        if problems is None:
            raise ConfigError(f"{args.data} holds sample rows; pass --problems with the problem file")
        pairs = preference_pairs(problems, rows, max_pairs_per_problem=args.max_per_problem,
                                 rejected=args.rejected, completion=args.completion, template=auto_template(args.model))
    print(f"training on {len(pairs)} preference pairs", file=sys.stderr)
    return _train("dpo", args, cfg, pairs)


def run_grpo(args: argparse.Namespace) -> int:
    keys = {"suite": "problems.suite", "families": "problems.families", "difficulties": "problems.train_difficulties"}
    values = {key: getattr(args, name) for name, key in keys.items() if getattr(args, name) is not None}
    cfg = _config(args, values)
    _check_out(args)
    problems = load_problems(args.problems) if args.problems else None
    return _report(train_grpo, args.model, args.out, cfg, adapter=args.adapter, problems=problems)
