"""Structured-data rules (J): the firm profile's JSON-LD against Google's guidance.

The site's ``LegalService`` JSON-LD (:func:`pozo_site.render.firm_jsonld`) is made from the
firm profile, so what it lacks, the profile lacks. Google's local-business structured data
requires ``name`` and ``address`` and recommends ``url``, ``telephone`` and
``openingHoursSpecification`` (among others the profile does not model: ``geo``,
``priceRange``, ``image``); its article guidance asks for absolute URLs and for dates with
a time zone. Each finding names the property and the key to add to the firm file. They
are warnings: the profile is valid without them (the default profile holds only what the
firm's page states), its structured data just earns less.

They report on a firm profile file only, never on the embedded default profile.
"""

from __future__ import annotations

from collections.abc import Iterator

from pozo_site._firm import PhoneRole
from pozo_site.check._codes.structured_data import (
    ADDRESS_MISSING,
    BASE_URL_MISSING,
    OPENING_HOURS_MISSING,
    RULES,
    TELEPHONE_MISSING,
    TIMEZONE_MISSING,
    URL_MISSING,
)
from pozo_site.check._finding import Finding
from pozo_site.check._rules._base import Checker, Context, firm_offset
from pozo_site.check._source import FirmDoc

__all__ = [
    "ADDRESS_MISSING",
    "BASE_URL_MISSING",
    "CHECKERS",
    "OPENING_HOURS_MISSING",
    "RULES",
    "TELEPHONE_MISSING",
    "TIMEZONE_MISSING",
    "URL_MISSING",
]


def _check_firm(doc: FirmDoc, ctx: Context) -> Iterator[Finding]:
    firm = doc.firm
    source = doc.source
    if firm is None or source is None:
        return
    top = 0
    if not firm.offices:
        yield source.finding(
            ADDRESS_MISSING,
            top,
            "LegalService has no 'address', which Google requires for local business rich "
            "results: the firm's structured data is not eligible; add an office with its "
            "address to the firm file (offices: - address: street_address, locality, "
            "region, postal_code)",
        )
    if firm.website is None:
        yield source.finding(
            URL_MISSING,
            top,
            "LegalService has no 'url' (recommended): add website: https://... (the firm's "
            "home page) to the firm file",
        )
    if all(phone.role is PhoneRole.FAX for phone in firm.phones):
        yield source.finding(
            TELEPHONE_MISSING,
            firm_offset(doc, ("phones",), want_key=True),
            "LegalService has no 'telephone' (recommended): every number is a fax; add a "
            "number with role: main under phones",
        )
    if not any(office.hours for office in firm.offices):
        where = firm_offset(doc, ("offices",), want_key=True) if firm.offices else top
        yield source.finding(
            OPENING_HOURS_MISSING,
            where,
            "LegalService has no 'openingHoursSpecification' (recommended): add hours to an "
            "office in the firm file (hours: - days: [monday, tuesday], opens: '09:00', "
            "closes: '17:00')",
        )
    if firm.base_url is None and ctx.config.base_url is None:
        yield source.finding(
            BASE_URL_MISSING,
            top,
            "no base URL is configured: article JSON-LD has no absolute 'url' or "
            "'mainEntityOfPage' and a relative 'image' stays relative; add base_url: "
            "https://.../ (where the articles live) to the firm file, or base-url to the "
            "configuration",
        )
    if firm.timezone is None:
        yield source.finding(
            TIMEZONE_MISSING,
            top,
            "no time zone: article 'datePublished' and 'dateModified' carry none, so Google "
            "assumes its own; add timezone: America/New_York (an IANA name) to the firm file",
        )


CHECKERS = (
    Checker(
        codes=(
            ADDRESS_MISSING.code,
            URL_MISSING.code,
            TELEPHONE_MISSING.code,
            OPENING_HOURS_MISSING.code,
            BASE_URL_MISSING.code,
            TIMEZONE_MISSING.code,
        ),
        firm=_check_firm,
    ),
)
