"""Suppression comments with a reason after `` -- `` suppress as those without one do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pozo_site.check import check_paths
from tests.check.conftest import config

HEAD = "---\ntitle: Know Your Rights\nslug: know-your-rights\ndate: 2024-05-01\n---\n"


def _found(write: Callable[..., Path], text: str) -> list[tuple[str, int]]:
    write("articles/a.md", text)
    return [(f.code, f.line) for f in check_paths([Path(".")], config()).findings]


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- pozo-site: ignore P001 -- the court clerk's line -->",
        "<!-- pozo-site: ignore P001 --the court clerk's line-->",
        "<!-- pozo-site: ignore P001, C003 -- reviewed -- twice -->",
        "<!-- pozo-site: ignore P001 -- -->",
    ],
)
def test_html_comment_with_reason(write: Callable[..., Path], in_tmp: Path, comment: str) -> None:
    body = f"Call 212-555-0123. {comment}\nAnd 212-555-0124.\n"
    unused = [("I001", 6)] if "C003" in comment else []  # no C003 finding to suppress
    assert _found(write, HEAD + body) == [*unused, ("P001", 7)]


def test_reason_on_its_own_line_covers_the_next(write: Callable[..., Path], in_tmp: Path) -> None:
    body = "<!-- pozo-site: ignore P001 -- quoted from the ruling -->\nCall 212-555-0123.\n"
    assert _found(write, HEAD + body) == []


def test_a_reason_needs_the_blank_before_it(write: Callable[..., Path], in_tmp: Path) -> None:
    # "P001--x" is not a code followed by a reason: the comment is not a directive.
    body = "Call 212-555-0123. <!-- pozo-site: ignore P001--x -->\n"
    assert _found(write, HEAD + body) == [("P001", 6)]


def test_hash_comment_with_reason(write: Callable[..., Path], in_tmp: Path) -> None:
    head = (
        "---\ntitle: Call 212-555-0123  # pozo-site: ignore P001 -- a client's own line\n"
        "slug: call-212-555-0123\ndate: 2024-05-01\n---\n"
    )
    assert _found(write, head + "Text.\n") == []


def test_ignore_file_with_reason(write: Callable[..., Path], in_tmp: Path) -> None:
    body = "<!-- pozo-site: ignore-file P -- an archive page -->\nCall 212-555-0123.\n"
    assert _found(write, HEAD + body) == []
