"""Where a completion's tokens go, and what stopping at the end of the code costs: offline, over a run's samples.

    .venv/bin/python benchmarks/code_end.py RUN_DIR [--model qwen2.5-coder-0.5b] [--limit N]

Reads the training samples a loop run stored (RUN_DIR/samples/iter_*.jsonl, with their verdicts) and
its problems, and for each completion:
  1. splits its tokens into the text outside the first code block, the block's docstrings, its
     comments, the usage code after its definitions (what `definitions_end` cuts) and the rest (the
     function itself);
  2. cuts it where the sampler now stops (`axiom.generate.backend.code_done`) and verifies the cut
     completions again (those the cut changes; the rest keep their verdicts), to count passing samples
     the stop would lose and failing ones it turns into passes (a failing `print` or `assert` after a
     right function); the first lost ones are written out in full.
Tokens are the model's tokenizer's; the cut's count is of the cut text (the sampler stops within a
token or two of it). Writes benchmarks/results/code_end.json. The samples must come from a run made
before the definitions stop, or there is nothing left to cut.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import time
import tokenize
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from axiom.generate.backend import code_done, definitions_end  # noqa: E402
from axiom.jsonl import read_jsonl, write_json  # noqa: E402
from axiom.problems.record import load_problems  # noqa: E402
from axiom.verify import Candidate, Verifier  # noqa: E402
from axiom.verify.extract import fenced_blocks  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "code_end.json"
PARTS = ("outside_block", "docstrings", "comments", "usage_code", "function")


def token_parts(text: str, count) -> Counter:
    """The completion's tokens by part (PARTS); `count(str) -> int` is the tokenizer's count."""
    parts = Counter()
    blocks = fenced_blocks(text)
    if not blocks:
        parts["outside_block"] = count(text)
        return parts
    code = blocks[0][1]
    cut = definitions_end(text)
    first_cut_line = "\n" + text[cut:].split("\n", 1)[0] if cut is not None else None
    usage = code[code.find(first_cut_line) + 1:] if first_cut_line and first_cut_line in code else ""
    body = code[:len(code) - len(usage)]
    parts["usage_code"] = count(usage)
    parts.update(_comment_and_doc_tokens(body, count))
    parts["function"] = count(body) - parts["comments"] - parts["docstrings"]
    parts["outside_block"] = max(0, count(text) - count(code))
    return parts


def _comment_and_doc_tokens(code: str, count) -> Counter:
    found = Counter()
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return found
    statement_start = True
    for tok in tokens:
        if tok.type == tokenize.COMMENT:
            found["comments"] += count(tok.string)
        elif tok.type == tokenize.STRING and statement_start and tok.string.lstrip("rbuRBU").startswith(('"""', "'''")):
            found["docstrings"] += count(tok.string)
        if tok.type in (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT):
            statement_start = True
        elif tok.type != tokenize.COMMENT:
            statement_start = False
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", type=Path, help="a loop run directory with samples/iter_*.jsonl and problems/")
    parser.add_argument("--model", default="qwen2.5-coder-0.5b", help="whose tokenizer counts the tokens")
    parser.add_argument("--limit", type=int, default=None, help="at most this many samples (for a quick look)")
    args = parser.parse_args()

    from transformers import AutoTokenizer

    from axiom.generate.presets import resolve_model

    tokenizer = AutoTokenizer.from_pretrained(resolve_model(args.model))

    def count(text: str) -> int:
        return len(tokenizer(text, add_special_tokens=False)["input_ids"]) if text else 0

    problems = {p.id: p for split in ("train", "val", "test")
                for p in load_problems(args.run / "problems" / f"{split}.jsonl")}
    rows = [row for path in sorted((args.run / "samples").glob("iter_*.jsonl")) if path.name.count(".") == 1
            for _, row in read_jsonl(path)][:args.limit]

    parts, cut_tokens, full_tokens, candidates = Counter(), 0, 0, []
    for k, row in enumerate(rows):
        text = row["completion"]
        parts.update(token_parts(text, count))
        end = code_done(text)
        cut = text[:end] if end is not None else text
        full_tokens += count(text)
        cut_tokens += count(cut)
        if cut != text:  # an unchanged completion keeps its verdict
            candidates.append(Candidate(problem_id=row["problem_id"], completion=cut, sample=k))

    started = time.perf_counter()
    with Verifier() as verifier:
        after = {v.sample: v for v in verifier.verify(problems, candidates)}
    status = [after[k].status if k in after else row["status"] for k, row in enumerate(rows)]
    flips = Counter((row["status"] == "passed", status[k] == "passed") for k, row in enumerate(rows))
    lost = [{"problem_id": row["problem_id"], "status": after[k].status, "error": after[k].error,
             "cut_at": code_done(row["completion"]), "completion": row["completion"]}
            for k, row in enumerate(rows) if row["status"] == "passed" and status[k] != "passed"]

    total = sum(parts.values())
    result = {
        "command": "python benchmarks/code_end.py " + str(args.run) + (f" --limit {args.limit}" if args.limit else ""),
        "machine": platform.processor() or platform.machine(),
        "samples": len(rows),
        "tokens_per_completion": round(full_tokens / len(rows), 1),
        "share_of_tokens": {p: round(parts[p] / total, 3) for p in PARTS},
        "cut_tokens_per_completion": round(cut_tokens / len(rows), 1),
        "tokens_saved_by_cut": round(1 - cut_tokens / full_tokens, 3),
        "reverified": {"cut": len(candidates), "passed_before": flips[True, True] + flips[True, False],
                       "passed_lost": flips[True, False], "failed_now_passed": flips[False, True],
                       "seconds": round(time.perf_counter() - started, 1)},
        "lost_examples": lost[:5],
    }
    write_json(RESULTS, result)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
