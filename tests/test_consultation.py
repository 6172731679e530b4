"""ConsultationRequest: rules, and personal data kept out of reprs and errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from pozo_site import ConsultationRequest, ContactMethod, MatterType

NAME = "Ana Privata Example"
PHONE = "(212) 555-0187"
EMAIL = "ana.privata@example.com"
MESSAGE = "My brother was taken at 26 Federal Plaza"
SUBMITTED = dt.datetime(2026, 3, 2, 14, 30, tzinfo=dt.timezone.utc)


def data(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": NAME,
        "phone": PHONE,
        "email": EMAIL,
        "matter_type": "deportation_defense",
        "message": MESSAGE,
        "consent": True,
        "submitted_at": SUBMITTED,
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not ...}


def test_valid_request() -> None:
    request = ConsultationRequest.model_validate(data(detained=True, preferred_language="es"))
    assert request.matter_type is MatterType.DEPORTATION_DEFENSE
    assert request.preferred_contact is ContactMethod.PHONE
    assert request.urgent
    assert request.phone is not None
    assert request.phone.e164 == "+12125550187"


def test_email_only_defaults_to_email_contact() -> None:
    request = ConsultationRequest.model_validate(data(phone=...))
    assert request.preferred_contact is ContactMethod.EMAIL
    assert not request.urgent


def test_submitted_at_defaults_to_now_and_must_be_aware() -> None:
    request = ConsultationRequest.model_validate(data(submitted_at=...))
    assert request.submitted_at.tzinfo is not None
    assert abs(request.submitted_at - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=1)
    with pytest.raises(ValidationError) as info:
        ConsultationRequest.model_validate(data(submitted_at=dt.datetime(2026, 1, 1, 12)))
    assert info.value.errors()[0]["type"] == "timezone_aware"


@pytest.mark.parametrize(
    ("changes", "error_type"),
    [
        ({"phone": ..., "email": ...}, "contact_required"),
        ({"phone": ..., "preferred_contact": "phone"}, "preferred_contact_missing"),
        ({"phone": ..., "preferred_contact": "text_message"}, "preferred_contact_missing"),
        ({"email": ..., "preferred_contact": "email"}, "preferred_contact_missing"),
        ({"consent": False}, "consent_required"),
        ({"consent": ...}, "missing"),
        ({"consent": "maybe"}, "consent_required"),
        ({"preferred_date": "2026-02-27"}, "preferred_date_in_past"),
        ({"matter_type": "tax"}, "enum"),
        ({"message": "x" * 5001}, "string_too_long"),
        ({"name": "\n\t "}, "string_too_short"),
        ({"preferred_language": "Spanish please"}, "string_pattern_mismatch"),
        ({"phone": "555-0187"}, "phone_invalid"),
        ({"email": "ana.privata@"}, "email_invalid"),
        ({"extra": 1}, "extra_forbidden"),
    ],
)
def test_invalid_requests(changes: dict[str, Any], error_type: str) -> None:
    with pytest.raises(ValidationError) as info:
        ConsultationRequest.model_validate(data(**changes))
    assert error_type in {e["type"] for e in info.value.errors()}


def test_preferred_date_today_anywhere_on_earth_is_accepted() -> None:
    # 14:30 UTC on 2 March: it is still 1 March west of UTC-12? No: 02:30 on 2 March there.
    assert ConsultationRequest.model_validate(data(preferred_date="2026-03-02")).preferred_date
    # Just after midnight UTC it is still the previous day in the Americas.
    early = dt.datetime(2026, 3, 2, 0, 30, tzinfo=dt.timezone.utc)
    request = ConsultationRequest.model_validate(
        data(submitted_at=early, preferred_date="2026-03-01")
    )
    assert request.preferred_date == dt.date(2026, 3, 1)


def test_single_line_fields_lose_controls_and_message_keeps_newlines() -> None:
    request = ConsultationRequest.model_validate(
        data(name="Ana\r\nBcc: x@example.com", message="line one\r\nline two\x00\x07")
    )
    assert request.name == "Ana Bcc: x@example.com"
    assert request.message == "line one\nline two"


SECRETS = (NAME, "555-0187", "5550187", EMAIL, "ana.privata", MESSAGE, "Federal Plaza")


def assert_private(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, secret


def test_repr_and_str_hide_personal_data() -> None:
    request = ConsultationRequest.model_validate(data())
    assert_private(repr(request))
    assert_private(str(request))
    assert "deportation_defense" in repr(request)


@pytest.mark.parametrize(
    "changes",
    [
        {"consent": False},
        {"phone": "555-0187", "email": "ana.privata@bad"},
        {"name": NAME * 20},
        {"message": MESSAGE * 200},
        {"preferred_date": "2020-01-01"},
        {"phone": ..., "email": ..., "message": MESSAGE},
        {"preferred_contact": "fax", "name": NAME},
    ],
)
def test_validation_errors_hide_personal_data(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as info:
        ConsultationRequest.model_validate(data(**changes))
    assert_private(str(info.value))
    assert_private(repr(info.value))
    assert_private(repr(info.value.errors(include_input=False)))
