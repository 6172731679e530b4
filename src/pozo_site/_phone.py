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
"""

from __future__ import annotations

import enum
import functools
import re
from typing import Any, Final

import phonenumbers
from phonenumbers import PhoneNumberFormat
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from pozo_site._errors import PhoneNumberError
from pozo_site._phone_reading import check_extension, check_region, check_valid, read_phone_text

__all__ = [
    "DEFAULT_PHONE_STYLE",
    "MAX_PHONE_INPUT_LENGTH",
    "NumberType",
    "PhoneNumber",
    "PhoneStyle",
    "styled_text",
]

MAX_PHONE_INPUT_LENGTH: Final = 64
"""Longest text :meth:`PhoneNumber.parse` looks at; longer input is refused unparsed."""

_CACHE_SIZE: Final = 4096


class NumberType(str, enum.Enum):
    """What kind of line a number is, per the numbering plan's metadata."""

    FIXED_LINE = "fixed_line"
    MOBILE = "mobile"
    FIXED_LINE_OR_MOBILE = "fixed_line_or_mobile"
    """Plans such as North America's cannot tell fixed from mobile by the digits."""
    TOLL_FREE = "toll_free"
    PREMIUM_RATE = "premium_rate"
    SHARED_COST = "shared_cost"
    VOIP = "voip"
    PERSONAL_NUMBER = "personal_number"
    PAGER = "pager"
    UAN = "uan"
    VOICEMAIL = "voicemail"
    UNKNOWN = "unknown"

    def satisfies(self, allowed: frozenset[NumberType]) -> bool:
        """Whether a number of this type meets a constraint allowing ``allowed``.

        ``FIXED_LINE_OR_MOBILE`` satisfies a constraint that allows either of the two.
        """
        if self in allowed:
            return True
        return self is NumberType.FIXED_LINE_OR_MOBILE and bool(
            allowed & {NumberType.FIXED_LINE, NumberType.MOBILE}
        )


_TYPE_FROM_LIB: Final = {
    phonenumbers.PhoneNumberType.FIXED_LINE: NumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.MOBILE: NumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: NumberType.FIXED_LINE_OR_MOBILE,
    phonenumbers.PhoneNumberType.TOLL_FREE: NumberType.TOLL_FREE,
    phonenumbers.PhoneNumberType.PREMIUM_RATE: NumberType.PREMIUM_RATE,
    phonenumbers.PhoneNumberType.SHARED_COST: NumberType.SHARED_COST,
    phonenumbers.PhoneNumberType.VOIP: NumberType.VOIP,
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER: NumberType.PERSONAL_NUMBER,
    phonenumbers.PhoneNumberType.PAGER: NumberType.PAGER,
    phonenumbers.PhoneNumberType.UAN: NumberType.UAN,
    phonenumbers.PhoneNumberType.VOICEMAIL: NumberType.VOICEMAIL,
}


class PhoneStyle(str, enum.Enum):
    """A way of writing a number, for :meth:`PhoneNumber.format` and house styles."""

    E164 = "e164"
    """``+12122019031``: for data, never for people."""
    INTERNATIONAL = "international"
    """``+1 212-201-9031``."""
    NATIONAL = "national"
    """``(212) 201-9031``."""
    DASHES = "dashes"
    """``212-201-9031``: the national form with hyphens only."""
    RFC3966 = "rfc3966"
    """``tel:+1-212-201-9031``: for links."""
    DISPLAY = "display"
    """The vanity text where there is one, else the national form."""
    DIGITS = "digits"
    """``1-888-472-5291``: the digits to print beside a vanity number; in North America
    the long-distance form with hyphens, elsewhere the international form."""


