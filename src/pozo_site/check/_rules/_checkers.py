"""Every family's check functions, in the fixed order the runner calls them.

Importing this module imports every rule family (and Markdown, YAML and phone number
parsing with them); the runner does so only when a file has to be checked.
"""

from __future__ import annotations

from pozo_site.check._rules import (
    accessibility,
    compliance,
    dates,
    hidden,
    links,
    phone,
    schema,
    structured_data,
)
from pozo_site.check._rules._context import Checker

__all__ = ["CHECKERS"]

CHECKERS: tuple[Checker, ...] = (
    *schema.CHECKERS,
    *phone.CHECKERS,
    *links.CHECKERS,
    *dates.CHECKERS,
    *accessibility.CHECKERS,
    *compliance.CHECKERS,
    *structured_data.CHECKERS,
    *hidden.CHECKERS,
)
"""The check functions in a fixed order; the runner calls those whose codes are enabled."""
