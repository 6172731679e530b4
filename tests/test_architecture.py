"""The import graph of ``src/pozo_site``: no cycle, and every arrow points down a layer.

The graph is computed with :mod:`ast` from the source, not from ``sys.modules``:

- an edge ``a -> b`` is an ``import b`` or ``from b import x`` in ``a`` (``from p import m``
  naming a submodule ``m`` is an edge to ``p.m``); importing ``p.m`` also runs the package
  ``p``'s ``__init__``, but that implicit edge is not counted, as import-linter and grimp
  do not count it either (else every module would depend on the package that re-exports
  it, and on everything that package imports);
- imports **inside functions count** the same as module-level ones: a lazy import is a
  dependency all the same, only deferred, and hiding a cycle in one is what this test
  exists to stop;
- imports under ``if TYPE_CHECKING:`` never run. They **count for the layers** (a model
  must not even name a type of the render layer) but **not for cycles**: they are the
  standard way for a lower module to annotate with a type of a higher one, e.g. a rule
  checker taking the ``Config`` that is built from the rule table.

Layers, bottom to top: the models (``pozo_site._*``), then ``render`` and ``check``, then
``cli`` and ``server``. The package ``pozo_site`` itself and ``__main__`` are the doors
in and sit outside the layers.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "pozo_site"

_KNOWN_CYCLES_BEING_REMOVED: set[frozenset[str]] = set()
# (The _phone <-> _phone_field circle listed here is gone: issue 11 landed.)

LAYERS: Mapping[str, int] = {
    "render": 1,
    "check": 1,
    "cli": 2,
    "server": 2,
}
"""The layer of each subpackage of ``pozo_site``; a top-level ``_module`` is a model (0)."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: Mapping[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(
    node: ast.AST, *, typing_only: bool
) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement under ``node`` (at any depth), and whether it sits under
    ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for statement in child.body:
                yield from _imports_of(statement, typing_only=True)
            for statement in child.orelse:
                yield from _imports_of(statement, typing_only=typing_only)
        else:
            yield from _imports_of(child, typing_only=typing_only)


def _imports_of(
    node: ast.AST, *, typing_only: bool
) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node, typing_only
    yield from _imports(node, typing_only=typing_only)


def _targets(statement: ast.Import | ast.ImportFrom, importer: str) -> Iterator[str]:
    if isinstance(statement, ast.Import):
        yield from (alias.name for alias in statement.names if alias.name in MODULES)
        return
    if statement.level:
        is_package = MODULES[importer].name == "__init__.py"
        base = importer.split(".")[: None if is_package else -1]
        base = base[: len(base) - statement.level + 1]
        module = ".".join([*base, *([statement.module] if statement.module else [])])
    else:
        module = statement.module or ""
    for alias in statement.names:
        if f"{module}.{alias.name}" in MODULES:
            yield f"{module}.{alias.name}"
        elif module in MODULES:
            yield module


def edges(*, with_typing_only: bool) -> dict[str, set[str]]:
    """The import graph: each module of the package to the package modules it imports."""
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for statement, typing_only in _imports(tree, typing_only=False):
            if typing_only and not with_typing_only:
                continue
            graph[name].update(t for t in _targets(statement, name) if t != name)
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def layer(module: str) -> int | None:
    """0 for a model, 1 for render and check, 2 for cli and server; ``None`` for the
    package's doors (``pozo_site`` itself, ``pozo_site.__main__``)."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return None
    return LAYERS.get(parts[1], 0)


RUNTIME = edges(with_typing_only=False)
ALL = edges(with_typing_only=True)


def test_the_scan_sees_the_package_and_the_kinds_of_import() -> None:
    assert {"pozo_site._phone", "pozo_site.check._registry", "pozo_site.server._lsp"} <= set(
        MODULES
    )
    # module level, absolute
    assert "pozo_site.check._rule" in RUNTIME["pozo_site.check._registry"]
    # ``from pozo_site.check._codes import dates`` is an edge to the submodule
    assert "pozo_site.check._codes.dates" in RUNTIME["pozo_site.check._registry"]
    # under TYPE_CHECKING: counted for the layers only
    assert "pozo_site.check._config" in ALL["pozo_site.check._rules._context"]
    assert "pozo_site.check._config" not in RUNTIME["pozo_site.check._rules._context"]
    # inside a function: counted (the runner imports the checks on first use)
    assert "pozo_site.check._rules._checkers" in RUNTIME["pozo_site.check._runner"]


def test_imports_inside_functions_count_and_type_checking_ones_are_marked() -> None:
    tree = ast.parse(
        "import a\n"
        "if TYPE_CHECKING:\n    import b\nelse:\n    import c\n"
        "def f():\n    import d\n    if typing.TYPE_CHECKING:\n        import e\n"
        "class K:\n    def g(self):\n        from f import g\n"
    )
    found = [
        (ast.unparse(statement), typing_only)
        for statement, typing_only in _imports(tree, typing_only=False)
    ]
    assert found == [
        ("import a", False),
        ("import b", True),
        ("import c", False),
        ("import d", False),
        ("import e", True),
        ("from f import g", False),
    ]


def test_the_cycle_finder_finds_a_cycle_and_only_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [frozenset({"a", "b", "c"})]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_counting_imports_inside_functions() -> None:
    found = [sorted(cycle) for cycle in cycles(RUNTIME) if cycle not in _KNOWN_CYCLES_BEING_REMOVED]
    assert found == []


def test_the_known_cycles_being_removed_are_still_cycles() -> None:
    """Once a listed cycle is gone, its entry must go too (it would hide a new one)."""
    assert set(cycles(RUNTIME)) >= _KNOWN_CYCLES_BEING_REMOVED


@pytest.mark.parametrize(
    ("module", "level"),
    [
        ("pozo_site._phone", 0),
        ("pozo_site.render._vcard", 1),
        ("pozo_site.check._rules.dates", 1),
        ("pozo_site.cli._check", 2),
        ("pozo_site.server", 2),
        ("pozo_site", None),
        ("pozo_site.__main__", None),
    ],
)
def test_layers(module: str, level: int | None) -> None:
    assert layer(module) == level


def test_every_arrow_points_down_or_sideways() -> None:
    upward = sorted(
        f"{importer} -> {imported}"
        for importer, targets in ALL.items()
        for imported in targets
        if (low := layer(importer)) is not None
        and (high := layer(imported)) is not None
        and high > low
    )
    assert upward == []
