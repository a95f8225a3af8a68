"""The CPU sampling path, before and after, in one run: which path CPU generation should default to.

    .venv/bin/python benchmarks/generation_cpu.py speed     [--prompts 8] [--n 8] [--max-new-tokens 256] [--adapter DIR]
                                                            [--llamacpp-amx] [--only-llamacpp]
    .venv/bin/python benchmarks/generation_cpu.py quality   [--samples 4] [--max-new-tokens 384]
    .venv/bin/python benchmarks/generation_cpu.py prompt    [--samples 4] [--max-new-tokens 384] [--template concise]

speed: the issue's workload (8 v2 prompts x 8 samples, temperature 0.8, at most 256 new tokens,
the machine's threads) through these paths, one after the other on one machine:
  1. before: fp32 weights, `torch.multinomial` sampling, no stop (the decode loop as it was);
  2. fp32 with the inverse-CDF sampler (`axiom.generate.decode.sample_next`);
  3. bf16 weights with it (the default on a CPU with bf16 hardware);
  4. 3 plus `stop_at_code_end` (the default of `axiom eval`, `axiom generate` and the loop);
  5. the llamacpp backend (the preset's GGUF as it ships), without and with the stop;
  6. an adapter round, what one loop iteration pays to generate with a new adapter: load the model
     with the adapter (hf: merge it; llamacpp: convert it to a GGUF LoRA, timed on its own, and
     apply it at run time) and generate with the stop. The adapter is --adapter, or a fresh one
     with the loop's LoRA settings (its lora_B is zero, as PEFT starts it: the completions match
     the base model's, so the runs make comparable tokens; a LoRA's cost does not depend on its values).
Aggregate tokens/s counts real generated tokens (EOS included, never padding). Path 4 makes fewer
tokens for the same completions, so it is also compared in completions per second. Paths 5 and 6
are skipped, with a note, where llama-cpp-python is not installed; --llamacpp-amx runs them again
with llama.cpp's AMX kernels (only safe on a build with the tile-config fix, see llamacpp.py).

quality: the seeds' 55-cell grid (11 v2 families x levels 1, 3, 5, 7, 10, one test problem a cell,
as in the README's baselines), bf16: a greedy sample and `--samples` samples at T=0.8 per problem,
with and without the stop; then fp32 greedy with the stop; then the llamacpp backend with the stop
(where installed). Pass rates are compared on the same problems: McNemar's exact test on the
greedy outcomes, a paired bootstrap on the sampled pass rates.

prompt: quality's grid, bf16 only, three runs: no stop and the stop, both with the procedural request
and no answer start (`procedural_unstarted`, the default until 2026-12-07), then the stop with
--template's prompt (e.g. `procedural`, today's default, which starts the answer); tokens per
completion against the first, pass rates of the third against the second (the same tests as quality's).

Each writes its part of benchmarks/results/generation.json (other parts are kept): cpu_speed,
cpu_quality, cpu_prompt_TEMPLATE.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402

from axiom.errors import ConfigError  # noqa: E402
from axiom.generate import decode  # noqa: E402
from axiom.generate.backend import Sampling  # noqa: E402
from axiom.generate.hf import HFBackend  # noqa: E402
from axiom.generate.prompts import build_messages  # noqa: E402
from axiom.jsonl import write_json  # noqa: E402
from axiom.problems.family import make_problem  # noqa: E402
from axiom.problems.suites import V2  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "generation.json"
BEFORE = "procedural_unstarted"  # prompt's first two runs: the procedural request, no answer start


def multinomial_sample_next(logits, params, generator):
    """The sampler before this change (torch.multinomial), kept here to measure against."""
    if params.greedy:
        return logits.argmax(-1)
    probs = torch.softmax(logits.float() / params.temperature, dim=-1)
    if params.top_p >= 1.0:
        return torch.multinomial(probs, 1, generator=generator).squeeze(-1)
    sorted_p, order = probs.sort(-1, descending=True)
    outside = sorted_p.cumsum(-1) - sorted_p > params.top_p
    choice = torch.multinomial(sorted_p.masked_fill(outside, 0.0), 1, generator=generator)
    return order.gather(-1, choice).squeeze(-1)


def timed_generate(backend, prompts, params, old_sampler=False) -> dict:
    real = decode.sample_next
    if old_sampler:
        decode.sample_next = multinomial_sample_next
    try:
        load = os.getloadavg()[0]
        start = time.perf_counter()
        out = backend.generate(prompts, params)
        seconds = time.perf_counter() - start
    finally:
        decode.sample_next = real
    completions = [c for row in out for c in row if not c.meta.get("duplicate")]
    tokens = sum(c.completion_tokens for c in completions)
    return {"tokens": tokens, "completions": len(completions), "seconds": round(seconds, 2),
            "tokens_per_s": round(tokens / seconds, 2), "completions_per_s": round(len(completions) / seconds, 3),
            "tokens_per_completion": round(tokens / len(completions), 1),
            "at_token_cap": round(sum(c.finish_reason == "length" for c in completions) / len(completions), 3),
            "load_avg_1m": round(max(load, os.getloadavg()[0]), 2)}


def speed(args) -> dict:
    prompts = [build_messages(make_problem(V2[i % len(V2)], 1 + (3 * i) % 10, "test", 7, i))
               for i in range(args.prompts)]
    params = Sampling(n=args.n, temperature=0.8, max_new_tokens=args.max_new_tokens, seed=1)
    stop = Sampling(**{**params.to_dict(), "stop": (), "stop_at_code_end": True})
    runs = {}
    for dtype in ([] if args.only_llamacpp else ["float32", "bfloat16"]):
        backend = HFBackend(args.model, dtype=dtype, batch_size=args.prompts * args.n)
        backend.generate(prompts[:1], Sampling(max_new_tokens=4, temperature=0))  # warm-up
        if dtype == "float32":
            runs["before: hf fp32, multinomial, no stop"] = timed_generate(backend, prompts, params, old_sampler=True)
            runs["hf fp32, inverse-CDF sampler, no stop"] = timed_generate(backend, prompts, params)
        else:
            runs["hf bf16, inverse-CDF sampler, no stop"] = timed_generate(backend, prompts, params)
            runs["after: hf bf16, inverse-CDF sampler, stop at code end"] = timed_generate(backend, prompts, stop)
        del backend
        _print(runs)
    adapter = args.adapter or make_adapter(args.model)
    if not args.only_llamacpp:
        runs["hf bf16 + adapter (merged), stop at code end"] = adapter_round_hf(args, adapter, prompts, stop)
    llama = llamacpp_runs(args, adapter, prompts, params, stop)
    runs.update(llama.pop("runs", {}))
    _print(runs)
    out = {"settings": {k: v for k, v in vars(args).items() if k != "func"}, "threads": torch.get_num_threads(),
           "runs": runs, "llamacpp": llama, **compare(runs)}
    if args.only_llamacpp:
        return out
    before, fp32, bf16, after = (runs[k] for k in list(runs)[:4])
    return {**out,
            "sampler_fp32_over_before": round(fp32["tokens_per_s"] / before["tokens_per_s"], 2),
            "bf16_over_before": round(bf16["tokens_per_s"] / before["tokens_per_s"], 2),
            "after_over_before_tokens_per_s": round(after["tokens_per_s"] / before["tokens_per_s"], 2),
            "after_over_before_completions_per_s": round(after["completions_per_s"] / before["completions_per_s"], 2),
            "tokens_per_completion_change":
                round(after["tokens_per_completion"] / bf16["tokens_per_completion"] - 1, 3),
            "goals": {"sampling >= 2x hf fp32 batched tokens/s": bf16["tokens_per_s"] >= 2 * before["tokens_per_s"],
                      "tokens per completion down >= 30%":
                          after["tokens_per_completion"] <= 0.7 * bf16["tokens_per_completion"]}}


def _print(runs: dict) -> None:
    for name, r in runs.items():
        extra = f" (round {r['adapter_round_s']} s)" if "adapter_round_s" in r else ""
        print(f"{name:<58} {r['tokens']:>6} tok {r['seconds']:>7} s {r['tokens_per_s']:>7} tok/s "
              f"{r['tokens_per_completion']:>6} tok/completion{extra}", flush=True)


def make_adapter(model: str) -> str:
    """A fresh PEFT adapter on `model` with the loop's LoRA settings (TrainConfig's defaults), in a temp folder."""
    import tempfile

    from peft import get_peft_model
    from transformers import AutoModelForCausalLM

    from axiom.generate.presets import resolve_model
    from axiom.train.lora import TrainConfig, lora_config

    path = tempfile.mkdtemp(prefix="axiom-bench-adapter-")
    base = AutoModelForCausalLM.from_pretrained(resolve_model(model))
    get_peft_model(base, lora_config(TrainConfig())).save_pretrained(path)
    return path


def adapter_round_hf(args, adapter: str, prompts, params) -> dict:
    """Load + merge the adapter into bf16 weights, then generate: what hf pays per iteration's new adapter."""
    start = time.perf_counter()
    backend = HFBackend(args.model, adapter=adapter, dtype="bfloat16", batch_size=args.prompts * args.n)
    load_s = time.perf_counter() - start
    r = timed_generate(backend, prompts, params)
    return {**r, "load_s": round(load_s, 2), "adapter_round_s": round(load_s + r["seconds"], 2)}


