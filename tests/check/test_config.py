"""Configuration: files found upward, strict keys and codes, select/ignore and severities."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from pozo_site import PhoneStyle
from pozo_site.check import (
    Config,
    ConfigError,
    Severity,
    check_paths,
    load_config,
)
from pozo_site.check._config import DEFAULT_EXCLUDE, DEFAULT_RESULTS_PHRASES
from pozo_site.cli import main
from tests.check.conftest import config


def test_defaults() -> None:
    config = Config.default()
    assert config.select is None
    assert config.ignore == frozenset()
    assert config.phone_style is PhoneStyle.DASHES
    assert config.exclude == DEFAULT_EXCLUDE
    assert config.max_file_bytes == 1_000_000
    assert all(config.enabled(code) for code in ("F001", "P002", "C003"))
    assert config.severity("P002") is Severity.WARNING


def test_pyproject_table_is_found_upward(write: Callable[..., Path], tmp_path: Path) -> None:
    write(
        "pyproject.toml",
        '[project]\nname = "site"\n\n[tool.pozo-site]\nselect = ["P", "S001"]\n'
        'ignore = ["p003"]\nphone-style = "national"\nextend-exclude = ["drafts"]\n'
        'max-file-bytes = 5000\nextend-results-phrases = ["happy clients"]\n\n'
        '[tool.pozo-site.severity]\nP002 = "error"\n',
    )
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    config, found = load_config(folder)
    assert found == tmp_path / "pyproject.toml"
    assert config.select == {"P", "S001"}
    assert config.enabled("P001")
    assert config.enabled("S001")
    assert not config.enabled("P003")
    assert not config.enabled("S002")
    assert config.phone_style is PhoneStyle.NATIONAL
    assert config.exclude == (*DEFAULT_EXCLUDE, "drafts")
    assert config.max_file_bytes == 5000
    assert config.results_phrases[-1] == "happy clients"
    assert config.results_phrases[: len(DEFAULT_RESULTS_PHRASES)] == DEFAULT_RESULTS_PHRASES
    assert config.severity("P002") is Severity.ERROR
    assert config.base_dir == tmp_path


def test_pozo_site_toml_wins_over_pyproject_in_the_same_folder(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    write("pyproject.toml", '[tool.pozo-site]\nignore = ["C"]\n')
    write("pozo-site.toml", 'ignore = ["D"]\n')
    config, found = load_config(tmp_path / "a.md")
    assert found == tmp_path / "pozo-site.toml"
    assert config.ignore == {"D"}


def test_pyproject_without_table_is_skipped(write: Callable[..., Path], tmp_path: Path) -> None:
    write("pozo-site.toml", 'ignore = ["D"]\n')
    write("sub/pyproject.toml", '[project]\nname = "x"\n')
    _config, found = load_config(tmp_path / "sub")
    assert found == tmp_path / "pozo-site.toml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("selct = []\n", "unknown setting 'selct'"),
        ('select = ["X001"]\n', "unknown rule code 'X001'"),
        ('ignore = "C003"\n', "ignore must be a list of strings"),
        ('phone-style = "fancy"\n', "phone-style must be one of"),
        ("max-file-bytes = 0\n", "max-file-bytes must be a positive integer"),
        ("max-file-bytes = true\n", "max-file-bytes must be a positive integer"),
        ('[severity]\nZ999 = "error"\n', "unknown rule code 'Z999'"),
        ('[severity]\nP001 = "fatal"\n', "must be 'error' or 'warning'"),
        ("severity = 3\n", "severity must be a table"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_settings_are_errors_naming_the_file(
    write: Callable[..., Path], tmp_path: Path, text: str, message: str
) -> None:
    path = write("pozo-site.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert message in caught.value.message
    assert caught.value.path == path
    assert str(caught.value).startswith(str(path))


def test_config_file_not_utf8(write: Callable[..., Path], tmp_path: Path) -> None:
    write("pozo-site.toml", b"ignore = ['\xff']\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(tmp_path)


def test_pyproject_tool_table_must_be_a_table(write: Callable[..., Path], tmp_path: Path) -> None:
    write("pyproject.toml", '[tool]\npozo-site = "x"\n')
    with pytest.raises(ConfigError, match="must be a table"):
        load_config(tmp_path)


def test_no_file_gives_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Path, "is_file", lambda self: False)
    assert load_config(tmp_path) == (Config.default(), None)


def test_override_from_the_command_line() -> None:
    config = Config(ignore=frozenset({"C"}))
    assert config.override(select=["p"]).select == {"P"}
    assert config.override(ignore=["D003"]).ignore == {"D003"}
    assert config.override(extend_ignore=["D003"]).ignore == {"C", "D003"}
    with pytest.raises(ConfigError, match="--select: unknown rule code 'Q1'") as caught:
        config.override(select=["Q1"])
    assert caught.value.path is None
    with pytest.raises(ConfigError, match="not a string"):
        config.override(ignore="C003")


def test_most_specific_selector_wins() -> None:
    assert Config(select=frozenset({"P001"}), ignore=frozenset({"P"})).enabled("P001")
    assert not Config(select=frozenset({"P"}), ignore=frozenset({"P001"})).enabled("P001")
    assert not Config(select=frozenset({"P001"}), ignore=frozenset({"P001"})).enabled("P001")
    assert not Config(select=frozenset({"P"})).enabled("C001")


def test_config_is_hashable_and_compares_by_value() -> None:
    one = Config(severities={"P002": Severity.ERROR})
    two = Config(severities={"P002": Severity.ERROR})
    assert one == two
    assert hash(one) == hash(two)
    assert one != Config()


def test_severity_codes_are_checked() -> None:
    with pytest.raises(ConfigError):
        Config(severities={"X123": Severity.ERROR})


def test_select_ignore_and_severity_shape_the_result(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write(
        "articles/a.md",
        "---\ntitle: Know Your Rights\ndate: 2099-01-01\n---\nCall (212) 201-9031.\n",
    )
    base = Config()
    every = {f.code for f in check_paths([Path(".")], base).findings}
    assert every == {"D003", "L004", "P002"}
    only_p = check_paths([Path(".")], base.override(select=["P"])).findings
    assert {f.code for f in only_p} == {"P002"}
    no_d = check_paths([Path(".")], base.override(ignore=["D", "L004"])).findings
    assert {f.code for f in no_d} == {"P002"}
    strict = Config(severities={"P002": Severity.ERROR})
    result = check_paths([Path(".")], strict)
    assert not result.success
    assert {f.severity for f in result.findings if f.code == "P002"} == {Severity.ERROR}
    assert check_paths([Path(".")], base).success


def _front(body: str, extra: str = "") -> str:
    return f"---\ntitle: T\nslug: t\ndate: 2024-01-01\n{extra}---\n{body}"


# -- configuration -----------------------------------------------------------------------------


def test_a_pyproject_whose_tool_is_not_a_table_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("tool = 3\n", encoding="utf-8")
    err = io.StringIO()
    code = main(["check", str(tmp_path)], stdout=io.StringIO(), stderr=err)
    assert code == 2
    assert "[tool] must be a table" in err.getvalue()
    assert "internal error" not in err.getvalue()


@pytest.mark.parametrize("pattern", ["./content/drafts", "drafts/", "content/drafts/"])
def test_exclude_patterns_as_people_write_them(
    write: Callable[..., Path], in_tmp: Path, pattern: str
) -> None:
    write("pyproject.toml", f'[tool.pozo-site]\nextend-exclude = ["{pattern}"]\n')
    write("content/a.md", _front("Call 212-555-0123\n"))
    write("content/drafts/b.md", _front("Call 212-555-0123\n"))
    settings, _ = load_config(in_tmp)
    settings = dataclasses.replace(settings, today=config().today)
    result = check_paths([Path("content")], settings)
    assert sorted({f.path for f in result.findings}) == ["content/a.md"]
