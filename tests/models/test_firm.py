"""FirmProfile and the embedded default firm."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from pozo_site import (
    FirmFileError,
    FirmProfile,
    PhoneNumber,
    PhoneRole,
    default_firm,
    load_firm,
    parse_firm,
)
from pozo_site._files import example_content
from tests.testdata import SEED_PAGE


def example_firm_data() -> dict[str, object]:
    return {
        "name": "Example Immigration Law",
        "phones": [
            {"role": "main", "number": "(212) 555-0123"},
            {"role": "toll_free", "number": "1-800-555-0199", "label": "Toll Free"},
        ],
        "offices": [
            {
                "name": "Manhattan",
                "address": {
                    "street_address": "100 Example Street, Suite 5",
                    "locality": "New York",
                    "region": "NY",
                    "postal_code": "10001",
                },
                "hours": [{"days": ["monday", "friday"], "opens": "09:00", "closes": "17:30"}],
            }
        ],
        "email": "intake@example.com",
        "website": "https://www.example.com/",
        "languages": ["en", "es"],
    }


def test_default_firm_holds_what_the_seed_states() -> None:
    firm = default_firm()
    assert firm.name == "Pozo Goldstein"
    assert firm.main_phone.number == PhoneNumber.parse("(212) 201-9031")
    toll_free = firm.toll_free_phone
    assert toll_free is not None
    assert toll_free.number.vanity == "1-88-VISA-LAW-1"
    assert toll_free.number.e164 == "+18884725291"
    assert toll_free.display_label == "Toll Free"
    assert firm.offer is not None
    assert firm.offer.call_to_action == "Call Today"
    assert "consultation" in firm.offer.headline.lower()
    assert firm.areas_served == ("New York City", "New York State")
    assert {(c.title, c.count) for c in firm.credentials} == {
        ("Former judge", 1),
        ("Former prosecutor", 2),
    }


def test_default_firm_invents_nothing() -> None:
    firm = default_firm()
    assert firm.offices == ()
    assert firm.email is None
    assert firm.website is None
    assert firm.languages == ()
    assert firm.social_profiles == ()
    assert firm.certifications == ()


def test_default_firm_numbers_appear_on_the_seed_page() -> None:
    page = SEED_PAGE.read_text(encoding="utf-8")
    for phone in default_firm().phones:
        printed = phone.number.vanity or phone.number.national
        assert printed in page


def test_shipped_firm_file_validates_strictly() -> None:
    text = example_content().joinpath("firm.yaml").read_text(encoding="utf-8")
    assert parse_firm(text) == default_firm()


def test_example_firm() -> None:
    firm = FirmProfile.model_validate(example_firm_data())
    assert firm.offices[0].address.country == "US"
    assert firm.email == "intake@example.com"
    assert str(firm.website) == "https://www.example.com/"
    assert firm.phones_with_role("toll_free")[0].number.is_toll_free
    assert firm.phones_with_role(PhoneRole.FAX) == ()
    assert len(firm.numbers) == 2


def test_main_phone_falls_back_to_first() -> None:
    firm = FirmProfile(name="X", phones=[{"role": "other", "number": "212-555-0100"}])  # type: ignore[list-item]
    assert firm.main_phone.number.e164 == "+12125550100"
    assert firm.toll_free_phone is None
    assert firm.main_phone.display_label == "Phone"


@pytest.mark.parametrize(
    ("change", "loc_start", "message"),
    [
        ({"phones": []}, ("phones",), "at least one phone"),
        ({"name": "  "}, ("name",), "at least 1"),
        ({"email": "not-an-address"}, ("email",), "e-mail"),
        ({"website": "javascript:alert(1)"}, ("website",), "URL"),
        ({"languages": ["English!"]}, ("languages", 0), "pattern"),
        ({"nickname": "x"}, ("nickname",), "Extra"),
        (
            {"phones": [{"role": "toll_free", "number": "212-555-0123"}]},
            ("phones", 0),
            "toll-free",
        ),
        (
            {
                "phones": [
                    {"role": "main", "number": "212-555-0123"},
                    {"role": "main", "number": "212-555-0124"},
                ]
            },
            (),
            "only one",
        ),
        (
            {
                "phones": [
                    {"role": "main", "number": "212-555-0123"},
                    {"role": "other", "number": "(212) 555-0123"},
                ]
            },
            (),
            "once",
        ),
    ],
)
def test_invalid_profiles(
    change: dict[str, object], loc_start: tuple[object, ...], message: str
) -> None:
    data = {**example_firm_data(), **change}
    with pytest.raises(ValidationError) as info:
        FirmProfile.model_validate(data)
    errors = info.value.errors()
    assert any(
        tuple(e["loc"][: len(loc_start)]) == loc_start and message in e["msg"] for e in errors
    ), errors


def test_opening_hours_are_checked() -> None:
    data = example_firm_data()
    office = data["offices"][0]  # type: ignore[index]
    office["hours"] = [{"days": ["monday", "monday"], "opens": "09:00", "closes": "17:00"}]
    with pytest.raises(ValidationError, match="once"):
        FirmProfile.model_validate(data)
    office["hours"] = [{"days": ["monday"], "opens": "17:00", "closes": "09:00"}]
    with pytest.raises(ValidationError, match="later"):
        FirmProfile.model_validate(data)


def test_profile_is_frozen() -> None:
    firm = default_firm()
    with pytest.raises(ValidationError):
        firm.name = "Other"  # type: ignore[misc]


def test_text_fields_lose_control_characters() -> None:
    firm = FirmProfile.model_validate(
        {**example_firm_data(), "name": "Example\r\nBcc: x@example.com"}
    )
    assert firm.name == "Example Bcc: x@example.com"


def test_json_round_trip() -> None:
    firm = FirmProfile.model_validate(example_firm_data())
    assert FirmProfile.model_validate_json(firm.model_dump_json()) == firm
    default = default_firm()
    again = FirmProfile.model_validate(default.model_dump(mode="json"))
    assert again == default
    assert again.toll_free_phone is not None
    assert again.toll_free_phone.number.vanity == "1-88-VISA-LAW-1"


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json", ".toml"])
def test_load_firm_formats(tmp_path: Path, suffix: str) -> None:
    data = example_firm_data()
    path = tmp_path / f"firm{suffix}"
    if suffix == ".toml":
        path.write_text(
            'name = "Example Immigration Law"\n'
            'email = "intake@example.com"\n'
            "[[phones]]\n"
            'role = "main"\n'
            'number = "(212) 555-0123"\n',
            encoding="utf-8",
        )
    elif suffix == ".json":
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        import yaml

        path.write_text("\ufeff" + yaml.safe_dump(data), encoding="utf-8")
    firm = load_firm(path)
    assert firm.name == "Example Immigration Law"
    assert firm.main_phone.number.e164 == "+12125550123"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"name: [", "firm_file_syntax"),
        (b"- a\n- b\n", "firm_file_syntax"),
        (b"a: &x 1\nb: *x\n", "firm_file_syntax"),
        (b"\xff\xfe\x00", "firm_file_encoding"),
        (b"name: X\nphones: []\n", "firm_file_invalid"),
    ],
)
def test_load_firm_errors(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "firm.yaml"
    path.write_bytes(content)
    with pytest.raises(FirmFileError) as info:
        load_firm(path)
    assert info.value.code == code
    assert info.value.path == str(path)


def test_load_firm_validation_details_name_keys(tmp_path: Path) -> None:
    path = tmp_path / "firm.yaml"
    path.write_text("name: X\nphones:\n  - role: main\n    number: '212'\n", encoding="utf-8")
    with pytest.raises(FirmFileError) as info:
        load_firm(path)
    assert info.value.details == (
        "4:13: phones.0.number: the number has too few digits [phone_too_short]",
    )
    [problem] = info.value.problems
    assert (problem.line, problem.column, problem.key, problem.code) == (
        4,
        13,
        "phones.0.number",
        "phone_too_short",
    )
    assert info.value.report() == (
        f"{path}:4:13: phones.0.number: the number has too few digits [phone_too_short]",
    )


def test_load_firm_missing_and_wrong_suffix(tmp_path: Path) -> None:
    with pytest.raises(FirmFileError) as info:
        load_firm(tmp_path / "absent.yaml")
    assert info.value.code == "firm_file_read"
    other = tmp_path / "firm.txt"
    other.write_text("name: X", encoding="utf-8")
    with pytest.raises(FirmFileError) as info:
        load_firm(other)
    assert info.value.code == "firm_file_type"


def test_load_firm_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "firm.yaml"
    path.write_bytes(b"#" * 1_000_001)
    with pytest.raises(FirmFileError) as info:
        load_firm(path)
    assert info.value.code == "firm_file_size"
