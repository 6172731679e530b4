"""What one file tells the rules that span a content folder (L002, L005).

Kept apart from the rules themselves, with nothing heavy imported, because the result
cache rebuilds these for every file on every run, also when nothing has to be parsed.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["LinkFact", "SlugFact"]


class SlugFact(NamedTuple):
    """Where an article's slug is reported if another article used it first (L002).

    Named tuples, not dataclasses: every file's facts are rebuilt from the result cache
    on every run, and a tuple is made in C."""

    slug: str
    line: int
    column: int
    derived: bool
    """Whether the slug comes from the title (no ``slug`` key is written)."""


class LinkFact(NamedTuple):
    """A link to another article, as read from one file: by ``.md`` path or by slug."""

    kind: str
    """``"md"`` (``target`` is the path as written, relative to the file's folder) or
    ``"slug"`` (``target`` is the slug)."""
    target: str
    href: str
    line: int
    column: int
    end_line: int
    end_column: int
