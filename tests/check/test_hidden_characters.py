"""Hidden characters (issue 13, item 5): the phone reader sees through them, and H001 and
H002 report them in articles and firm files; --fix removes the invisible ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from pozo_site._hidden import unhide
from pozo_site.check import check_paths, fix_paths
from tests.adversarial import record
from tests.check.conftest import config

HEAD = "---\ntitle: Know Your Rights\nslug: know-your-rights\ndate: 2024-05-01\n---\n"
HIDING = ["\u200b", "\u00ad", "\u2060", "\u200d", "\u200e", "\u202e", "\ufeff", "\u2066"]


@pytest.mark.parametrize("hidden", HIDING)
def test_a_wrong_number_behind_a_hidden_character_is_still_found(
    tmp_path: Path, hidden: str
) -> None:
    (tmp_path / "a.md").write_text(HEAD + f"Call 212-555-01{hidden}23 today.\n", "utf-8")
    result = check_paths([tmp_path], config())
    codes = sorted(f.code for f in result.findings)
    assert "P001" in codes  # not one of the firm's numbers: seen through the character
    assert any(code in ("H001", "H002") for code in codes)
    phone = next(f for f in result.findings if f.code == "P001")
    assert "'212-555-0123'" in phone.message
    assert (phone.line, phone.column) == (6, 6)
    record("hidden characters", 1)


def test_fix_removes_invisible_characters_and_fixes_the_number_behind_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.md"
    path.write_text(HEAD + "Call (212) 201-90\u200b31 or 212-201-\u206090\u00ad31.\n", "utf-8")
    fix_paths([tmp_path], config(), write=True)
    assert path.read_text("utf-8") == HEAD + "Call 212-201-9031 or 212-201-9031.\n"
    assert check_paths([tmp_path], config()).findings == ()


def test_bidi_controls_in_a_firm_file_are_reported_not_removed(tmp_path: Path) -> None:
    firm = tmp_path / "firm.yaml"
    text = "name: Example Law \u202eW\u202c\nphones:\n  - role: main\n    number: (212) 555-0100\n"
    firm.write_text(text, "utf-8")
    result = fix_paths([tmp_path], config(), write=True).result
    assert [(f.code, f.line, f.column) for f in result.findings if f.code[0] == "H"] == [
        ("H002", 1, 19),
        ("H002", 1, 21),
    ]
    assert firm.read_text("utf-8") == text


def test_unhide_maps_every_offset_back() -> None:
    text = "\u200ba\u202eb\u200b\u200bc\u2066"
    visible = unhide(text)
    assert visible.text == "abc"
    assert [text[visible.original(i)] for i in range(3)] == ["a", "b", "c"]
    assert visible.original_end(3) == text.index("c") + 1
    assert unhide("plain").text == "plain"
