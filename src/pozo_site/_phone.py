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
``PhoneNumber``; ``Annotated[PhoneNumber, PhoneNumberConstraints(...)]`` narrows it:

>>> from pydantic import TypeAdapter
>>> TypeAdapter(TollFreeNumber).validate_python("(212) 555-0123")
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for ...
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Annotated, Any, Final

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from pozo_site._errors import PhoneNumberError

__all__ = [
    "MAX_PHONE_INPUT_LENGTH",
    "NumberType",
    "PhoneNumber",
    "PhoneNumberConstraints",
    "PhoneStyle",
    "TollFreeNumber",
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


# Extension markers: ";ext=12", "x12", "ext. 12", "extension 12", "#12" at the end.
_EXTENSION = re.compile(
    r"(?:\s*;\s*ext=|\s*,?\s*(?:extension|ext\.?|x|#)\s*)(\d{1,10})\s*$", re.IGNORECASE
)
# Separators people write between digit groups; a plus (ASCII or full width) only leads.
_SEPARATORS: Final = frozenset(" -.()/\u00a0\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_PLUS: Final = frozenset("+\uff0b")


def _is_keypad_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _parse_cached(text: str, region: str | None) -> PhoneNumber | PhoneNumberError:
    # Errors are cached as values (lru_cache does not cache exceptions); PhoneNumber is
    # immutable, so sharing one instance between callers is safe.
    try:
        return _parse_uncached(text, region)
    except PhoneNumberError as error:
        return error


def _parse_uncached(text: str, region: str | None) -> PhoneNumber:
    stripped = text.strip()
    if not stripped:
        raise PhoneNumberError("a phone number cannot be empty", code="phone_empty")
    if stripped[:4].lower() == "tel:":
        return _parse_tel_uri(stripped, region)
    match = _EXTENSION.search(stripped)
    main, extension = (stripped, None)
    if match:
        # \d also matches other scripts' digits (fullwidth, Arabic-Indic, ...), as the
        # number itself may use them; the extension is kept in ASCII digits like the rest.
        main, extension = stripped[: match.start()], phonenumbers.normalize_digits_only(match[1])
    letters = _check_characters(main)
    if letters:
        _check_letters_lead(main)
    converted = phonenumbers.convert_alpha_characters_in_number(main) if letters else main
    try:
        number = _lib_parse(converted, region)
        if extension is not None:
            number.extension = extension
        if letters:
            _check_letter_positions(main, number)
        _check_valid(number)
    except PhoneNumberError as error:
        if letters and error.code == "phone_too_long":
            # "1-800-MATTRESS": a phone dials the first digits and ignores the rest, but
            # the text no longer says which number it is; phonenumbers refuses it too.
            raise PhoneNumberError(
                "the text spells more digits than the number has (each keypad letter "
                "is a digit); print only the letters that are dialled",
                code="phone_too_long",
            ) from None
        raise
    return PhoneNumber._from_valid(number, stripped if letters else None)


def _check_characters(main: str) -> bool:
    """Refuse characters a written number cannot hold; return whether it has letters.

    Digits are decimal digits of any script (phonenumbers reads them), not symbols such
    as "²" or "①"; a plus may only lead, once.
    """
    letters = False
    symbols = 0  # digits and letters seen so far
    for char in main:
        if _is_keypad_letter(char):
            letters = True
            symbols += 1
        elif char.isdecimal():
            symbols += 1
        elif char in _PLUS:
            if symbols or sum(map(main.count, _PLUS)) > 1:
                raise PhoneNumberError(
                    "a + can only start an international number, once",
                    code="phone_invalid_characters",
                )
        elif char not in _SEPARATORS:
            raise PhoneNumberError(
                "a phone number may hold only digits, keypad letters A-Z, spaces and - . ( ) / +",
                code="phone_invalid_characters",
            )
    return letters


def _parse_tel_uri(text: str, region: str | None) -> PhoneNumber:
    subscriber = text[4:].split(";", 1)[0]
    if any(_is_keypad_letter(c) for c in subscriber):
        raise PhoneNumberError(
            "a tel: URI cannot hold keypad letters (RFC 3966 section 5.1.2); write the digits",
            code="phone_misplaced_letters",
        )
    number = _lib_parse(text, region)
    _check_extension(number)
    _check_valid(number)
    return PhoneNumber._from_valid(number, None)


_MAX_EXTENSION_DIGITS: Final = 20
"""libphonenumber's own longest extension (in an RFC 3966 ``;ext=``)."""


def _check_extension(number: phonenumbers.PhoneNumber) -> None:
    """Refuse an extension that is not digits; write other scripts' digits in ASCII.

    A ``tel:`` URI's ``;ext=`` and a ``phonenumbers.PhoneNumber`` made by hand can carry
    any text, which would otherwise reach ``tel_uri`` (a link, a vCard line) unchecked.
    """
    extension = number.extension
    if not extension:
        number.extension = None
        return
    digits = phonenumbers.normalize_digits_only(extension)
    if len(digits) != len(extension) or len(digits) > _MAX_EXTENSION_DIGITS:
        raise PhoneNumberError(
            f"an extension is 1 to {_MAX_EXTENSION_DIGITS} digits",
            code="phone_invalid_characters",
        )
    number.extension = digits


def _lib_parse(text: str, region: str | None) -> phonenumbers.PhoneNumber:
    try:
        return phonenumbers.parse(text, region)
    except NumberParseException as error:
        raise _parse_error(error.error_type, region) from None


def _parse_error(error_type: int, region: str | None) -> PhoneNumberError:
    if error_type == NumberParseException.INVALID_COUNTRY_CODE:
        if region is None:
            return PhoneNumberError(
                "an international number must start with + and a valid country code",
                code="phone_invalid_country_code",
            )
        return PhoneNumberError(
            "the country calling code is not valid", code="phone_invalid_country_code"
        )
    if error_type in (NumberParseException.TOO_SHORT_NSN, NumberParseException.TOO_SHORT_AFTER_IDD):
        return PhoneNumberError("the number has too few digits", code="phone_too_short")
    if error_type == NumberParseException.TOO_LONG:
        return PhoneNumberError("the number has too many digits", code="phone_too_long")
    return PhoneNumberError("the text does not look like a phone number", code="phone_not_a_number")


def _check_letters_lead(main: str) -> None:
    """Text with keypad letters must hold digits, and cannot start with a letter."""
    first = next((c for c in main if c.isdecimal() or _is_keypad_letter(c)), "")
    if not any(c.isdecimal() for c in main):
        raise PhoneNumberError(
            "the text does not look like a phone number", code="phone_not_a_number"
        )
    if _is_keypad_letter(first):
        raise PhoneNumberError(
            "keypad letters can only stand for digits of the number itself, "
            "not for its country code, trunk prefix or first digit",
            code="phone_misplaced_letters",
        )


def _check_letter_positions(main: str, number: phonenumbers.PhoneNumber) -> None:
    """Keypad letters may only stand for digits of the national significant number."""
    symbols = [c for c in main if c.isdecimal() or _is_keypad_letter(c)]
    first_letter = next(i for i, c in enumerate(symbols) if _is_keypad_letter(c))
    nsn_length = len(phonenumbers.national_significant_number(number))
    if first_letter < len(symbols) - nsn_length:
        raise PhoneNumberError(
            "keypad letters can only stand for digits of the number itself, "
            "not for its country code or trunk prefix",
            code="phone_misplaced_letters",
        )


def _check_valid(number: phonenumbers.PhoneNumber) -> None:
    if phonenumbers.is_valid_number(number):
        return
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == ValidationResult.TOO_SHORT:
        raise PhoneNumberError("the number has too few digits", code="phone_too_short")
    if reason == ValidationResult.TOO_LONG:
        raise PhoneNumberError("the number has too many digits", code="phone_too_long")
    if reason == ValidationResult.INVALID_COUNTRY_CODE:
        raise PhoneNumberError(
            "the country calling code is not valid", code="phone_invalid_country_code"
        )
    where = phonenumbers.region_code_for_country_code(number.country_code or 0)
    raise PhoneNumberError(
        f"the digits are not a number in service in region {where} "
        "(possible length, but not an assigned range)"
        if reason == ValidationResult.IS_POSSIBLE
        else f"no number in region {where} has that many digits",
        code="phone_invalid",
    )


def _check_region(region: str | None) -> str | None:
    if region is None:
        return None
    upper = region.upper()
    if upper not in phonenumbers.SUPPORTED_REGIONS:
        raise PhoneNumberError(
            "region must be an ISO 3166-1 alpha-2 code that phonenumbers supports, such as 'US'",
            code="phone_unknown_region",
        )
    return upper


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
        result = _parse_cached(text, _check_region(region))
        if isinstance(result, PhoneNumberError):
            raise PhoneNumberError(result.message, code=result.code)
        return result

    @classmethod
    def from_phonenumbers(cls, number: phonenumbers.PhoneNumber) -> PhoneNumber:
        """Wrap a ``phonenumbers.PhoneNumber`` (copied), checking that it is valid."""
        copy = phonenumbers.PhoneNumber()
        copy.merge_from(number)
        _check_extension(copy)
        _check_valid(copy)
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
        return _DEFAULT_CONSTRAINTS.__get_pydantic_core_schema__(source, handler)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return _DEFAULT_CONSTRAINTS.__get_pydantic_json_schema__(schema, handler)


_DASH_RUNS = re.compile(r"[\s()\-]+")


def _dashes(national: str) -> str:
    main, sep, ext = national.partition(" ext. ")
    body = _DASH_RUNS.sub("-", main).strip("-")
    return f"{body}{sep}{ext}"


def _restore(rfc3966: str, vanity: str | None) -> PhoneNumber:
    digits = PhoneNumber.parse(rfc3966, None)
    return digits if vanity is None else PhoneNumber._from_valid(digits.as_phonenumbers(), vanity)


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
        object.__setattr__(self, "region", _check_region(self.region))
        object.__setattr__(self, "number_types", _to_frozenset(self.number_types))

    def _check(self, value: PhoneNumber) -> PhoneNumber:
        if self.number_types is not None and not value.number_type.satisfies(self.number_types):
            allowed = ", ".join(sorted(t.value for t in self.number_types))
            raise PydanticCustomError(
                "phone_type_not_allowed",
                "the number is a {actual} number; this field accepts only: {allowed}",
                {"actual": value.number_type.value, "allowed": allowed},
            )
        if not self.allow_vanity and value.vanity is not None:
            raise PydanticCustomError(
                "phone_vanity_not_allowed", "write the digits; this field does not accept letters"
            )
        return value

    def _from_str(self, text: str) -> PhoneNumber:
        try:
            return self._check(PhoneNumber.parse(text, self.region))
        except PhoneNumberError as error:
            raise PydanticCustomError(error.code, error.message) from None

    def _from_python(self, value: Any) -> PhoneNumber:
        if isinstance(value, PhoneNumber):
            return self._check(value)
        if isinstance(value, str):
            return self._from_str(value)
        if isinstance(value, phonenumbers.PhoneNumber):
            try:
                return self._check(PhoneNumber.from_phonenumbers(value))
            except PhoneNumberError as error:
                raise PydanticCustomError(error.code, error.message) from None
        raise PydanticCustomError(
            "phone_type", "a phone number must be given as text or a phone number object"
        )

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.json_or_python_schema(
            json_schema=core_schema.no_info_after_validator_function(
                self._from_str, core_schema.str_schema()
            ),
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


_DEFAULT_CONSTRAINTS: Final = PhoneNumberConstraints()

TollFreeNumber = Annotated[
    PhoneNumber, PhoneNumberConstraints(number_types=frozenset({NumberType.TOLL_FREE}))
]
"""A ``PhoneNumber`` field that accepts only toll-free numbers."""
