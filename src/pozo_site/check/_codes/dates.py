"""The rule records of the dates family: codes, severities and documentation.

No checking code, so that the rule table (:data:`pozo_site.check.RULES`), the reporters
and ``--select`` cost nothing to import; the checks are in
:mod:`pozo_site.check._rules.dates`.
"""

from __future__ import annotations

from pozo_site.check._finding import Severity
from pozo_site.check._rule import Family, Rule

__all__ = ["DATE_INVALID", "FUTURE_DATE", "RULES", "UPDATED_BEFORE_DATE"]

DATE_INVALID = Rule(
    code="D001",
    name="date-invalid",
    family=Family.DATES,
    severity=Severity.ERROR,
    summary="A date or updated value is not a date, or not a real one.",
    explanation=(
        "date and updated are written YYYY-MM-DD, optionally with a time and a timezone "
        "as site generators write them (2012-02-13 14:41:30+00:00, 2024-05-01T09:30Z); "
        "the model keeps what was written. The value must exist on the calendar: "
        "2018-02-31 or 2019-02-29 do not, nor does 25:00, and a value such as 'last "
        "week' is not a date. The finding points at the value and says which; correct it."
    ),
    example="---\ntitle: Know Your Rights\ndate: 2018-02-31\n---",
)
UPDATED_BEFORE_DATE = Rule(
    code="D002",
    name="updated-before-date",
    family=Family.DATES,
    severity=Severity.ERROR,
    summary="The updated date is earlier than the publication date.",
    explanation=(
        "An article cannot be updated before it was published; one of the two dates is "
        "wrong (often the year). Correct updated, or date."
    ),
    example="---\ntitle: Know Your Rights\ndate: 2024-05-01\nupdated: 2023-05-01\n---",
)
FUTURE_DATE = Rule(
    code="D003",
    name="date-in-future",
    family=Family.DATES,
    severity=Severity.WARNING,
    summary="A date or updated value lies in the future.",
    explanation=(
        "A publication or update date after today is usually a typo in the year. It is a "
        "warning, not an error, because an article may be scheduled on purpose; suppress "
        "it for such an article."
    ),
    example="---\ntitle: Know Your Rights\ndate: 2099-05-01\n---",
)
RULES: tuple[Rule, ...] = (DATE_INVALID, UPDATED_BEFORE_DATE, FUTURE_DATE)
"""This family's rules, in code order; the rule table is built from them."""
