"""The text reporter: ``path:line:col: CODE message`` lines for people, and a summary.

Findings are grouped by file (files sorted, a blank line between groups); a fixable
finding carries ``[*]`` after its code, as in ruff. Control, bidi and line-separator
characters (U+2028, U+2029, NEL) in paths and messages are shown escaped, so that none can
break a line, reorder it on screen or send a terminal escape sequence. Colour is ANSI
and only on request: whether the stream is a terminal and whether ``NO_COLOR`` is set
are the caller's business.

>>> from pozo_site.check._finding import CheckResult, Finding, Severity
>>> found = Finding(path="a.md", line=3, column=5, code="P001", severity=Severity.ERROR,
...                 message="not one of the firm's numbers")
>>> print(format(CheckResult(findings=(found,), files_checked=2), rules={}), end="")
a.md:3:5: P001 not one of the firm's numbers
<BLANKLINE>
Found 1 error in 1 file.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby
from typing import Final

from pozo_site._printable import printable as _printable
from pozo_site.check._finding import CheckResult, Finding, Severity, in_order
from pozo_site.check._rule import Rule

__all__ = ["format"]

_RESET: Final = "\x1b[0m"
_BOLD: Final = "\x1b[1m"
_RED: Final = "\x1b[1;31m"
_YELLOW: Final = "\x1b[1;33m"
_CYAN: Final = "\x1b[36m"
_DIM: Final = "\x1b[2m"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _paint(value: str, style: str, color: bool) -> str:
    return f"{style}{value}{_RESET}" if color else value


def _line(finding: Finding, color: bool) -> str:
    style = _RED if finding.severity is Severity.ERROR else _YELLOW
    where = _paint(f"{_printable(finding.path)}", _BOLD, color)
    position = _paint(f":{finding.line}:{finding.column}:", _DIM, color)
    code = _paint(finding.code, style, color)
    marker = f" {_paint('[*]', _CYAN, color)}" if finding.fixable else ""
    return f"{where}{position} {code}{marker} {_printable(finding.message)}"


def _summary(result: CheckResult, files_with_findings: int) -> str:
    if not result.findings:
        return f"All checks passed ({_plural(result.files_checked, 'file')})."
    counts = [
        _plural(count, noun)
        for count, noun in ((result.error_count, "error"), (result.warning_count, "warning"))
        if count
    ]
    text = f"Found {' and '.join(counts)} in {_plural(files_with_findings, 'file')}"
    if result.fixable_count:
        text += f" ({result.fixable_count} fixable with --fix)"
    return f"{text}."


def format(
    result: CheckResult,
    *,
    rules: Mapping[str, Rule],
    color: bool = False,
    summary: bool = True,
) -> str:
    """The findings of ``result`` as lines grouped by file, then the summary line.

    ``rules`` is accepted for the reporters' common signature; the text format needs only
    the findings. ``summary=False`` leaves out the summary (``--quiet``); with no findings
    the result is then empty.
    """
    blocks: list[str] = []
    groups = groupby(in_order(result.findings), key=lambda finding: finding.path)
    for _path, findings in groups:
        blocks.append("".join(f"{_line(finding, color)}\n" for finding in findings))
    if summary:
        blocks.append(_paint(_summary(result, len(blocks)), _BOLD, color) + "\n")
    return "\n".join(blocks)
