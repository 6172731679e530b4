"""``PhoneNumberConstraints``: how a ``PhoneNumber`` field parses, and what it accepts.

A frozen ``Annotated`` marker that checks its own arguments and hands them to the value
type's validator, which takes them as arguments (as pydantic-extra-types'
``PhoneNumberValidator`` does); this module imports :mod:`pozo_site._phone`, never the
other way round.

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
from typing import TYPE_CHECKING, Annotated, Any, Final

from pozo_site._phone import NumberType, PhoneNumber, phone_core_schema, phone_json_schema
from pozo_site._phone_reading import check_region

if TYPE_CHECKING:  # annotations only
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema

__all__ = ["DEFAULT_CONSTRAINTS", "PhoneNumberConstraints", "TollFreeNumber"]


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
    keypad letters. Arguments are checked when the marker is made; the marker only holds
    them and hands them to the value type's validator
    (:func:`pozo_site._phone.phone_core_schema`).

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

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return phone_core_schema(self.region, self.number_types, self.allow_vanity)

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return phone_json_schema(self.region, self.number_types)


DEFAULT_CONSTRAINTS: Final = PhoneNumberConstraints()
"""The settings of a plain ``PhoneNumber`` field: region US, any kind of line."""

TollFreeNumber = Annotated[
    PhoneNumber, PhoneNumberConstraints(number_types=frozenset({NumberType.TOLL_FREE}))
]
"""A ``PhoneNumber`` field that accepts only toll-free numbers."""
