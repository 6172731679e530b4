"""The ``pozo-site`` process collects garbage less often; ``main`` called from a program
leaves its collector alone."""

from __future__ import annotations

import gc
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pozo_site import cli
from pozo_site.cli import _check, main
from pozo_site.cli._gc import THRESHOLDS


@pytest.fixture
def thresholds() -> Iterator[tuple[int, ...]]:
    """The test's own thresholds, unlike both the default and the command's."""
    before = gc.get_threshold()
    gc.set_threshold(1234, 11, 12)
    try:
        yield gc.get_threshold()
    finally:
        gc.set_threshold(*before)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Work Permits\ndate: 2024-05-01\n---\nText.\n", "utf-8")
    return path


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, ...]]:
    """The collector's thresholds each time ``pozo-site check`` runs its check."""
    seen: list[tuple[int, ...]] = []
    run = _check._run

    def spying(*args: Any, **kwargs: Any) -> int:
        seen.append(gc.get_threshold())
        return run(*args, **kwargs)

    monkeypatch.setattr(_check, "_run", spying)
    return seen


def test_the_console_script_checks_with_the_raised_thresholds(
    monkeypatch: pytest.MonkeyPatch, article: Path, thresholds: tuple[int, ...]
) -> None:
    seen = _spy(monkeypatch)
    monkeypatch.setattr(sys, "argv", ["pozo-site", "check", "--no-cache", str(article)])
    with pytest.raises(SystemExit) as exited:
        cli.run()
    assert exited.value.code == 0
    assert seen == [THRESHOLDS]


def test_main_called_from_a_program_keeps_its_thresholds(
    monkeypatch: pytest.MonkeyPatch, article: Path, thresholds: tuple[int, ...]
) -> None:
    seen = _spy(monkeypatch)
    out, err = io.StringIO(), io.StringIO()
    assert main(["check", "--no-cache", str(article)], stdout=out, stderr=err) == 0, err
    assert seen == [thresholds]
    assert gc.get_threshold() == thresholds


def test_python_m_pozo_site_runs_with_the_raised_thresholds(tmp_path: Path) -> None:
    # The same entry point as the console script, in a process of its own.
    code = (
        "import gc, runpy, sys\n"
        "from pozo_site.cli import _contact_block\n"
        "handle = _contact_block.handle\n"
        "def spying(*a):\n"
        "    print(gc.get_threshold(), file=sys.stderr)\n"
        "    return handle(*a)\n"
        "_contact_block.handle = spying\n"
        "sys.argv = ['pozo-site', 'contact-block']\n"
        "runpy.run_module('pozo_site', run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == str(THRESHOLDS)
