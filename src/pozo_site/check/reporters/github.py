"""The GitHub Actions reporter: one workflow command per finding, shown as an annotation.

``::error file=F,line=L,col=C,endLine=L,endColumn=C2,title=CODE::message`` (``::warning``
for a warning). The escaping is that of ``actions/toolkit`` and the runner's parser: in
the message ``%`` becomes ``%25``, CR ``%0D`` and LF ``%0A``; property values also turn
``:`` into ``%3A`` and ``,`` into ``%2C``. ``col`` and ``endColumn`` are only given when
the finding starts and ends on one line, the only case where GitHub applies them.

GitHub shows at most 10 error and 10 warning annotations per step (50 per job); every
finding is still printed in the log. For more, upload SARIF instead.

>>> from pozo_site.check._finding import CheckResult, Finding, Severity
>>> found = Finding(path="a, b.md", line=3, column=5, code="P001", severity=Severity.ERROR,
...                 message="100% wrong")
>>> print(format(CheckResult(findings=(found,), files_checked=1), rules={}), end="")
::error file=a%2C b.md,line=3,col=5,title=P001::100%25 wrong
"""

from __future__ import annotations

from collections.abc import Mapping

from pozo_site._printable import printable
from pozo_site.check._finding import CheckResult, Finding, in_order
from pozo_site.check._rule import Rule

__all__ = ["escape_data", "escape_property", "format"]


def escape_data(value: str) -> str:
    """Escape a command's message: ``%``, CR and LF (``%`` first, so nothing is doubled);
    other control, bidi and line-separator characters, which the runner has no escape
    for, are shown as text escapes (``\\x1b``, ``\\u202e``), so that no value can end the
    line, start a command of its own, or reach the log as a terminal escape sequence."""
    escaped = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)


def escape_property(value: str) -> str:
    """Escape a property value: as :func:`escape_data`, and ``:`` and ``,`` too."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _command(finding: Finding) -> str:
    properties = [("file", finding.path), ("line", str(finding.line))]
    one_line = finding.end_line is None or finding.end_line == finding.line
    if one_line:
        properties.append(("col", str(finding.column)))
    if finding.end_line is not None:
        properties.append(("endLine", str(finding.end_line)))
        if one_line and finding.end_column is not None:
            properties.append(("endColumn", str(finding.end_column)))
    properties.append(("title", finding.code))
    joined = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{finding.severity.value} {joined}::{escape_data(finding.message)}"


def format(result: CheckResult, *, rules: Mapping[str, Rule]) -> str:
    """One workflow command line per finding, in the findings' sorted order.

    ``rules`` is accepted for the reporters' common signature; the commands need only the
    findings. No findings give an empty text.
    """
    return "".join(f"{_command(finding)}\n" for finding in in_order(result.findings))
