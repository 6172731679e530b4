"""Any file content gives findings, never an exception; fixing twice changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pozo_site.check import check_paths, fix_paths
from tests.check.conftest import config
from tests.testdata import blns

_FRONT = st.sampled_from(
    [
        "title: ",
        "slug: ",
        "date: ",
        "updated: ",
        "tags: [",
        "image: {src: a, alt: ",
        "- ",
        "? ",
        "1: ",
        "*a ",
        "&a ",
        "!!binary ",
        "!!python/object ",
        "{",
        "]",
        "\n",
        "\r\n",
        "  ",
        "'",
        '"',
        "#",
        "---",
        "2018-02-31",
        "2024-05-01",
        "(212) 201-9031",
        "<!-- pozo-site: ignore -->",
    ]
)
_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _check(folder: Path) -> None:
    result = check_paths([folder], config())
    assert result.files_checked >= 1
    fix_paths([folder], config(), write=True)
    assert fix_paths([folder], config(), write=True).changes == ()  # a second fix: no change


@_SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "a.md").write_bytes(data)
    _check(tmp_path)


@_SETTINGS
@given(st.lists(_FRONT | st.text(max_size=5), max_size=25), st.text(max_size=40))
def test_random_front_matter(tmp_path: Path, parts: list[str], body: str) -> None:
    (tmp_path / "a.md").write_text("---\n" + "".join(parts) + "\n---\n" + body, "utf-8")
    _check(tmp_path)


@_SETTINGS
@given(st.lists(_FRONT | st.text(max_size=5), max_size=25))
def test_random_firm_files(tmp_path: Path, parts: list[str]) -> None:
    text = "".join(parts)
    for name in ("firm.yaml", "firm.toml", "firm.json"):
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(text, "utf-8")
        _check(folder)


def test_naughty_strings_in_every_front_matter_value(tmp_path: Path) -> None:
    strings = blns()
    for index, value in enumerate(strings):
        quoted = json.dumps(value)  # a JSON string is a valid YAML double-quoted scalar
        (tmp_path / f"a{index}.md").write_text(
            f"---\ntitle: {quoted}\nsummary: {quoted}\ndate: 2024-05-01\ntags: [{quoted}]\n"
            f"---\n{value}\n",
            "utf-8",
        )
    result = check_paths([tmp_path], config())
    assert result.files_checked == len(strings)
