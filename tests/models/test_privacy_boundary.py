"""The privacy boundary: no personal data in any error of ConsultationRequest, on any path.

Unique markers are planted in every personal field (name, phone, e-mail, message) and the
request is refused through each path: a field error, a model-level (cross-field) error,
JSON that does not validate, truncated JSON, assignment to a frozen field, the model nested
in another model, ``TypeAdapter(list[...])``, and ``from_form``'s ConsultationFormError.
No marker may appear in ``str()``, ``repr()``, ``errors()``, ``json()`` or a log record.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from pozo_site import ConsultationFormError, ConsultationRequest, FirmProfile, PhoneNumber
from pozo_site._contact import email_reason
from pozo_site._privacy import HIDDEN
from tests.strategies import personal_markers

NOW = dt.datetime(2027, 1, 15, 8, 0, tzinfo=dt.timezone.utc)
COUNTS: Counter[str] = Counter()


class Outer(BaseModel):
    """A web framework's request body: a model of the user's own around the request."""

    request: ConsultationRequest
    note: str = ""


class LooseOuter(BaseModel):
    """The same, with settings that show inputs (pydantic's default) made explicit."""

    model_config = ConfigDict(hide_input_in_errors=False)

    requests: list[ConsultationRequest]


def personal(mark: dict[str, str]) -> dict[str, Any]:
    """Valid personal fields, each holding its marker."""
    return {
        "name": f"Ana {mark['name']} Example",
        "phone": f"(212) 555-01{mark['digits']}",
        "email": f"{mark['email']}@example.com",
        "message": f"My brother {mark['message']} was detained",
    }


def secrets_of(mark: dict[str, str]) -> list[str]:
    d = mark["digits"]
    return [
        mark["name"],
        mark["email"],
        mark["message"],
        f"555-01{d}",
        f"55501{d}",
        f"555 01{d}",
        f"555-01{d}".replace("-", ""),
    ]


def texts_of(error: BaseException) -> Iterator[str]:
    yield str(error)
    yield repr(error)
    if isinstance(error, ValidationError):
        yield repr(error.errors())
        yield repr(error.errors(include_url=False, include_context=True))
        yield error.json()
    if isinstance(error, ConsultationFormError):
        yield repr(dict(error.field_errors))
        yield repr(dict(error.codes))


# Ways to break a request whose personal fields are valid (model-level rules) or not.
BREAKS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "no_contact": lambda d: {**d, "phone": None, "email": None},
    "preferred_contact_missing": lambda d: {**d, "email": None, "preferred_contact": "email"},
    "date_in_past": lambda d: {**d, "preferred_date": "2020-01-01"},
    "consent_missing": lambda d: {k: v for k, v in d.items() if k != "consent"},
    "name_too_long": lambda d: {**d, "name": d["name"] * 30},
    "message_too_long": lambda d: {**d, "message": d["message"] * 300},
    "phone_with_letters": lambda d: {**d, "phone": d["phone"] + " " + d["name"]},
    "email_invalid": lambda d: {**d, "email": d["email"].replace("@", "·@·")},
    "email_idna": lambda d: {**d, "email": d["email"].replace("@example.com", "@secret·mark.x")},
    "extra_field": lambda d: {**d, "spouse": d["name"]},
    "wrong_type": lambda d: {**d, "name": [d["name"]], "email": {"x": d["email"]}},
}


def request_data(mark: dict[str, str], brk: str) -> dict[str, Any]:
    base = {
        **personal(mark),
        "matter_type": "asylum",
        "consent": True,
        "submitted_at": NOW.isoformat(),
    }
    return BREAKS[brk](base)


def paths(data: dict[str, Any]) -> Iterator[tuple[str, Callable[[], object]]]:
    """Every way a caller can validate ``data``; each must raise."""
    document = json.dumps(data)
    yield "model_validate", lambda: ConsultationRequest.model_validate(data)
    yield "init", lambda: ConsultationRequest(**data)
    yield "model_validate_json", lambda: ConsultationRequest.model_validate_json(document)
    yield "nested", lambda: Outer.model_validate({"request": data})
    yield "nested_json", lambda: Outer.model_validate_json(json.dumps({"request": data}))
    yield (
        "type_adapter_list",
        lambda: TypeAdapter(list[ConsultationRequest]).validate_python([data]),
    )
    yield (
        "type_adapter_list_json",
        lambda: TypeAdapter(list[ConsultationRequest]).validate_json(json.dumps([data])),
    )
    yield "loose_outer", lambda: LooseOuter.model_validate({"requests": [data, data]})


