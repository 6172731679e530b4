"""``PhoneNumber``: one immutable value type for every phone number the firm prints.

Built on ``phonenumbers`` (Google's libphonenumber metadata); nothing here re-implements
parsing or numbering-plan data. What this type adds is what a law firm's site needs:
keypad-letter (vanity) numbers that keep the text the firm prints, the forms each consumer
wants (E.164 for data, ``tel:`` URIs for links, national text for people), stable error
codes, and a bounded cache because parsing is the hot path of content checks.

>>> toll_free = PhoneNumber.parse("1-88-VISA-LAW-1")
>>> toll_free.e164, toll_free.tel_uri, toll_free.vanity
('+18884725291', 'tel:+1-888-472-5291', '1-88-VISA-LAW-1')
>>> toll_free == PhoneNumber.parse("+1 888 472 5291")
True
>>> toll_free.number_type
<NumberType.TOLL_FREE: 'toll_free'>

As a pydantic field it accepts the same strings, a ``phonenumbers.PhoneNumber`` or a
``PhoneNumber``; ``Annotated[PhoneNumber, PhoneNumberConstraints(...)]`` narrows it (see
:mod:`pozo_site._phone_field`). The reading rules live in :mod:`pozo_site._phone_reading`.

The field's validator lives here and takes its settings as arguments
(:func:`phone_core_schema`); the ``Annotated`` marker only holds and checks them, so the
arrow points one way: ``_phone_field -> _phone``. Parsing does the least work that
validation needs: the written forms and the kind of line are worked out the first time
they are asked for, then kept.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, Final

import phonenumbers
from phonenumbers import PhoneNumberFormat
from pydantic_core import PydanticCustomError, ValidationError, core_schema

from pozo_site._errors import PhoneNumberError
from pozo_site._phone_kinds import DEFAULT_PHONE_STYLE, NumberType, PhoneStyle, number_type_of
from pozo_site._phone_reading import check_extension, check_region, check_valid, read_phone_text
from pozo_site._privacy import HIDDEN

if TYPE_CHECKING:  # annotations only: the handlers' modules are not needed to run
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue

__all__ = [
    "DEFAULT_PHONE_STYLE",
    "MAX_PHONE_INPUT_LENGTH",
    "NumberType",
    "PhoneNumber",
    "PhoneStyle",
    "phone_core_schema",
    "phone_json_schema",
    "styled_text",
]

MAX_PHONE_INPUT_LENGTH: Final = 64
"""Longest text :meth:`PhoneNumber.parse` looks at; longer input is refused unparsed."""

_CACHE_SIZE: Final = 4096

_SET: Final = object.__setattr__
"""Fills a slot of an (otherwise immutable) ``PhoneNumber``; only this module uses it."""


def styled_text(number: PhoneNumber, style: PhoneStyle | str) -> str:
    """What a person reads for ``number`` in house style ``style``.

    A vanity number keeps its vanity text, with the digits beside it in the style (so
    that screen-reader users and people without letters on their keypad get them too):
    ``1-88-VISA-LAW-1 (888-472-5291)``; a style that already uses parentheses gives
    ``1-88-VISA-LAW-1, (888) 472-5291``. In the ``display`` style the digits beside it
    are the ``digits`` form. Other numbers are ``number.format(style)``.

    >>> styled_text(PhoneNumber("1-88-VISA-LAW-1"), "dashes")
    '1-88-VISA-LAW-1 (888-472-5291)'
    >>> styled_text(PhoneNumber("(212) 201-9031"), PhoneStyle.NATIONAL)
    '(212) 201-9031'
    """
    style = PhoneStyle(style)
    if number.vanity is None:
        return number.format(style)
    beside = number.format(PhoneStyle.DIGITS if style is PhoneStyle.DISPLAY else style)
    if "(" in beside:
        return f"{number.vanity}, {beside}"
    return f"{number.vanity} ({beside})"


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _parse_cached(text: str, region: str | None) -> PhoneNumber | PhoneNumberError:
    # Errors are cached as values (lru_cache does not cache exceptions); PhoneNumber is
    # immutable, so sharing one instance between callers is safe.
    try:
        return _parse_uncached(text, region)
    except PhoneNumberError as error:
        return error


def _parse_uncached(text: str, region: str | None) -> PhoneNumber:
    number, vanity = read_phone_text(text, region)
    return PhoneNumber._from_valid(number, vanity)


class PhoneNumber:
    """A validated phone number, compared and hashed by its digits (E.164 plus extension).

    Create one with :meth:`parse` (or ``PhoneNumber(text)``, the same thing), or
    :meth:`from_phonenumbers`. Instances are immutable.

    >>> office = PhoneNumber("(212) 201-9031")
    >>> office.national, office.format(PhoneStyle.DASHES), office.vanity is None
    ('(212) 201-9031', '212-201-9031', True)
    >>> PhoneNumber("212-201-9031 ext. 12").tel_uri
    'tel:+1-212-201-9031;ext=12'
    """

    __slots__ = (
        "_e164",
        "_international",
        "_national",
        "_number",
        "_number_type",
        "_region",
        "_rfc3966",
        "_vanity",
    )

    # Set when the value is made: the number and its vanity text. The other slots start
    # empty and are filled the first time they are read (see _form and the properties):
    # a number parsed to be checked, and never printed, costs no formatting.
    _number: phonenumbers.PhoneNumber
    _vanity: str | None
    _e164: str
    _national: str
    _international: str
    _rfc3966: str
    _number_type: NumberType
    _region: str | None

    def __new__(cls, text: str, region: str | None = "US") -> PhoneNumber:
        return cls.parse(text, region)

    @classmethod
    def parse(cls, text: str, region: str | None = "US") -> PhoneNumber:
        """Parse any common human form of a phone number.

        Accepts national text with punctuation, ``+`` international text, ``tel:`` URIs
        (RFC 3966), extensions (``x12``, ``ext. 12``, ``;ext=12``) and keypad letters.
        ``region`` (ISO 3166-1 alpha-2) is where a number without ``+`` is dialled from;
        ``None`` accepts only international numbers.

        Raises :class:`~pozo_site.PhoneNumberError` (a ``ValueError``) whose ``code``
        says why; its message never repeats the input. Results are cached (bounded).
        """
        if not isinstance(text, str):
            raise TypeError("PhoneNumber.parse takes a str")
        if len(text) > MAX_PHONE_INPUT_LENGTH:
            raise PhoneNumberError(
                f"a phone number is at most {MAX_PHONE_INPUT_LENGTH} characters",
                code="phone_input_too_long",
            )
        if region != "US":  # the default needs no check; any other goes through one
            region = check_region(region)
        result = _parse_cached(text, region)
        if isinstance(result, PhoneNumberError):
            raise PhoneNumberError(result.message, code=result.code)
        return result

    @classmethod
    def from_phonenumbers(cls, number: phonenumbers.PhoneNumber) -> PhoneNumber:
        """Wrap a ``phonenumbers.PhoneNumber`` (copied), checking that it is valid."""
        copy = phonenumbers.PhoneNumber()
        copy.merge_from(number)
        check_extension(copy)
        check_valid(copy)
        return cls._from_valid(copy, None)

    @classmethod
    def _from_valid(cls, number: phonenumbers.PhoneNumber, vanity: str | None) -> PhoneNumber:
        self = object.__new__(cls)
        _SET(self, "_number", number)
        _SET(self, "_vanity", vanity)
        return self

    def _form(self, slot: str, form: int) -> str:
        """The number written in ``phonenumbers``' ``form``, worked out once into ``slot``."""
        text: str = phonenumbers.format_number(self._number, form)
        _SET(self, slot, text)
        return text

    # -- immutability, equality, pickling ------------------------------------------

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("PhoneNumber is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("PhoneNumber is immutable")

    def _key(self) -> tuple[str, str]:
        return (self.e164, self._number.extension or "")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PhoneNumber):
            return self._key() == other._key()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self.tel_uri, self._vanity))

    def __repr__(self) -> str:
        extra = f", vanity={self._vanity!r}" if self._vanity else ""
        ext = f", extension={self.extension!r}" if self.extension else ""
        return f"PhoneNumber({self.e164!r}{ext}{extra})"

    def __str__(self) -> str:
        """The serialised form: the vanity text where there is one, else international."""
        return self._vanity if self._vanity is not None else self.international

    # -- forms -----------------------------------------------------------------------

    @property
    def e164(self) -> str:
        """``+18884725291``: the E.164 form, without the extension."""
        try:
            return self._e164
        except AttributeError:
            return self._form("_e164", PhoneNumberFormat.E164)

    @property
    def national(self) -> str:
        """``(888) 472-5291``: the national form, with ``ext.`` where there is one."""
        try:
            return self._national
        except AttributeError:
            return self._form("_national", PhoneNumberFormat.NATIONAL)

    @property
    def international(self) -> str:
        """``+1 888-472-5291``: the international form."""
        try:
            return self._international
        except AttributeError:
            return self._form("_international", PhoneNumberFormat.INTERNATIONAL)

    @property
    def tel_uri(self) -> str:
        """``tel:+1-888-472-5291``: the RFC 3966 URI, digits only, for links."""
        try:
            return self._rfc3966
        except AttributeError:
            return self._form("_rfc3966", PhoneNumberFormat.RFC3966)

    @property
    def vanity(self) -> str | None:
        """The text exactly as written when it had keypad letters, else ``None``."""
        return self._vanity

    @property
    def display(self) -> str:
        """What a person should read: the vanity text, or the national form."""
        return self._vanity if self._vanity is not None else self.national

    @property
    def extension(self) -> str | None:
        """The extension digits, or ``None``."""
        return self._number.extension or None

    @property
    def country_code(self) -> int:
        """The country calling code, ``1`` for North America."""
        return int(self._number.country_code or 0)

    @property
    def region(self) -> str | None:
        """The ISO 3166-1 region the number belongs to (``"US"``), if one."""
        try:
            return self._region
        except AttributeError:
            region: str | None = phonenumbers.region_code_for_number(self._number)
            _SET(self, "_region", region)
            return region

    @property
    def number_type(self) -> NumberType:
        """The kind of line, from the numbering plan's metadata."""
        try:
            return self._number_type
        except AttributeError:
            kind = number_type_of(self._number)
            _SET(self, "_number_type", kind)
            return kind

    @property
    def is_toll_free(self) -> bool:
        """Whether calls to the number are free for the caller."""
        return self.number_type is NumberType.TOLL_FREE

    def format(self, style: PhoneStyle | str) -> str:
        """The number written in ``style`` (a :class:`PhoneStyle` or its value).

        >>> PhoneNumber("+1 888 472 5291").format("dashes")
        '888-472-5291'
        """
        style = PhoneStyle(style)
        if style is PhoneStyle.DASHES:
            return _dashes(self.national)
        if style is PhoneStyle.DIGITS:
            if self.country_code == 1:
                return f"1-{_dashes(self.national)}"
            return self.international
        text: str = getattr(self, _PROPERTY_OF_STYLE[style])
        return text

    def as_phonenumbers(self) -> phonenumbers.PhoneNumber:
        """A copy of the underlying ``phonenumbers.PhoneNumber``."""
        copy = phonenumbers.PhoneNumber()
        copy.merge_from(self._number)
        return copy

    # -- pydantic ----------------------------------------------------------------------

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return phone_core_schema()

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return phone_json_schema()


