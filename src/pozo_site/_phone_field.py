"""``PhoneNumberConstraints``: how a ``PhoneNumber`` field parses, and what it accepts.

A frozen ``Annotated`` marker that checks its own arguments; it also builds the core
schema of a plain ``PhoneNumber`` field (:data:`DEFAULT_CONSTRAINTS`).

A phone number is personal data in most models, so a phone field's validation error never
shows the input, in whatever model the field sits (its ``input`` is ``[hidden]``), while
the rest of that model's errors follow the model's own settings.

>>> from pydantic import TypeAdapter
>>> TypeAdapter(TollFreeNumber).validate_python("1-88-VISA-LAW-1").e164
'+18884725291'
>>> TypeAdapter(TollFreeNumber).validate_python("(212) 555-0123")
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for ...
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Annotated, Any, Final

import phonenumbers
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationError
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from pozo_site._errors import PhoneNumberError
from pozo_site._phone import MAX_PHONE_INPUT_LENGTH, NumberType, PhoneNumber
from pozo_site._phone_reading import check_region
from pozo_site._privacy import HIDDEN

__all__ = ["DEFAULT_CONSTRAINTS", "PhoneNumberConstraints", "TollFreeNumber"]


def _refuse(code: str, message: str, ctx: dict[str, Any] | None = None) -> ValidationError:
    """A phone field's error, its input already hidden (pydantic keeps it that way)."""
    return ValidationError.from_exception_data(
        "PhoneNumber",
        [{"type": PydanticCustomError(code, message, ctx), "loc": (), "input": HIDDEN}],
        hide_input=True,
    )


def _to_frozenset(types: Iterable[NumberType | str] | None) -> frozenset[NumberType] | None:
    if types is None:
        return None
    result = frozenset(NumberType(t) for t in types)
    if not result:
        raise ValueError("number_types must name at least one NumberType, or be None for any")
    return result


@dataclass(frozen=True)
class PhoneNumberConstraints:
    """``Annotated`` marker that sets how a ``PhoneNumber`` field parses and what it accepts.

    ``region`` is where numbers without ``+`` are dialled from (``None``: international
    only); ``number_types`` limits the kinds of line; ``allow_vanity=False`` refuses
    keypad letters. Arguments are checked when the marker is made.

    >>> from pydantic import TypeAdapter
    >>> UkNumber = Annotated[PhoneNumber, PhoneNumberConstraints(region="GB")]
    >>> TypeAdapter(UkNumber).validate_python("020 7946 0958").e164
    '+442079460958'
    """

    region: str | None = "US"
    number_types: frozenset[NumberType] | None = field(default=None)
    allow_vanity: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "region", check_region(self.region))
        object.__setattr__(self, "number_types", _to_frozenset(self.number_types))

    def _check(self, value: PhoneNumber) -> PhoneNumber:
        if self.number_types is not None and not value.number_type.satisfies(self.number_types):
            allowed = ", ".join(sorted(t.value for t in self.number_types))
            raise _refuse(
                "phone_type_not_allowed",
                "the number is a {actual} number; this field accepts only: {allowed}",
                {"actual": value.number_type.value, "allowed": allowed},
            )
        if not self.allow_vanity and value.vanity is not None:
            raise _refuse(
                "phone_vanity_not_allowed", "write the digits; this field does not accept letters"
            )
        return value

    def _from_str(self, text: str) -> PhoneNumber:
        try:
            return self._check(PhoneNumber.parse(text, self.region))
        except PhoneNumberError as error:
            raise _refuse(error.code, error.message) from None

    def _from_json(self, value: Any) -> PhoneNumber:
        if isinstance(value, str):
            return self._from_str(value)
        raise _refuse("phone_type", "a phone number must be given as text")

    def _from_python(self, value: Any) -> PhoneNumber:
        if isinstance(value, PhoneNumber):
            return self._check(value)
        if isinstance(value, str):
            return self._from_str(value)
        if isinstance(value, phonenumbers.PhoneNumber):
            try:
                return self._check(PhoneNumber.from_phonenumbers(value))
            except PhoneNumberError as error:
                raise _refuse(error.code, error.message) from None
        raise _refuse("phone_type", "a phone number must be given as text or a phone number object")

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.json_or_python_schema(
            json_schema=core_schema.no_info_plain_validator_function(self._from_json),
            python_schema=core_schema.no_info_plain_validator_function(self._from_python),
            serialization=core_schema.to_string_ser_schema(),
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        kinds = (
            "any kind of line"
            if self.number_types is None
            else "only " + ", ".join(sorted(t.value.replace("_", " ") for t in self.number_types))
        )
        where = f"national numbers are read as dialled in {self.region}; " if self.region else ""
        return {
            "type": "string",
            "format": "phone",
            "minLength": 1,
            "maxLength": MAX_PHONE_INPUT_LENGTH,
            "description": (
                "A phone number as people write it: national or +international, a tel: URI, "
                f"an extension, or keypad letters; {where}{kinds}."
            ),
            "examples": ["+1 212-555-0123", "(212) 555-0123", "1-800-555-0199"],
        }


DEFAULT_CONSTRAINTS: Final = PhoneNumberConstraints()
"""The settings of a plain ``PhoneNumber`` field: region US, any kind of line."""

TollFreeNumber = Annotated[
    PhoneNumber, PhoneNumberConstraints(number_types=frozenset({NumberType.TOLL_FREE}))
]
"""A ``PhoneNumber`` field that accepts only toll-free numbers."""