def assert_hidden(error: BaseException, mark: dict[str, str], records: list[str]) -> None:
    secrets = secrets_of(mark)
    for text in [*texts_of(error), *records]:
        for secret in secrets:
            assert secret not in text, (secret, text[:300])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(mark=personal_markers, brk=st.sampled_from(sorted(BREAKS)))
def test_no_marker_leaves_through_any_path(
    mark: dict[str, str], brk: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    data = request_data(mark, brk)
    for name, validate in paths(data):
        caplog.clear()
        with pytest.raises(ValidationError) as caught:
            validate()
        assert_hidden(caught.value, mark, [r.getMessage() for r in caplog.records])
        for detail in caught.value.errors():
            if detail["loc"] and detail["loc"][-1] in ("name", "phone", "email", "message"):
                assert detail["input"] == HIDDEN, (name, detail)
        COUNTS[name] += 1


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mark=personal_markers, data=st.data())
def test_truncated_json_shows_no_part_of_itself(
    mark: dict[str, str], data: st.DataObject, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    document = json.dumps(request_data(mark, "no_contact") | personal(mark))
    cut = data.draw(st.integers(1, len(document) - 1))
    caplog.clear()
    with pytest.raises(ValidationError) as caught:
        ConsultationRequest.model_validate_json(document[:cut])
    assert_hidden(caught.value, mark, [r.getMessage() for r in caplog.records])
    COUNTS["truncated_json"] += 1


@settings(max_examples=30, deadline=None)
@given(
    mark=personal_markers, field=st.sampled_from(["name", "phone", "email", "message", "detained"])
)
def test_assignment_to_a_frozen_field_shows_no_value(mark: dict[str, str], field: str) -> None:
    request = ConsultationRequest.model_validate(
        {**personal(mark), "matter_type": "asylum", "consent": True}
    )
    new = f"{mark['name']} {mark['email']} 555-01{mark['digits']}"
    with pytest.raises(ValidationError) as caught:
        setattr(request, field, new)
    assert caught.value.errors()[0]["type"] == "frozen_instance"
    assert_hidden(caught.value, mark, [])
    with pytest.raises(ValidationError) as deleted:
        delattr(request, field)
    assert_hidden(deleted.value, mark, [])
    assert_hidden(Exception(repr(request) + str(request)), mark, [])
    COUNTS["frozen_assignment"] += 2


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mark=personal_markers, brk=st.sampled_from(sorted(BREAKS)), locale=st.sampled_from(["en", "es"])
)
def test_form_errors_show_no_marker(
    mark: dict[str, str], brk: str, locale: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    raw = request_data(mark, brk)
    form = {
        k: v if isinstance(v, str) else ("on" if v is True else "")
        for k, v in raw.items()
        if v is not None
    }
    try:
        ConsultationRequest.from_form(form, now=NOW, locale=locale)
    except ConsultationFormError as error:
        assert_hidden(error, mark, [r.getMessage() for r in caplog.records])
        COUNTS["from_form"] += 1
        return
    # A browser's form has no types: only rules about values can refuse it.
    assert brk in ("extra_field", "wrong_type", "date_in_past", "email_idna")


def test_the_cases_ran() -> None:
    # Runs last in this module: print the figures for the report.
    print(f"privacy boundary cases by path: {dict(sorted(COUNTS.items()))}")
    assert sum(COUNTS.values()) > 0


# -- the pieces of the boundary --------------------------------------------------------------


def test_errors_keep_type_location_message_and_safe_context() -> None:
    with pytest.raises(ValidationError) as caught:
        ConsultationRequest.model_validate(
            {"name": "x" * 201, "matter_type": "tax", "phone": "(212) 555-0100", "consent": True}
        )
    errors = {e["loc"]: e for e in caught.value.errors()}
    assert errors[("name",)]["ctx"] == {"max_length": 200}
    assert errors[("name",)]["msg"] == "String should have at most 200 characters"
    assert errors[("matter_type",)]["type"] == "enum"
    assert all(e["input"] == HIDDEN for e in errors.values())


def test_model_level_errors_are_located_at_the_fields() -> None:
    with pytest.raises(ValidationError) as caught:
        ConsultationRequest.model_validate(
            {"name": "Ana", "matter_type": "asylum", "consent": True}
        )
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [
        ("contact_required", ("phone",)),
        ("contact_required", ("email",)),
    ]


def test_truncated_json_error_is_generic() -> None:
    with pytest.raises(ValidationError) as caught:
        ConsultationRequest.model_validate_json('{"name": "Ana Secretmark"')
    (error,) = caught.value.errors()
    assert error["type"] == "json_invalid"
    assert error["msg"] == "Invalid JSON"
    assert "Secretmark" not in caught.value.json()


def test_an_instance_validates_as_itself() -> None:
    request = ConsultationRequest.model_validate(
        {"name": "Ana", "email": "ana@example.com", "matter_type": "asylum", "consent": True}
    )
    assert Outer(request=request).request is request


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        (
            "The part after the @-sign is not valid IDNA (Codepoint U+00B7 not allowed at "
            "position 11 in 'secretmark·label').",
            "The part after the @-sign is not valid IDNA",
        ),
        (
            "The email address contains invalid characters before the @-sign: '<'.",
            "The email address contains invalid characters before the @-sign",
        ),
        ("An email address must have an @-sign.", "An email address must have an @-sign"),
        (
            "There can't be anything after the email address.",
            "There can't be anything after the email address",
        ),
        ("Odd 'quoted' reason.", "the address is not valid"),
        ("", "the address is not valid"),
    ],
)
def test_the_email_reason_never_quotes_the_address(message: str, reason: str) -> None:
    assert email_reason(ValueError(message)) == reason


