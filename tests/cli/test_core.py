"""The CLI's core subcommands: phone and show, exit codes, and python -m."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from pozo_site.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_phone_prints_every_form_of_both_seed_numbers() -> None:
    code, out, err = run("phone", "1-88-VISA-LAW-1", "(212) 201-9031")
    assert (code, err) == (0, "")
    first, second = out.split("\n\n")
    assert first.splitlines() == [
        "1-88-VISA-LAW-1",
        "  E.164:          +18884725291",
        "  national:       (888) 472-5291",
        "  international:  +1 888-472-5291",
        "  tel: URI:       tel:+1-888-472-5291",
        "  type:           toll free",
        "  vanity:         1-88-VISA-LAW-1",
    ]
    assert "E.164:          +12122019031" in second
    assert "vanity" not in second
    assert "type:           fixed line or mobile" in second


def test_phone_shows_extension() -> None:
    code, out, _ = run("phone", "212-555-0123 x45")
    assert code == 0
    assert "extension:      45" in out


def test_phone_error_is_one_line_and_exit_1() -> None:
    code, out, err = run("phone", "212-201-9031", "555-0123")
    assert code == 1
    assert "+12122019031" in out
    assert err.count("\n") == 1
    assert err.startswith("pozo-site phone: '555-0123': ")
    assert "[phone_invalid]" in err


def test_phone_region_option() -> None:
    code, out, _ = run("phone", "--region", "GB", "020 7946 0958")
    assert code == 0
    assert "+442079460958" in out
    code, _, err = run("phone", "--region", "XX", "020 7946 0958")
    assert code == 2
    assert "phone_unknown_region" in err


def test_show_prints_the_default_firm() -> None:
    code, out, err = run("show")
    assert (code, err) == (0, "")
    assert out.startswith("Pozo Goldstein\n==============\n")
    assert "Call Today for a FREE in-office consultation" in out
    assert "Office: (212) 201-9031" in out
    assert "Toll Free: 1-88-VISA-LAW-1 (1-888-472-5291)" in out
    assert "None" not in out
    assert "2 x Former prosecutor (immigration)" in out
    assert "New York State" in out


def test_show_with_a_firm_file(tmp_path: Path) -> None:
    path = tmp_path / "firm.yaml"
    path.write_text(
        "name: Example Immigration Law\n"
        "phones:\n  - role: main\n    number: (212) 555-0123\n"
        "email: intake@example.com\n"
        "offices:\n  - address:\n      street_address: 100 Example Street\n"
        "      locality: New York\n      region: NY\n      postal_code: '10001'\n"
        "    hours:\n      - days: [monday]\n        opens: '09:00'\n        closes: '17:00'\n",
        encoding="utf-8",
    )
    code, out, _ = run("show", "--firm", str(path))
    assert code == 0
    assert "Example Immigration Law" in out
    assert "E-mail: intake@example.com" in out
    assert "100 Example Street, New York, NY 10001, US" in out
    assert "Monday 09:00-17:00" in out


def test_show_with_an_invalid_firm_file_names_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "firm.yaml"
    path.write_text("name: X\nphones:\n  - role: main\n    number: '212'\n", encoding="utf-8")
    code, out, err = run("show", "--firm", str(path))
    assert code == 1
    assert out == ""
    assert f"{path}:4:13: phones.0.number: the number has too few digits" in err
    assert "Traceback" not in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["no-such-command"]) == 2
    assert main(["phone"]) == 2
    capsys.readouterr()


def test_help_and_version_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert "pozo-site" in capsys.readouterr().out
    assert main(["--help"]) == 0


def test_python_dash_m_runs_the_cli() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "pozo_site", "phone", "1-88-VISA-LAW-1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0
    assert "+18884725291" in completed.stdout
