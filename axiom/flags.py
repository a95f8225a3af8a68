"""Command-line flags that several commands take: sampling, backends, the weak-sandbox switch.

The commands (`*/command.py`) are leaves that nothing imports; what more than one of them needs
lives here.
"""

from __future__ import annotations

import argparse

from axiom.generate.backend import Backend, Sampling
from axiom.generate.batch import open_backend


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
    return open_backend(backend, model, adapter, **options)


def add_weak_sandbox_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-weak-sandbox", action="store_true",
                   help="verify even where a sandbox mechanism cannot be set up (no root, old kernel, no "
                        "libseccomp), with a warning; by default the verifier refuses to start. For development "
                        "only (also: AXIOM_ALLOW_WEAK_SANDBOX=1)")
