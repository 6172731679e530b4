"""E-mail for a consultation request: staff summary, intake e-mail, acknowledgement.

Pure functions, no I/O: :func:`consultation_summary` returns text, and
:func:`consultation_email` and :func:`consultation_acknowledgement` return standard-library
``EmailMessage`` objects for the caller to send. The summary is written for the firm's
staff, so it holds the person's details; the intake e-mail's headers hold none of them
except the ``Reply-To`` address. Nothing the person
typed can add or change a header: the subject is built from the matter type alone, the
name and message go only into the body, and every address is validated and written
through ``email.headerregistry.Address``.

>>> import datetime as dt
>>> from pozo_site import ConsultationRequest, default_firm
>>> request = ConsultationRequest(
...     name="Ana Example",
...     phone="(212) 555-0123",
...     email="ana@example.com",
...     matter_type="detention",
...     detained=True,
...     consent=True,
...     submitted_at=dt.datetime(2026, 1, 5, 15, 0, tzinfo=dt.timezone.utc),
... )
>>> print(consultation_summary(request))
URGENT: person or family member detained
<BLANKLINE>
Consultation request: Detention (bond and release)
Detained now:       yes
Preferred contact:  Phone call
Language:           not given
Preferred date:     not given
Submitted:          2026-01-05 15:00 +00:00
Consent:            given (to be contacted about this request)
<BLANKLINE>
Name:    Ana Example
Phone:   +1 212-555-0123
E-mail:  ana@example.com
<BLANKLINE>
Message: (none)
>>> message = consultation_email(request, to="intake@example.com", sender="web@example.com")
>>> message["Subject"], message["Reply-To"], message["Date"]
('[URGENT] Consultation request: Detention (bond and release)', 'ana@example.com', \
'Mon, 05 Jan 2026 15:00:00 +0000')
>>> thanks = consultation_acknowledgement(
...     request, firm=default_firm(), sender="web@example.com", locale="es"
... )
>>> thanks["To"], thanks["Subject"], thanks["Content-Language"]
('ana@example.com', 'Hemos recibido su solicitud de consulta: Pozo Goldstein', 'es')

Header lines stay within RFC 5322's limit of 998 octets whatever the firm's name: a
display name is cut at :data:`MAX_DISPLAY_NAME` characters (a name is a label, not data),
and the standard library folds the rest.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

import email_validator

from pozo_site._consultation import ConsultationRequest, ContactMethod
from pozo_site._consultation_text import resolve_locale
from pozo_site._contact import email_reason
from pozo_site._firm import FirmProfile
from pozo_site._intake_bridge import install_intake_renderers
from pozo_site.render._view import voice_phone

if TYPE_CHECKING:
    from email.headerregistry import Address
    from email.message import EmailMessage

__all__ = [
    "MAX_DISPLAY_NAME",
    "URGENT_MARK",
    "consultation_acknowledgement",
    "consultation_email",
    "consultation_subject",
    "consultation_summary",
]

URGENT_MARK: Final = "URGENT: person or family member detained"
"""The first line of an urgent request's summary."""

MAX_DISPLAY_NAME: Final = 200
"""Longest display name (the firm's name) written into a ``From`` header."""

_NOT_GIVEN: Final = "not given"


def consultation_subject(request: ConsultationRequest) -> str:
    """The intake e-mail's subject: matter type and urgency, nothing the person typed.

    The matter type is one of :class:`MatterType`'s fixed values, so the subject holds
    no personal data and no text a requester could shape.
    """
    prefix = "[URGENT] " if request.urgent else ""
    return f"{prefix}Consultation request: {request.matter_type.label()}"


def _timestamp(moment: dt.datetime) -> str:
    """``2026-01-05 15:00 +00:00``: minutes, in the zone the time was given in."""
    offset = moment.utcoffset() or dt.timedelta()
    sign = "-" if offset < dt.timedelta() else "+"
    hours, rest = divmod(abs(offset), dt.timedelta(hours=1))
    minutes = rest // dt.timedelta(minutes=1)
    return f"{moment:%Y-%m-%d %H:%M} {sign}{hours:02d}:{minutes:02d}"


def _quote(message: str) -> list[str]:
    """The message as a quoted block, so no line of it can pass for a summary line."""
    if not message.strip():
        return ["Message: (none)"]
    return ["Message:", *(">" + (f" {line}" if line else "") for line in message.split("\n"))]


