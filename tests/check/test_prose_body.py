"""The prose the wording and number rules read is the text the plain definition gives.

``prose_body``, ``blank_urls`` and ``_defuse_brackets`` are written for speed (whole
spans blanked by slices, patterns run only where the text holds what they need,
paragraph breaks looked for only while a bracket is open). These tests hold them to a
reference written plainly, character by character and with one scan of every bracket
and paragraph break, on the same inputs as the Markdown parse's tests (the repository's
Markdown, the Big List of Naughty Strings, hostile Markdown) and on generated text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pozo_site.check._rules import _markdown
from pozo_site.check._source import ArticleDoc
from tests.check.test_markdown_parse import FRONT, _doc, _texts

_BRACKET_OR_BREAK = re.compile(r"[\[\]]|(?:\r\n|\r|\n)[ \t]*(?=\r\n|\r|\n|$)")


def _reference_defuse(body: str) -> str:
    chars = list(body)
    open_brackets: list[int] = []
    for match in _BRACKET_OR_BREAK.finditer(body):
        mark = match.group(0)
        if mark == "[":
            open_brackets.append(match.start())
        elif mark == "]":
            if open_brackets:
                open_brackets.pop()
        else:
            for index in open_brackets:
                chars[index] = "x"
            open_brackets.clear()
    for index in open_brackets:
        chars[index] = "x"
    return "".join(chars)


def _blank(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if chars[index] not in ("\r", "\n"):
            chars[index] = " "


def _reference_prose(doc: ArticleDoc) -> str:
    chars = list(doc.body)
    starts = doc.source.line_starts
    for line in _markdown.markdown_facts(doc).code_lines:
        start = max(starts[line - 1] - doc.body_start, 0)
        end = starts[line] - doc.body_start if line < len(starts) else len(chars)
        _blank(chars, start, end)
    prose = "".join(chars)
    for _holds, find in _markdown._PASSES:  # every pass, whatever the text holds
        chars = list(prose)
        for start, end in find(prose):
            _blank(chars, start, end)
        prose = "".join(chars)
    return prose


def _reference_urls(text: str) -> str:
    chars = list(text)
    for match in _markdown._URL.finditer(text):
        _blank(chars, match.start(), match.end())
    return "".join(chars)


def _assert_same(text: str) -> None:
    doc = _doc(text)
    assert _markdown._defuse_brackets(doc.body) == _reference_defuse(doc.body)
    prose = _markdown.prose_body(doc)
    assert len(prose) == len(doc.body)
    assert prose == _reference_prose(_doc(text))
    assert _markdown.blank_urls(text) == _reference_urls(text)


@pytest.mark.parametrize(("name", "text"), list(_texts()), ids=lambda value: str(value)[:40])
def test_the_prose_is_the_reference_s(name: str, text: str) -> None:
    _assert_same(text)


def _with_urls() -> Iterator[str]:
    yield "write to ma\u0131lto:a@example.com or MA\u0130LTO:b@example.com today"
    yield "WWW.Example.com, hTTpS://example.com/a?b=c and ftp://example.com/x."
    yield "[a](https://example.com) then www.example.com/p and <mailto:c@example.com>"
    yield "no address here, only words: specialized, we won't"
    yield '<a HREF = "https://example.com">x</a> <img \u017frc=a.png> x = y, data=1'


@pytest.mark.parametrize("body", list(_with_urls()))
def test_urls_in_any_case_are_blanked_as_the_pattern_finds_them(body: str) -> None:
    _assert_same(FRONT + body + "\n")


def test_a_dotless_i_in_mailto_is_still_blanked() -> None:
    assert _markdown.blank_urls("ma\u0131lto:a@example.com x") == " " * 20 + " x"


_ATOMS = st.sampled_from(
    [
        *"[]()!<>`= \t:/.@",
        "\n",
        "\n\n",
        "\n \t\n",
        "\r\n",
        "\r",
        "    ",
        "```",
        "<!--",
        "-->",
        "href=",
        "SRC =",
        "\u017frc=",
        "data",
        " = ",
        "https://",
        "WWW.",
        "mailto:",
        "ma\u0131lto:",
        "tel:",
        "a",
        "b.md",
        "[r]: /u",
        "212",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ATOMS, max_size=60).map("".join))
def test_generated_text_gives_the_reference_prose(body: str) -> None:
    _assert_same(FRONT + body)
