"""Escaping for the formats the contact blocks are written in: Markdown and JSON in HTML.

HTML escaping is Jinja2's (MarkupSafe); this module holds the two escapes it lacks.

>>> escape_markdown("*Foo* [x](javascript:alert(1))")
'\\\\*Foo\\\\* \\\\[x\\\\](javascript:alert(1))'
>>> markdown_url("https://example.com/a_(b)")
'https://example.com/a_%28b%29'
>>> json_for_script({"name": "</script>"})
'{"name": "\\\\u003c/script\\\\u003e"}'
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from markupsafe import Markup

__all__ = ["MarkdownText", "escape_markdown", "json_for_script", "markdown_url"]


class MarkdownText(str):
    """A string that is already Markdown: :func:`escape_markdown` leaves it unchanged."""

    __slots__ = ()


# Characters that start inline markup anywhere in a line: code spans, emphasis, links and
# images, autolinks and raw HTML, entities, GFM tables and strikethrough, and the braces
# of attribute extensions (Pandoc, kramdown). A backslash before any ASCII punctuation is
# a CommonMark escape, so each of these reads back as itself.
_INLINE: Final = re.compile(r"([\\`*_\[\]<>&|~{}])")
# Markup that only counts at the start of a line: ATX headings, block quotes, list items
# ("-", "+", "1." and "1)"), setext underlines. A value may be printed at a line's start
# (or right after a list marker), so its first character is escaped wherever it goes.
_LINE_START: Final = re.compile(r"^([#>+=-])|^(\d{1,9})([.)])")


# GitHub-flavoured Markdown links a bare "https://..." or "www...." by itself (extended
# autolinks): a firm value would become a link nobody wrote. A backslash before the ":" of
# "://" or the "." of "www." keeps the text and stops the link (cmark-gfm matches them in
# the source). The firm's own links are written as links, [text](url), by the templates.
_AUTOLINK: Final = re.compile(r"(?i)(?:(?<=[a-z0-9+.-])(:)(?=//)|(?<![a-z0-9.\\])(www)(\.))")


def escape_markdown(value: object) -> MarkdownText:
    """``value`` as Markdown text that renders as exactly that text, with no markup.

    A :class:`MarkdownText` is returned as it is, so escaping twice is harmless, and so is
    a ``markupsafe.Markup`` (what Jinja's ``|safe`` filter makes): text a template marked
    as already written in the output language. A bare URL (``https://...``, ``www....``)
    stays text: GitHub-flavoured Markdown would otherwise make it a link. Meant for
    one-line values (the models strip line breaks from every one-line field).
    """
    if isinstance(value, MarkdownText):
        return value
    if isinstance(value, Markup):
        return MarkdownText(value)
    text = _INLINE.sub(r"\\\1", str(value))
    text = _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text, count=1)
    if "://" in text or "www." in text.lower():
        text = _AUTOLINK.sub(lambda m: "\\:" if m[1] else f"{m[2]}\\.", text)
    return MarkdownText(text)


_URL_UNSAFE: Final = re.compile(r"[\s()<>\\`\x00-\x1f\x7f]")


def markdown_url(url: object) -> MarkdownText:
    """``url`` made safe as a Markdown link destination ``[text](url)``.

    Percent-encodes the characters that would end or break the destination (spaces,
    parentheses, angle brackets, backslashes, controls); the URL keeps its meaning.
    """
    return MarkdownText(_URL_UNSAFE.sub(lambda m: f"%{ord(m[0]):02X}", str(url)))


# Besides "<", ">" and "&" (which could end the element or open a comment), characters
# HTML calls parse errors in any text: controls JSON leaves raw (DEL and C1), lone
# surrogates and noncharacters; and U+2028/U+2029, which break older JavaScript readers.
_SCRIPT_UNSAFE: Final = re.compile(
    "[<>&\u2028\u2029\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 | code >> 10:04x}\\u{0xDC00 | code & 0x3FF:04x}"


def json_for_script(data: Any, *, indent: int | None = None) -> str:
    """``data`` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>``, ``&``, U+2028 and U+2029 become JSON ``\\uXXXX`` escapes, which every JSON
    parser reads back as the same characters, so no value can close the element, open a
    comment or break a JavaScript reader (WHATWG HTML 4.12.1.3, JSON-LD 1.1 section 7.2);
    so do the characters HTML counts as parse errors (DEL, C1 controls, lone surrogates,
    noncharacters). Never HTML entities: those stay escaped after parsing.
    """
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _SCRIPT_UNSAFE.sub(_json_escape, text)
