"""`axiom corpus build` and `axiom pretrain`: the from-scratch track's commands (docs/scratch.md)."""

from __future__ import annotations

import argparse
import sys
import textwrap

from axiom.config import help_text, load_config
from axiom.scratch.config import PretrainConfig
from axiom.scratch.corpus import CorpusConfig, build_corpus, summary_lines
from axiom.scratch.pretrain import pretrain, resume_config

_EPILOG = "config keys (set with key=value after the options):\n"


def add_corpus_parser(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("corpus", help="build a Python pretraining corpus offline (stdlib + permissive packages)")
    cs = c.add_subparsers(dest="corpus_cmd", required=True, metavar="{build}")

    b = cs.add_parser(
        "build", help="gather, filter, de-duplicate and decontaminate .py files; train the tokenizer",
        description=textwrap.fill(
            "Gather the standard library's and the installed packages' .py files under permissive licences, drop "
            "exact and near duplicates and files that overlap HumanEval, HumanEval-mini or Axiom's reference "
            "solutions, train a byte-level BPE tokenizer and write the token files. Prints and records "
            "(corpus.json) the size in files, bytes and tokens. See docs/scratch.md.", 100),
        epilog=_EPILOG + help_text(CorpusConfig), formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("-o", "--output", required=True, metavar="DIR", help="corpus folder to create (must not exist)")
    b.add_argument("--max-files", type=int, help="stop after this many kept files [max_files]")
    b.add_argument("--max-bytes", type=_size, help="stop before the kept files pass this size, e.g. 20MB [max_bytes]")
    b.add_argument("--vocab-size", type=int, help="tokenizer vocabulary size (default 8192) [vocab_size]")
    b.add_argument("--no-stdlib", dest="stdlib", action="store_const", const=False, help="leave the stdlib out")
    b.add_argument("--no-packages", dest="packages", action="store_const", const=False,
                   help="leave the installed packages out")
    b.add_argument("overrides", nargs="*", metavar="key=value", help="config overrides, e.g. near_dup_threshold=0.9")
    b.set_defaults(func=run_corpus_build)


def _size(text: str) -> int:
    """'20MB', '500kB', '1.5GB' or a plain number of bytes."""
    units = {"kb": 10**3, "mb": 10**6, "gb": 10**9, "b": 1}
    lowered = text.strip().lower()
    for unit, factor in units.items():
        if lowered.endswith(unit):
            try:
                return int(float(lowered[:-len(unit)]) * factor)
            except ValueError:
                break
    try:
        return int(lowered)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size; write e.g. 20MB, 500kB or 1000000") from None


def run_corpus_build(args: argparse.Namespace) -> int:
    values = {key: getattr(args, key) for key in ("max_files", "max_bytes", "vocab_size", "stdlib", "packages")
              if getattr(args, key, None) is not None}
    cfg = load_config(CorpusConfig, None, args.overrides, values)
    summary = build_corpus(args.output, cfg)
    print("\n".join(summary_lines(summary, args.output)))
    return 0


def add_pretrain_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "pretrain", help="pretrain a small Llama from scratch on a corpus (resumable, evaluated as it goes)",
        description=textwrap.fill(
            "Train a decoder-only model (transformers' Llama) on a corpus from `axiom corpus build`. Writes "
            "RUN_DIR (run.out_dir/run.name): config.json, metrics.jsonl (validation loss, syntax-valid and "
            "mode-collapse rates of sampled functions, HumanEval-mini pass@1 every eval.every steps), "
            "checkpoints/last.pt (resumable), model/ (save_pretrained model + tokenizer, usable as model.name "
            "anywhere in Axiom) and report.html. See docs/scratch.md.", 100),
        epilog=_EPILOG + help_text(PretrainConfig), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", help="YAML config (e.g. configs/scratch-cpu.yaml); key=value overrides it")
    p.add_argument("--resume", metavar="RUN_DIR", help="continue this run from its last checkpoint (its own config; "
                                                       "only eval.*, train.save_every, train.log_every and "
                                                       "train.threads may be overridden)")
    p.add_argument("overrides", nargs="*", metavar="key=value", help="config overrides, e.g. train.max_steps=200")
    p.set_defaults(func=run_pretrain)


def run_pretrain(args: argparse.Namespace) -> int:
    if args.resume:
        if args.config:
            print("axiom: --config is ignored with --resume (a run keeps its own config)", file=sys.stderr)
        cfg, run_dir = resume_config(args.resume, args.overrides)
    else:
        cfg, run_dir = load_config(PretrainConfig, args.config, args.overrides), None
    result = pretrain(cfg, resume=run_dir, resume_overrides=args.overrides if args.resume else None)
    print(f"model: {result['model']} ({result['parameters']:,} parameters, {result['step']} steps); "
          f"report: {result['report']}")
    return 0
