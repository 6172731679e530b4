"""Autofix: only targeted characters change, writes are atomic, a second run changes nothing."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pozo_site._atomic import atomic_write
from pozo_site._phone import PhoneStyle
from pozo_site.check import FileChange, _fix, check_paths, fix_paths
from pozo_site.check._finding import Edit, Fix
from pozo_site.check._fix import apply_fixes
from tests.check.conftest import can_symlink, config

BEFORE = (
    "---\n"
    "# Front matter comment: kept.\n"
    "title: Know Your Rights   # the title\n"
    "date: 2024-05-01\n"
    "summary: 'Call (212) 201-9031'\n"
    "tags: [b, a]\n"
    "---\n"
    "Call +1 212 201 9031 or 1-88-VISA-LAW-1 or 1-888-472-5291.\n"
    "Keep   odd   spacing.\tTabs too."
)
AFTER = (
    "---\n"
    "# Front matter comment: kept.\n"
    "title: Know Your Rights   # the title\n"
    "slug: know-your-rights\n"
    "date: 2024-05-01\n"
    "summary: 'Call 212-201-9031'\n"
    "tags: [b, a]\n"
    "---\n"
    "Call 212-201-9031 or 1-88-VISA-LAW-1 or 888-472-5291.\n"
    "Keep   odd   spacing.\tTabs too."
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_fix_changes_only_what_it_targets_and_is_idempotent(
    write: Callable[..., Path], in_tmp: Path, newline: str, bom: bytes
) -> None:
    path = write("articles/a.md", bom + BEFORE.replace("\n", newline).encode())
    outcome = fix_paths([Path(".")], config(), write=True)
    assert path.read_bytes() == bom + AFTER.replace("\n", newline).encode()
    assert outcome.result.findings == ()
    assert [c.path for c in outcome.changes] == [Path("articles/a.md")]
    change = outcome.changes[0]
    assert change.before.startswith("\ufeff") == bool(bom)
    again = fix_paths([Path(".")], config(), write=True)
    assert again.changes == ()
    assert path.read_bytes() == bom + AFTER.replace("\n", newline).encode()


def test_diff_mode_writes_nothing_and_reports_what_remains(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    path = write("articles/a.md", BEFORE + "\nAnd 212-555-0123.")
    outcome = fix_paths([Path(".")], config(), write=False)
    assert path.read_text() == BEFORE + "\nAnd 212-555-0123."
    assert [(f.code, f.line) for f in outcome.result.findings] == [("P001", 11)]
    diff = outcome.changes[0].diff()
    assert diff.startswith("--- a/articles/a.md\n+++ b/articles/a.md\n@@")
    assert "-Call +1 212 201 9031 or 1-88-VISA-LAW-1 or 1-888-472-5291.\n" in diff
    assert "+slug: know-your-rights\n" in diff
    assert diff.endswith("And 212-555-0123.\n\\ No newline at end of file\n")


def test_diff_of_a_file_change() -> None:
    change = FileChange(Path("/abs/a.md"), "a\nb\n", "a\nc\n")
    assert change.diff() == "--- a/abs/a.md\n+++ b/abs/a.md\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"


def test_permissions_are_kept(write: Callable[..., Path], in_tmp: Path) -> None:
    path = write("articles/a.md", BEFORE)
    path.chmod(0o640)
    fix_paths([Path(".")], config(), write=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.md"]


def test_a_link_out_of_the_folder_is_not_followed_and_never_written_through(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    # Issue 13: --fix rewrote a file outside the folder through a file link.
    if not can_symlink(in_tmp):
        pytest.skip("symbolic links cannot be created here")
    target = write("shared/a.txt", BEFORE)
    link = in_tmp / "articles" / "a.md"
    link.parent.mkdir()
    link.symlink_to(target)
    outcome = fix_paths([Path("articles")], config(), write=True)
    assert [(f.code, f.path) for f in outcome.result.findings] == [("F012", "articles/a.md")]
    assert target.read_text() == BEFORE
    # Followed on request, it is checked, but still not written through.
    outcome = fix_paths([Path("articles")], config(follow_links=True), write=True)
    assert outcome.changes == ()
    assert any("never writes through" in f.message for f in outcome.result.findings)
    assert target.read_text() == BEFORE
    assert link.is_symlink()


def test_fix_never_writes_through_a_folder_link(write: Callable[..., Path], in_tmp: Path) -> None:
    if not can_symlink(in_tmp):
        pytest.skip("symbolic links cannot be created here")
    target = write("content/real/a.md", BEFORE)
    (in_tmp / "content" / "linked").symlink_to("real")  # inside the folder: followed
    outcome = fix_paths([Path("content")], config(), write=True)
    assert target.read_text() == AFTER  # fixed where it is
    refused = [f for f in outcome.result.findings if "never writes through" in f.message]
    assert [f.path for f in refused] == ["content/linked/a.md"]


def test_a_link_to_the_root_of_the_file_system_is_not_walked(in_tmp: Path) -> None:
    if not can_symlink(in_tmp):
        pytest.skip("symbolic links cannot be created here")
    (in_tmp / "content").mkdir()
    (in_tmp / "content" / "x").symlink_to("/")
    result = check_paths([Path("content")], config())
    assert [(f.code, f.path) for f in result.findings] == [("F012", "content/x")]


def test_failed_write_leaves_the_original_and_no_temporary_file(
    write: Callable[..., Path], in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("articles/a.md", BEFORE)

    def fail(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    outcome = fix_paths([Path(".")], config(), write=True)
    assert path.read_text() == BEFORE
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.md"]
    assert outcome.changes == ()
    codes = [f.code for f in outcome.result.findings]
    assert "F011" in codes  # the write failure
    assert "P002" in codes  # and what is still on disk


def test_atomic_write_cleans_up_on_interrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"old")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_a_file_changed_while_checking_is_not_written(
    write: Callable[..., Path], in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("articles/a.md", BEFORE)
    real_write = _fix._write

    def edit_first(target: Path, before: bytes, after: bytes, *rest: Any) -> str | None:
        target.write_text("changed by someone else")
        return real_write(target, before, after, *rest)

    monkeypatch.setattr(_fix, "_write", edit_first)
    outcome = fix_paths([Path(".")], config(), write=True)
    assert path.read_text() == "changed by someone else"
    assert outcome.changes == ()
    assert any("changed on disk" in f.message for f in outcome.result.findings)


def test_overlapping_fixes_are_applied_once() -> None:
    first = Fix("a", (Edit(0, 3, "X"),))
    overlapping = Fix("b", (Edit(2, 5, "Y"),))
    later = Fix("c", (Edit(5, 6, "Z"),))
    assert apply_fixes("abcdefg", [later, overlapping, first]) == "XdeZg"


def test_no_slug_fix_for_flow_style_front_matter(write: Callable[..., Path], in_tmp: Path) -> None:
    write("articles/a.md", "---\n{title: Know Your Rights, date: 2024-05-01}\n---\n")
    outcome = fix_paths([Path(".")], config(), write=True)
    assert outcome.changes == ()
    assert [(f.code, f.fixable) for f in outcome.result.findings] == [("L004", False)]


# Prose only: no character that could turn the number into code (a backtick, a "~~~"
# fence, a list marker before an indented block, four spaces) or part of a URL (":").
_PROSE = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc", "Nd"), blacklist_characters="<>-+().`~:*"),
        st.sampled_from("\n\r"),
    ),
    max_size=40,
).filter(lambda text: "   " not in text)
_FORMS = st.sampled_from(["(212) 201-9031", "+1 212-201-9031", "212.201.9031", "+12122019031"])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(prefix=_PROSE, form=_FORMS, suffix=_PROSE)
def test_fixing_a_number_in_any_prose_changes_only_the_number(
    tmp_path: Path, prefix: str, form: str, suffix: str
) -> None:
    folder = tmp_path / "p"
    folder.mkdir(exist_ok=True)
    head = "---\ntitle: Know Your Rights\nslug: know-your-rights\ndate: 2024-05-01\n---\n"
    path = folder / "a.md"
    path.write_bytes(f"{head}{prefix} {form} {suffix}".encode())
    # Hidden characters (H001) have fixes of their own: only the number's is tested here.
    fix_paths([folder], config(ignore=frozenset({"H"})), write=True)
    assert path.read_bytes().decode() == f"{head}{prefix} 212-201-9031 {suffix}"
    assert fix_paths([folder], config(ignore=frozenset({"H"})), write=True).changes == ()


def test_l004_fix_writes_the_slug_cut_at_the_end(write: Callable[..., Path], in_tmp: Path) -> None:
    title = (
        "Tenant Advocates and City Council Members Gather to Examine Police Monitoring of Tenants"
    )
    path = write("articles/a.md", f"---\ntitle: {title}\ndate: 2024-05-01\n---\nBody.\n")
    fix_paths([Path(".")], config(), write=True)
    slug = "tenant-advocates-and-city-council-members-gather-to-examine-police-monitoring-of"
    assert path.read_text(encoding="utf-8") == (
        f"---\ntitle: {title}\nslug: {slug}\ndate: 2024-05-01\n---\nBody.\n"
    )


def _front(body: str, extra: str = "") -> str:
    return f"---\ntitle: T\nslug: t\ndate: 2024-01-01\n{extra}---\n{body}"


# -- fixes in front matter keep its types ------------------------------------------------------


@pytest.mark.parametrize("style", list(PhoneStyle))
def test_a_front_matter_fix_never_changes_a_value_s_type(
    write: Callable[..., Path], in_tmp: Path, style: PhoneStyle
) -> None:
    extra = "summary: 212.201.9031\nauthor: '212.201.9031'\ntags: [212.201.9031, x]\n"
    write("articles/a.md", _front("x\n", extra))
    outcome = fix_paths([Path(".")], config(phone_style=style), write=True)
    assert [f.code for f in outcome.result.findings if f.code[0] != "P"] == []


# -- fix: files that must not be written -------------------------------------------------------


def test_fix_leaves_a_read_only_file_alone_and_says_so(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    path = write("articles/a.md", _front("Call 212.201.9031\n"))
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        outcome = fix_paths([Path(".")], config(), write=True)
        assert path.read_bytes() == before
        assert stat.S_IMODE(path.stat().st_mode) == 0o444
        assert outcome.changes == ()
        assert sorted(f.code for f in outcome.result.findings) == ["F011", "P002"]
    finally:
        path.chmod(0o644)
