"""Test-run hooks shared by every test folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import adversarial

REPOSITORY = Path(__file__).resolve().parents[1]
_CACHES_BEFORE: set[Path] = set()


def _caches_in_the_repository() -> set[Path]:
    """The result-cache folders under the repository's ``src`` and ``tests``."""
    return {
        found
        for top in ("src", "tests")
        for found in (REPOSITORY / top).rglob(".pozo-site-cache")
        if found.is_dir()
    }


def pytest_sessionstart(session: pytest.Session) -> None:
    _CACHES_BEFORE.update(_caches_in_the_repository())


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if a test left a result cache in the repository (a fixture folder or
    the packaged example content checked with the cache in its default place)."""
    left = sorted(_caches_in_the_repository() - _CACHES_BEFORE)
    if left:
        names = ", ".join(str(path.relative_to(REPOSITORY)) for path in left)
        print(f"\ntests left result caches in the repository: {names}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_the_repository(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every check a test runs keeps its result cache in a folder of the test session
    (``POZO_SITE_CACHE_DIR``), not beside the checked folder: the repository's fixtures
    and the packaged example content are never written to. A test of the default place
    removes the variable (``monkeypatch.delenv``) and checks a folder of its own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("POZO_SITE_CACHE_DIR", str(tmp_path_factory.mktemp("result-cache")))
        yield


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the adversarial suite's counts (cases per category, worst time and memory)."""
    lines = adversarial.summary()
    if lines:
        terminalreporter.section("adversarial suite (issue 13)")
        for line in lines:
            terminalreporter.write_line(line)
