"""Unused suppression comments (I001): what each comment of a file suppressed, judged.

A code in a comment is judged only when the run could have found it: the rule (or every
rule of a family letter, or every rule for a comment without codes) is enabled. A code
that is no rule code at all is always unused. Codes of the I family are never judged, so
``<!-- pozo-site: ignore I001 -->`` keeps a comment that is meant to stay.

The fix removes what suppresses nothing and keeps every other character: the whole
comment (a comment line of its own with its line end, else the comment with the blanks
that separate it from the text), or only the unused codes of a list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pozo_site.check._codes.suppression import UNUSED_SUPPRESSION
from pozo_site.check._finding import Edit, Finding, Fix
from pozo_site.check._registry import RULES
from pozo_site.check._rule import Family
from pozo_site.check._source import Source
from pozo_site.check._suppress import Directive, Suppressions

__all__ = ["unused_findings"]

_FAMILIES = frozenset(family.value for family in Family)
_OWN = Family.SUPPRESSION.value


def _rules_of(selector: str) -> list[str]:
    if selector == "*":
        return [code for code in RULES if code[:1] != _OWN]
    if selector in _FAMILIES:
        return [code for code in RULES if code[:1] == selector]
    return [selector]


def _unused_codes(
    directive: Directive, used: set[str], enabled: Callable[[str], bool]
) -> tuple[list[str], list[str]]:
    """``(unused, unknown)`` among the directive's codes (``["*"]`` for a blanket one)."""
    unused: list[str] = []
    unknown: list[str] = []
    for selector in directive.codes or ("*",):
        if selector[:1] == _OWN and (selector == _OWN or selector in RULES):
            continue
        if selector != "*" and selector not in RULES and selector not in _FAMILIES:
            unknown.append(selector)
            continue
        covered = _rules_of(selector)
        if not all(enabled(code) for code in covered):
            continue
        if not any(code in used for code in covered):
            unused.append(selector)
    return unused, unknown


def _blank(char: str) -> bool:
    return char in " \t"


def _removal(source: Source, directive: Directive) -> Edit:
    text = source.text
    line, _ = source.position(directive.start)
    starts = source.line_starts
    if directive.alone:
        begin = starts[line - 1]
        if line < len(starts):
            return Edit(begin, starts[line], "")
        if line > 1:  # the last line, without a line end: take the one before it
            previous = source.line_text(line - 1)
            return Edit(starts[line - 2] + len(previous), len(text), "")
        return Edit(begin, len(text), "")
    start, end = directive.start, directive.end
    line_end = starts[line - 1] + len(source.line_text(line))
    if text[end:line_end].strip():  # text follows: take the blanks after the comment
        while end < line_end and _blank(text[end]):
            end += 1
    else:
        while start > starts[line - 1] and _blank(text[start - 1]):
            start -= 1
    return Edit(start, end, "")


def _narrowing(source: Source, directive: Directive, keep: list[str]) -> Edit:
    written = source.text[directive.codes_start : directive.codes_end]
    trailing = written[len(written.rstrip()) :]
    return Edit(directive.codes_start, directive.codes_end, " " + ", ".join(keep) + trailing)


def unused_findings(
    source: Source, suppressions: Suppressions, enabled: Callable[[str], bool]
) -> Iterator[Finding]:
    """An I001 finding for each directive of ``source`` with codes that suppressed nothing
    (call after every finding of the file went through ``suppressions``)."""
    for index, directive in enumerate(suppressions.directives):
        used = suppressions.used_codes(index)
        unused, unknown = _unused_codes(directive, used, enabled)
        if not unused and not unknown:
            continue
        dropped = set(unused) | set(unknown)
        keep = [code for code in directive.codes if code not in dropped]
        if not keep:
            edit = _removal(source, directive)
            description = "remove the suppression comment"
        else:
            edit = _narrowing(source, directive, keep)
            description = f"remove {', '.join(sorted(dropped))} from the suppression comment"
        parts = []
        if unused == ["*"]:
            parts.append("this suppression comment (every rule) suppresses nothing here")
        elif unused:
            parts.append(f"the suppression of {', '.join(unused)} suppresses nothing here")
        if unknown:
            names = ", ".join(repr(code) for code in unknown)
            parts.append(f"{names} {'is' if len(unknown) == 1 else 'are'} not a rule code")
        message = "; ".join(parts) + ("; remove it" if not keep else "; remove the code")
        yield source.finding(
            UNUSED_SUPPRESSION,
            directive.start,
            message,
            end=directive.end,
            fix=Fix(description, (edit,)),
        )