_PROPERTY_OF_STYLE: Final = {
    PhoneStyle.E164: "e164",
    PhoneStyle.INTERNATIONAL: "international",
    PhoneStyle.NATIONAL: "national",
    PhoneStyle.RFC3966: "tel_uri",
    PhoneStyle.DISPLAY: "display",
}

_DASH_RUNS = re.compile(r"[\s()\-]+")


def _dashes(national: str) -> str:
    main, sep, ext = national.partition(" ext. ")
    body = _DASH_RUNS.sub("-", main).strip("-")
    return f"{body}{sep}{ext}"


def _restore(rfc3966: str, vanity: str | None) -> PhoneNumber:
    digits = PhoneNumber.parse(rfc3966, None)
    return digits if vanity is None else PhoneNumber._from_valid(digits.as_phonenumbers(), vanity)


# -- the pydantic field: the validator takes its settings as arguments ---------------------


def _refuse(code: str, message: str, ctx: dict[str, Any] | None = None) -> ValidationError:
    """A phone field's error, its input already hidden (pydantic keeps it that way)."""
    return ValidationError.from_exception_data(
        "PhoneNumber",
        [{"type": PydanticCustomError(code, message, ctx), "loc": (), "input": HIDDEN}],
        hide_input=True,
    )


def _accepted(
    value: PhoneNumber, number_types: frozenset[NumberType] | None, allow_vanity: bool
) -> PhoneNumber:
    if number_types is not None and not value.number_type.satisfies(number_types):
        allowed = ", ".join(sorted(t.value for t in number_types))
        raise _refuse(
            "phone_type_not_allowed",
            "the number is a {actual} number; this field accepts only: {allowed}",
            {"actual": value.number_type.value, "allowed": allowed},
        )
    if not allow_vanity and value.vanity is not None:
        raise _refuse(
            "phone_vanity_not_allowed", "write the digits; this field does not accept letters"
        )
    return value