def consultation_summary(request: ConsultationRequest) -> str:
    """A plain-text summary of ``request`` for the firm's staff (it holds personal data).

    An urgent request (someone detained) starts with :data:`URGENT_MARK`. Then the
    matter, how and when the person wants to be contacted, the contact details, and the
    message as a ``>``-quoted block. Ends without a trailing newline.
    """
    lines: list[str] = [URGENT_MARK, ""] if request.urgent else []
    contact = request.preferred_contact
    language = request.preferred_language or _NOT_GIVEN
    date = request.preferred_date.isoformat() if request.preferred_date else _NOT_GIVEN
    submitted = _timestamp(request.submitted_at)
    lines += [
        f"Consultation request: {request.matter_type.label()}",
        f"Detained now:       {'yes' if request.detained else 'no'}",
        f"Preferred contact:  {contact.label() if contact else _NOT_GIVEN}",
        f"Language:           {language}",
        f"Preferred date:     {date}",
        f"Submitted:          {submitted}",
        "Consent:            given (to be contacted about this request)",
        "",
        f"Name:    {request.name}",
    ]
    if request.phone is not None:
        lines.append(f"Phone:   {request.phone.international}")
    if request.email is not None:
        lines.append(f"E-mail:  {request.email}")
    lines.append("")
    lines += _quote(request.message)
    return "\n".join(lines)


def _address(value: str, what: str) -> tuple[Address, bool]:
    """``value`` as one header-safe address, and whether it needs SMTPUTF8.

    Raises ``ValueError`` naming ``what`` (never repeating the value) when ``value`` is
    not exactly one valid e-mail address.
    """
    from email.headerregistry import Address  # noqa: PLC0415 (only e-mail builders need it)

    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str")
    if not value.isprintable():
        raise ValueError(f"{what} must be one e-mail address, without line breaks or controls")
    try:
        result = email_validator.validate_email(value, check_deliverability=False)
    except email_validator.EmailNotValidError as error:
        reason = email_reason(error)
        raise ValueError(f"{what} is not a valid e-mail address: {reason}") from None
    # Headers take the domain in its ASCII (IDNA) form; a non-ASCII local part can only
    # travel in an SMTPUTF8 message (RFC 6532).
    if result.ascii_email is not None:
        return Address(addr_spec=result.ascii_email), False
    return Address(username=result.local_part, domain=result.ascii_domain), True


def _display_name(firm_name: str | None) -> str:
    if firm_name is None:
        return ""
    if not firm_name.isprintable():
        raise ValueError("firm_name must be one line, without line breaks or controls")
    name = " ".join(firm_name.split())
    if len(name) > MAX_DISPLAY_NAME:
        name = name[: MAX_DISPLAY_NAME - 1].rstrip() + "\u2026"
    return name


def _sender(sender: str, firm_name: str | None) -> tuple[Address, bool]:
    from email.headerregistry import Address  # noqa: PLC0415

    address, utf8 = _address(sender, "sender")
    display = _display_name(firm_name)
    return Address(display_name=display, username=address.username, domain=address.domain), utf8


def _new_message(utf8: bool) -> EmailMessage:
    import email.policy  # noqa: PLC0415 (only those who build e-mail need it)
    from email.message import EmailMessage  # noqa: PLC0415

    return EmailMessage(policy=email.policy.SMTPUTF8 if utf8 else email.policy.SMTP)


def _date(moment: dt.datetime) -> str:
    import email.utils  # noqa: PLC0415

    return email.utils.format_datetime(moment)


def _message_id(domain: str) -> str:
    import email.utils  # noqa: PLC0415

    return email.utils.make_msgid(domain=domain)


def consultation_email(
    request: ConsultationRequest, *, to: str, sender: str, firm_name: str | None = None
) -> EmailMessage:
    """The intake e-mail for ``request``, from ``sender`` to the staff address ``to``.

    Subject: :func:`consultation_subject`. Body: :func:`consultation_summary` as
    ``text/plain; charset=utf-8``. ``Reply-To`` is the person's e-mail when given, so a
    reply reaches them; ``From`` shows ``firm_name`` when given. ``Date`` is the time of
    submission (same request, same date); ``Message-ID`` is new each call, on the
    sender's domain. ``Auto-Submitted: auto-generated`` (RFC 3834) keeps staff
    auto-replies from reaching the person; an urgent request adds ``Importance: high``.

    ``to`` and ``sender`` are single addresses (no display names); ``ValueError`` if
    either is invalid or holds a line break, or if ``firm_name`` does (a ``firm_name``
    longer than :data:`MAX_DISPLAY_NAME` characters is shortened). The message uses
    ``email.policy.SMTP`` (CRLF), or ``SMTPUTF8`` when an address has a non-ASCII local
    part.
    """
    to_address, to_utf8 = _address(to, "to")
    from_address, from_utf8 = _sender(sender, firm_name)
    reply_to: Address | None = None
    reply_utf8 = False
    if request.email is not None:
        reply_to, reply_utf8 = _address(request.email, "the request's e-mail")
    utf8 = to_utf8 or from_utf8 or reply_utf8
    message = _new_message(utf8)
    message["Subject"] = consultation_subject(request)
    message["From"] = from_address
    message["To"] = to_address
    if reply_to is not None:
        message["Reply-To"] = reply_to
    message["Date"] = _date(request.submitted_at)
    message["Message-ID"] = _message_id(from_address.domain)
    message["Auto-Submitted"] = "auto-generated"
    if request.urgent:
        message["Importance"] = "high"
    message.set_content(consultation_summary(request) + "\n", charset="utf-8")
    return message