def llamacpp_runs(args, adapter: str, prompts, params, stop) -> dict:
    """Paths 5 and 6 through the llamacpp backend, at the threads torch uses (with --llamacpp-amx, also with
    llama.cpp's AMX kernels); a note instead where llama-cpp-python is missing."""
    try:
        import llama_cpp
    except ImportError:
        return {"skipped": "llama-cpp-python is not installed (pip install llama-cpp-python)"}
    from axiom.generate.llamacpp import amx_compiled

    info = {"version": llama_cpp.__version__, "system": llama_cpp.llama_print_system_info().decode().strip(),
            "threads": torch.get_num_threads(), "runs": {}}
    for amx in [False] + ([True] if args.llamacpp_amx and amx_compiled(llama_cpp) else []):
        info["runs"].update(llamacpp_paths(args, adapter, prompts, params, stop, amx, info))
    if args.llamacpp_amx and not amx_compiled(llama_cpp):
        info["amx"] = "not compiled into this llama.cpp build"
    return info


def llamacpp_paths(args, adapter, prompts, params, stop, amx: bool, info: dict) -> dict:
    import shutil
    import tempfile

    from axiom.generate.llamacpp import LlamaCppBackend

    name = "llamacpp (AMX)" if amx else "llamacpp"
    opts = {"batch_size": args.prompts * args.n, "threads": torch.get_num_threads(), "amx": amx}
    start = time.perf_counter()
    backend = LlamaCppBackend(args.model, **opts)
    info[f"{name} load_s"] = round(time.perf_counter() - start, 2)
    info["gguf"] = gguf_info(backend.gguf)
    backend.generate(prompts[:1], Sampling(max_new_tokens=4, temperature=0))  # warm-up
    runs = {f"{name}, no stop": timed_generate(backend, prompts, params),
            f"{name}, stop at code end": timed_generate(backend, prompts, stop)}
    backend.close()
    with tempfile.TemporaryDirectory(prefix="axiom-bench-lora-") as tmp:
        copy = shutil.copytree(adapter, f"{tmp}/adapter", ignore=shutil.ignore_patterns("adapter_model.gguf"))
        start = time.perf_counter()  # a copy without a cached GGUF LoRA: the conversion is part of the round
        backend = LlamaCppBackend(args.model, adapter=copy, **opts)
        load_s = time.perf_counter() - start
        r = timed_generate(backend, prompts, stop)
        backend.close()
    runs[f"{name} + adapter (runtime LoRA), stop at code end"] = {
        **r, "adapter_convert_s": round(backend.adapter_convert_s, 2), "load_s": round(load_s, 2),
        "adapter_round_s": round(load_s + r["seconds"], 2)}
    return runs


