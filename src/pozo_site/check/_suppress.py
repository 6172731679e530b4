"""Inline suppression comments.

In an article, an HTML comment ``<!-- pozo-site: ignore P001, L005 -->`` suppresses those
codes (or family letters) on its own line, and on the next line when the comment stands
alone on its line; ``<!-- pozo-site: ignore-file C003 -->`` anywhere suppresses them in
the whole file. Without codes, every rule is suppressed. In front matter and in YAML or
TOML firm files the same directives may be written as ``#`` comments
(``phone: 555-0100  # pozo-site: ignore P001``).

A reason may follow the codes after `` -- ``, for the reviewer who reads the comment
later: ``<!-- pozo-site: ignore C003 -- certified by the NBTA -->`` or
``# pozo-site: ignore P001 -- the court's clerk``. It does not change what is suppressed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from pozo_site.check._finding import Finding
from pozo_site.check._source import Source

__all__ = ["Suppressions", "find_suppressions"]

# The codes are a run of separators and code characters that starts with a separator:
# one character class, not a repeated group, which took memory in proportion to the
# number of codes (each repetition keeps its place for backtracking).
_HTML: Final = re.compile(
    r"<!--\s*pozo-site:\s*(?P<kind>ignore-file|ignore)(?P<codes>[\s,][\sA-Za-z0-9,]*)?"
    r"(?:(?<=\s)--(?!>)(?P<reason>(?:(?!-->).){0,1000}))?-->",
    re.DOTALL,
)
_HASH: Final = re.compile(
    r"#\s*pozo-site:\s*(?P<kind>ignore-file|ignore)(?P<codes>[ \t,][ \tA-Za-z0-9,]*)?"
    r"(?:(?<=[ \t])--(?P<reason>[^\r\n]*))?\r?$",
    re.MULTILINE,
)
_ALL: Final = frozenset({"*"})


def _codes(text: str) -> frozenset[str]:
    codes = frozenset(c.upper() for c in re.split(r"[\s,]+", text) if c)
    return codes or _ALL


def _covers(codes: frozenset[str], code: str) -> bool:
    return codes is _ALL or "*" in codes or code in codes or code[:1] in codes


@dataclass
class Suppressions:
    """The suppression directives of one file."""

    file: frozenset[str] = frozenset()
    lines: dict[int, frozenset[str]] = field(default_factory=dict)

    def suppresses(self, finding: Finding) -> bool:
        """Whether ``finding`` is suppressed by a directive of its file."""
        if self.file and _covers(self.file, finding.code):
            return True
        codes = self.lines.get(finding.line)
        return codes is not None and _covers(codes, finding.code)

    def _add_line(self, line: int, codes: frozenset[str]) -> None:
        self.lines[line] = self.lines.get(line, frozenset()) | codes


def find_suppressions(source: Source, *, hash_until: int = 0, html: bool = True) -> Suppressions:
    """The directives in ``source``: HTML comments (if ``html``) anywhere, and ``#``
    comments in ``source.text[:hash_until]`` (the front matter, or a whole YAML/TOML file)."""
    result = Suppressions()
    text = source.text
    if "pozo-site:" not in text:
        return result
    matches: list[re.Match[str]] = []
    if html:
        matches.extend(_HTML.finditer(text))
    if hash_until:
        matches.extend(m for m in _HASH.finditer(text, 0, hash_until))
    for match in matches:
        codes = _codes(match.group("codes") or "")
        if match.group("kind") == "ignore-file":
            result.file = result.file | codes
            continue
        line, _ = source.position(match.start())
        result._add_line(line, codes)
        if source.line_text(line).strip() == match.group(0).strip():
            result._add_line(line + 1, codes)
    return result