def test_the_email_error_of_an_idna_address_does_not_quote_it() -> None:
    with pytest.raises(ValidationError) as caught:
        ConsultationRequest.model_validate(
            {
                "name": "Ana",
                "email": "ana@secretmark·label.com",
                "matter_type": "asylum",
                "consent": True,
            }
        )
    assert "secretmark" not in caught.value.json()
    assert "secretmark" not in str(caught.value)


# -- phone fields in any model -----------------------------------------------------------------


class UserModel(BaseModel):
    """A model of a user's own, with pydantic's default settings (inputs shown)."""

    phone: PhoneNumber
    note: str = ""


@pytest.mark.parametrize(
    "value", ["212-201-903", "call 212 mark", "+999 1234", "1" * 80, 2122019031]
)
def test_a_phone_field_never_echoes_its_input_in_any_model(value: Any) -> None:
    shown = str(value)
    for validate in (
        lambda: UserModel(phone=value),
        lambda: UserModel.model_validate_json(json.dumps({"phone": value})),
        lambda: TypeAdapter(PhoneNumber).validate_python(value),
        lambda: FirmProfile.model_validate(
            {"name": "Firm", "phones": [{"role": "main", "number": value}]}
        ),
    ):
        with pytest.raises(ValidationError) as caught:
            validate()
        phone_errors = [e for e in caught.value.errors() if e["type"].startswith("phone")]
        assert phone_errors
        assert all(e["input"] == HIDDEN for e in phone_errors)
        for text in texts_of(caught.value):
            assert shown not in text


@pytest.mark.parametrize("value", ["Ana Secretmark", 5550142, ["Secretmark"]])
def test_input_that_is_not_a_mapping_is_hidden_too(value: object) -> None:
    for validate in (
        lambda: ConsultationRequest.model_validate(value),
        lambda: Outer.model_validate({"request": value}),
    ):
        with pytest.raises(ValidationError) as caught:
            validate()
        assert [e["type"] for e in caught.value.errors()] == ["model_type"]
        for text in texts_of(caught.value):
            assert "Secretmark" not in text
            assert "5550142" not in text


def test_cross_field_rules_judge_raw_dates_and_times_when_a_field_failed() -> None:
    base = {"name": "", "phone": "(212) 555-0100", "matter_type": "asylum", "consent": True}
    cases = [
        ({"preferred_date": dt.date(2020, 1, 1), "submitted_at": NOW}, True),
        ({"preferred_date": "2020-01-01"}, True),  # submitted now
        ({"preferred_date": "not a date", "submitted_at": NOW}, False),
        ({"preferred_date": "2020-01-01", "submitted_at": "not a time"}, False),
        # pydantic reads a datetime at midnight as its date, and so do the rules
        ({"preferred_date": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)}, True),
        ({"preferred_date": dt.datetime(2020, 1, 1, 9, tzinfo=dt.timezone.utc)}, False),
    ]
    for changes, in_past in cases:
        with pytest.raises(ValidationError) as caught:
            ConsultationRequest.model_validate({**base, **changes})
        types = [e["type"] for e in caught.value.errors()]
        assert ("preferred_date_in_past" in types) is in_past, changes
