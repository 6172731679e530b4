"""Suppression-comment rules (I): a suppression comment that suppresses nothing.

A ``<!-- pozo-site: ignore P001 -->`` left behind after the number it excused was
corrected hides the next real finding on that line; ruff reports the same as RUF100. The
finding itself comes from the runner, which knows what each comment suppressed (see
:mod:`pozo_site.check._suppress`).
"""

from __future__ import annotations

from pozo_site.check._finding import Severity
from pozo_site.check._rule import Family, Rule

__all__ = ["RULES", "UNUSED_SUPPRESSION"]

UNUSED_SUPPRESSION = Rule(
    code="I001",
    name="unused-suppression",
    family=Family.SUPPRESSION,
    severity=Severity.WARNING,
    fixable=True,
    summary="A suppression comment suppresses nothing (or names an unknown rule code).",
    explanation=(
        "A comment such as '<!-- pozo-site: ignore P001 -->' that no longer matches a "
        "finding on its line (the number was corrected, the text moved) would silently "
        "hide the next real finding there. --fix removes the comment, or only the codes "
        "in it that suppress nothing; a comment line of its own is removed with its line "
        "end. A code is judged only when its rules ran: with --select or ignore leaving "
        "a rule out, comments naming it are not reported. A comment naming I001 (or I) "
        "is never reported for it."
    ),
    example="Call 212-201-9031. <!-- pozo-site: ignore P001 -->",
)

RULES: tuple[Rule, ...] = (UNUSED_SUPPRESSION,)
