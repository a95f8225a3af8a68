"""Verified teacher traces for supervised fine-tuning (what `axiom distill` writes).

Sample from a teacher (any backend), verify every completion in the sandbox, keep only the
passing ones, drop duplicates (same code up to formatting and comments), and write one trace
per line:

    {"problem_id": ..., "prompt": [chat messages], "completion": "teacher text",
     "messages": prompt + [{"role": "assistant", "content": completion}],
     "code": "the extracted code", "verdict": {...}, "teacher": "hf:qwen2.5-coder-0.5b", "sample": 3}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from axiom.generate.prompts import PromptTemplate, build_messages
from axiom.problems.record import Problem
from axiom.verify.extract import code_key, extract_code
from axiom.verify.records import ROW_FIELDS


def select_traces(problems: Sequence[Problem], rows: Iterable[dict], teacher: str, max_per_problem: int,
                  template: PromptTemplate | str | None = None) -> list[dict]:
    """Passing, distinct traces from verified sample rows (`axiom.generate.batch`), at most `max_per_problem`
    per problem, in problem and sample order."""
    by_problem: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_problem[row["problem_id"]].append(row)
    traces: list[dict] = []
    for problem in problems:
        messages, seen = build_messages(problem, template), set()
        for row in sorted(by_problem[problem.id], key=lambda r: r["sample"]):
            if row["status"] != "passed" or len(seen) >= max_per_problem:
                continue
            code = extract_code(row["completion"], problem.entry_point) or ""
            if code_key(code) in seen:
                continue
            seen.add(code_key(code))
            verdict = {"problem_id": problem.id, "sample": row["sample"], **{f: row[f] for f in ROW_FIELDS}}
            traces.append({"problem_id": problem.id, "prompt": messages, "completion": row["completion"],
                           "messages": messages + [{"role": "assistant", "content": row["completion"]}], "code": code,
                           "verdict": verdict, "teacher": teacher, "sample": row["sample"]})
    return traces
