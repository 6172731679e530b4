"""I001 unused-suppression: the cases the fixture folder does not show, and ``--fix``."""

from __future__ import annotations

from pathlib import Path

import pytest

from pozo_site.check import Config, check_paths, fix_paths
from tests.check.conftest import config

HEAD = "---\ntitle: Call Us\nslug: call-us\ndate: 2024-05-01\n---\n"


def _messages(folder: Path) -> list[tuple[str, int, str]]:
    return [(f.code, f.line, f.message) for f in check_paths([folder], config()).findings]


@pytest.mark.parametrize(
    ("body", "fixed"),
    [
        ("Text.\n<!-- pozo-site: ignore P001 -->", "Text."),  # alone, last line, no line end
        ("<!-- pozo-site: ignore -->\nText.\n", "Text.\n"),  # every rule, suppressing nothing
        ("<!-- pozo-site: ignore P001 --> Text.\n", "Text.\n"),  # text after the comment
        ("Text.\r\n<!-- pozo-site: ignore P001 -->\r\nMore.\r\n", "Text.\r\nMore.\r\n"),
    ],
)
def test_fix_removes_the_comment(tmp_path: Path, body: str, fixed: str) -> None:
    page = tmp_path / "a.md"
    page.write_bytes((HEAD + body).encode())
    every_rule = Config.default()  # a comment without codes is judged when every rule runs
    (finding,) = check_paths([tmp_path], every_rule).findings
    assert finding.code == "I001"
    fix_paths([tmp_path], every_rule, write=True)
    assert page.read_bytes() == (HEAD + fixed).encode()


def test_a_file_of_one_comment_line(tmp_path: Path) -> None:
    firm = tmp_path / "firm.yaml"
    text = (
        "name: Pozo Goldstein\nadvertising_notice: Attorney Advertising\nphones:\n"
        "  - role: main\n    number: 212-201-9031\n"
    )
    firm.write_text("# pozo-site: ignore S002", encoding="utf-8")
    firm.write_text(text + "# pozo-site: ignore S002", encoding="utf-8")
    assert [m[0] for m in _messages(tmp_path) if m[0] == "I001"] == ["I001"]
    fix_paths([tmp_path], config().override(extend_ignore=["J"]), write=True)
    assert firm.read_text(encoding="utf-8") == text.rstrip("\n")


def test_blanket_comment_message(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(HEAD + "Text. <!-- pozo-site: ignore -->\n", "utf-8")
    ((message),) = [f.message for f in check_paths([tmp_path], Config.default()).findings]
    assert message == "this suppression comment (every rule) suppresses nothing here; remove it"


def test_blanket_comment_not_judged_when_rules_are_off(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(HEAD + "Text. <!-- pozo-site: ignore -->\n", "utf-8")
    found = check_paths([tmp_path], Config.default().override(ignore=["C003"])).findings
    assert [f.code for f in found] == []


def test_several_unknown_codes(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(HEAD + "Text. <!-- pozo-site: ignore X1, Y2 -->\n", "utf-8")
    ((_, _, message),) = [m for m in _messages(tmp_path) if m[0] == "I001"]
    assert message == "'X1', 'Y2' are not a rule code; remove it"