def gguf_info(path) -> dict:
    import gguf

    field = gguf.GGUFReader(str(path)).fields["general.file_type"]
    return {"file": Path(path).name, "file_type": gguf.LlamaFileType(int(field.parts[field.data[0]][0])).name,
            "mb": round(Path(path).stat().st_size / 2**20)}


def compare(runs: dict) -> dict:
    """llamacpp over hf bf16, where both ran: tokens/s without and with the stop, and the adapter round."""
    out = {}
    for llama in ("llamacpp", "llamacpp (AMX)"):
        pairs = {"no_stop_tokens_per_s": ("hf bf16, inverse-CDF sampler, no stop", f"{llama}, no stop"),
                 "stop_tokens_per_s": ("after: hf bf16, inverse-CDF sampler, stop at code end",
                                       f"{llama}, stop at code end"),
                 "adapter_round_s": ("hf bf16 + adapter (merged), stop at code end",
                                     f"{llama} + adapter (runtime LoRA), stop at code end")}
        for key, (hf, other) in pairs.items():
            if hf in runs and other in runs:
                field = "adapter_round_s" if key == "adapter_round_s" else "tokens_per_s"
                out.setdefault(llama, {})[key] = {"hf": runs[hf][field], "llamacpp": runs[other][field],
                                                  "llamacpp_over_hf": round(runs[other][field] / runs[hf][field], 2)}
    return {"llamacpp_vs_hf_bf16": out} if out else {}


