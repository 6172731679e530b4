"""Shared helpers for the content-check tests."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from pozo_site.check import Config

TODAY = dt.date(2025, 1, 1)
"""The date the tests treat as today (D003 is measured from it)."""


COMPLETE_FIRM_YAML = (
    "website: https://www.example.com/\n"
    "base_url: https://www.example.com/blog/\n"
    "timezone: America/New_York\n"
    "offices:\n"
    "  - address:\n"
    "      street_address: 100 Example Street\n"
    "      locality: New York\n"
    "      region: NY\n"
    "      postal_code: '10001'\n"
    "    hours:\n"
    "      - days: [monday, tuesday, wednesday, thursday, friday]\n"
    "        opens: '09:00'\n"
    "        closes: '17:00'\n"
)
"""Firm-file lines (a fictional address at example.com) that give the firm's structured
data everything Google's guidance asks for, so that no J rule reports; append them to a
test's firm profile that is about another rule."""


def config(**changes: object) -> Config:
    """The default configuration with today fixed at :data:`TODAY`."""
    return Config(today=TODAY, **changes)  # type: ignore[arg-type]


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write files under ``tmp_path``: ``write("a.md", "text")`` or bytes; returns the path."""

    def _write(relative: str, content: str | bytes) -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return _write


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test with ``tmp_path`` as the current folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def can_symlink(tmp_path: Path) -> bool:
    """Whether this platform and user may create symbolic links."""
    try:
        os.symlink("x", tmp_path / ".probe")
    except (OSError, NotImplementedError):
        return False
    (tmp_path / ".probe").unlink()
    return True
