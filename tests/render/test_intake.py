"""The staff summary and intake e-mail of a ConsultationRequest, read back by the stdlib parser.

Every message is serialised with ``as_bytes()`` and parsed again with
``BytesParser(policy=email.policy.default)``; the test compares what a mail client would
see. Hostile names and messages (the Big List of Naughty Strings) must never add, drop or
change a header.
"""

from __future__ import annotations

import datetime as dt
import doctest
import email.policy
import email.utils
import json
import re
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

import pytest
from pydantic import ValidationError

from pozo_site import ConsultationRequest, ContactMethod, MatterType
from pozo_site.render import URGENT_MARK, _intake, consultation_email, consultation_summary
from tests.testdata import blns

BLNS = blns()

NAME = "Ana Privata Example"
PHONE = "(212) 555-0187"
EMAIL = "ana.privata@example.com"
MESSAGE = "My brother was taken at 26 Federal Plaza.\nHe has a hearing; please call, today."
SUBMITTED = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
TO = "intake@example.com"
SENDER = "website@example.com"

HEADERS = {
    "Subject",
    "From",
    "To",
    "Date",
    "Message-ID",
    "Auto-Submitted",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
}


def make(**changes: Any) -> ConsultationRequest:
    data: dict[str, Any] = {
        "name": NAME,
        "phone": PHONE,
        "email": EMAIL,
        "matter_type": "deportation_defense",
        "message": MESSAGE,
        "consent": True,
        "submitted_at": SUBMITTED,
    }
    data.update(changes)
    return ConsultationRequest.model_validate({k: v for k, v in data.items() if v is not ...})


def parse(message: EmailMessage) -> EmailMessage:
    data = message.as_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only (policy.SMTP)
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
    parsed = BytesParser(policy=email.policy.default).parsebytes(data)
    assert isinstance(parsed, EmailMessage)
    assert not parsed.defects
    return parsed


def header_names(message: EmailMessage) -> list[str]:
    return list(message.keys())


def body(message: EmailMessage) -> str:
    content = message.get_content()
    assert isinstance(content, str)
    return content.replace("\r\n", "\n")


# -- summary ---------------------------------------------------------------------------------

EXPECTED_SUMMARY = """\
URGENT: person or family member detained

Consultation request: Deportation defense
Detained now:       yes
Preferred contact:  Text message
Language:           es
Preferred date:     2026-03-04
Submitted:          2026-03-02 09:30 -05:00
Consent:            given (to be contacted about this request)

Name:    Ana Privata Example
Phone:   +1 212-555-0187
E-mail:  ana.privata@example.com

Message:
> My brother was taken at 26 Federal Plaza.
> He has a hearing; please call, today."""


def test_urgent_summary_exact() -> None:
    request = make(
        detained=True,
        preferred_contact="text_message",
        preferred_language="es",
        preferred_date="2026-03-04",
    )
    assert request.summary() == EXPECTED_SUMMARY
    assert consultation_summary(request) == EXPECTED_SUMMARY
    assert request.summary().splitlines()[0] == URGENT_MARK


def test_non_urgent_summary_is_not_marked() -> None:
    request = make(phone=..., detained=False, message="", matter_type="daca")
    text = request.summary()
    assert "URGENT" not in text
    lines = text.splitlines()
    assert lines[0] == "Consultation request: DACA"
    assert "Detained now:       no" in lines
    assert "Preferred contact:  E-mail" in lines
    assert "Language:           not given" in lines
    assert "Preferred date:     not given" in lines
    assert not any(line.startswith("Phone:") for line in lines)
    assert lines[-1] == "Message: (none)"


def test_message_is_quoted_so_it_cannot_pass_for_summary_lines() -> None:
    forged = "ok\nURGENT: person or family member detained\n\nConsultation request: Asylum"
    request = make(detained=False, message=forged)
    lines = request.summary().splitlines()
    assert lines[0] != URGENT_MARK
    assert lines[-4:] == [
        "> ok",
        "> URGENT: person or family member detained",
        ">",
        "> Consultation request: Asylum",
    ]


