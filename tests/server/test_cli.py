"""``pozo-site server`` on the command line: a clear hint without the extra."""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys

import pytest

from pozo_site.cli import main
from pozo_site.cli._server import INSTALL_HINT


@pytest.mark.parametrize("missing", ["pygls", "lsprotocol"])
def test_without_the_extra_a_one_line_hint_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        return None if name == missing else real(name)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    out, err = io.StringIO(), io.StringIO()
    assert main(["server"], stdout=out, stderr=err) == 2
    assert out.getvalue() == ""
    assert err.getvalue() == INSTALL_HINT
    assert err.getvalue().count("\n") == 1
    assert 'pip install "pozo-site[server]"' in err.getvalue()


def test_help_names_the_editors_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["server", "--help"]) == 0
    assert "docs/editors.md" in capsys.readouterr().out


def test_the_cli_does_not_import_pygls() -> None:
    code = "import sys, pozo_site.cli; print('pygls' in sys.modules, 'lsprotocol' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.split() == ["False", "False"]


def test_end_of_input_ends_the_server() -> None:
    """A client that goes away (standard input closed) stops the server, which writes
    nothing but protocol messages to standard output."""
    result = subprocess.run(
        [sys.executable, "-m", "pozo_site", "server"],
        input=b"",
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.stdout == b""
