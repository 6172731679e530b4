"""The model and render modules import one way: no circle, counting imports in functions.

(The whole package's graph, layers included, has its own test; this one pins the circles
that were cut here: ``_phone`` <-> ``_phone_field`` and ``_consultation`` <-> ``_intake``.)
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "pozo_site"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    module_name(p): p
    for p in [*PACKAGE.glob("*.py"), *(PACKAGE / "render").glob("*.py")]
    if p.name != "__main__.py"
}


def imports(path: Path) -> set[str]:
    """Every pozo_site module ``path`` imports, at any level (functions, TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        found.update(name for name in names if name in MODULES)
    return found


def circles() -> list[list[str]]:
    """The import circles among MODULES (packages' own ``__init__`` left out: they are the
    API on top, and every submodule import runs them)."""
    graph = {m: imports(p) - {m} for m, p in MODULES.items() if p.name != "__init__.py"}
    found: list[list[str]] = []
    for start in sorted(graph):
        stack = [(start, [start])]
        seen: set[str] = set()
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph.get(node, ())):
                if nxt == start:
                    found.append(path)
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    return found


def test_the_scan_sees_the_modules_and_their_imports() -> None:
    assert "pozo_site._phone" in imports(MODULES["pozo_site._phone_field"])
    assert "pozo_site._consultation" in imports(MODULES["pozo_site.render._intake"])


def test_the_phone_value_type_never_imports_its_field_marker() -> None:
    assert "pozo_site._phone_field" not in imports(MODULES["pozo_site._phone"])


def test_no_circle_among_the_model_and_render_modules() -> None:
    assert circles() == []
