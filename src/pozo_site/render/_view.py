"""What the contact-block templates see: a firm profile turned into ready-to-print strings.

Every value is a plain string (or a tuple of views) in the forms people read, so that a
template, shipped or the firm's own, never formats a number or an address itself. The
names below are the template context; README's "Contact blocks" section lists them.

>>> from pozo_site import default_firm
>>> view = contact_view(default_firm())
>>> view.offer_text
'Call Today for a FREE in-office consultation'
>>> [(phone.label, phone.text) for phone in view.phones]
[('Office', '212-201-9031'), ('Toll Free', '1-88-VISA-LAW-1 (888-472-5291)')]
>>> contact_view(default_firm(), phone_style="national").main_phone.text
'(212) 201-9031'

"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any, Final
from urllib.parse import quote

from pozo_site._errors import RenderError
from pozo_site._firm import DayOfWeek, FirmPhone, FirmProfile, Office, OpeningHours, PhoneRole
from pozo_site._phone import DEFAULT_PHONE_STYLE, PhoneNumber, PhoneStyle, styled_text

__all__ = [
    "ContactView",
    "HoursView",
    "LinkView",
    "OfficeView",
    "PhoneView",
    "contact_view",
    "dialable",
    "offer_text",
    "phone_view",
    "resolve_phone_style",
    "voice_phone",
]

_WEEK: Final = tuple(DayOfWeek)
_HOME_COUNTRY: Final = "US"
"""Addresses in this country are printed without a country line (the firm is in New York)."""


def dialable(number: PhoneNumber) -> str:
    """``+1-888-472-5291``: the RFC 3966 form without ``tel:``, for data (JSON-LD, h-card)."""
    return number.tel_uri.removeprefix("tel:")


def resolve_phone_style(value: PhoneStyle | str | None) -> PhoneStyle:
    """``value`` as a :class:`~pozo_site.PhoneStyle`; ``None`` is the house style.

    Raises :class:`~pozo_site.render.RenderError` (``phone_style_unknown``) for a name
    that is not a style.
    """
    if value is None:
        return DEFAULT_PHONE_STYLE
    try:
        return PhoneStyle(value)
    except ValueError:
        styles = ", ".join(s.value for s in PhoneStyle)
        raise RenderError(
            f"unknown phone style; choose one of: {styles}", code="phone_style_unknown"
        ) from None


def offer_text(firm: FirmProfile) -> str | None:
    """The offer as one line, "Call Today for a FREE in-office consultation", or ``None``."""
    if firm.offer is None:
        return None
    headline = firm.offer.headline
    article = "an" if headline[:1].lower() in ("a", "e", "i", "o", "u") else "a"
    return f"{firm.offer.call_to_action} for {article} {headline}"


def voice_phone(firm: FirmProfile) -> FirmPhone:
    """The number to call: the main line, else the first number that is not a fax."""
    main = firm.phones_with_role(PhoneRole.MAIN)
    if main:
        return main[0]
    return next((p for p in firm.phones if p.role is not PhoneRole.FAX), firm.phones[0])


@dataclass(frozen=True)
class PhoneView:
    """A number as templates print it."""

    role: str
    """The role's value: ``main``, ``toll_free``, ``fax``, ``mobile`` or ``other``."""
    label: str
    """The label to print: the firm's own ("Toll Free") or the role's default ("Office")."""
    display: str
    """As printed: the vanity text, else the national form ``(212) 201-9031``."""
    digits: str
    """``1-888-472-5291``: the digits to print beside a vanity number."""
    dashes: str
    """``212-201-9031``."""
    styled: str
    """The digits in the house style (``212-201-9031`` in the default ``dashes`` style)."""
    text: str
    """What to print, in the house style: ``1-88-VISA-LAW-1 (888-472-5291)`` for a vanity
    number (both forms, so the digits reach screen-reader users too), else :attr:`styled`
    (see :func:`pozo_site._phone.styled_text`)."""
    vanity: str | None
    tel_uri: str
    """``tel:+1-888-472-5291``: the link target."""
    telephone: str
    """``+1-888-472-5291``: the dialable value for data (h-card ``p-tel``, JSON-LD)."""
    e164: str
    is_toll_free: bool
    is_fax: bool


def _phone_view(number: PhoneNumber, role: PhoneRole, label: str, style: PhoneStyle) -> PhoneView:
    return PhoneView(
        role=role.value,
        label=label,
        display=number.display,
        digits=number.format(PhoneStyle.DIGITS),
        dashes=number.format(PhoneStyle.DASHES),
        styled=number.format(PhoneStyle.DIGITS if style is PhoneStyle.DISPLAY else style),
        text=styled_text(number, style),
        vanity=number.vanity,
        tel_uri=number.tel_uri,
        telephone=dialable(number),
        e164=number.e164,
        is_toll_free=number.is_toll_free,
        is_fax=role is PhoneRole.FAX,
    )


def phone_view(phone: FirmPhone, style: PhoneStyle | str = DEFAULT_PHONE_STYLE) -> PhoneView:
    """The view of one of the firm's numbers, printed in house style ``style``."""
    return _phone_view(phone.number, phone.role, phone.display_label, PhoneStyle(style))


