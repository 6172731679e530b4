"""Firm-file errors carry the line and column ``pozo-site check`` gives, in every format."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from pozo_site import FirmFileError, FirmProfile, PhoneNumber, PhoneNumberError, parse_firm
from pozo_site.check import Config, check_paths


def _error(text: str, name: str) -> FirmFileError:
    with pytest.raises(FirmFileError) as info:
        parse_firm(text, name=name)
    return info.value


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "firm.yaml",
            "name: X\nphones:\n  - role: main\n    numbr: '212'\n",
            [(3, 5, "phones.0.number", "missing"), (4, 5, "phones.0.numbr", "extra_forbidden")],
        ),
        (
            "firm.toml",
            'name = "X"\n\n[[phones]]\nrole = "main"\nnumber = "212"\n',
            [(5, 1, "phones.0.number", "phone_too_short")],
        ),
        (
            "firm.json",
            '{\n  "name": "X",\n  "phones": [],\n  "emial": "a@example.com"\n}\n',
            [(3, 3, "phones", "phones_required"), (4, 3, "emial", "extra_forbidden")],
        ),
        (
            "firm.yaml",
            "name: X\nphones: one\n",
            [(2, 9, "phones", "tuple_type")],
        ),
        (
            "firm.yaml",
            "name: X\nphones:\n  - role: main\n    number: 212-555-0100\n"
            "  - role: main\n    number: 212-555-0101\n",
            [(3, 3, "phones", "value_error")],
        ),
    ],
)
def test_problems_are_located_as_check_locates_them(
    name: str, text: str, expected: list[tuple[int, int, str, str]], tmp_path: Path
) -> None:
    error = _error(text, name)
    assert [(p.line, p.column, p.key, p.code) for p in error.problems] == expected
    assert error.report() == tuple(f"{name}:{p}" for p in error.problems)
    for problem in error.problems:
        assert str(problem).startswith(f"{problem.line}:{problem.column}: {problem.key}: ")
    # pozo-site check's S002 findings are at the same lines.
    (tmp_path / name).write_text(text, encoding="utf-8")
    findings = check_paths([tmp_path], Config.default().override(select=["S002"])).findings
    assert sorted({f.line for f in findings}) == sorted({line for line, *_ in expected})


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("firm.yaml", "name: X\nphones: [\n", 3),
        ("firm.json", '{\n  "name": "X"\n  "phones": []\n}\n', 3),  # the same line on 3.10-3.13
        ("firm.toml", 'name = "X"\nphones = 1 2\n', 2),
        ("firm.yaml", "- a\n- b\n", 1),
    ],
)
def test_syntax_errors_have_a_line(name: str, text: str, line: int) -> None:
    error = _error(text, name)
    assert error.code == "firm_file_syntax"
    assert error.line == line
    [reported] = error.report()
    assert reported.startswith(f"{name}:{line}:")


def test_deep_nesting_is_a_syntax_error_without_a_line() -> None:
    error = _error("[" * 100_000, "firm.json")
    assert (error.code, error.line) == ("firm_file_syntax", None)
    assert error.report() == ("firm.json: nested too deeply",)


@pytest.mark.parametrize(
    "text", ["1-888-472-529", "1-212-201-903", "1-88-VISA-LAW", "(212) 201-903"]
)
def test_a_missing_digit_is_named(text: str) -> None:
    with pytest.raises(PhoneNumberError) as info:
        PhoneNumber.parse(text)
    assert info.value.code == "phone_too_short"
    assert "too few digits" in info.value.message


def test_an_unassigned_range_is_still_not_in_service() -> None:
    with pytest.raises(PhoneNumberError) as info:
        PhoneNumber.parse("(212) 101-9031")
    assert info.value.code == "phone_invalid"
    assert "not a number in service" in info.value.message


@pytest.mark.parametrize("zone", ["America/New_York", "UTC", "Europe/Madrid"])
def test_timezone_accepts_iana_names(zone: str) -> None:
    firm = FirmProfile(name="X", phones=[{"role": "main", "number": "212-555-0100"}], timezone=zone)
    assert firm.zone is not None
    assert str(firm.zone) == zone


@pytest.mark.parametrize("zone", ["Mars/Base", "../../etc/passwd", "", "EST5EDT\x00"])
def test_timezone_refuses_other_names(zone: str) -> None:
    with pytest.raises(ValidationError) as info:
        FirmProfile(name="X", phones=[{"role": "main", "number": "212-555-0100"}], timezone=zone)
    assert info.value.errors()[0]["loc"] == ("timezone",)
    assert FirmProfile(name="X", phones=[{"role": "main", "number": "212-555-0100"}]).zone is None
