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
from typing import Final, NamedTuple

from pozo_site.check._finding import Finding
from pozo_site.check._source import Source

__all__ = ["Directive", "Suppressions", "find_suppressions"]

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
_CODE_TEXT: Final = re.compile(r"[A-Za-z0-9]+")


def _codes(text: str) -> frozenset[str]:
    codes = frozenset(c.upper() for c in re.split(r"[\s,]+", text) if c)
    return codes or _ALL


def _covers(codes: frozenset[str], code: str) -> bool:
    return codes is _ALL or "*" in codes or code in codes or code[:1] in codes


class Directive(NamedTuple):
    """One suppression comment: where it is, what it names, the lines it covers."""

    start: int
    """Offset of the comment (``<!--`` or ``#``) in the file's text."""
    end: int
    """Offset just after it (before the line end, for a ``#`` comment)."""
    codes: tuple[str, ...]
    """The codes and family letters as written (upper-cased, in order); empty: every rule."""
    codes_start: int
    codes_end: int
    """The span of the codes and the blanks around them."""
    file_wide: bool
    lines: tuple[int, ...]
    """The 1-based lines it covers (none for ``ignore-file``)."""
    alone: bool
    """Whether the comment stands alone on its line."""

    @property
    def selectors(self) -> frozenset[str]:
        return frozenset(self.codes) if self.codes else _ALL


@dataclass
class Suppressions:
    """The suppression directives of one file, and what each has suppressed so far."""

    file: frozenset[str] = frozenset()
    lines: dict[int, frozenset[str]] = field(default_factory=dict)
    directives: list[Directive] = field(default_factory=list)
    used: dict[int, set[str]] = field(default_factory=dict)
    """For each line directive (by index), the codes of the findings it suppressed."""
    _file_codes: set[str] = field(default_factory=set, repr=False)
    """The codes of the findings that file-wide directives suppressed (one set for them
    all, so that a finding costs the same however many ``ignore-file`` comments there are)."""
    _file_named: set[str] = field(default_factory=set, repr=False)
    _by_line: dict[int, list[int]] = field(default_factory=dict, repr=False)

    def suppresses(self, finding: Finding) -> bool:
        """Whether ``finding`` is suppressed by a directive of its file (and note which)."""
        hit = False
        if self.file and _covers(self.file, finding.code):
            self._file_codes.add(finding.code)  # which file-wide comment: see used_codes
            hit = True
        for index in self._by_line.get(finding.line, ()):
            if _covers(self.directives[index].selectors, finding.code):
                self.used.setdefault(index, set()).add(finding.code)
                hit = True
        return hit

    def used_codes(self, index: int) -> set[str]:
        """The codes of the findings directive ``index`` suppressed."""
        directive = self.directives[index]
        if directive.file_wide:
            return {code for code in self._file_codes if _covers(directive.selectors, code)}
        return self.used.get(index, set())

    def names(self, finding: Finding) -> bool:
        """Whether a directive covering ``finding``'s place names its code or family
        letter (a directive without codes does not): what an I001 finding yields to."""
        if finding.code in self._file_named or finding.code[:1] in self._file_named:
            return True
        for index in self._by_line.get(finding.line, ()):
            codes = self.directives[index].codes
            if finding.code in codes or finding.code[:1] in codes:
                return True
        return False

    def _add(self, directive: Directive) -> None:
        index = len(self.directives)
        self.directives.append(directive)
        if directive.file_wide:
            self._file_named.update(directive.codes)
        for line in directive.lines:
            self._by_line.setdefault(line, []).append(index)

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
    for match in sorted(matches, key=lambda m: m.start()):
        written = match.group("codes") or ""
        codes = _codes(written)
        order = tuple(dict.fromkeys(c.upper() for c in _CODE_TEXT.findall(written)))
        codes_start, codes_end = match.span("codes") if match.group("codes") else (0, 0)
        end = match.end()
        if text[end - 1 : end] == "\r" and match.re is _HASH:
            end -= 1
        line, _ = source.position(match.start())
        alone = source.line_text(line).strip() == text[match.start() : end].strip()
        if match.group("kind") == "ignore-file":
            result.file = result.file | codes
            covered: tuple[int, ...] = ()
        else:
            result._add_line(line, codes)
            covered = (line,)
            if alone:
                result._add_line(line + 1, codes)
                covered = (line, line + 1)
        result._add(
            Directive(
                start=match.start(),
                end=end,
                codes=order,
                codes_start=codes_start,
                codes_end=codes_end,
                file_wide=match.group("kind") == "ignore-file",
                lines=covered,
                alone=alone,
            )
        )
    return result