def grid() -> list:
    """The seeds' 55-cell grid: one test problem for each v2 family at levels 1, 3, 5, 7, 10."""
    from axiom.problems.splits import build_splits

    return build_splits(V2, [1, 3, 5, 7, 10], {"test": 1}, 42)["test"]


def graded_run(out: dict, name: str, backend, problems, params, greedy=True, template=None) -> None:
    """Generate and verify `problems`; record under `out[name]` the greedy outcome and sampled pass rate of
    each problem, tokens per completion and the share that ran to the token cap."""
    from axiom.eval.run import generate_and_verify

    start = time.perf_counter()
    rows, _, timing = generate_and_verify(backend, problems, params, greedy=greedy, progress=False, template=template)
    greedy_pass = {r["problem_id"]: r["status"] == "passed" for r in rows if r.get("greedy")}
    sampled: dict[str, list[bool]] = {}
    for r in rows:
        if not r.get("greedy"):
            sampled.setdefault(r["problem_id"], []).append(r["status"] == "passed")
    tokens = [r["tokens"] for r in rows]
    out[name] = {"greedy": greedy_pass, "sampled": {k: sum(v) / len(v) for k, v in sampled.items()},
                 "tokens_per_completion": round(sum(tokens) / len(tokens), 1),
                 "at_token_cap": round(sum(r["finish_reason"] == "length" for r in rows) / len(rows), 3),
                 "seconds": round(time.perf_counter() - start, 1), "generated_tokens": timing["generated_tokens"]}
    s = out[name]
    print(f"{name:<34} greedy {sum(s['greedy'].values())}/{len(s['greedy'])}  sampled pass@1 "
          f"{_mean(s['sampled']) * 100 if s['sampled'] else float('nan'):.1f}%  "
          f"{s['tokens_per_completion']} tok/completion  {s['seconds']} s", flush=True)


def greedy_change(out: dict, a: str, b: str) -> dict:
    """Greedy pass rates of runs a and b on the same problems: McNemar's exact test and a 95% interval."""
    from axiom.eval.paired import PairedTable, mcnemar_exact, paired_diff_interval

    t = PairedTable.from_outcomes(out[a]["greedy"], out[b]["greedy"])
    lo, hi = paired_diff_interval(t)
    return {"from": a, "to": b, "before": t.before, "after": t.after, "table": vars(t),
            "mcnemar_p": round(mcnemar_exact(t.only_before, t.only_after), 4),
            "ci95": [round(lo, 3), round(hi, 3)]}


def sampled_change(out: dict, a: str, b: str) -> dict:
    """Sampled pass@1 of run b minus run a, per problem: mean and a paired bootstrap 95% interval."""
    from axiom.eval.paired import paired_bootstrap

    mean, lo, hi = paired_bootstrap(out[a]["sampled"], out[b]["sampled"])
    return {"from": a, "to": b, "mean": round(mean, 4), "ci95": [round(lo, 4), round(hi, 4)]}


def summarised(out: dict) -> dict:
    return {k: {**v, "greedy_solved": sum(v["greedy"].values()),
                "sampled_pass@1": round(_mean(v["sampled"]), 4) if v["sampled"] else None} for k, v in out.items()}


def tokens_change(out: dict, a: str, b: str) -> float:
    return round(out[b]["tokens_per_completion"] / out[a]["tokens_per_completion"] - 1, 3)


def quality(args) -> dict:
    problems = grid()
    base = dict(n=args.samples, temperature=0.8, max_new_tokens=args.max_new_tokens, seed=0)
    out: dict = {}
    bf16 = HFBackend(args.model, dtype="bfloat16", batch_size=32)
    graded_run(out, "bf16, no stop", bf16, problems, Sampling(**base))
    graded_run(out, "bf16, stop at code end", bf16, problems, Sampling(**base, stop_at_code_end=True))
    del bf16
    fp32 = HFBackend(args.model, dtype="float32", batch_size=32)
    graded_run(out, "fp32 greedy, stop at code end", fp32, problems,
               Sampling(**{**base, "n": 1, "temperature": 0.0}, stop_at_code_end=True))

    llama = {}
    try:
        from axiom.generate.llamacpp import LlamaCppBackend

        backend = LlamaCppBackend(args.model, batch_size=32, threads=torch.get_num_threads())
    except ConfigError as e:  # llama-cpp-python not installed
        llama = {"llamacpp": f"skipped: {e}"}
    else:
        graded_run(out, "llamacpp, stop at code end", backend, problems, Sampling(**base, stop_at_code_end=True))
        backend.close()
        change = sampled_change(out, "bf16, stop at code end", "llamacpp, stop at code end")
        llama = {"llamacpp_vs_bf16_greedy": greedy_change(out, "bf16, stop at code end", "llamacpp, stop at code end"),
                 "llamacpp_vs_bf16_sampled_pass@1_change": {"mean": change["mean"], "ci95": change["ci95"]}}
    change = sampled_change(out, "bf16, no stop", "bf16, stop at code end")
    return {**llama, "problems": len(problems), "settings": {k: v for k, v in vars(args).items() if k != "func"},
            "runs": summarised(out),
            "stop_greedy": greedy_change(out, "bf16, no stop", "bf16, stop at code end"),
            "stop_sampled_pass@1_change": {"mean": change["mean"], "ci95": change["ci95"]},
            "bf16_vs_fp32_greedy": greedy_change(out, "fp32 greedy, stop at code end", "bf16, stop at code end"),
            "tokens_per_completion_change": tokens_change(out, "bf16, no stop", "bf16, stop at code end")}


