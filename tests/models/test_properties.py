"""Property-based tests: every input either validates or raises ValidationError."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from pozo_site import (
    Article,
    ConsultationRequest,
    FirmProfile,
    PhoneNumber,
    PhoneNumberError,
)
from tests import strategies as s

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PHONE = TypeAdapter(PhoneNumber)


@SETTINGS
@given(st.one_of(s.phone_like, s.json_like))
def test_phone_field_validates_or_raises_validation_error(value: Any) -> None:
    try:
        number = PHONE.validate_python(value)
    except ValidationError:
        return
    assert PHONE.validate_python(PHONE.dump_python(number, mode="json")) == number


@SETTINGS
@given(s.phone_like)
def test_parse_validates_or_raises_phone_number_error(text: str) -> None:
    try:
        number = PhoneNumber.parse(text)
    except PhoneNumberError as error:
        assert error.code.startswith("phone_")
        return
    again = PhoneNumber.parse(str(number))
    assert again == number
    assert again.vanity == number.vanity
    assert number.tel_uri.startswith("tel:+")
    assert not any(c.isalpha() for c in number.tel_uri[4:].split(";")[0])


@SETTINGS
@given(s.firm_input)
def test_firm_validates_or_raises(data: dict[str, Any]) -> None:
    try:
        firm = FirmProfile.model_validate(data)
    except ValidationError:
        return
    assert FirmProfile.model_validate_json(firm.model_dump_json()) == firm


@SETTINGS
@given(s.article_input)
def test_article_validates_or_raises(data: dict[str, Any]) -> None:
    try:
        article = Article.model_validate(data)
    except ValidationError:
        return
    assert Article.from_markdown(article.to_markdown()) == article
    assert article.word_count >= 0
    assert all(section.title is not None for section in article.sections)


@SETTINGS
@given(s.any_text)
def test_from_markdown_never_raises_anything_else(text: str) -> None:
    with contextlib.suppress(ValidationError):
        Article.from_markdown(text)


@SETTINGS
@given(
    s.article_input.map(
        lambda d: "---\n" + "\n".join(f"{k}: {v!r}" for k, v in d.items()) + "\n---\n"
    )
)
def test_from_markdown_with_front_matter_never_raises_anything_else(text: str) -> None:
    with contextlib.suppress(ValidationError):
        Article.from_markdown(text)


@SETTINGS
@given(s.consultation_input)
def test_consultation_validates_or_raises(data: dict[str, Any]) -> None:
    try:
        request = ConsultationRequest.model_validate(data)
    except ValidationError:
        return
    assert request.phone is not None or request.email is not None
    assert isinstance(request.submitted_at, dt.datetime)


@SETTINGS
@given(s.consultation_input, s.hostile_text)
def test_consultation_errors_never_show_personal_data(data: dict[str, Any], text: str) -> None:
    marker = "PRIV8"
    secret = f"{marker}{text}{marker}"
    data = {**data, "name": secret, "message": secret, "email": f"{marker}@{text}"}
    try:
        request = ConsultationRequest.model_validate(data)
    except ValidationError as error:
        assert marker not in str(error)
        assert marker not in repr(error)
        assert marker not in repr(error.errors(include_input=False))
        return
    assert marker not in repr(request)
    assert marker not in str(request)