_ACKNOWLEDGEMENT: Final = {
    "en": {
        "subject": "We received your consultation request: {firm}",
        "opening": "Thank you for your consultation request to {firm}.",
        "received": "We received it on {date}. Matter: {matter}.",
        "contact": "We will contact you using the details you gave ({method}).",
        "detained": "If someone is detained now, you can also call us at {phone}.",
        "not_you": (
            "You are receiving this message because this address was given in the "
            "consultation form on our website. If you did not send the request, you can "
            "ignore this message."
        ),
        "call": "Phone: {phone}",
    },
    "es": {
        "subject": "Hemos recibido su solicitud de consulta: {firm}",
        "opening": "Gracias por su solicitud de consulta a {firm}.",
        "received": "La recibimos el {date}. Tema: {matter}.",
        "contact": "Le contactaremos con los datos que nos dio ({method}).",
        "detained": "Si alguien está detenido ahora, también puede llamarnos al {phone}.",
        "not_you": (
            "Recibe este mensaje porque esta dirección se indicó en el formulario de "
            "consulta de nuestro sitio web. Si usted no envió la solicitud, puede ignorar "
            "este mensaje."
        ),
        "call": "Teléfono: {phone}",
    },
}
"""The acknowledgement's words; each locale of ``FORM_LOCALES`` has every key."""


def _acknowledgement_body(request: ConsultationRequest, firm: FirmProfile, locale: str) -> str:
    words = _ACKNOWLEDGEMENT[locale]
    phone = voice_phone(firm).number.display
    method = request.preferred_contact or ContactMethod.EMAIL
    lines = [
        words["opening"].format(firm=firm.name),
        "",
        words["received"].format(
            date=request.submitted_at.date().isoformat(),
            matter=request.matter_type.label(locale),
        ),
        words["contact"].format(method=method.label(locale).lower()),
    ]
    if request.urgent:
        lines.append(words["detained"].format(phone=phone))
    lines += ["", words["not_you"], "", "-- ", firm.name, words["call"].format(phone=phone)]
    if firm.website is not None:
        lines.append(str(firm.website))
    return "\n".join(lines) + "\n"


def consultation_acknowledgement(
    request: ConsultationRequest,
    *,
    firm: FirmProfile,
    sender: str,
    locale: str | None = None,
    reply_to: str | None = None,
    now: dt.datetime | None = None,
) -> EmailMessage:
    """The e-mail that tells the requester their request arrived, in their ``locale``.

    To the request's e-mail address (``ValueError`` when it has none), from ``sender``
    shown as the firm's name. ``locale`` is the form's (``en`` or ``es``; default: the
    request's preferred language when shipped, else English).

    Safe to send to whatever address a visitor typed: the message repeats nothing the
    visitor typed (no name, no message; only the matter type and contact method, which
    are fixed choices), so the form cannot be used to send someone else a text of one's
    own; it makes no claim beyond the firm's name and number. ``Reply-To`` is
    ``reply_to`` or the firm's e-mail when the profile has one, never the requester's
    address. ``Auto-Submitted: auto-generated`` and ``X-Auto-Response-Suppress: All``
    keep auto-replies from looping; ``Content-Language`` names the locale.
    """
    if request.email is None:
        raise ValueError("the request has no e-mail address to acknowledge")
    if locale is None:
        preferred = request.preferred_language or "en"
        try:
            locale = resolve_locale(preferred)
        except ValueError:
            locale = "en"
    locale = resolve_locale(locale)
    to_address, to_utf8 = _address(request.email, "the request's e-mail")
    from_address, from_utf8 = _sender(sender, firm.name)
    answer_to = reply_to if reply_to is not None else firm.email
    reply_address, reply_utf8 = (
        _address(answer_to, "reply_to") if answer_to is not None else (None, False)
    )
    message = _new_message(to_utf8 or from_utf8 or reply_utf8)
    message["Subject"] = _ACKNOWLEDGEMENT[locale]["subject"].format(firm=_display_name(firm.name))
    message["From"] = from_address
    message["To"] = to_address
    if reply_address is not None:
        message["Reply-To"] = reply_address
    message["Date"] = _date(now if now is not None else dt.datetime.now(dt.timezone.utc))
    message["Message-ID"] = _message_id(from_address.domain)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(_acknowledgement_body(request, firm, locale), charset="utf-8")
    message["Content-Language"] = locale  # after set_content, which resets Content-*
    return message


# ConsultationRequest.summary() and .to_email() delegate here (see pozo_site._intake_bridge).
install_intake_renderers(consultation_summary, consultation_email)
