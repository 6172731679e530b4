"""What a rule is: its :class:`Rule` record and its :class:`Family`.

Each family module of ``check/_rules`` declares its rules as :class:`Rule` records and
lists them in its own ``RULES`` tuple; :mod:`pozo_site.check._registry` builds the one
read-only table of every rule from those tuples.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from pozo_site.check._finding import Severity

__all__ = ["Family", "Rule"]


class Family(str, enum.Enum):
    """Rule families; each has the one-letter code prefix shown."""

    FILE = "F"
    SCHEMA = "S"
    PHONE = "P"
    LINKS = "L"
    """Slugs and links."""
    DATES = "D"
    ACCESSIBILITY = "A"
    COMPLIANCE = "C"
    STRUCTURED_DATA = "J"
    """The firm profile's JSON-LD against Google's structured-data guidance."""
    HIDDEN = "H"
    """Hidden characters: invisible and bidi-control characters."""
    SUPPRESSION = "I"
    """The inline suppression comments themselves (``<!-- pozo-site: ignore ... -->``)."""


@dataclass(frozen=True)
class Rule:
    """A rule: its stable ``code`` (family letter + three digits) and its documentation."""

    code: str
    name: str
    """A short kebab-case name, e.g. ``phone-not-firm-number``."""
    family: Family
    severity: Severity
    """The default severity; configuration may change it."""
    summary: str
    """One line: what the rule finds."""
    explanation: str
    """One paragraph: why it matters and how to fix it."""
    example: str
    """A short example of content that the rule flags."""
    fixable: bool = False
    reference: str | None = None
    """The standard or rule of professional conduct it supports, e.g. "NY Rule 7.1(f)"."""

    def __post_init__(self) -> None:
        if len(self.code) != 4 or self.code[0] != self.family.value or not self.code[1:].isdigit():
            raise ValueError(f"rule code {self.code!r} must be {self.family.value} + 3 digits")
