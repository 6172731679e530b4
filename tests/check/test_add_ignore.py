"""``add_ignores``: where the comments go in firm files and at a file's last line, what it
leaves alone, and a file it may not write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pozo_site.check import check_paths
from pozo_site.check._add_ignore import add_ignores
from tests.check.conftest import config

FIRM_YAML = (
    "name: Pozo Goldstein\nadvertising_notice: Attorney Advertising\nphones:\n"
    "  - role: main\n    number: (212) 201-9031\ntagline: We say it.\n"
)
FIRM_TOML = (
    'name = "Pozo Goldstein"\nadvertising_notice = "Attorney Advertising"\n'
    'tagline = "We say it."\n[[phones]]\nrole = "main"\nnumber = "(212) 201-9031"\n'
)
HEAD = "---\ntitle: Call Us\nslug: call-us\ndate: 2024-05-01\n---\n"


def _codes(folder: Path) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in check_paths([folder], config()).findings]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("firm.yaml", FIRM_YAML, "tagline: We say it.  # pozo-site: ignore S002 -- ok\n"),
        ("firm.toml", FIRM_TOML, 'tagline = "We say it."  # pozo-site: ignore S002 -- ok\n'),
    ],
)
def test_firm_files_take_hash_comments(tmp_path: Path, name: str, text: str, expected: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    outcome = add_ignores([tmp_path], config(), "ok")
    assert (outcome.added, outcome.skipped) == (1, [])
    assert expected in (tmp_path / name).read_text(encoding="utf-8")
    assert _codes(tmp_path) == []


def test_a_json_firm_file_and_a_broken_article_are_left(tmp_path: Path) -> None:
    (tmp_path / "firm.json").write_text(
        json.dumps({"name": "Pozo Goldstein", "advertising_notice": "Attorney Advertising",
                    "phones": [{"role": "main", "number": "(212) 201-9031"}], "tagline": "x"}),
        encoding="utf-8",
    )  # fmt: skip
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "broken.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    before = _codes(tmp_path)
    outcome = add_ignores([tmp_path], config(), "ok")
    assert outcome.added == 0
    assert sorted(f.code for f in outcome.skipped) == sorted(code for code, _ in before)
    assert set(outcome.why.values()) == {"a comment cannot be placed in this file"}
    assert _codes(tmp_path) == before


def test_last_line_without_a_line_end(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text(HEAD + "First.\n\nCall 212-555-0142.", encoding="utf-8")
    add_ignores([tmp_path], config(), "quoted")
    assert page.read_text(encoding="utf-8") == (
        HEAD + "First.\n\n<!-- pozo-site: ignore P001 -- quoted -->\nCall 212-555-0142."
    )
    page.write_text(HEAD + "First.\nCall 212-555-0142.", encoding="utf-8")
    add_ignores([tmp_path], config(), "")
    assert page.read_text(encoding="utf-8") == (
        HEAD + "First.\nCall 212-555-0142. <!-- pozo-site: ignore P001 -->"
    )
    assert _codes(tmp_path) == []


def test_a_comment_inside_a_code_block_is_not_added(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    text = HEAD + "Text.\n\n```\n\nCall 212-555-0142\u200b.\n```\n"
    page.write_text(text, encoding="utf-8")
    before = _codes(tmp_path)
    outcome = add_ignores([tmp_path], config(), "x")
    assert outcome.added == 0
    assert [f.code for f in outcome.skipped] == [code for code, _ in before]
    assert page.read_text(encoding="utf-8") == text


def test_a_read_only_file_is_not_written(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text(HEAD + "Call 212-555-0142.\n", encoding="utf-8")
    page.chmod(0o444)
    try:
        outcome = add_ignores([tmp_path], config(), "x")
    finally:
        page.chmod(0o644)
    assert outcome.added == 0
    assert "read-only" in outcome.why[outcome.skipped[0]]