@dataclass(frozen=True)
class HoursView:
    """Opening hours as printed: "Monday to Friday, 9:00 AM to 5:00 PM"."""

    days: tuple[str, ...]
    """Day names, in week order: ``("Monday", "Tuesday")``."""
    days_text: str
    """``Monday to Friday``: runs of three or more days joined with "to"."""
    opens: str
    """``09:00`` (24-hour, for ``<time datetime>`` and data)."""
    closes: str
    opens_text: str
    """``9:00 AM``."""
    closes_text: str
    text: str


def _clock(time: dt.time) -> str:
    suffix = "AM" if time.hour < 12 else "PM"
    return f"{time.hour % 12 or 12}:{time.minute:02d} {suffix}"


def _days_text(days: list[DayOfWeek]) -> str:
    runs: list[list[DayOfWeek]] = []
    for day in days:
        if runs and _WEEK.index(day) == _WEEK.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        names = [day.value.capitalize() for day in run]
        parts.extend([f"{names[0]} to {names[-1]}"] if len(run) >= 3 else names)
    return ", ".join(parts)


def _hours_view(hours: OpeningHours) -> HoursView:
    days = sorted(hours.days, key=_WEEK.index)
    days_text = _days_text(days)
    opens_text, closes_text = _clock(hours.opens), _clock(hours.closes)
    return HoursView(
        days=tuple(day.value.capitalize() for day in days),
        days_text=days_text,
        opens=f"{hours.opens:%H:%M}",
        closes=f"{hours.closes:%H:%M}",
        opens_text=opens_text,
        closes_text=closes_text,
        text=f"{days_text}, {opens_text} to {closes_text}",
    )


@dataclass(frozen=True)
class OfficeView:
    """An office as printed."""

    name: str | None
    street_address: str
    locality: str
    region: str
    postal_code: str
    country: str
    """ISO 3166-1 alpha-2 code."""
    country_shown: str | None
    """The country line to print: ``None`` for a US address, else the code."""
    locality_line: str
    """``New York, NY 10001``."""
    phone: PhoneView | None
    hours: tuple[HoursView, ...]


def _office_view(office: Office, style: PhoneStyle) -> OfficeView:
    address = office.address
    phone = (
        _phone_view(office.phone, PhoneRole.OTHER, PhoneRole.OTHER.label, style)
        if office.phone is not None
        else None
    )
    return OfficeView(
        name=office.name,
        street_address=address.street_address,
        locality=address.locality,
        region=address.region,
        postal_code=address.postal_code,
        country=address.country,
        country_shown=None if address.country == _HOME_COUNTRY else address.country,
        locality_line=f"{address.locality}, {address.region} {address.postal_code}",
        phone=phone,
        hours=tuple(_hours_view(h) for h in office.hours),
    )


@dataclass(frozen=True)
class LinkView:
    """A labelled link, e.g. a social profile."""

    label: str
    url: str


@dataclass(frozen=True)
class ContactView:
    """The whole template context for a contact block (each field is a template name)."""

    name: str
    advertising_notice: str | None
    offer_headline: str | None
    offer_call_to_action: str | None
    offer_text: str | None
    """"Call Today for a FREE in-office consultation", or ``None`` without an offer."""
    phones: tuple[PhoneView, ...]
    main_phone: PhoneView
    """The number to call (see :func:`voice_phone`)."""
    practice_areas: tuple[str, ...]
    areas_served: tuple[str, ...]
    offices: tuple[OfficeView, ...]
    email: str | None
    email_uri: str | None
    """``mailto:`` URI of the e-mail address, percent-encoded."""
    website: str | None
    social_profiles: tuple[LinkView, ...]
    languages: tuple[str, ...]

    def as_context(self) -> dict[str, Any]:
        """The fields as a template context mapping (shallow: views stay views)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def contact_view(firm: FirmProfile, *, phone_style: PhoneStyle | str | None = None) -> ContactView:
    """The template context for ``firm``'s contact block, numbers in ``phone_style``.

    ``None`` is the house style :data:`~pozo_site.DEFAULT_PHONE_STYLE` (``dashes``), the
    one ``pozo-site check`` enforces by default. Raises
    :class:`~pozo_site.render.RenderError` (``phone_style_unknown``) for another name.
    """
    style = resolve_phone_style(phone_style)
    email_uri = f"mailto:{quote(firm.email, safe='@+')}" if firm.email else None
    return ContactView(
        name=firm.name,
        advertising_notice=firm.advertising_notice,
        offer_headline=firm.offer.headline if firm.offer else None,
        offer_call_to_action=firm.offer.call_to_action if firm.offer else None,
        offer_text=offer_text(firm),
        phones=tuple(phone_view(p, style) for p in firm.phones),
        main_phone=phone_view(voice_phone(firm), style),
        practice_areas=firm.practice_areas,
        areas_served=firm.areas_served,
        offices=tuple(_office_view(o, style) for o in firm.offices),
        email=firm.email,
        email_uri=email_uri,
        website=str(firm.website) if firm.website is not None else None,
        social_profiles=tuple(LinkView(p.network, str(p.url)) for p in firm.social_profiles),
        languages=firm.languages,
    )
