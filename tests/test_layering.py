"""The layers of cjmkit import downwards only: no module or package imports one that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules() -> dict[str, tuple[Path, bool]]:
    """Module name -> (file, is a package's __init__) for every module of cjmkit."""
    found = {}
    for file in sorted((SRC / "cjmkit").rglob("*.py")):
        parts = list(file.relative_to(SRC).with_suffix("").parts)
        package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if package else parts)] = (file, package)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the cjmkit modules it imports anywhere in its text: at the top, in a function, or for typing."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, (file, package) in modules.items():
        here = name if package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                # `from cjmkit import facts` imports the module cjmkit.facts; `from cjmkit import __version__`
                # imports the package itself.
                targets = [
                    f"{module}.{alias.name}" if f"{module}.{alias.name}" in modules else module for alias in node.names
                ]
            for target in targets:
                while target not in modules and "." in target:
                    target = target.rpartition(".")[0]
                if target in modules and target != name and target.startswith("cjmkit"):
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one member (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same imports between the top-level parts of cjmkit (``cjmkit.validation``, ``cjmkit.workspace``...)."""

    def part(module: str) -> str:
        return ".".join(module.split(".")[:2])

    out: dict[str, set[str]] = {}
    for source, targets in graph.items():
        for target in targets:
            if part(source) != part(target):
                out.setdefault(part(source), set()).add(part(target))
    return out


def test_no_module_imports_one_that_imports_it_back() -> None:
    assert cycles(import_graph()) == []


def test_no_package_imports_one_that_imports_it_back() -> None:
    assert cycles(package_graph(import_graph())) == []


def test_the_walk_sees_imports_inside_functions() -> None:
    """The cycle this guards against was an import inside a function: the walk must see those."""
    graph = import_graph()
    assert "cjmkit.validation" in graph["cjmkit.cli.quick"]  # imported only inside run_validate
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_workspace_is_discovery_only() -> None:
    """Reading ``cjm.yaml`` is validation's job; the workspace module sits below validation."""
    graph = import_graph()
    assert not {m for m in graph["cjmkit.workspace"] if m.startswith(("cjmkit.validation", "cjmkit.loader"))}
