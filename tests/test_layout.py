"""The package layout holds: no import cycles, and each layer imports only what is below it.

The graph is read from the source with :mod:`ast`, every ``import`` counted, the ones inside
functions too (a lazy import still ties two modules together), so the test needs no import to run.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "dashboard"

#: The capability packages of the core (DEVELOPING.md, "Layout").
CORE = {
    "store",
    "importer",
    "demo",
    "identify",
    "value",
    "clustering",
    "feedback",
    "loyalty",
    "campaigns",
    "reporting",
    "access",
}
#: What sits above the core and what only the top may import.
PRESENTATION = {"ui", "commands", "cli", "__main__"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported(name: str, path: Path) -> set[str]:
    """The dashboard modules that one module imports (anywhere in it)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in MODULES else base)
    modules = set()
    for target in found:
        while target and target not in MODULES:
            target = target.rpartition(".")[0]
        if target and target != name:
            modules.add(target)
    return modules


def graph() -> dict[str, set[str]]:
    return {name: imported(name, path) for name, path in MODULES.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle once, as the path that closes it (depth-first search)."""
    found, state, path = [], {}, []

    def visit(node):
        state[node] = "open"
        path.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == "open":
                found.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def package_graph(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    packages: dict[str, set[str]] = {}
    for module, targets in edges.items():
        for target in targets:
            if package_of(target) != package_of(module):
                packages.setdefault(package_of(module), set()).add(package_of(target))
    return packages


def test_the_cycle_finder_finds_a_cycle():
    # The checks below are only as good as this: a planted cycle is reported, its path named.
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_the_imports_that_exist():
    edges = graph()
    assert "dashboard.store.database" in edges["dashboard.value.value_table"]
    # A lazy import inside a function counts too.
    assert "dashboard.clustering.runs" in edges["dashboard.campaigns.design"]
    assert set(package_graph(edges)) >= CORE - {"store"}


def test_no_module_imports_itself_through_others():
    assert cycles(graph()) == []


def test_no_package_imports_itself_through_others():
    assert cycles(package_graph(graph())) == []


def test_the_core_never_reaches_up_to_the_pages_or_the_command_line():
    reaching_up = {
        f"{package} -> {target}"
        for package, targets in package_graph(graph()).items()
        if package in CORE
        for target in targets & PRESENTATION
    }
    assert reaching_up == set()


def test_the_store_is_the_bottom_of_the_core():
    # The store holds the schema and the connection; a capability above it never comes back down.
    assert package_graph(graph()).get("store", set()) <= {"errors", "i18n", "translations"}


def test_every_package_says_what_it_answers():
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 8, f"{init.relative_to(ROOT)} needs a docstring"