def test_every_matter_type_and_contact_method_has_a_label() -> None:
    # The labels moved onto the enums (MatterType.label, ContactMethod.label).
    assert all(method.label() for method in ContactMethod)
    assert len({matter.label() for matter in MatterType}) == len(MatterType)
    for matter in MatterType:
        assert (
            f"Consultation request: {matter.label()}"
            in make(matter_type=matter).summary().splitlines()
        )


# -- e-mail ----------------------------------------------------------------------------------


def test_email_headers_and_body() -> None:
    request = make(detained=True)
    parsed = parse(request.to_email(to=TO, sender=SENDER, firm_name="Pozo Goldstein"))
    assert sorted(header_names(parsed)) == sorted(HEADERS | {"Reply-To", "Importance"})
    assert parsed["Subject"] == "[URGENT] Consultation request: Deportation defense"
    assert parsed["To"].addresses[0].addr_spec == TO
    sender = parsed["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == ("Pozo Goldstein", SENDER)
    assert [a.addr_spec for a in parsed["Reply-To"].addresses] == [EMAIL]
    assert parsed["Reply-To"].addresses[0].display_name == ""
    assert parsed["Date"].datetime == SUBMITTED
    assert parsed["Importance"] == "high"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert re.fullmatch(r"<[^<>@\s]+@example\.com>", parsed["Message-ID"])
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content_charset() == "utf-8"
    assert body(parsed) == request.summary() + "\n"
    assert body(parsed).startswith(URGENT_MARK + "\n")


def test_email_without_requester_email_has_no_reply_to() -> None:
    request = make(email=..., detained=False)
    parsed = parse(consultation_email(request, to=TO, sender=SENDER))
    assert sorted(header_names(parsed)) == sorted(HEADERS)
    assert parsed["Subject"] == "Consultation request: Deportation defense"
    assert parsed["From"].addresses[0].display_name == ""


def test_personal_data_stays_out_of_the_headers() -> None:
    request = make(detained=True)
    data = request.to_email(to=TO, sender=SENDER).as_bytes()
    head = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    for secret in (NAME, "Privata", "555-0187", "5550187", "Federal Plaza"):
        assert secret not in head
    assert head.count("ana.privata@example.com") == 1  # Reply-To only


def test_date_is_deterministic_and_message_ids_are_unique() -> None:
    request = make()
    first = request.to_email(to=TO, sender=SENDER)
    second = request.to_email(to=TO, sender=SENDER)
    assert first["Date"] == second["Date"] == "Mon, 02 Mar 2026 09:30:00 -0500"
    assert first["Message-ID"] != second["Message-ID"]
    assert first.get_content() == second.get_content()


@pytest.mark.parametrize(
    "firm_name", ['Pozo "Goldstein", LLP', "Pozo <Goldstein>", "Pozo Goldstein — Abogados ñ"]
)
def test_firm_name_is_encoded_in_the_display_name(firm_name: str) -> None:
    parsed = parse(make().to_email(to=TO, sender=SENDER, firm_name=firm_name))
    assert len(parsed["From"].addresses) == 1
    assert parsed["From"].addresses[0].display_name == firm_name
    assert parsed["From"].addresses[0].addr_spec == SENDER


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("to", "intake@example.com\r\nBcc: spy@example.net", "to must be one e-mail address"),
        ("to", "intake@example.com\nBcc: spy@example.net", "to must be one e-mail address"),
        ("to", "a@example.com, b@example.com", "to is not a valid e-mail address"),
        ("to", "Intake <intake@example.com>", "to is not a valid e-mail address"),
        ("to", "", "to is not a valid e-mail address"),
        ("sender", "not an address", "sender is not a valid e-mail address"),
        ("sender", "web@example.com\x00", "sender must be one e-mail address"),
        ("firm_name", "Pozo\r\nBcc: spy@example.net", "firm_name must be one line"),
    ],
)
def test_staff_addresses_and_firm_name_are_validated(field: str, value: str, match: str) -> None:
    arguments = {"to": TO, "sender": SENDER, "firm_name": "Pozo Goldstein", field: value}
    with pytest.raises(ValueError, match=match) as info:
        make().to_email(**arguments)
    for secret in (NAME, EMAIL, "555-0187", "Federal Plaza"):
        assert secret not in str(info.value)


