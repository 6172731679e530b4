"""The links, images and code regions of an article body, with their offsets in the file.

markdown-it-py gives block tokens a line map but inline tokens none, so an inline link or
image is placed by searching its paragraph's lines, in order, for its source text; when
that fails (a reference definition elsewhere), the paragraph's first character is used.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pozo_site.check._source import ArticleDoc

__all__ = ["BodyImage", "BodyLink", "MarkdownFacts", "markdown_facts"]


@dataclass(frozen=True)
class BodyLink:
    """A Markdown link: where its target is written, and the target."""

    offset: int
    href: str


@dataclass(frozen=True)
class BodyImage:
    """A Markdown image: where ``![`` is written, its source and its alt text."""

    offset: int
    src: str
    alt: str


@dataclass(frozen=True)
class MarkdownFacts:
    """What the body holds that rules look at."""

    links: tuple[BodyLink, ...]
    images: tuple[BodyImage, ...]
    code_lines: frozenset[int]
    """1-based file lines inside fenced or indented code blocks."""


@functools.cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def _alt(token: Token) -> str:
    return "".join(child.content for child in token.children or () if child.type == "text")


def markdown_facts(doc: ArticleDoc) -> MarkdownFacts:
    """Parse ``doc``'s body once (memoised on the document)."""
    cached = doc.memo.get("markdown")
    if isinstance(cached, MarkdownFacts):
        return cached
    facts = _parse(doc)
    doc.memo["markdown"] = facts
    return facts


def _parse(doc: ArticleDoc) -> MarkdownFacts:
    body = doc.body
    if "[" not in body and "<img" not in body.lower():  # nothing any rule looks for
        return MarkdownFacts((), (), frozenset())
    source = doc.source
    text = source.text
    starts = source.line_starts
    first = source.position(doc.body_start)[0] - 1  # 0-based index of the body's first line

    def line_offset(body_line: int) -> int:
        index = first + body_line
        return starts[index] if index < len(starts) else len(text)

    links: list[BodyLink] = []
    images: list[BodyImage] = []
    code: set[int] = set()
    for token in _parser().parse(body):
        if token.type in ("fence", "code_block") and token.map:
            code.update(range(first + token.map[0] + 1, first + token.map[1] + 1))
            continue
        if token.type != "inline" or not token.map or not token.children:
            continue
        span_start, span_end = line_offset(token.map[0]), line_offset(token.map[1])
        cursor = span_start
        for child in token.children:
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                at = text.find(f"]({href}", cursor, span_end) if href else -1
                if at < 0:
                    links.append(BodyLink(span_start, href))
                else:
                    links.append(BodyLink(at + 2, href))
                    cursor = at + 2 + len(href)
            elif child.type == "image":
                at = text.find("![", cursor, span_end)
                if at < 0:
                    at = span_start
                else:
                    cursor = at + 2
                images.append(BodyImage(at, str(child.attrGet("src") or ""), _alt(child)))
    return MarkdownFacts(tuple(links), tuple(images), frozenset(code))
