"""The loaded forms of checked files, and turning text offsets into lines and columns.

Lines are what the file's own line ends make them: CRLF, LF or a lone CR each end one
line (as Git, editors and CI annotations count them). Unicode line separators
(U+2028/U+2029/U+0085), which YAML counts as line breaks, do not end a line here;
positions are computed from character offsets, never from YAML's line numbers, so a
finding always points at a real line of the file. Columns are 1-based and count Unicode
code points (as ruff's do).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pozo_site._lines import line_starts, position
from pozo_site.check._finding import Finding, Fix
from pozo_site.check._rule import Rule

if TYPE_CHECKING:  # the records only hold these: reading a cached result parses nothing
    import yaml

    from pozo_site._article import Article
    from pozo_site._firm import FirmProfile

__all__ = ["ArticleDoc", "FirmDoc", "Source"]


@dataclass(eq=False)
class Source:
    """A file's decoded text (byte-order mark removed) and where it came from."""

    path: Path
    """The file as found on disk (absolute)."""
    display: str
    """The path findings print."""
    text: str
    bom: bool = False
    _line_starts: list[int] | None = field(default=None, repr=False)

    @property
    def line_starts(self) -> list[int]:
        """The offset at which each line starts (computed once)."""
        if self._line_starts is None:
            self._line_starts = line_starts(self.text)
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based ``(line, column)`` of character ``offset``."""
        return position(self.line_starts, offset, len(self.text))

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line``, without its line end."""
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def finding(
        self,
        rule: Rule,
        start: int,
        message: str,
        *,
        end: int | None = None,
        fix: Fix | None = None,
    ) -> Finding:
        """A finding of ``rule`` at character offset ``start`` (to ``end``, if given)."""
        line, column = self.position(start)
        end_line = end_column = None
        if end is not None:
            end_line, end_column = self.position(end)
        return Finding(
            path=self.display,
            line=line,
            column=column,
            code=rule.code,
            severity=rule.severity,
            message=message,
            end_line=end_line,
            end_column=end_column,
            fix=fix,
        )


def file_finding(rule: Rule, display: str, message: str, line: int = 1, column: int = 1) -> Finding:
    """A finding about a whole file, or a place in one that could not be decoded."""
    return Finding(
        path=display,
        line=line,
        column=column,
        code=rule.code,
        severity=rule.severity,
        message=message,
    )


@dataclass(eq=False)
class ArticleDoc:
    """An article whose front matter parsed as a YAML mapping (it may still be invalid)."""

    source: Source
    yaml_start: int
    """Offset of the first front matter character in ``source.text``."""
    yaml_text: str
    body_start: int
    """Offset of the first body character in ``source.text``."""
    data: dict[Any, Any]
    node: yaml.MappingNode | None
    """The composed front matter, for positions; ``None`` when it is empty."""
    article: Article | None = None
    """The validated article, when the front matter is valid."""
    errors: tuple[dict[str, Any], ...] = ()
    """pydantic's errors (``loc``, ``msg``, ``type``) when it is not."""
    memo: dict[str, Any] = field(default_factory=dict, repr=False)
    """Results that several rules share (the parsed Markdown), computed once."""

    @property
    def body(self) -> str:
        """The Markdown after the front matter, as written."""
        return self.source.text[self.body_start :]

    def node_offset(self, node: yaml.Node, *, end: bool = False) -> int:
        """The offset in ``source.text`` where ``node`` starts (or ends)."""
        mark = node.end_mark if end else node.start_mark
        return self.yaml_start + mark.index

    @property
    def slug(self) -> str | None:
        """The article's slug as written or as the model derives it, if it can be told."""
        if self.article is not None:
            return self.article.slug
        slug = self.data.get("slug")
        return slug if isinstance(slug, str) and slug else None


@dataclass(eq=False)
class FirmDoc:
    """A firm profile: from a file (``source``), or the embedded default (``source=None``)."""

    source: Source | None
    kind: Literal["yaml", "toml", "json", "default"]
    data: Any = None
    node: yaml.Node | None = None
    """The composed YAML document, for positions (YAML files only)."""
    firm: FirmProfile | None = None
    errors: tuple[dict[str, Any], ...] = ()