DEFAULT_PHONE_STYLE: Final = PhoneStyle.DASHES
"""The house style: ``212-201-9031``, as the firm's own article prints its number.

``pozo-site check`` enforces it (unless a content folder configures ``phone-style``) and
every renderer prints numbers in it unless given another ``phone_style``."""


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
        result = _parse_cached(text, check_region(region))
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
        lib_type = phonenumbers.number_type(number)
        values = {
            "_number": number,
            "_vanity": vanity,
            "_e164": phonenumbers.format_number(number, PhoneNumberFormat.E164),
            "_national": phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
            "_international": phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
            "_rfc3966": phonenumbers.format_number(number, PhoneNumberFormat.RFC3966),
            "_number_type": _TYPE_FROM_LIB.get(lib_type, NumberType.UNKNOWN),
            "_region": phonenumbers.region_code_for_number(number),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)
        return self

    # -- immutability, equality, pickling ------------------------------------------

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("PhoneNumber is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("PhoneNumber is immutable")

    def _key(self) -> tuple[str, str]:
        return (self._e164, self._number.extension or "")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PhoneNumber):
            return self._key() == other._key()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._rfc3966, self._vanity))

    def __repr__(self) -> str:
        extra = f", vanity={self._vanity!r}" if self._vanity else ""
        ext = f", extension={self.extension!r}" if self.extension else ""
        return f"PhoneNumber({self._e164!r}{ext}{extra})"

    def __str__(self) -> str:
        """The serialised form: the vanity text where there is one, else international."""
        return self._vanity if self._vanity is not None else self._international

    # -- forms -----------------------------------------------------------------------

    @property
    def e164(self) -> str:
        """``+18884725291``: the E.164 form, without the extension."""
        return self._e164

    @property
    def national(self) -> str:
        """``(888) 472-5291``: the national form, with ``ext.`` where there is one."""
        return self._national

    @property
    def international(self) -> str:
        """``+1 888-472-5291``: the international form."""
        return self._international

    @property
    def tel_uri(self) -> str:
        """``tel:+1-888-472-5291``: the RFC 3966 URI, digits only, for links."""
        return self._rfc3966

    @property
    def vanity(self) -> str | None:
        """The text exactly as written when it had keypad letters, else ``None``."""
        return self._vanity

    @property
    def display(self) -> str:
        """What a person should read: the vanity text, or the national form."""
        return self._vanity if self._vanity is not None else self._national

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
        return self._region

    @property
    def number_type(self) -> NumberType:
        """The kind of line, from the numbering plan's metadata."""
        return self._number_type

    @property
    def is_toll_free(self) -> bool:
        """Whether calls to the number are free for the caller."""
        return self._number_type is NumberType.TOLL_FREE

    def format(self, style: PhoneStyle | str) -> str:
        """The number written in ``style`` (a :class:`PhoneStyle` or its value).

        >>> PhoneNumber("+1 888 472 5291").format("dashes")
        '888-472-5291'
        """
        style = PhoneStyle(style)
        if style is PhoneStyle.DISPLAY:
            return self.display
        if style is PhoneStyle.DASHES:
            return _dashes(self._national)
        if style is PhoneStyle.DIGITS:
            if self.country_code == 1:
                return f"1-{_dashes(self._national)}"
            return self._international
        return {
            PhoneStyle.E164: self._e164,
            PhoneStyle.INTERNATIONAL: self._international,
            PhoneStyle.NATIONAL: self._national,
            PhoneStyle.RFC3966: self._rfc3966,
        }[style]

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
        from pozo_site._phone_field import DEFAULT_CONSTRAINTS  # noqa: PLC0415 (import cycle)

        return DEFAULT_CONSTRAINTS.__get_pydantic_core_schema__(source, handler)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        from pozo_site._phone_field import DEFAULT_CONSTRAINTS  # noqa: PLC0415 (import cycle)

        return DEFAULT_CONSTRAINTS.__get_pydantic_json_schema__(schema, handler)


_DASH_RUNS = re.compile(r"[\s()\-]+")


def _dashes(national: str) -> str:
    main, sep, ext = national.partition(" ext. ")
    body = _DASH_RUNS.sub("-", main).strip("-")
    return f"{body}{sep}{ext}"


def _restore(rfc3966: str, vanity: str | None) -> PhoneNumber:
    digits = PhoneNumber.parse(rfc3966, None)
    return digits if vanity is None else PhoneNumber._from_valid(digits.as_phonenumbers(), vanity)