def _validate(
    value: Any,
    *,
    region: str | None,
    number_types: frozenset[NumberType] | None,
    allow_vanity: bool,
    from_json: bool,
) -> PhoneNumber:
    """A field's value from ``value``, or a ``ValidationError`` that hides the input."""
    if isinstance(value, str):
        try:
            number = PhoneNumber.parse(value, region)
        except PhoneNumberError as error:
            raise _refuse(error.code, error.message) from None
    elif from_json:
        raise _refuse("phone_type", "a phone number must be given as text")
    elif isinstance(value, PhoneNumber):
        number = value
    elif isinstance(value, phonenumbers.PhoneNumber):
        try:
            number = PhoneNumber.from_phonenumbers(value)
        except PhoneNumberError as error:
            raise _refuse(error.code, error.message) from None
    else:
        raise _refuse("phone_type", "a phone number must be given as text or a phone number object")
    return _accepted(number, number_types, allow_vanity)


def phone_core_schema(
    region: str | None = "US",
    number_types: frozenset[NumberType] | None = None,
    allow_vanity: bool = True,
) -> core_schema.CoreSchema:
    """The core schema of a ``PhoneNumber`` field with these settings (already checked).

    A plain ``PhoneNumber`` field uses the defaults; :class:`~pozo_site.PhoneNumberConstraints`
    checks its arguments and passes them here. JSON input must be text; Python input may
    also be a ``PhoneNumber`` or a ``phonenumbers.PhoneNumber``. Serialised as ``str()``.
    """
    from_json, from_python = (
        functools.partial(
            _validate,
            region=region,
            number_types=number_types,
            allow_vanity=allow_vanity,
            from_json=json,
        )
        for json in (True, False)
    )
    return core_schema.json_or_python_schema(
        json_schema=core_schema.no_info_plain_validator_function(from_json),
        python_schema=core_schema.no_info_plain_validator_function(from_python),
        serialization=core_schema.to_string_ser_schema(),
    )


def phone_json_schema(
    region: str | None = "US", number_types: frozenset[NumberType] | None = None
) -> JsonSchemaValue:
    """The JSON schema of a ``PhoneNumber`` field with these settings: a ``phone`` string."""
    kinds = (
        "any kind of line"
        if number_types is None
        else "only " + ", ".join(sorted(t.value.replace("_", " ") for t in number_types))
    )
    where = f"national numbers are read as dialled in {region}; " if region else ""
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