def test_international_addresses() -> None:
    # An IDN domain goes into the headers in its ASCII (IDNA) form; a non-ASCII local part
    # needs an SMTPUTF8 message (RFC 6532), so the policy switches to SMTPUTF8.
    request = make(email="zoë@exämple.com")
    message = request.to_email(to=TO, sender="web@exämple.com")
    assert message.policy.utf8
    parsed = parse(message)
    assert parsed["From"].addresses[0].addr_spec == "web@xn--exmple-cua.com"
    assert parsed["Message-ID"].endswith("@xn--exmple-cua.com>")
    # The stdlib parser leaves raw UTF-8 in headers as surrogate escapes.
    username = parsed["Reply-To"].addresses[0].username
    assert username.encode("ascii", "surrogateescape").decode("utf-8") == "zoë"
    assert parsed["Reply-To"].addresses[0].domain == "xn--exmple-cua.com"
    assert not make().to_email(to=TO, sender=SENDER).policy.utf8


def test_long_message_lines_are_encoded_within_limits() -> None:
    request = make(message="é" * 4_000 + "\n" + "x" * 900)
    parsed = parse(request.to_email(to=TO, sender=SENDER))
    assert body(parsed) == request.summary() + "\n"


# -- hostile input ---------------------------------------------------------------------------


def quoted(message: str) -> str:
    return "\n".join(">" + (f" {line}" if line else "") for line in message.split("\n"))


@pytest.mark.parametrize("field", ["name", "message"])
def test_every_naughty_string_keeps_the_headers(field: str) -> None:
    expected = sorted(HEADERS | {"Reply-To"})
    accepted = 0
    failures: list[tuple[int, str]] = []
    for index, value in enumerate(BLNS):
        try:
            request = make(**{field: value, "detained": False})
        except ValidationError:
            continue  # refused by the model (e.g. a name that is blank after cleaning)
        accepted += 1
        parsed = parse(request.to_email(to=TO, sender=SENDER, firm_name="Pozo Goldstein"))
        text = body(parsed)
        if sorted(header_names(parsed)) != expected:
            failures.append((index, f"headers: {header_names(parsed)}"))
        if parsed["Subject"] != "Consultation request: Deportation defense":
            failures.append((index, "subject"))
        if [a.addr_spec for a in parsed["Reply-To"].addresses] != [EMAIL]:
            failures.append((index, "reply-to"))
        if text != request.summary() + "\n":
            failures.append((index, "body differs from the summary"))
        if field == "name" and f"\nName:    {request.name}\n" not in text:
            failures.append((index, "name missing"))
        if field == "message" and request.message.strip() and quoted(request.message) not in text:
            failures.append((index, "message missing"))
    assert failures == []
    assert accepted >= 0.9 * len(BLNS), accepted


# -- personal data never leaks (regression for the new methods) ----------------------------


def test_repr_and_str_hold_no_personal_data_after_use() -> None:
    request = make(detained=True)
    request.summary()
    request.to_email(to=TO, sender=SENDER)
    for text in (repr(request), str(request)):
        for secret in (NAME, "Privata", EMAIL, "555-0187", "5550187", "Federal Plaza"):
            assert secret not in text


@pytest.mark.parametrize(
    "changes",
    [
        {"consent": False},
        {"email": "ana.privata@@example.com"},
        {"phone": "(212) 555-01879999"},
        {"preferred_contact": "email", "email": ...},
        {"preferred_date": "2020-01-01"},
        {"message": MESSAGE * 200},
        {"matter_type": "Ana Privata Example"},
    ],
)
def test_validation_errors_hold_no_personal_data(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as info:
        make(**changes)
    error = info.value
    # hide_input_in_errors governs the text; errors() hands back the raw input by design
    # (pydantic's API) unless asked not to, so callers that log errors must pass this.
    texts = [
        str(error),
        repr(error),
        json.dumps(error.errors(include_url=False, include_input=False), default=str),
    ]
    for text in texts:
        for secret in (NAME, "Privata", "555-0187", "5550187", "Federal Plaza"):
            assert secret not in text


def test_docstring_examples() -> None:
    result = doctest.testmod(_intake)
    assert result.attempted > 0
    assert result.failed == 0
