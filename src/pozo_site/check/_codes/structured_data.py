"""The rule records of the structured data family: codes, severities and documentation.

No checking code, so that the rule table (:data:`pozo_site.check.RULES`), the reporters
and ``--select`` cost nothing to import; the checks are in
:mod:`pozo_site.check._rules.structured_data`.
"""

from __future__ import annotations

from typing import Final

from pozo_site.check._finding import Severity
from pozo_site.check._rule import Family, Rule

__all__ = [
    "ADDRESS_MISSING",
    "BASE_URL_MISSING",
    "OPENING_HOURS_MISSING",
    "RULES",
    "TELEPHONE_MISSING",
    "TIMEZONE_MISSING",
    "URL_MISSING",
]

_GUIDE: Final = "Google Search Central: Local business structured data"

ADDRESS_MISSING = Rule(
    code="J001",
    name="local-business-address-missing",
    family=Family.STRUCTURED_DATA,
    severity=Severity.WARNING,
    summary="The firm's LegalService JSON-LD has no address, so it is not eligible for "
    "local business rich results.",
    explanation=(
        "Google requires name and address for LocalBusiness types such as LegalService; "
        "without an address the firm's structured data cannot appear as a local business "
        "result. The JSON-LD takes its address from the firm profile's offices. Add an "
        "office with its postal address to the firm file (offices: - address: "
        "street_address, locality, region, postal_code, and country if not US). Leave it "
        "out only while the address is not known: never invent one."
    ),
    example="name: Example Law\nphones:\n  - role: main\n    number: (212) 555-0123",
    reference=_GUIDE,
)
URL_MISSING = Rule(
    code="J002",
    name="local-business-url-missing",
    family=Family.STRUCTURED_DATA,
    severity=Severity.WARNING,
    summary="The firm's LegalService JSON-LD has no url (recommended by Google).",
    explanation=(
        "Google recommends url, the fully qualified address of the business's own page. "
        "The JSON-LD takes it from the firm profile's website, which also links the "
        "articles' publisher and the contact blocks' u-url. Add website: "
        "https://www.example.com/ to the firm file."
    ),
    example="name: Example Law\nphones:\n  - role: main\n    number: (212) 555-0123",
    reference=_GUIDE,
)
TELEPHONE_MISSING = Rule(
    code="J003",
    name="local-business-telephone-missing",
    family=Family.STRUCTURED_DATA,
    severity=Severity.WARNING,
    summary="The firm's LegalService JSON-LD has no telephone: every number is a fax.",
    explanation=(
        "Google recommends telephone, a number a customer can call, with its country and "
        "area code. The JSON-LD gives the firm's main line (or the first number that is "
        "not a fax). Add a number with role main under phones in the firm file."
    ),
    example="phones:\n  - role: fax\n    number: (212) 555-0145",
    reference=_GUIDE,
)
OPENING_HOURS_MISSING = Rule(
    code="J004",
    name="opening-hours-missing",
    family=Family.STRUCTURED_DATA,
    severity=Severity.WARNING,
    summary="The firm's LegalService JSON-LD has no openingHoursSpecification "
    "(recommended by Google).",
    explanation=(
        "Google recommends openingHoursSpecification, the hours the business is open. "
        "The JSON-LD takes it from the hours of the firm profile's offices. Add hours to "
        "an office in the firm file (hours: - days: [monday, ...], opens: '09:00', "
        "closes: '17:00')."
    ),
    example="offices:\n  - address:\n      street_address: 100 Example Street\n      ...",
    reference=_GUIDE,
)
BASE_URL_MISSING = Rule(
    code="J005",
    name="base-url-missing",
    family=Family.STRUCTURED_DATA,
    severity=Severity.WARNING,
    summary="No base URL is configured, so article JSON-LD has no absolute url and "
    "relative images stay relative.",
    explanation=(
        "Google asks for absolute URLs in structured data. An article's url, "
        "mainEntityOfPage and a relative image become absolute only against the address "
        "the articles live under. Set base_url: https://www.example.com/blog/ in the firm "
        "file, or base-url in the configuration ([tool.pozo-site] or pozo-site.toml), "
        "which takes precedence."
    ),
    example="name: Example Law\nphones:\n  - role: main\n    number: (212) 555-0123",
    reference="Google Search Central: Article structured data",
)
TIMEZONE_MISSING = Rule(
    code="J006",
    name="timezone-missing",
    family=Family.STRUCTURED_DATA,
    severity=Severity.WARNING,
    summary="The firm profile gives no time zone, so article dates in JSON-LD carry none.",
    explanation=(
        "Google reads datePublished and dateModified as ISO 8601 and, for a date without "
        "a time zone, assumes Googlebot's own. With a time zone in the firm profile the "
        "dates are given as midnight there with its offset "
        "(2018-01-01T00:00:00-05:00). Add timezone: America/New_York (an IANA name) to "
        "the firm file."
    ),
    example="name: Example Law\nphones:\n  - role: main\n    number: (212) 555-0123",
    reference="Google Search Central: Article structured data",
)
RULES: tuple[Rule, ...] = (
    ADDRESS_MISSING,
    URL_MISSING,
    TELEPHONE_MISSING,
    OPENING_HOURS_MISSING,
    BASE_URL_MISSING,
    TIMEZONE_MISSING,
)
"""This family's rules, in code order; the rule table is built from them."""
