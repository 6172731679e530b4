"""Errors, not tracebacks (issue 13, item 7): every case the red team found is a clear
error or finding with exit code 1, and anything unexpected is one line and exit code 2
(with the traceback only under ``--verbose``)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from pozo_site import Article
from pozo_site.cli import main
from pozo_site.cli._boundary import DEBUG_ENV, ExitCode
from tests.adversarial import record

TIMESTAMP = "---\ntitle: T\nslug: t\ndate: !!timestamp garbage\n---\nText.\n"
HUGE = "9" * 5000


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _clear(code: int, err: str, expected: int = ExitCode.PROBLEM) -> None:
    assert code == expected, err
    assert "Traceback" not in err
    assert "internal error" not in err
    record("errors, not tracebacks")


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DEBUG_ENV, raising=False)


def test_a_timestamp_tag_that_does_not_fit_is_a_validation_error() -> None:
    with pytest.raises(ValidationError) as caught:
        Article.from_markdown(TIMESTAMP)
    assert caught.value.errors()[0]["type"] == "yaml_syntax"


def test_a_timestamp_tag_that_does_not_fit_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text(TIMESTAMP, "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", "a.md")
    _clear(code, err)
    assert "a.md:4:7: D001 date: 'garbage' is not a" in out


@pytest.mark.parametrize("command", ["show", "contact-block"])
def test_a_timestamp_tag_in_a_firm_file_is_an_error(tmp_path: Path, command: str) -> None:
    firm = tmp_path / "firm.yaml"
    firm.write_text("name: !!timestamp garbage\n", "utf-8")
    code, _, err = run(command, "--firm", str(firm))
    _clear(code, err)
    assert err == f"{firm}: invalid YAML: a value does not fit its tag (such as !!timestamp)\n"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("firm.json", f'{{"name": "x", "n": {HUGE}}}'),
        ("firm.toml", f"name = 'x'\nn = {HUGE}\n"),
        ("firm.yaml", f"name: x\nn: {HUGE}\n"),
    ],
)
def test_an_integer_of_5000_digits_is_an_error_and_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str
) -> None:
    (tmp_path / name).write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    for command in ("show", "contact-block"):
        code, _, err = run(command, "--firm", name)
        _clear(code, err)
        assert "4300" in err
        assert err.count("\n") == 1
    code, out, err = run("check", ".")
    _clear(code, err)
    assert f"{name}:1:1: F006 invalid" in out


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "RecursionError"),
        ("{{ 5|wordwrap }}", "AttributeError"),
        ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "cannot be compiled"),
        ("{{ 9**(9**9) }}", "integer limit"),
    ],
)
def test_a_failing_template_is_one_line_and_exit_1(
    tmp_path: Path, template: str, reason: str
) -> None:
    path = tmp_path / "t.j2"
    path.write_text(template, "utf-8")
    code, out, err = run("contact-block", "--template", str(path))
    _clear(code, err)
    assert out == ""
    assert err.count("\n") == 1
    assert reason in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
@pytest.mark.parametrize("option", ["--firm", "--template"])
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path, option: str) -> None:
    fifo = tmp_path / ("firm.yaml" if option == "--firm" else "t.j2")
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "pozo_site", "contact-block", option, str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    _clear(done.returncode, done.stderr)
    assert "not a regular file" in done.stderr


def test_a_path_that_cannot_be_looked_at_is_reported_truthfully(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root (this test runs as any user) chmod cannot deny search permission, so the
    # operating system's answer for a folder without it is given here.
    locked = tmp_path / "locked"
    locked.mkdir()
    real_lstat = os.lstat

    def lstat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if os.path.abspath(str(path)).startswith(f"{locked}{os.sep}"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_lstat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "lstat", lstat)
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", "locked/a.md")
    _clear(code, err)
    assert "locked/a.md:1:1: F011 cannot read: Permission denied" in out
    assert "no such file" not in err


def test_a_path_the_terminal_cannot_encode_is_escaped_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "\u00e9t\u00e9.md").write_text("---\ntitle: T\n---\nx\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pozo_site", "check", "."],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
        check=False,
    )
    _clear(done.returncode, done.stderr.decode("ascii"))
    assert b"\\xe9t\\xe9.md:" in done.stdout


def test_anything_unexpected_is_one_line_and_the_traceback_needs_verbose(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import pozo_site.render  # ``show`` imports its renderer from there when it runs

    def explode(*args: object) -> int:
        raise LookupError("boom\nsecond line")

    monkeypatch.setattr(pozo_site.render, "firm_summary", explode)
    code, _, err = run("show")
    assert code == ExitCode.USAGE
    assert err == (
        "pozo-site: internal error: LookupError: boom (run with --verbose for the traceback)\n"
    )
    for argv in (("--verbose", "show"), ("show", "--verbose")):
        code, _, err = run(*argv)
        assert code == ExitCode.USAGE
        assert err.startswith("Traceback (most recent call last):")
        assert err.endswith("pozo-site: internal error: LookupError: boom\n")
    record("errors, not tracebacks", 3)
