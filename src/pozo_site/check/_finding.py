"""Findings: immutable records of one problem at one place, and the result of a run.

>>> finding = Finding(
...     code="P001", severity=Severity.ERROR, path="articles/a.md", line=3, column=5,
...     message="(212) 555-0199 is not one of the firm's numbers",
... )
>>> finding.fixable, CheckResult(findings=(finding,), files_checked=1).success
(False, False)
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

__all__ = ["CheckResult", "Edit", "Finding", "Fix", "Severity", "in_order"]


class Severity(str, enum.Enum):
    """How bad a finding is: an error fails the run, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of a file's decoded text (BOM excluded) with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """A safe, automatic fix: what it does, and the edits that do it (non-overlapping)."""

    description: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: a rule code, a severity, a file and a 1-based line and column.

    Findings sort by path, line, column and code, the order reporters print them in.
    """

    path: str
    """The file, as a POSIX path relative to the folder checked where possible."""
    line: int
    column: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    end_line: int | None = field(default=None, compare=False)
    end_column: int | None = field(default=None, compare=False)
    fix: Fix | None = field(default=None, compare=False)

    @property
    def fixable(self) -> bool:
        """Whether ``--fix`` can repair this finding."""
        return self.fix is not None


_ORDER: Final = operator.attrgetter("path", "line", "column", "code")


def in_order(findings: Iterable[Finding]) -> list[Finding]:
    """``sorted(findings)``, in the same order (path, line, column, code; stable), by a key
    made once per finding rather than a comparison method called for every pair: a run
    with thousands of findings sorts them several times faster."""
    return sorted(findings, key=_ORDER)


@dataclass(frozen=True)
class CheckResult:
    """The findings of a run (sorted), and how many files it read."""

    findings: tuple[Finding, ...]
    files_checked: int

    @property
    def success(self) -> bool:
        """True when no finding has error severity."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def error_count(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warning_count(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def fixable_count(self) -> int:
        return sum(f.fixable for f in self.findings)
