"""The check's Markdown parse finds what markdown-it-py's full parse finds.

``_markdown._tokens`` runs the inline pass only on the paragraphs and headings that hold a
``[`` or a ``<``. These tests compare it with the full parse (markdown-it-py's own
``parse``, the parser the check used before) on every Markdown file of the repository's
tests, the Big List of Naughty Strings, hostile Markdown and generated Markdown: the
tokens are the same except for the skipped inline tokens' children, which hold no link
and no image, and :class:`MarkdownFacts` are equal.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from pozo_site.check._load import parse_article
from pozo_site.check._rules import _markdown
from pozo_site.check._source import ArticleDoc, Source
from tests import testdata

TESTS = Path(__file__).resolve().parents[1]
FRONT = "---\ntitle: T\nslug: t\ndate: 2024-01-01\n---\n"

HOSTILE = {
    "unclosed": "[[ see [the guide](guide.md) and ![a map](map.png) [x] [ [unclosed\n\n[y](y.md) [",
    "nested-image-in-link": "[![logo](logo.png)](https://example.com) [![a](b.png) ![c](d.png)](e)",
    "image-in-image": "![outer ![inner](i.png) alt](o.png) ![[l](x.md)](p.png)",
    "reference": '[a][r] [r] [b][] ![i][r]\n\n[r]: /ref "t"\n[b]: <b c>\n',
    "reference-later": "[r](\n\n[r]: m\n\n[s]: u\n    p\n\n[s]",
    "autolinks": "<https://example.com/a> <mailto:a@example.com> <a@example.com> <javascript:x>",
    "html": '<div>\n[h](h.md)\n</div>\n\n<img src=a.png>\n\n<!-- [c](c) -->\n\nx <a href="y">z</a>',
    "tabs": "\tcode\n\n-\t[a](a.md)\n\n>\t[b](b.md)\n\n  \t![c](c.png)",
    "crlf": "line\r\n[a](a.md)\r\n\r\n```\r\ncode\r\n```\r\n\r\n    ind\r\n\r[b](b)\r\r![i](i.png)",
    "nul": "[a\0](b\0.md) ![\0](\0.png)\n\n```\n\0\n```",
    "brackets-10k": "[" * 10_000 + "a](b.md)",
    "brackets-mixed": "[" * 3000 + "![x](y.png)" + "]" * 10 + "(z.md)",
    "unsafe-schemes": "[x](javascript:alert(1)) ![d](data:image/png;base64,AA) [e](file:///x)",
    "urls": "[a](ä.md) [b](http://bücher.de) [c](%zz) [d](<a b.md>) [e](a\\)b.md) [f](&#14;)",
    "entities": "![a &amp; b &#x41; \\* `code` *em* **st**](x.png) [q](a&amp;b.md)",
    "unclosed-fence": "```\nunclosed [a](a.md)\n\n \n",
    "lists": "- item\n\n  ```\n  code\n  ```\n- [x](x.md)\n\n1. a\n\n       code\n",
    "setext": "[a](a.md) title\n===\n\n[b](b.md)\nline2 [c](c.md)\n---\n",
    "setext-in-containers": (
        "> [a](a)\n> ===\n\n- [b](b)\n  ---\n\n  c\n  =\t \n\n- x\n-\n\n[r]: u\n=="
    ),
    "breaks-after-blank-lines": "[a](a.md)\n\n---\n\n[b](b)\n \t\n***\n\n- x\n\n  ---\n\r\n===",
    "underline-after-nbsp": "[a](a.md)\n\u00a0\n---\n\n> [b](b)\n>\n> ---\n",
    "no-setext": "[a](a.md) - [b](b.md) -x\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n    code\n",
    "lazy": "> [a](a.md)\ncontinued [b](b.md)\n\n> ```\n> code\n\nx",
    "breaks": "[a](a.md)  \n![b](b.png)\\\n[c](c.md)\n[d\ne](f.md)",
    "empty": "[]() ![]() [a]() ![b]()",
    "emphasis": "x " + "*" * 5000 + " [a](a.md) _[b](b.md)_",
    "code-spans": "`[a](a.md)` ``[b](b.md)`` `unclosed [c](c.md)",
    "headings": "# [a](a.md)\n## ![i](i.png) [b](b.md) ##\n",
    "line-separators": "[a](a.md)\u2028[b](b.md)\u2029![c](c.png)\x85[d](d.md)",
    "whitespace-destination": "[\t\x0b\x0c \xa0\u3000](\t\x0b\x0c \xa0\u200b\u3000) ok",
}


def _doc(text: str) -> ArticleDoc:
    doc = parse_article(Source(path=Path("a.md"), display="a.md", text=text))
    assert isinstance(doc, ArticleDoc)
    return doc


def _texts() -> Iterator[tuple[str, str]]:
    for path in sorted(TESTS.rglob("*.md")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if not isinstance(parse_article(Source(path, path.name, text)), ArticleDoc):
            text = FRONT + text  # a file the rules never see: its text as a body
        yield str(path.relative_to(TESTS)), text
    for index, string in enumerate(testdata.blns()):
        yield f"blns {index}", FRONT + string
        yield f"blns {index} as link", f"{FRONT}[{string}]({string}) ![{string}]({string})\n"
    for name, body in HOSTILE.items():
        yield name, FRONT + body
        yield f"{name} (CRLF)", FRONT.replace("\n", "\r\n") + body.replace("\n", "\r\n")


def _full_parse(source: str) -> list[Token]:
    return MarkdownIt("commonmark").disable(["emphasis"]).parse(source)


def _assert_same(text: str) -> None:
    doc = _doc(text)
    source = _markdown._defuse_brackets(doc.body)
    full, lazy = _full_parse(source), _markdown._tokens(source)
    assert len(full) == len(lazy)
    for expected, token in zip(full, lazy, strict=True):
        got = token
        if token.type == "inline" and not token.children:
            kinds = {child.type for child in expected.children or ()}
            assert not kinds & {"link_open", "image"}
            got = token.copy(children=expected.children)
        assert got == expected
    facts = _markdown._parse(doc)
    reference = _doc(text)
    original = _markdown._tokens
    try:
        _markdown._tokens = _full_parse  # type: ignore[assignment]
        assert _markdown._parse(reference) == facts
    finally:
        _markdown._tokens = original


@pytest.mark.parametrize(("name", "text"), list(_texts()), ids=lambda value: str(value)[:40])
def test_the_facts_are_the_full_parse_s(name: str, text: str) -> None:
    _assert_same(text)


def test_the_inputs_include_the_corpus_and_the_fixtures() -> None:
    names = [name for name, _text in _texts()]
    assert sum(name.startswith("check/corpus/") for name in names) >= 50
    assert sum(name.startswith("check/fixtures/") for name in names) >= 20


def test_both_parsers_are_compared() -> None:
    # A text with no line that can underline a setext heading is parsed without that rule.
    bodies = [_doc(text).body for _name, text in _texts()]
    setext = [_markdown._may_underline(body) for body in bodies]
    assert sum(setext) >= 10
    assert len(setext) - sum(setext) >= 1000
    assert not _markdown._may_underline(HOSTILE["no-setext"])
    assert not _markdown._may_underline(HOSTILE["breaks-after-blank-lines"])
    assert _markdown._may_underline(HOSTILE["setext"])


def test_a_skipped_paragraph_keeps_no_children_and_a_link_paragraph_gets_them() -> None:
    tokens = _markdown._tokens("plain words\n\nsee [a](a.md)\n")
    inline = [token for token in tokens if token.type == "inline"]
    assert inline[0].children == []
    assert [child.type for child in inline[1].children or ()] == [
        "text",
        "link_open",
        "text",
        "link_close",
    ]


_ATOMS = st.sampled_from(
    [
        *"[]()!<>`*_ \t\\:/#\"'@;=~-",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "    ",
        "```",
        "~~~",
        "===",
        "---",
        "= ",
        "&amp;",
        "&#",
        "- ",
        "> ",
        "1. ",
        "a",
        "b.md",
        "x.png",
        "javascript:",
        "http://e.example",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "\xe4",
        "\0",
        "[r]: /u",
        "[r]",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ATOMS, max_size=60).map("".join))
def test_generated_markdown_gives_the_full_parse_s_facts(body: str) -> None:
    _assert_same(FRONT + body)


_LINES = st.sampled_from(
    [
        "[a](a.md)",
        "x",
        "-",
        "=",
        "---",
        "===",
        " ",
        "\t",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "> ",
        "- ",
        "1. ",
        "    ",
        "\xa0",
        "```",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_LINES, max_size=40).map("".join))
def test_generated_lines_and_underlines_give_the_full_parse_s_facts(body: str) -> None:
    # Whether a line can underline a setext heading decides which parser reads the text.
    _assert_same(FRONT + body)
