"""Inline suppression comments for a line, the next line, or a whole file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pozo_site.check import check_paths
from tests.check.conftest import COMPLETE_FIRM_YAML, config

HEAD = "---\ntitle: Know Your Rights\nslug: know-your-rights\ndate: 2024-05-01\n---\n"


def _found(write: Callable[..., Path], body: str, head: str = HEAD) -> list[tuple[str, int]]:
    write("articles/a.md", head + body)
    return [(f.code, f.line) for f in check_paths([Path(".")], config()).findings]


def test_same_line(write: Callable[..., Path], in_tmp: Path) -> None:
    body = (
        "Old: 212-555-0123. <!-- pozo-site: ignore P001 -->\n"
        "New: 212-555-0124.\n"
        "Both: (212) 555-0125 <!-- pozo-site: ignore P002 -->\n"
    )
    # The P002 comment suppresses nothing: (212) 555-0125 is not the firm's (P001).
    assert _found(write, body) == [("P001", 7), ("P001", 8), ("I001", 8)]


def test_line_before_when_alone(write: Callable[..., Path], in_tmp: Path) -> None:
    body = (
        "<!-- pozo-site: ignore P001,A002 -->\n"
        "Old: 212-555-0123 ![](x.png)\n"
        "Again: 212-555-0123\n"
        "Text <!-- pozo-site: ignore P001 -->\n"
        "Not covered: 212-555-0123\n"
    )
    # Line 9's comment is not alone on its line, so covers only its own (where it is unused).
    assert _found(write, body) == [("P001", 8), ("I001", 9), ("P001", 10)]


def test_family_letter_and_bare_ignore(write: Callable[..., Path], in_tmp: Path) -> None:
    body = (
        "A: 212-555-0123 <!-- pozo-site: ignore P -->\nB: ![](x.png) <!-- pozo-site: ignore -->\n"
    )
    assert _found(write, body) == []


def test_ignore_file(write: Callable[..., Path], in_tmp: Path) -> None:
    body = (
        "212-555-0123\n\nWe specialize in visas.\n\n"
        "<!--\n  pozo-site: ignore-file P001, C003\n-->\n"
    )
    assert _found(write, body) == []


def test_yaml_comment_in_front_matter(write: Callable[..., Path], in_tmp: Path) -> None:
    head = (
        "---\r\ntitle: Know Your Rights\r\nslug: know-your-rights\r\n"
        "summary: Call 212-555-0123  # pozo-site: ignore P001\r\n"
        "date: 2099-01-01 # pozo-site: ignore D003\r\n---\r\n"
    )
    assert _found(write, "# pozo-site: ignore P001\n212-555-0123\n", head) == [("P001", 8)]


def test_firm_file_comment(write: Callable[..., Path], in_tmp: Path) -> None:
    write(
        "firm.yaml",
        "name: Example Law  # pozo-site: ignore C001\nphones:\n"
        "  - role: main\n    number: (212) 201-9031\n" + COMPLETE_FIRM_YAML,
    )
    assert _found(write, "Call 212-201-9031.\n") == []
