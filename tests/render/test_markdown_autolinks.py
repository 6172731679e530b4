"""Bare URLs in firm values stay text in Markdown (issue 13, item 9, Markdown half).

GitHub-flavoured Markdown makes ``https://...`` and ``www....`` links by itself; a firm
value holding one became a link nobody wrote. Judged by GitHub's own renderer (cmarkgfm):
the only links in the rendered block are the firm's own (tel:, its e-mail, its website).
"""

from __future__ import annotations

from html.parser import HTMLParser

import cmarkgfm
import pytest

from pozo_site import FirmProfile
from pozo_site._files import default_firm
from pozo_site.render import render_contact_block
from pozo_site.render._escape import escape_markdown
from tests.adversarial import record

BARE = [
    "https://evil.example/login",
    "HTTP://EVIL.EXAMPLE",
    "ftp://evil.example/file",
    "www.evil.example",
    "(www.evil.example)",
    "_www.evil.example_",
    "~www.evil.example~",
    "*https://evil.example*",
    "see https://evil.example/a_(b) now",
]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _read(markdown: str) -> _Reader:
    reader = _Reader()
    reader.feed(cmarkgfm.github_flavored_markdown_to_html(markdown))
    return reader


def _links(markdown: str) -> list[str]:
    return _read(markdown).hrefs


def _text(markdown: str) -> str:
    return "".join(_read(markdown).parts).strip()


@pytest.mark.parametrize("value", BARE)
def test_a_bare_url_is_text_not_a_link(value: str) -> None:
    escaped = escape_markdown(value)
    assert _links(escaped) == []
    assert _text(escaped) == value


@pytest.mark.parametrize("value", BARE)
def test_only_the_firms_own_links_are_links_in_the_markdown_block(value: str) -> None:
    data = default_firm().model_dump(mode="json", exclude_none=True)
    data.update(
        name=f"Pozo {value}",
        advertising_notice=f"Attorney Advertising {value}",
        practice_areas=[value],
        email="office@example.com",
        website="https://example.com/",
    )
    firm = FirmProfile.model_validate(data)
    block = render_contact_block(firm, "markdown")
    hrefs = _links(block)
    own = {"mailto:office@example.com", "https://example.com/"}
    assert {h for h in hrefs if not h.startswith("tel:")} == own
    assert value in _text(block)
    record("markdown autolinks", 2)
