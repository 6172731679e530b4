"""other-numbers, other-numbers-style and phone-max-bare-digits: reading, validation, effect."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pozo_site import PhoneNumber
from pozo_site.check import Config, ConfigError, OtherNumber, check_paths, fix_paths, load_config
from tests.check.conftest import config

USCIS = PhoneNumber.parse("1-800-555-0100")


def test_other_numbers_are_read_from_inline_tables_and_strings(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    write(
        "pozo-site.toml",
        'other-numbers = [{ number = "1-800-555-0100", label = " USCIS Contact Center " },'
        ' "(917) 555-0110"]\nother-numbers-style = true\nphone-max-bare-digits = 11\n',
    )
    settings, _ = load_config(tmp_path)
    assert settings.other_numbers == (
        OtherNumber(USCIS, "USCIS Contact Center"),
        OtherNumber(PhoneNumber.parse("+1 917 555 0110"), None),
    )
    assert settings.other_numbers_style is True
    assert settings.phone_max_bare_digits == 11


def test_other_numbers_as_an_array_of_tables_in_pyproject(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    write(
        "pyproject.toml",
        '[project]\nname = "site"\n\n[[tool.pozo-site.other-numbers]]\n'
        'number = "1-800-555-0100"\nlabel = "USCIS Contact Center"\n',
    )
    settings, _ = load_config(tmp_path)
    assert settings.other_numbers == (OtherNumber(USCIS, "USCIS Contact Center"),)
    assert settings.other_numbers_style is False
    assert Config().other_numbers == ()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('other-numbers = "1-800-555-0100"', "other-numbers must be a list such as"),
        ("other-numbers = [1]", "other-numbers entry 1 must be a table such as"),
        ('other-numbers = [{ label = "USCIS" }]', "other-numbers entry 1 has no 'number'"),
        (
            'other-numbers = ["1-800-555-0100", { number = "1-800-555-0142", lable = "EOIR" }]',
            "other-numbers entry 2: unknown key 'lable'; known: label, number",
        ),
        ("other-numbers = [{ number = 18005550100 }]", "other-numbers entry 1: 'number' must be"),
        (
            'other-numbers = [{ number = "1-800-555-0100", label = " " }]',
            "other-numbers entry 1: 'label' must be a non-empty string",
        ),
        (
            'other-numbers = [{ number = "(212) 101-9031" }]',
            "other-numbers entry 1: 'number' '(212) 101-9031' is not a valid phone number: ",
        ),
        (
            'other-numbers = ["1-800-555-0100", "800.555.0100"]',
            "other-numbers entry 2: 'number' '800.555.0100' repeats entry 1",
        ),
        ('other-numbers-style = "yes"', "other-numbers-style must be true or false"),
        ('phone-max-bare-digits = "9"', "phone-max-bare-digits must be a whole number"),
        ("phone-max-bare-digits = true", "phone-max-bare-digits must be a whole number"),
        ("phone-max-bare-digits = 21", "phone-max-bare-digits must be a whole number from 0 to 20"),
        ("phone-max-bare-digits = -1", "phone-max-bare-digits must be a whole number from 0 to 20"),
    ],
)
def test_bad_settings_name_the_entry_and_key(
    write: Callable[..., Path], tmp_path: Path, value: str, message: str
) -> None:
    path = write("pozo-site.toml", value + "\n")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert message in caught.value.message
    assert caught.value.path == path


def test_an_other_number_is_not_p001_in_any_form(write: Callable[..., Path], in_tmp: Path) -> None:
    write(
        "articles/a.md",
        "---\ntitle: T\nslug: t\ndate: 2024-01-01\nsummary: USCIS, 800.555.0100\n---\n"
        "Call USCIS at 1 (800) 555-0100, 1-800-555-0100 ext. 2 or 1-800-555-0142.\n",
    )
    plain = check_paths([Path(".")], config()).findings
    assert [(f.code, f.line) for f in plain] == [("P001", 5)] + [("P001", 7)] * 3
    allowed = config(other_numbers=(OtherNumber(USCIS, "USCIS Contact Center"),))
    findings = check_paths([Path(".")], allowed).findings
    assert [(f.code, f.line, f.column) for f in findings] == [("P001", 7, 58)]


def test_other_numbers_style_holds_them_to_the_house_style_and_fixes_them(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    path = write(
        "articles/a.md",
        "---\ntitle: T\nslug: t\ndate: 2024-01-01\n---\n"
        "USCIS: 1 (800) 555-0100, [call](tel:+18005550100), 800-555-0100.\n",
    )
    styled = config(other_numbers=(OtherNumber(USCIS, "USCIS Contact Center"),))
    assert check_paths([Path(".")], styled).findings == ()
    styled = config(other_numbers=(OtherNumber(USCIS, None),), other_numbers_style=True)
    (finding,) = check_paths([Path(".")], styled).findings
    assert (finding.code, finding.column) == ("P002", 8)
    assert finding.message == (
        "write this number as 800-555-0100 (house style 'dashes', other-numbers-style), "
        "not '1 (800) 555-0100'"
    )
    fix_paths([Path(".")], styled, write=True)
    assert path.read_text(encoding="utf-8").endswith(
        "USCIS: 800-555-0100, [call](tel:+18005550100), 800-555-0100.\n"
    )


def test_a_firm_number_listed_as_other_stays_the_firms(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write("articles/a.md", "---\ntitle: T\nslug: t\ndate: 2024-01-01\n---\nCall 212.201.9031.\n")
    both = config(other_numbers=(OtherNumber(PhoneNumber.parse("212-201-9031"), "Us"),))
    (finding,) = check_paths([Path(".")], both).findings
    assert finding.code == "P002"
    assert finding.message.startswith("write the firm's number as 212-201-9031")


def test_a_near_miss_of_an_other_number_names_it(write: Callable[..., Path], in_tmp: Path) -> None:
    write("articles/a.md", "---\ntitle: T\nslug: t\ndate: 2024-01-01\n---\nCall 1-800-555-010.\n")
    allowed = config(other_numbers=(OtherNumber(USCIS, "USCIS Contact Center"),))
    (finding,) = check_paths([Path(".")], allowed).findings
    assert finding.code == "P003"
    assert "did you mean USCIS Contact Center (800-555-0100)?" in finding.message


def test_the_bare_digit_setting_reaches_the_rule(write: Callable[..., Path], in_tmp: Path) -> None:
    write("articles/a.md", "---\ntitle: T\nslug: t\ndate: 2024-01-01\n---\nOrder 2125550123.\n")
    assert check_paths([Path(".")], config()).findings == ()
    (finding,) = check_paths([Path(".")], config(phone_max_bare_digits=10)).findings
    assert finding.code == "P001"
    with pytest.raises(ConfigError, match="from 0 to 20"):
        Config(phone_max_bare_digits=99)
