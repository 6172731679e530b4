"""``pozo-site contact-block``: formats, firm files, templates, atomic output, exit codes."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pozo_site import CONTACT_BLOCK_FORMATS, default_firm, load_firm, render_contact_block
from pozo_site.cli import build_parser, main

FIRM_YAML = """\
name: Example Immigration Law
phones:
  - role: main
    number: (212) 555-0123
  - role: toll_free
    number: 1-800-555-0199
email: intake@example.com
website: https://www.example.com/
"""
FIRM_JSON = json.dumps(
    {"name": "Example Json Law", "phones": [{"role": "main", "number": "212-555-0188"}]}
)
FIRM_TOML = 'name = "Example Toml Law"\n\n[[phones]]\nrole = "main"\nnumber = "212-555-0177"\n'


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["contact-block", *argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def firm_file(tmp_path: Path) -> Path:
    path = tmp_path / "firm.yaml"
    path.write_text(FIRM_YAML, encoding="utf-8")
    return path


def test_format_choices_come_from_the_table() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    command = subparsers.choices["contact-block"]
    [action] = [a for a in command._actions if a.dest == "format"]
    assert list(action.choices) == list(CONTACT_BLOCK_FORMATS)
    assert action.default == "text"


def test_default_is_text_for_the_default_firm() -> None:
    code, out, err = run()
    assert (code, err) == (0, "")
    assert out == render_contact_block(default_firm(), "text")
    assert "1-88-VISA-LAW-1 (888-472-5291)" in out


@pytest.mark.parametrize("fmt", list(CONTACT_BLOCK_FORMATS))
def test_every_format_default_and_file(fmt: str, firm_file: Path) -> None:
    code, out, err = run("--format", fmt)
    assert (code, err) == (0, "")
    assert out == render_contact_block(default_firm(), fmt)
    code, out, err = run("-f", fmt, "--firm", str(firm_file))
    assert (code, err) == (0, "")
    assert out == render_contact_block(load_firm(firm_file), fmt)
    assert "Example Immigration Law" in out


@pytest.mark.parametrize(
    ("name", "text", "firm_name"),
    [("firm.json", FIRM_JSON, "Example Json Law"), ("firm.toml", FIRM_TOML, "Example Toml Law")],
)
def test_json_and_toml_firm_files(tmp_path: Path, name: str, text: str, firm_name: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, _ = run("--firm", str(path), "--format", "jsonld")
    assert code == 0
    assert json.loads(out)["name"] == firm_name


def test_invalid_firm_file_lists_problems(tmp_path: Path) -> None:
    path = tmp_path / "firm.yaml"
    path.write_text("name: ''\nphones:\n  - role: main\n    number: '12'\n", encoding="utf-8")
    code, out, err = run("--firm", str(path))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert lines == [  # path:line:col: key: reason [code], one line per problem
        f"{path}:1:7: name: String should have at least 1 character [string_too_short]",
        f"{path}:4:13: phones.0.number: the number has too few digits [phone_too_short]",
    ]
    assert "Traceback" not in err


def test_missing_firm_file(tmp_path: Path) -> None:
    code, out, err = run("--firm", str(tmp_path / "nope.yaml"))
    assert (code, out) == (1, "")
    assert err.startswith(f"{tmp_path / 'nope.yaml'}: cannot read the file")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("--format", "pdf")[0] == 2
    template = tmp_path / "t.j2"
    template.write_text("{{ name }}", encoding="utf-8")
    code, out, err = run("--format", "vcard", "--template", str(template))
    assert (code, out) == (2, "")
    assert "--template applies to text, markdown, html and html+jsonld, not to vcard" in err


def test_output_file_is_written_exactly(tmp_path: Path) -> None:
    target = tmp_path / "card.vcf"
    code, out, err = run("--format", "vcard", "--output", str(target))
    assert (code, out, err) == (0, "", "")
    expected = render_contact_block(default_firm(), "vcard")
    assert "\r\n" in expected
    assert target.read_bytes() == expected.encode("utf-8")  # CRLF kept, nothing doubled
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.vcf"]  # no temporary left


def test_output_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "block.html"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    code, _, _ = run("--format", "html", "-o", str(target))
    assert code == 0
    assert target.read_text(encoding="utf-8") == render_contact_block(default_firm(), "html")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["block.html"]


def test_output_unwritable_exits_2(tmp_path: Path) -> None:
    code, out, err = run("--output", str(tmp_path / "missing" / "block.txt"))
    assert (code, out) == (2, "")
    assert "cannot write the file" in err
    assert list(tmp_path.iterdir()) == []


def test_own_template(tmp_path: Path, firm_file: Path) -> None:
    template = tmp_path / "footer.j2"
    template.write_text("{{ name }}: {{ main_phone.text }}\n", encoding="utf-8")
    code, out, err = run("--firm", str(firm_file), "--template", str(template))
    assert (code, out, err) == (0, "Example Immigration Law: 212-555-0123\n", "")
    code, out, _ = run("--format", "html", "--template", str(template))
    assert out == "Pozo Goldstein: 212-201-9031\n"


def test_bad_template_exits_1(tmp_path: Path) -> None:
    template = tmp_path / "bad.j2"
    template.write_text("ok\n{{ missing_name }}\n", encoding="utf-8")
    code, out, err = run("--template", str(template))
    assert (code, out) == (1, "")
    assert err.startswith(f"{template}: line 2: template uses an undefined value")
    assert err.rstrip().endswith("[template_undefined]")
    code, _, err = run("--template", str(tmp_path / "none.j2"))
    assert code == 1
    assert "cannot read the template" in err
    template.write_bytes(b"\xff\xfe{{ name }}")
    code, _, err = run("--template", str(template))
    assert code == 1
    assert "not UTF-8" in err


def test_stdout_gets_bytes_unchanged() -> None:
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="ascii", newline="\r\n")  # would mangle if used
    code = main(["contact-block", "-f", "vcard4"], stdout=stdout, stderr=io.StringIO())
    assert code == 0
    stdout.flush()
    assert raw.getvalue() == render_contact_block(default_firm(), "vcard4").encode("utf-8")


def test_console_script_end_to_end(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pozo_site", "contact-block", "--format", "vcard"],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout == render_contact_block(default_firm(), "vcard").encode("utf-8")
