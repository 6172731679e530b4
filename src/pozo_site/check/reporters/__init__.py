"""Reporters: a :class:`~pozo_site.check.CheckResult` in, the text of one output format out.

Each format is a module with a pure ``format(result, *, rules, ...) -> str`` (no I/O, no
environment reads): :mod:`~pozo_site.check.reporters.text_reporter` for people,
:mod:`~pozo_site.check.reporters.json_reporter` for scripts and editors,
:mod:`~pozo_site.check.reporters.github` for GitHub Actions annotations and
:mod:`~pozo_site.check.reporters.sarif` for code-scanning services. :data:`REPORTER_BY_NAME`
is the table the command line picks from (and takes its ``--format`` choices from);
presentation choices the CLI makes, such as colour, travel in :class:`ReportOptions`.

>>> from pozo_site.check._finding import CheckResult
>>> REPORTER_BY_NAME["text"].format(CheckResult(findings=(), files_checked=2), rules={})
'All checks passed (2 files).\\n'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from pozo_site.check._finding import CheckResult
from pozo_site.check._rule import Rule

__all__ = ["REPORTER_BY_NAME", "ReportOptions", "Reporter"]


@dataclass(frozen=True)
class ReportOptions:
    """Presentation choices made by the caller; each reporter uses those that apply to it."""

    color: bool = False
    """ANSI colour (text only). The CLI decides it from the stream and the environment."""
    summary: bool = True
    """The closing summary line (text only); ``--quiet`` turns it off."""


_Render = Callable[[CheckResult, Mapping[str, Rule], ReportOptions], str]


@dataclass(frozen=True)
class Reporter:
    """One output format: its ``name``, a one-line ``description`` and how it renders."""

    name: str
    description: str
    _render: _Render

    def format(
        self,
        result: CheckResult,
        *,
        rules: Mapping[str, Rule],
        options: ReportOptions = ReportOptions(),
    ) -> str:
        """The text of ``result`` in this format (ends with a newline, unless empty)."""
        return self._render(result, rules, options)


# Each format's module is imported when it is used: a run prints one format.


def _text(result: CheckResult, rules: Mapping[str, Rule], options: ReportOptions) -> str:
    from pozo_site.check.reporters import text_reporter  # noqa: PLC0415

    return text_reporter.format(result, rules=rules, color=options.color, summary=options.summary)


def _json(result: CheckResult, rules: Mapping[str, Rule], options: ReportOptions) -> str:
    from pozo_site.check.reporters import json_reporter  # noqa: PLC0415

    return json_reporter.format(result, rules=rules)


def _github(result: CheckResult, rules: Mapping[str, Rule], options: ReportOptions) -> str:
    from pozo_site.check.reporters import github  # noqa: PLC0415

    return github.format(result, rules=rules)


def _sarif(result: CheckResult, rules: Mapping[str, Rule], options: ReportOptions) -> str:
    from pozo_site.check.reporters import sarif  # noqa: PLC0415

    return sarif.format(result, rules=rules)


REPORTER_BY_NAME: Final[Mapping[str, Reporter]] = MappingProxyType(
    {
        reporter.name: reporter
        for reporter in (
            Reporter("text", "path:line:col: CODE message lines and a summary (default)", _text),
            Reporter("json", "a JSON array with one object per finding", _json),
            Reporter("github", "GitHub Actions workflow commands (inline annotations)", _github),
            Reporter("sarif", "SARIF 2.1.0 for code-scanning services", _sarif),
        )
    }
)
"""Every output format, by the name ``--format`` takes."""
