"""The repository stands alone: nothing in it reads the workplace folder beside it.

A clone, a fork and the sdist have only what is inside the repository, so no file under
``src/``, ``tests/``, ``docs/`` or ``benchmarks/`` may name the sibling folder the project's
data once came from; the data the tests need lives in ``tests/data/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.testdata import BLNS_FILE, DATA, SARIF_SCHEMA, SEED_PAGE

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("src", "tests", "docs", "benchmarks")
# Spelled in two parts so that this file does not name it itself.
OUTSIDE = "../" + "shared"


def _text_files() -> list[Path]:
    files = []
    for top in SCANNED:
        folder = ROOT / top
        if folder.is_dir():
            files.extend(
                path
                for path in sorted(folder.rglob("*"))
                if path.is_file() and "__pycache__" not in path.parts
            )
    return files


def test_the_scan_sees_the_tree() -> None:
    files = _text_files()
    assert Path(__file__).resolve() in files
    assert any(path.suffix == ".md" for path in files)


def test_no_file_names_the_folder_outside_the_repository() -> None:
    offenders = []
    for path in _text_files():
        data = path.read_bytes()
        if OUTSIDE.encode() in data or OUTSIDE.replace("/", "\\").encode() in data:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.parametrize("path", [BLNS_FILE, SARIF_SCHEMA, SEED_PAGE])
def test_test_data_is_inside_the_repository(path: Path) -> None:
    assert path.is_file()
    assert ROOT in path.resolve().parents


def test_each_data_file_has_its_source_noted() -> None:
    notes = (DATA / "README.md").read_text(encoding="utf-8")
    for path in (BLNS_FILE, SARIF_SCHEMA, SEED_PAGE):
        assert f"`{path.relative_to(DATA).as_posix()}`" in notes
    assert (DATA / "blns" / "LICENSE").read_text(encoding="utf-8").startswith("The MIT License")


def test_version_is_written_once() -> None:
    from pozo_site import __version__

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert __version__ not in pyproject
    init = (ROOT / "src" / "pozo_site" / "__init__.py").read_text(encoding="utf-8")
    assert __version__ not in init


def test_licence_file_is_mit() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
