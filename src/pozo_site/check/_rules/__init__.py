"""Every rule, one module per family; each family lists its rules in its own ``RULES``.

The rule table (:data:`pozo_site.check.RULES`) is built from those tuples, once.
:data:`CHECKERS` lists the check functions in a fixed order; the runner calls those whose
rule codes are enabled. File-family findings come from the loader instead.
"""

from __future__ import annotations

from pozo_site.check._rules import (
    accessibility,
    compliance,
    dates,
    file,
    hidden,
    links,
    phone,
    schema,
    structured_data,
)
from pozo_site.check._rules._base import Checker

__all__ = ["CHECKERS", "Checker", "file"]

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
