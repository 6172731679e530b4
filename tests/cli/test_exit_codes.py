"""Every exit code the CLI returns comes from the one table, :class:`ExitCode`.

was: issue 14 ("exit codes are defined in three places and as bare numbers elsewhere").
An ``ast`` scan of ``src/pozo_site/cli`` finds ``return 1``-style statements and bare
numbers passed where a status is expected.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pozo_site.cli
from pozo_site.cli._boundary import ExitCode

CLI = Path(pozo_site.cli.__file__).parent


def _bare_returns(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Return)
            and isinstance(node.value, ast.Constant)
            and type(node.value.value) is int
        ):
            found.append(f"{path.name}:{node.lineno}: return {node.value.value}")
    return found


def test_no_handler_returns_a_bare_number() -> None:
    found = [hit for path in sorted(CLI.glob("*.py")) for hit in _bare_returns(path)]
    assert found == []


def test_the_scan_sees_a_bare_return(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def handle():\n    return 2\n", encoding="utf-8")
    assert _bare_returns(sample) == ["sample.py:2: return 2"]


def test_exit_codes_are_the_documented_numbers() -> None:
    assert [(code.name, int(code)) for code in ExitCode] == [
        ("OK", 0),
        ("PROBLEM", 1),
        ("USAGE", 2),
        ("INTERRUPTED", 130),
    ]
