"""The `axiom` command. Each stage keeps its own subcommands beside its code; this file wires them."""

from __future__ import annotations

import argparse
import signal
import sys

from axiom import __version__
from axiom.cli_checks import check_options
from axiom.errors import AxiomError
from axiom.eval.command import add_eval_parsers
from axiom.generate.command import add_generate_parsers
from axiom.loop.command import add_iterate_parser
from axiom.problems.command import add_problems_parser
from axiom.scratch.command import add_corpus_parser, add_pretrain_parser
from axiom.serve.command import add_serve_parser
from axiom.train.command import add_train_parser
from axiom.verify.command import add_verify_parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="axiom", description="Make small code models better by learning from their own verified work.")
    parser.add_argument("--version", action="version", version=f"axiom {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_problems_parser(sub)
    add_verify_parser(sub)
    add_serve_parser(sub)
    add_generate_parsers(sub)
    add_eval_parsers(sub)
    add_iterate_parser(sub)
    add_train_parser(sub)
    add_corpus_parser(sub)
    add_pretrain_parser(sub)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM (`timeout`, Slurm, `docker stop`), raised where Ctrl-C would be, so it cleans up the same way:
    temp files removed, the old output left in place, worker processes stopped."""


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: leave signals to the caller
        previous = None
    try:
        check_options(args)  # shared option rules, before the command does anything
        return args.func(args) or 0
    except AxiomError as e:
        print(f"axiom: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `axiom problems list | head`
        sys.stderr.close()
        return 0
    except Terminated:
        print("axiom: terminated (SIGTERM)", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("axiom: interrupted", file=sys.stderr)
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


if __name__ == "__main__":
    sys.exit(main())
