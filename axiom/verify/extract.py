"""Find the code in a model's completion: fenced blocks, bare code, prose around it, truncation.

Only parses (never runs) the text. Indentation is kept as written, so a HumanEval-style function
body ("    return x") survives and can be appended to its prompt.
"""

from __future__ import annotations

import ast
import dis
import re
from types import CodeType

from axiom.verify.harness import compile_source

_FENCE_LINE = re.compile(r"^[ \t]*```[ \t]*([\w+.#-]*)")
_PYTHON_TAGS = {"", "python", "py", "python3", "py3", "pycon", "ipython", "sage"}
_CODE_START = re.compile(r"^(?:def |async def |class |import |from \S+ import |@\w)", re.M)
_MAX_TRIES = 64  # compile attempts when trimming prose off the end of unfenced text
# the bytecode of a module that only names or states constants ("Sure", "42", a bare word of prose)
_TRIVIAL_OPS = frozenset(dis.opmap[n] for n in ("CACHE", "NOP", "RESUME", "LOAD_NAME", "LOAD_CONST", "POP_TOP",
                                                 "RETURN_VALUE", "RETURN_CONST") if n in dis.opmap)
_last: list = [None, None]  # [extracted text, its code object]: the verifier runs what was compiled here


def code_key(code: str) -> str:
    """Code up to formatting and comments (the AST), or the stripped text where it does not parse.

    Two completions are the same solution when their extracted code has the same key.
    """
    try:
        return ast.dump(ast.parse(code))
    except (SyntaxError, ValueError):
        return "\n".join(line.rstrip() for line in code.strip().splitlines() if line.strip())


def extract_code(text: str, entry_point: str | None = None) -> str | None:
    """The code in `text`, or None when there is none.

    Fenced blocks win: ```python, ```py and bare ``` (others such as ```bash are ignored unless
    nothing else is fenced); among several, the last one that defines `entry_point`, else all the
    Python blocks joined. An unclosed fence (truncated output) runs to the end of the text.
    Without fences, the text itself when it is code (or an indented function body), else the
    stretch from the first line that starts code (def, class, import, decorator) to the last
    point where it still compiles, prose after it dropped.
    """
    if not text or not text.strip():
        return None
    blocks = fenced_blocks(text)
    if blocks:
        python = [code for tag, code in blocks if tag in _PYTHON_TAGS] or [code for _, code in blocks]
        python = [c for c in python if c.strip()]
        if not python:
            return None
        if entry_point and len(python) > 1:
            defining = [c for c in python if defines(c, entry_point)]
            if defining:
                return _clean(defining[-1])
        return _clean("\n\n".join(python))
    return _unfenced(text, entry_point)


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """(language tag, code) of each fenced block, read line by line.

    A bare ``` line closes a block; a tagged fence (```python) inside a block that holds nothing
    yet re-opens it (models write a stray ``` before ```python), and inside a block with code it
    closes that block and opens the next. An unclosed block (truncated output) runs to the end.
    """
    blocks: list[tuple[str, str]] = []
    tag: str | None = None
    body: list[str] = []
    for line in text.split("\n"):
        m = _FENCE_LINE.match(line)
        if m is None:
            if tag is not None:
                body.append(line)
            continue
        new_tag = m.group(1).lower()
        if tag is None:
            tag, body = new_tag, []
        elif new_tag and not "".join(body).strip():
            tag, body = new_tag, []  # a stray fence before the real one
        else:
            blocks.append((tag, "\n".join(body) + "\n"))
            tag, body = (new_tag, []) if new_tag else (None, [])
    if tag is not None and "".join(body).strip():
        blocks.append((tag, "\n".join(body) + "\n"))
    return blocks


def defines(code: str, name: str) -> bool:
    """Does `code` define `name` at top level (def, async def, class, assignment, import)?"""
    tree = _parse(code)
    if tree is None:  # fall back to text: truncated code still shows what it meant to define
        return re.search(rf"^(?:async\s+)?def\s+{re.escape(name)}\s*\(", code, re.M) is not None
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            return True
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return True
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if any((a.asname or a.name.split(".")[0]) == name for a in node.names):
                return True
    return False


def _unfenced(text: str, entry_point: str | None) -> str | None:
    text = text.rstrip()
    if _is_code(text) or is_body(text):
        return text + "\n"
    start = _CODE_START.search(text)
    if start is None:
        return None
    lines = text[start.start():].split("\n")
    # Drop prose from the end, one top-level boundary at a time, until what is left compiles.
    ends = [i for i in range(len(lines), 0, -1) if i == len(lines) or not lines[i][:1].isspace()]
    for end in ends[:_MAX_TRIES]:
        code = "\n".join(lines[:end]).rstrip()
        if _is_code(code):
            return code + "\n"
    return "\n".join(lines).rstrip() + "\n"  # truncated: let it fail as a syntax_error


def _is_code(text: str) -> bool:
    """Parses, and is more than bare names or constants (a one-word prose answer also parses).

    Compiled first: when it compiles, the code object is kept for `compiled()`, so the verifier
    does not compile the same text twice. What only parses (a top-level `return`) takes the AST path.
    """
    try:
        code = compile_source(text, "<candidate>")
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        code = None
    if code is not None:
        if _TRIVIAL_OPS.issuperset(code.co_code[::2]):
            return False
        _last[:] = [text + "\n", code]
        return True
    tree = _parse(text)
    return tree is not None and any(not _trivial(n) for n in tree.body)


def compiled(code: str) -> CodeType | None:
    """The code object of `code` when extract_code just compiled exactly that text, else None."""
    text, obj = _last
    _last[:] = [None, None]
    return obj if text == code else None


def is_body(text: str) -> bool:
    """An indented function body, as HumanEval completions (and those of the `plain` prompt template) are."""
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    if not first[:1].isspace():
        return False
    tree = _parse("def _f():\n" + text)
    return tree is not None and any(not _trivial(n) for n in tree.body[0].body)


def _trivial(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, (ast.Name, ast.Constant))


def _parse(code: str) -> ast.Module | None:
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return None


def _clean(code: str) -> str:
    return code.rstrip() + "\n"
