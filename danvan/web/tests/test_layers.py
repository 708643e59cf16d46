"""The packages of danvan import each other along the floors, never upward and never in a
loop: common at the bottom; the change log, units and accounts (in that order) on the ground
floor; the capability layer; the capabilities (each may use another's services and
selectors); the web shell and the demo on top. Read from the source: what a module imports,
at its top or in a function."""

import ast
import itertools
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
# The floors below the capabilities, lowest first: each may import only the ones below it.
FLOORS: list[set[str]] = [{"common"}, {"audit"}, {"units"}, {"accounts"}, {"capability"}]
TOP = {"web", "demo"}


def _imports() -> dict[str, dict[str, set[str]]]:
    """package -> package it imports -> the modules doing so (tests and migrations aside)."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                pieces = name.split(".")
                if pieces[0] == "danvan" and len(pieces) > 1 and pieces[1] != parts[0]:
                    found[parts[0]][pieces[1]].add(str(path.relative_to(PACKAGE)))
    return found


def _packages() -> set[str]:
    return {path.parent.name for path in PACKAGE.glob("*/__init__.py")}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One loop in the graph, as the packages along it; [] if there is none."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        trail.append(node)
        for other in sorted(graph.get(node, ())):
            if state.get(other) == "open":
                return [*trail[trail.index(other) :], other]
            if other not in state and (loop := visit(other)):
                return loop
        trail.pop()
        state[node] = "done"
        return []

    for node in sorted(graph):
        if node not in state and (loop := visit(node)):
            return loop
    return []


def test_no_package_imports_another_in_a_loop() -> None:
    imports = _imports()
    loop = _cycle({package: set(targets) for package, targets in imports.items()})
    where = [sorted(imports[a][b]) for a, b in itertools.pairwise(loop)]
    assert not loop, f"import loop {' -> '.join(loop)}: {where}"


def test_each_floor_imports_only_the_floors_below() -> None:
    imports = _imports()
    below: set[str] = set()
    for floor in FLOORS:
        for package in floor:
            upward = set(imports.get(package, {})) - below
            assert not upward, f"{package} imports {sorted(upward)}: {dict(imports[package])}"
        below |= floor
    capabilities = _packages() - below - TOP
    for package in capabilities:
        upward = set(imports.get(package, {})) & TOP
        assert not upward, f"{package} imports the top floor: {sorted(upward)}"


def test_the_common_package_imports_nothing_of_danvan() -> None:
    assert not _imports().get("common"), "danvan.common must stand alone"


def test_the_loop_finder_finds_a_loop() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []
