"""The acknowledgement e-mail, and header lines within RFC 5322 limits whatever the names.

Messages are read back with the standard library's parser, header by header.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from email.message import EmailMessage

import pytest
from hypothesis import given, settings

from pozo_site import ConsultationRequest, FirmProfile, default_firm
from pozo_site.render import consultation_acknowledgement, consultation_email
from pozo_site.render._intake import MAX_DISPLAY_NAME
from tests.strategies import firm_names

SUBMITTED = dt.datetime(2027, 1, 15, 8, 0, tzinfo=dt.timezone.utc)
SENT = dt.datetime(2027, 1, 15, 8, 0, 5, tzinfo=dt.timezone.utc)
FIRM = default_firm()
NAME = "Ana Mrkname Example"
MESSAGE = "Mrkmessage: please call after six"


def make(**changes: object) -> ConsultationRequest:
    data: dict[str, object] = {
        "name": NAME,
        "phone": "(212) 555-0142",
        "email": "ana@example.com",
        "matter_type": "green_card",
        "message": MESSAGE,
        "consent": True,
        "submitted_at": SUBMITTED,
    }
    data.update(changes)
    return ConsultationRequest.model_validate({k: v for k, v in data.items() if v is not None})


def parse(message: EmailMessage) -> EmailMessage:
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def body(message: EmailMessage) -> str:
    content: str = message.get_content()
    return content.replace("\r\n", "\n")


def longest_line(message: EmailMessage) -> int:
    return max(len(line) for line in message.as_bytes().split(b"\r\n"))


def test_the_acknowledgement_in_english_header_by_header() -> None:
    parsed = parse(
        consultation_acknowledgement(make(), firm=FIRM, sender="web@example.com", now=SENT)
    )
    assert sorted(parsed.keys()) == sorted(
        [
            "Subject",
            "From",
            "To",
            "Date",
            "Message-ID",
            "Auto-Submitted",
            "X-Auto-Response-Suppress",
            "Content-Type",
            "Content-Transfer-Encoding",
            "MIME-Version",
            "Content-Language",
        ]
    )
    assert parsed["Subject"] == "We received your consultation request: Pozo Goldstein"
    (sender,) = parsed["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Pozo Goldstein", "web@example.com")
    assert [a.addr_spec for a in parsed["To"].addresses] == ["ana@example.com"]
    assert parsed["Date"].datetime == SENT
    assert parsed["Message-ID"].endswith("@example.com>")
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["X-Auto-Response-Suppress"] == "All"
    assert parsed["Content-Language"] == "en"
    assert parsed.get_content_charset() == "utf-8"
    assert body(parsed) == (
        "Thank you for your consultation request to Pozo Goldstein.\n"
        "\n"
        "We received it on 2027-01-15. Matter: Green card.\n"
        "We will contact you using the details you gave (phone call).\n"
        "\n"
        "You are receiving this message because this address was given in the consultation "
        "form on our website. If you did not send the request, you can ignore this message.\n"
        "\n"
        "-- \n"
        "Pozo Goldstein\n"
        "Phone: (212) 201-9031\n"
    )


def test_the_acknowledgement_in_spanish_for_an_urgent_request() -> None:
    request = make(detained=True, matter_type="detention", preferred_contact="text_message")
    parsed = parse(
        consultation_acknowledgement(request, firm=FIRM, sender="web@example.com", locale="es")
    )
    assert parsed["Subject"] == "Hemos recibido su solicitud de consulta: Pozo Goldstein"
    assert parsed["Content-Language"] == "es"
    text = body(parsed)
    assert "Tema: Detención (fianza y liberación)." in text
    assert "(mensaje de texto)" in text
    assert "Si alguien está detenido ahora, también puede llamarnos al (212) 201-9031." in text
    assert "Teléfono: (212) 201-9031" in text


def test_the_acknowledgement_repeats_nothing_the_visitor_typed() -> None:
    for locale in ("en", "es"):
        message = consultation_acknowledgement(
            make(), firm=FIRM, sender="web@example.com", locale=locale
        )
        raw = message.as_string()
        for typed in ("Mrkname", "Mrkmessage", "555-0142", "5550142"):
            assert typed not in raw


def test_the_locale_defaults_to_the_preferred_language_when_shipped() -> None:
    def language(request: ConsultationRequest) -> str:
        message = consultation_acknowledgement(request, firm=FIRM, sender="web@example.com")
        return str(message["Content-Language"])

    assert language(make(preferred_language="es-419")) == "es"
    assert language(make(preferred_language="zh-Hant")) == "en"
    assert language(make()) == "en"


def test_reply_to_is_the_firm_never_the_requester() -> None:
    firm = FIRM.model_copy(update={"email": "intake@example.com", "website": None})
    parsed = parse(consultation_acknowledgement(make(), firm=firm, sender="web@example.com"))
    assert [a.addr_spec for a in parsed["Reply-To"].addresses] == ["intake@example.com"]
    parsed = parse(
        consultation_acknowledgement(
            make(), firm=firm, sender="web@example.com", reply_to="office@example.com"
        )
    )
    assert [a.addr_spec for a in parsed["Reply-To"].addresses] == ["office@example.com"]
    assert "Reply-To" not in parse(
        consultation_acknowledgement(make(), firm=FIRM, sender="web@example.com")
    )


def test_the_firms_website_closes_the_message() -> None:
    firm = FirmProfile.model_validate(
        {**FIRM.model_dump(mode="json", exclude_none=True), "website": "https://example.com/"}
    )
    text = body(parse(consultation_acknowledgement(make(), firm=firm, sender="web@example.com")))
    assert text.endswith("Phone: (212) 201-9031\nhttps://example.com/\n")


def test_a_request_without_e_mail_cannot_be_acknowledged() -> None:
    with pytest.raises(ValueError, match="no e-mail address"):
        consultation_acknowledgement(make(email=None), firm=FIRM, sender="web@example.com")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"sender": "web@example.com\r\nBcc: x@example.net"}, "sender must be one e-mail"),
        ({"sender": "web"}, "sender is not a valid e-mail address"),
        ({"sender": "web@example.com", "reply_to": "a@b@c"}, "reply_to is not a valid"),
        ({"sender": "web@example.com", "locale": "de"}, "unsupported locale"),
    ],
)
def test_bad_arguments_are_clear_errors(arguments: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        consultation_acknowledgement(make(), firm=FIRM, **arguments)  # type: ignore[arg-type]


def test_a_non_ascii_address_travels_as_smtputf8() -> None:
    message = consultation_acknowledgement(
        make(email="jos\u00e9@example.com"), firm=FIRM, sender="web@example.com"
    )
    assert message.policy.utf8


# -- header lines within RFC 5322 (issue 13, item 9) ---------------------------------------------


@pytest.mark.parametrize(
    "firm_name",
    ["x" * 2000, "Pozo Goldstein " * 150, "Fírm" * 500, "Pozo-Goldstein-" * 140, "ü" * 2000],
)
def test_a_long_firm_name_keeps_every_header_line_within_998_octets(firm_name: str) -> None:
    message = consultation_email(
        make(), to="intake@example.com", sender="web@example.com", firm_name=firm_name
    )
    assert longest_line(message) <= 998
    parsed = parse(message)
    (sender,) = parsed["From"].addresses
    assert sender.addr_spec == "web@example.com"
    shown = sender.display_name.replace(" ", "")
    assert len(sender.display_name) <= MAX_DISPLAY_NAME + 30  # the parser may add spaces
    kept = shown.rstrip("\u2026")
    assert kept
    assert firm_name.replace(" ", "").startswith(kept)


def test_a_name_within_the_limit_is_kept_as_it_is() -> None:
    name = "Pozo Goldstein, Attorneys at Law"
    message = consultation_email(
        make(), to="intake@example.com", sender="web@example.com", firm_name=name
    )
    assert parse(message)["From"].addresses[0].display_name == name
    assert longest_line(message) <= 78


@settings(max_examples=150, deadline=None)
@given(firm_name=firm_names)
def test_any_firm_name_gives_lines_within_998_octets(firm_name: str) -> None:
    if not firm_name.isprintable():
        return  # refused with ValueError, tested in test_intake
    message = consultation_email(
        make(), to="intake@example.com", sender="web@example.com", firm_name=firm_name
    )
    assert longest_line(message) <= 998
    assert parse(message)["From"].addresses[0].addr_spec == "web@example.com"


def test_a_long_firm_profile_name_in_the_acknowledgement() -> None:
    firm = FIRM.model_copy(update={"name": "N" * 200})
    message = consultation_acknowledgement(make(), firm=firm, sender="web@example.com")
    assert longest_line(message) <= 998
    assert parse(message)["Subject"].endswith("N" * 50)