def prompt(args) -> dict:
    from axiom.generate.prompts import get_template

    problems = grid()
    template = get_template(args.template)
    base = dict(n=args.samples, temperature=0.8, max_new_tokens=args.max_new_tokens, seed=0)
    nostop, stop, other = "bf16, no stop", "bf16, stop at code end", f"bf16, stop at code end, {template.name} prompt"
    out: dict = {}
    bf16 = HFBackend(args.model, dtype="bfloat16", batch_size=32)
    own = get_template(BEFORE)  # the request as it was before any of this: the model writes its whole answer
    graded_run(out, nostop, bf16, problems, Sampling(**base), template=own)
    graded_run(out, stop, bf16, problems, Sampling(**base, stop_at_code_end=True), template=own)
    graded_run(out, other, bf16, problems, Sampling(**base, stop_at_code_end=True), template=template)
    return {"problems": len(problems), "settings": {k: v for k, v in vars(args).items() if k != "func"},
            "template": template.to_dict(), "runs": summarised(out),
            "tokens_per_completion_change": {"stop": tokens_change(out, nostop, stop),
                                             f"stop and {template.name} prompt": tokens_change(out, nostop, other)},
            "prompt_greedy": greedy_change(out, stop, other),
            "prompt_sampled_pass@1_change": sampled_change(out, stop, other),
            "against_no_stop_greedy": greedy_change(out, nostop, other),
            "against_no_stop_sampled_pass@1_change": sampled_change(out, nostop, other)}


def _mean(d: dict) -> float:
    return sum(d.values()) / len(d)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="qwen2.5-coder-0.5b")
    sub = ap.add_subparsers(dest="part", required=True)
    s = sub.add_parser("speed", help="tokens/s of the four paths")
    s.add_argument("--prompts", type=int, default=8)
    s.add_argument("--n", type=int, default=8)
    s.add_argument("--max-new-tokens", type=int, default=256)
    s.add_argument("--adapter", help="PEFT adapter for the adapter rounds (default: a fresh one, loop settings)")
    s.add_argument("--only-llamacpp", action="store_true", help="skip the hf paths (a quick check of paths 5-6)")
    s.add_argument("--llamacpp-amx", action="store_true", help="also run paths 5-6 with llama.cpp's AMX kernels "
                                                               "(a build with the tile-config fix; see llamacpp.py)")
    q = sub.add_parser("quality", help="pass rates with and without the stop, and bf16 vs fp32")
    q.add_argument("--samples", type=int, default=4)
    q.add_argument("--max-new-tokens", type=int, default=384)
    pr = sub.add_parser("prompt", help="tokens and pass rates of another prompt template, with the stop")
    pr.add_argument("--samples", type=int, default=4)
    pr.add_argument("--max-new-tokens", type=int, default=384)
    pr.add_argument("--template", default="concise", help="the template in place of each problem's own")
    ap.add_argument("-o", "--output", default=str(RESULTS))
    args = ap.parse_args()
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    result = {"speed": speed, "quality": quality, "prompt": prompt}[args.part](args)
    result.update(machine={"cpus": os.cpu_count(), "platform": platform.platform(),
                           "python": platform.python_version(), "torch": torch.__version__},
                  command=f"benchmarks/generation_cpu.py {args.part}", date=time.strftime("%Y-%m-%d"))
    path = Path(args.output)
    data = json.loads(path.read_text()) if path.exists() else {}
    data[f"cpu_{args.part}" + (f"_{args.template}" if args.part == "prompt" else "")] = result  # one per template
    write_json(path, data)
    print(json.dumps({k: v for k, v in result.items() if k not in ("runs", "machine")}, indent=2))


if __name__ == "__main__":
    main()
