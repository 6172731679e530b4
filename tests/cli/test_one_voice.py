"""The CLI speaks with the library's one voice: house style, located firm-file errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pozo_site import default_firm, render_contact_block
from pozo_site.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_contact_block_defaults_to_the_house_style(in_tmp: Path) -> None:
    code, out, _ = run("contact-block")
    assert code == 0
    assert "Office: 212-201-9031\n" in out
    assert "Toll Free: 1-88-VISA-LAW-1 (888-472-5291)\n" in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_phone_style_option(fmt: str, in_tmp: Path) -> None:
    code, out, _ = run("contact-block", "--format", fmt, "--phone-style", "national")
    assert code == 0
    assert out == render_contact_block(default_firm(), fmt, phone_style="national")
    assert "(212) 201-9031" in out


def test_the_content_folders_phone_style_is_used(in_tmp: Path) -> None:
    folder = in_tmp / "site"
    folder.mkdir()
    (folder / "pozo-site.toml").write_text('phone-style = "international"\n', encoding="utf-8")
    firm = folder / "firm.yaml"
    firm.write_text(
        "name: Example Law\nphones:\n  - role: main\n    number: (212) 555-0100\n",
        encoding="utf-8",
    )
    assert "Office: +1 212-555-0100\n" in run("contact-block", "--firm", str(firm))[1]
    # The option beats the configuration.
    out = run("contact-block", "--firm", str(firm), "--phone-style", "dashes")[1]
    assert "Office: 212-555-0100\n" in out


def test_a_bad_configuration_is_a_usage_error(in_tmp: Path) -> None:
    (in_tmp / "pozo-site.toml").write_text('phone-style = "fancy"\n', encoding="utf-8")
    code, out, err = run("contact-block")
    assert (code, out) == (2, "")
    assert "phone-style must be one of" in err


TYPO = "name: Example Law\nphones:\n  - role: main\n    numbr: (212) 555-0100\n"


@pytest.mark.parametrize("command", [["show"], ["contact-block"]])
def test_firm_file_errors_are_located(command: list[str], tmp_path: Path) -> None:
    firm = tmp_path / "firm.yaml"
    firm.write_text(TYPO, encoding="utf-8")
    code, out, err = run(*command, "--firm", str(firm))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{firm}:3:5: phones.0.number: required: add it [missing]",
        f"{firm}:4:5: phones.0.numbr: unknown key: remove it or correct its spelling "
        "[extra_forbidden]",
    ]
    # The same places `pozo-site check` reports (S002).
    _, checked, _ = run("check", str(tmp_path), "--select", "S002", "--format", "json")
    assert "line" in checked
    assert '"line": 3' in checked
    assert '"line": 4' in checked


def test_a_missing_digit_is_too_few_digits(tmp_path: Path) -> None:
    firm = tmp_path / "firm.yaml"
    firm.write_text("name: X\nphones:\n  - role: main\n    number: 1-888-472-529\n", "utf-8")
    err = run("show", "--firm", str(firm))[2]
    assert err.startswith(f"{firm}:4:13: phones.0.number: the number has too few digits")
    assert "not a number in service" not in err


def test_show_names_an_office_once_and_never_prints_none(tmp_path: Path) -> None:
    firm = tmp_path / "firm.yaml"
    firm.write_text(
        "name: Example Law\nphones:\n  - role: main\n    number: (212) 555-0100\n"
        "offices:\n  - name: Manhattan office\n    address:\n"
        "      street_address: 100 Example Street\n      locality: New York\n"
        "      region: NY\n      postal_code: '10001'\n"
        "  - address:\n      street_address: 200 Example Avenue\n      locality: Brooklyn\n"
        "      region: NY\n      postal_code: '11201'\n",
        encoding="utf-8",
    )
    code, out, _ = run("show", "--firm", str(firm))
    assert code == 0
    assert "Manhattan office:\n  100 Example Street" in out
    assert "Office: Manhattan office" not in out
    assert "Office:\n  200 Example Avenue" in out
    assert "None" not in out
    assert "Time zone" not in out
    firm.write_text(
        firm.read_text(encoding="utf-8")
        + "timezone: America/New_York\nbase_url: https://www.example.com/blog/\n",
        encoding="utf-8",
    )
    out = run("show", "--firm", str(firm))[1]
    assert "Time zone:\n  America/New_York\n" in out
    assert "Articles at: https://www.example.com/blog/\n" in out
    for fmt in ("text", "markdown", "html", "html+jsonld"):
        assert "None" not in run("contact-block", "--firm", str(firm), "--format", fmt)[1]
