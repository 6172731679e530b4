"""Readable plain-text summaries of a firm profile and of phone numbers (``pozo-site show``).

>>> from pozo_site import PhoneNumber
>>> print(phone_summary(PhoneNumber.parse("1-88-VISA-LAW-1")))
1-88-VISA-LAW-1
  E.164:          +18884725291
  national:       (888) 472-5291
  international:  +1 888-472-5291
  tel: URI:       tel:+1-888-472-5291
  type:           toll free
  vanity:         1-88-VISA-LAW-1
"""

from __future__ import annotations

from pozo_site._firm import FirmProfile, OpeningHours, PostalAddress
from pozo_site._phone import PhoneNumber
from pozo_site.render._view import offer_text

__all__ = ["firm_summary", "phone_summary"]


def phone_summary(number: PhoneNumber) -> str:
    """Every form of ``number``, one per line, headed by how it is displayed."""
    rows = [
        ("E.164", number.e164),
        ("national", number.national),
        ("international", number.international),
        ("tel: URI", number.tel_uri),
        ("type", number.number_type.value.replace("_", " ")),
    ]
    if number.extension:
        rows.append(("extension", number.extension))
    if number.vanity is not None:
        rows.append(("vanity", number.vanity))
    body = "\n".join(f"  {label + ':':<15} {value}" for label, value in rows)
    return f"{number.display}\n{body}"


def _address(address: PostalAddress) -> str:
    return (
        f"{address.street_address}, {address.locality}, {address.region} "
        f"{address.postal_code}, {address.country}"
    )


def _hours(hours: OpeningHours) -> str:
    days = ", ".join(day.value.capitalize() for day in hours.days)
    return f"{days} {hours.opens:%H:%M}-{hours.closes:%H:%M}"


def _section(title: str, items: list[str]) -> list[str]:
    return [f"{title}:", *(f"  {item}" for item in items)] if items else []


def firm_summary(firm: FirmProfile) -> str:
    """The whole profile as readable text; sections the profile leaves empty are omitted."""
    lines = [firm.name, "=" * len(firm.name)]
    if firm.advertising_notice:
        lines.append(firm.advertising_notice)
    offer = offer_text(firm)
    if offer is not None:
        lines.append(offer)
    lines.append("")
    phones = []
    for phone in firm.phones:
        digits = phone.number.format("digits")
        shown = phone.number.display
        extra = f" ({digits})" if phone.number.vanity is not None else ""
        phones.append(f"{phone.display_label}: {shown}{extra}  [{phone.number.e164}]")
    lines += _section("Phone", phones)
    lines += _section("Practice areas", list(firm.practice_areas))
    lines += _section("Areas served", list(firm.areas_served))
    credentials = [
        f"{c.count} x {c.title}" + (f" ({c.field})" if c.field else "") for c in firm.credentials
    ]
    lines += _section("Credentials", credentials)
    lines += _section(
        "Certifications", [f"{c.area}, certified by {c.issuer}" for c in firm.certifications]
    )
    for office in firm.offices:
        entries = [_address(office.address)]
        if office.phone is not None:
            entries.append(f"Phone: {office.phone.display}")
        entries += [_hours(h) for h in office.hours]
        # The office's own name heads its section ("Manhattan office:"), never doubled
        # into "Office: Manhattan office:".
        lines += _section(office.name or "Office", entries)
    contact = []
    if firm.email:
        contact.append(f"E-mail: {firm.email}")
    if firm.website:
        contact.append(f"Website: {firm.website}")
    contact += [f"{p.network}: {p.url}" for p in firm.social_profiles]
    if firm.base_url:
        contact.append(f"Articles at: {firm.base_url}")
    lines += _section("Online", contact)
    if firm.timezone:
        lines += _section("Time zone", [firm.timezone])
    lines += _section("Languages", list(firm.languages))
    return "\n".join(lines).rstrip() + "\n"
