"""The staff side of a consultation request: a plain-text summary and the intake e-mail.

Pure functions, no I/O: :func:`consultation_summary` returns text, and
:func:`consultation_email` returns a standard-library ``EmailMessage`` for the caller to
send. The summary is written for the firm's staff, so it holds the person's details; the
e-mail's headers hold none of them except the ``Reply-To`` address. Nothing the person
typed can add or change a header: the subject is built from the matter type alone, the
name and message go only into the body, and every address is validated and written
through ``email.headerregistry.Address``.

>>> import datetime as dt
>>> from pozo_site import ConsultationRequest
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
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
from email.headerregistry import Address
from email.message import EmailMessage
from typing import Final

import email_validator

from pozo_site._consultation import ConsultationRequest, ContactMethod, MatterType

__all__ = ["URGENT_MARK", "consultation_email", "consultation_subject", "consultation_summary"]

URGENT_MARK: Final = "URGENT: person or family member detained"
"""The first line of an urgent request's summary."""

_MATTER_LABELS: Final = {
    MatterType.FAMILY_IMMIGRATION: "Family immigration",
    MatterType.GREEN_CARD: "Green card",
    MatterType.CITIZENSHIP: "Citizenship",
    MatterType.DEPORTATION_DEFENSE: "Deportation defense",
    MatterType.DETENTION: "Detention (bond and release)",
    MatterType.ASYLUM: "Asylum",
    MatterType.DACA: "DACA",
    MatterType.EMPLOYMENT_VISA: "Employment visa",
    MatterType.STUDENT_VISA: "Student visa",
    MatterType.VISITOR_VISA: "Visitor visa",
    MatterType.WAIVER: "Waiver",
    MatterType.CRIMINAL_IMMIGRATION: "Criminal immigration",
    MatterType.APPEAL: "Appeal",
    MatterType.OTHER: "Other",
}

_CONTACT_LABELS: Final = {
    ContactMethod.PHONE: "Phone call",
    ContactMethod.TEXT_MESSAGE: "Text message",
    ContactMethod.EMAIL: "E-mail",
}

_NOT_GIVEN: Final = "not given"


def consultation_subject(request: ConsultationRequest) -> str:
    """The intake e-mail's subject: matter type and urgency, nothing the person typed.

    The matter type is one of :class:`MatterType`'s fixed values, so the subject holds
    no personal data and no text a requester could shape.
    """
    prefix = "[URGENT] " if request.urgent else ""
    return f"{prefix}Consultation request: {_MATTER_LABELS[request.matter_type]}"


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
        f"Consultation request: {_MATTER_LABELS[request.matter_type]}",
        f"Detained now:       {'yes' if request.detained else 'no'}",
        f"Preferred contact:  {_CONTACT_LABELS[contact] if contact else _NOT_GIVEN}",
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
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str")
    if not value.isprintable():
        raise ValueError(f"{what} must be one e-mail address, without line breaks or controls")
    try:
        result = email_validator.validate_email(value, check_deliverability=False)
    except email_validator.EmailNotValidError as error:
        reason = str(error).split(":", 1)[0].rstrip(".")
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
    return firm_name.strip()


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
    either is invalid or holds a line break, or if ``firm_name`` does. The message uses
    ``email.policy.SMTP`` (CRLF), or ``SMTPUTF8`` when an address has a non-ASCII local
    part.
    """
    to_address, to_utf8 = _address(to, "to")
    from_address, from_utf8 = _address(sender, "sender")
    from_address = Address(
        display_name=_display_name(firm_name),
        username=from_address.username,
        domain=from_address.domain,
    )
    reply_to: Address | None = None
    reply_utf8 = False
    if request.email is not None:
        reply_to, reply_utf8 = _address(request.email, "the request's e-mail")
    utf8 = to_utf8 or from_utf8 or reply_utf8
    message = EmailMessage(policy=email.policy.SMTPUTF8 if utf8 else email.policy.SMTP)
    message["Subject"] = consultation_subject(request)
    message["From"] = from_address
    message["To"] = to_address
    if reply_to is not None:
        message["Reply-To"] = reply_to
    message["Date"] = email.utils.format_datetime(request.submitted_at)
    message["Message-ID"] = email.utils.make_msgid(domain=from_address.domain)
    message["Auto-Submitted"] = "auto-generated"
    if request.urgent:
        message["Importance"] = "high"
    message.set_content(consultation_summary(request) + "\n", charset="utf-8")
    return message
