"""The shape of Axiom's imports, read from the source with `ast` (nothing is imported).

- Commands are leaves: no module but `axiom.cli` (and `axiom.__main__`) imports a `command` module,
  at the top of a file or inside a function.
- No import cycle among Axiom's modules. The graph is that of module-level imports (those inside a
  module-level `if`/`try` count; `if TYPE_CHECKING:` blocks do not run and do not count).
- Imports inside a function are not in that graph, so they could hide a cycle or a late failure;
  one of an Axiom module is allowed only where LAZY says why (it pulls in torch, or it would be a
  cycle by design). Third-party imports (torch, transformers, trl, vllm, ...) stay lazy freely.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "axiom"
LEAF_IMPORTERS = {"axiom.cli", "axiom.__main__"}
LAZY = {
    "axiom.generate.decode": "imports torch at the top; only the hf backend's decode loop needs it",
    "axiom.problems.families": "importing it registers every family, and each family module imports "
                               "axiom.problems.family, which triggers the registration",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _targets(node: ast.Import | ast.ImportFrom) -> list[str]:
    """The Axiom modules an import statement loads (`from axiom.loop import stages` loads axiom.loop.stages)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "axiom"]
    if node.level or not node.module or node.module.split(".")[0] != "axiom":
        return []
    return sorted({f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                   for a in node.names})


def _is_type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def imports(path: Path) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(module-level, in-function) Axiom imports of one file, as (module, line)."""
    top: list[tuple[str, int]] = []
    lazy: list[tuple[str, int]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if _is_type_checking(child):
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                (lazy if in_function else top).extend((t, child.lineno) for t in _targets(child))
            visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return top, lazy


GRAPH = {name: imports(path) for name, path in MODULES.items()}


def test_the_graph_sees_the_package():
    assert {"axiom.cli", "axiom.generate.batch", "axiom.loop.stages", "axiom.eval.command"} <= set(MODULES)
    top, _ = GRAPH["axiom.loop.stages"]
    assert "axiom.generate.batch" in {m for m, _ in top}


def test_no_module_but_the_cli_imports_a_command():
    offenders = [f"{MODULES[name].relative_to(ROOT)}:{line} imports {target}"
                 for name, (top, lazy) in GRAPH.items() if name not in LEAF_IMPORTERS
                 for target, line in top + lazy if target.rsplit(".", 1)[-1] == "command"]
    assert not offenders, "command modules are leaves; move what they share into a library module:\n" + \
        "\n".join(offenders)


def test_module_level_imports_have_no_cycle():
    edges = {name: sorted({t for t, _ in top if t in MODULES and t != name}) for name, (top, _) in GRAPH.items()}
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = "open"
        stack.append(name)
        for nxt in edges[name]:
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[name] = "done"
        stack.pop()
        return None

    for name in edges:
        if name not in state:
            cycle = visit(name)
            assert cycle is None, "import cycle: " + " -> ".join(cycle)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_axiom_modules_are_imported_at_the_top(name):
    _, lazy = GRAPH[name]
    late = [f"line {line}: {target}" for target, line in lazy if target not in LAZY]
    assert not late, f"{name} imports Axiom modules inside functions; import them at the top of the file " \
                     f"(or add the module to LAZY with the reason): {late}"


def test_lazy_exceptions_are_still_needed():
    top, _ = GRAPH["axiom.generate.decode"]
    source = MODULES["axiom.generate.decode"].read_text()
    assert "\nimport torch\n" in source  # if decode stops importing torch, it can be imported at the top
    assert all(name in MODULES for name in LAZY)
