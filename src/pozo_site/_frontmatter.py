"""Splitting a Markdown document into its YAML front matter and its body.

Pure text work (no I/O), shared by :meth:`pozo_site.Article.from_markdown` and the content
checks, which need the line numbers. A leading byte-order mark and CRLF line ends are
accepted; the front matter opens with a ``---`` line and closes with ``---`` or ``...``.

>>> parts = split_front_matter("---\\ntitle: Hello\\n---\\nBody\\n")
>>> parts.yaml, parts.body, parts.yaml_line, parts.body_line
('title: Hello\\n', 'Body\\n', 2, 4)
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

__all__ = ["FRONT_MATTER_KEYS", "FrontMatterError", "SplitDocument", "split_front_matter"]

FRONT_MATTER_KEYS: Final = (
    "title",
    "slug",
    "date",
    "updated",
    "author",
    "summary",
    "tags",
    "image",
)
"""The front matter keys, in the order :meth:`pozo_site.Article.to_markdown` writes them."""

_OPEN = re.compile(r"---[ \t]*(?:\r\n|\n|\r(?!\n)|$)")
# A line start is after LF (re.MULTILINE's ^) or after a lone CR (classic Mac line ends).
_CLOSE = re.compile(r"(?:^|(?<=\r))(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r(?!\n)|\Z)", re.MULTILINE)


class FrontMatterError(ValueError):
    """A document has no front matter, or its front matter is never closed.

    ``code`` is ``front_matter_missing`` or ``front_matter_unterminated``; ``line`` is 1-based.
    """

    def __init__(self, message: str, *, code: str, line: int) -> None:
        super().__init__(message)
        self.code = code
        self.line = line


class SplitDocument(NamedTuple):
    """A document cut into front matter and body, with where each starts."""

    yaml: str
    """The text between the delimiter lines."""
    yaml_start: int
    """Where ``yaml`` starts in the document: the index just after the opening line."""
    body: str
    """Everything after the closing delimiter line, exactly as written."""
    yaml_line: int
    """The 1-based line of the first front matter line."""
    body_line: int
    """The 1-based line of the first body line."""
    bom: bool
    """Whether the document started with a byte-order mark (not part of ``yaml``)."""


def _count_lines(text: str) -> int:
    # Lines as the delimiters see them: CRLF, LF or a lone CR each end one.
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def split_front_matter(text: str) -> SplitDocument:
    """Split ``text`` into front matter and body.

    Raises :class:`FrontMatterError` when the first line is not ``---`` or when no
    closing delimiter follows.
    """
    bom = text.startswith("\ufeff")
    start = 1 if bom else 0
    opening = _OPEN.match(text, start)
    if opening is None:
        raise FrontMatterError(
            "the file must start with YAML front matter: a line '---', the keys, and '---'",
            code="front_matter_missing",
            line=1,
        )
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        raise FrontMatterError(
            "the front matter opened on line 1 is never closed with a '---' line",
            code="front_matter_unterminated",
            line=1,
        )
    yaml_text = text[opening.end() : closing.start()]
    yaml_line = 2
    body_line = yaml_line + _count_lines(yaml_text) + 1
    return SplitDocument(
        yaml=yaml_text,
        yaml_start=opening.end(),
        body=text[closing.end() :],
        yaml_line=yaml_line,
        body_line=body_line,
        bom=bom,
    )
