"""Fixture folders, one per rule code, found and parametrised automatically.

``fixtures/<CODE>/bad*/`` are content folders in which rule CODE fires; their
``expected.json`` lists every finding (code, path, line, column) the folder produces,
and may give a ``message`` part that the finding's message must hold.
``fixtures/<CODE>/good*/`` produce no finding at all. A fixture may ask for a ``setup``
that cannot live in Git (a symbolic-link loop, an unreadable file); the test makes it in
a temporary copy. Every registered rule must have a failing fixture.

The structured-data rules (J) report on every firm file that lacks what Google's guidance
asks for, and the other families' firm files are minimal on purpose: their fixtures run
with the J rules off, the J fixtures with them on.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import shutil
from pathlib import Path
from typing import IO, Any

import pytest

from pozo_site.check import RULES, CheckResult, _load, check_paths, load_config
from tests.check.conftest import TODAY, can_symlink, config

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p for p in FIXTURES.glob("*/*") if p.is_dir())


def _expected(case: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return data


def _setup(kind: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = folder / "articles"
    if kind.startswith("symlink-") and not can_symlink(folder):
        pytest.skip("symbolic links cannot be created here")
    if kind == "symlink-loop":
        os.symlink("loop.md", articles / "loop.md")
        os.symlink(".", articles / "self")
    elif kind == "symlink-ok":
        os.symlink("know-your-rights.md", articles / "alias.md")
    elif kind == "symlink-outside":
        elsewhere = folder.parent / f"{folder.name}-elsewhere"
        elsewhere.mkdir()
        shutil.copy(articles / "know-your-rights.md", elsewhere / "other.md")
        os.symlink(elsewhere, articles / "elsewhere")
        os.symlink(elsewhere / "other.md", articles / "other.md")
    elif kind == "unreadable":
        real_open = _load._open

        def refuse(path: Path) -> IO[bytes]:
            if path.name == "secret.md":
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real_open(path)

        monkeypatch.setattr(_load, "_open", refuse)
    else:  # pragma: no cover - a typo in a fixture
        raise AssertionError(f"unknown setup {kind!r}")


def run_case(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CheckResult:
    """Check a copy of the fixture folder from inside it, as `pozo-site check` would."""
    copy = tmp_path / case.parent.name / case.name
    shutil.copytree(case, copy)
    (copy / "expected.json").unlink()
    setup = _expected(case).get("setup")
    if setup:
        _setup(setup, copy, monkeypatch)
    monkeypatch.chdir(copy)
    settings, source = load_config(copy)
    if source is None or source.parent != copy:  # never pick up a file outside the fixture
        settings = config()
    settings = dataclasses.replace(settings, today=TODAY)
    if case.parent.name[0] != "J":
        settings = settings.override(extend_ignore=["J"])
    return check_paths([Path(".")], settings)


def _rows(result: CheckResult) -> list[tuple[str, str, int, int]]:
    return sorted((f.code, f.path, f.line, f.column) for f in result.findings)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}-{p.name}")
def test_fixture(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_case(case, tmp_path, monkeypatch)
    expected = sorted(
        (row["code"], row["path"], row["line"], row["column"])
        for row in _expected(case)["findings"]
    )
    assert _rows(result) == expected, [f.message for f in result.findings]
    for row in _expected(case)["findings"]:
        if "message" in row:  # a part of the message the finding must hold
            (finding,) = (
                f
                for f in result.findings
                if (f.code, f.line, f.column) == (row["code"], row["line"], row["column"])
            )
            assert row["message"] in finding.message, finding.message
    if case.name.startswith("good"):
        assert result.findings == ()
    assert result.files_checked >= 1
    for finding in result.findings:
        assert finding.severity is RULES[finding.code].severity
        assert finding.message
        assert finding.fixable == (finding.fix is not None)


def test_every_rule_has_a_failing_fixture() -> None:
    failing = set()
    for case in CASES:
        assert case.name.startswith(("good", "bad")), case
        assert case.parent.name in RULES, f"fixture folder for unknown code {case.parent.name}"
        if case.name.startswith("bad"):
            codes = {row["code"] for row in _expected(case)["findings"]}
            assert case.parent.name in codes, f"{case} does not expect its own code"
            failing.add(case.parent.name)
    assert sorted(set(RULES) - failing) == []


def test_every_rule_has_a_passing_fixture() -> None:
    passing = {case.parent.name for case in CASES if case.name.startswith("good")}
    assert sorted(set(RULES) - passing) == []
