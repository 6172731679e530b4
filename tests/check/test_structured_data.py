"""The structured-data rules (J): configuration, the embedded default, and what they say."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pozo_site.check import RULES, ConfigError, Family, check_paths, load_config
from tests.check.conftest import COMPLETE_FIRM_YAML, config

MINIMAL = "name: Example Law\nphones:\n  - role: main\n    number: (212) 555-0100\n"


def test_base_url_setting(write: Callable[..., Path], tmp_path: Path) -> None:
    write("pozo-site.toml", 'base-url = "https://www.example.com/blog/"\n')
    settings, _ = load_config(tmp_path)
    assert settings.base_url == "https://www.example.com/blog/"


@pytest.mark.parametrize("value", ['"/blog/"', '"ftp://example.com/"', "1", '"https://"'])
def test_base_url_must_be_absolute(value: str, write: Callable[..., Path], tmp_path: Path) -> None:
    write("pozo-site.toml", f"base-url = {value}\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert "base-url must be an absolute http(s) URL" in str(info.value)


def test_the_embedded_default_profile_is_not_reported(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write("articles/a.md", "---\ntitle: A\nslug: a\ndate: 2024-05-01\n---\nText.\n")
    assert check_paths([Path(".")], config(select=frozenset({"J"}))).findings == ()


def test_each_message_names_the_property_and_the_firm_file_key(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write("firm.yaml", MINIMAL)
    findings = check_paths([Path(".")], config(select=frozenset({"J"}))).findings
    said = {f.code: f.message for f in findings}
    assert sorted(said) == ["J001", "J002", "J004", "J005", "J006"]
    for code, words in {
        "J001": ("'address'", "not eligible", "offices:"),
        "J002": ("'url'", "website:"),
        "J004": ("'openingHoursSpecification'", "hours:"),
        "J005": ("'url'", "base_url:", "base-url"),
        "J006": ("'datePublished'", "timezone:"),
    }.items():
        for word in words:
            assert word in said[code], (code, word)
    assert {f.severity.value for f in findings} == {"warning"}


def test_a_complete_profile_is_quiet(write: Callable[..., Path], in_tmp: Path) -> None:
    write("firm.yaml", MINIMAL + COMPLETE_FIRM_YAML)
    assert check_paths([Path(".")], config(select=frozenset({"J"}))).findings == ()


def test_the_family_is_documented_with_google_as_its_reference() -> None:
    family = [rule for rule in RULES.values() if rule.family is Family.STRUCTURED_DATA]
    assert [rule.code for rule in family] == [f"J00{n}" for n in range(1, 7)]
    for rule in family:
        assert rule.reference is not None
        assert rule.reference.startswith("Google Search Central")


def test_an_invalid_profile_is_left_to_s002(write: Callable[..., Path], in_tmp: Path) -> None:
    write("firm.yaml", "name: Example Law\nphones: []\n")
    codes = [f.code for f in check_paths([Path(".")], config()).findings]
    assert codes == ["S002"]
