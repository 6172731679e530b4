"""Reading a phone number as people write it: the rules behind :meth:`PhoneNumber.parse`.

Separators, keypad letters (and where they may stand), extensions, ``tel:`` URIs, and the
mapping of ``phonenumbers``' parse errors and validity results to stable error codes.
No caching here: :mod:`pozo_site._phone` caches the results.

>>> number, vanity = read_phone_text("1-88-VISA-LAW-1", "US")
>>> number.national_number, vanity
(8884725291, '1-88-VISA-LAW-1')
"""

from __future__ import annotations

import re
from typing import Final

import phonenumbers
from phonenumbers import NumberParseException, ValidationResult

from pozo_site._errors import PhoneNumberError

__all__ = ["check_extension", "check_region", "check_valid", "read_phone_text"]

_EXTENSION = re.compile(
    r"(?:\s*;\s*ext=|\s*,?\s*(?:extension|ext\.?|x|#)\s*)(\d{1,10})\s*$", re.IGNORECASE
)
# Separators people write between digit groups; a plus (ASCII or full width) only leads.
_SEPARATORS: Final = frozenset(" -.()/\u00a0\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_PLUS: Final = frozenset("+\uff0b")
_SEPARATOR_CLASS: Final = "".join(re.escape(c) for c in sorted(_SEPARATORS))
# What _check_characters_each accepts, as one pattern (the common case, checked in C): at
# most one plus, before any digit or letter; then decimal digits of any script (\d is
# Unicode category Nd, as str.isdecimal), A-Z and separators.
_LEAD: Final = rf"[{_SEPARATOR_CLASS}]*(?:[+\uff0b][{_SEPARATOR_CLASS}]*)?"
_WELL_FORMED_DIGITS: Final = re.compile(rf"{_LEAD}[\d{_SEPARATOR_CLASS}]*")
_WELL_FORMED: Final = re.compile(rf"{_LEAD}[\dA-Za-z{_SEPARATOR_CLASS}]*")
# Every extension marker _EXTENSION knows holds one of these characters.
_EXTENSION_MARKS: Final = frozenset(";#xX")
# The forms most North American numbers are written in: +1 (or, dialled from the US,
# nothing or the national prefix 1) and ten ASCII digits whose area code starts 2-9,
# grouped 3-3-4 by one space (a no-break space too), dot, hyphen or other dash (as word
# processors write them), the area code perhaps in parentheses.
# phonenumbers.parse gives such a text the number that country code 1 and those ten digits
# make (from the US, a leading 1 is the national prefix and is stripped: eleven digits
# cannot be a US national number, ten starting 2-9 can); read_phone_text makes that number
# itself and leaves out the parse, about half of the time of a parse and a validity check
# (tests/models/test_phone_fast_path.py compares the two).
_NANP_GAP: Final = "[ .\\-\u00a0\u2010-\u2015\u2212]?"  # at most one; all are in _SEPARATORS
_NANP_FORM: Final = re.compile(
    rf"(?:(\+)?1{_NANP_GAP})?"  # +1, or the national prefix
    rf"(?:\(([2-9][0-9]{{2}})\)|([2-9][0-9]{{2}}))"  # the area code
    rf"{_NANP_GAP}([0-9]{{3}}){_NANP_GAP}([0-9]{{4}})"
)


def _is_keypad_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def read_phone_text(text: str, region: str | None) -> tuple[phonenumbers.PhoneNumber, str | None]:
    """Read ``text`` as a valid number; return it and its vanity text (``None`` without letters).

    ``region`` must already be checked (:func:`check_region`). Raises
    :class:`~pozo_site.PhoneNumberError`; its message never repeats the input.
    """
    stripped = text.strip()
    if not stripped:
        raise PhoneNumberError("a phone number cannot be empty", code="phone_empty")
    if stripped[:4].lower() == "tel:":
        return _read_tel_uri(stripped, region), None
    number = _north_american(stripped, region)
    if number is not None:
        check_valid(number)
        return number, None
    return _read_written(stripped, region)


def _north_american(text: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    """The number ``phonenumbers.parse(text, region)`` gives, made without it, when
    ``text`` is in one of the usual North American forms (:data:`_NANP_FORM`); else
    ``None``. Not yet checked for validity."""
    fast = _NANP_FORM.fullmatch(text)
    if fast is None or (fast[1] is None and region != "US"):
        return None
    _, bracketed, area, exchange, line = fast.groups()
    return phonenumbers.PhoneNumber(
        country_code=1, national_number=int(f"{bracketed or area}{exchange}{line}")
    )


def _read_written(stripped: str, region: str | None) -> tuple[phonenumbers.PhoneNumber, str | None]:
    """:func:`read_phone_text` of a stripped text that is no ``tel:`` URI and not in a
    usual North American form: through ``phonenumbers.parse``, but for the part before
    an extension when that part is in such a form."""
    match = _EXTENSION.search(stripped) if not _EXTENSION_MARKS.isdisjoint(stripped) else None
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
        # An extension is split off above, so "+1 212-... ext. 12" takes the fast path too.
        fast = None if letters or extension is None else _north_american(main, region)
        number = fast if fast is not None else _lib_parse(converted, region)
        if extension is not None:
            number.extension = extension
        if letters:
            _check_letter_positions(main, number)
        check_valid(number)
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
    return number, stripped if letters else None


def _check_characters(main: str) -> bool:
    """Refuse characters a written number cannot hold; return whether it has letters.

    Digits are decimal digits of any script (phonenumbers reads them), not symbols such
    as "²" or "①"; a plus may only lead, once.
    """
    if _WELL_FORMED_DIGITS.fullmatch(main):
        return False
    if _WELL_FORMED.fullmatch(main):
        return True  # it has letters, since the digits-only pattern refused it
    return _check_characters_each(main)


def _check_characters_each(main: str) -> bool:
    """:func:`_check_characters` one character at a time: the error says what is wrong."""
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


def _read_tel_uri(text: str, region: str | None) -> phonenumbers.PhoneNumber:
    subscriber = text[4:].split(";", 1)[0]
    if any(_is_keypad_letter(c) for c in subscriber):
        raise PhoneNumberError(
            "a tel: URI cannot hold keypad letters (RFC 3966 section 5.1.2); write the digits",
            code="phone_misplaced_letters",
        )
    number = _lib_parse(text, region)
    check_extension(number)
    check_valid(number)
    return number


_MAX_EXTENSION_DIGITS: Final = 20
"""libphonenumber's own longest extension (in an RFC 3966 ``;ext=``)."""


def check_extension(number: phonenumbers.PhoneNumber) -> None:
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


def check_valid(number: phonenumbers.PhoneNumber) -> None:
    """Refuse a number phonenumbers does not call valid, saying why (possible is not enough)."""
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
    _check_trunk_prefix_length(number, where)
    raise PhoneNumberError(
        f"the digits are not a number in service in region {where} "
        "(possible length, but not an assigned range)"
        if reason == ValidationResult.IS_POSSIBLE
        else f"no number in region {where} has that many digits",
        code="phone_invalid",
    )


def _check_trunk_prefix_length(number: phonenumbers.PhoneNumber, region: str) -> None:
    """A possible-length number that only reaches that length through a leading trunk
    prefix ("1-888-472-529": the 1 and nine digits) is a number missing a digit; say so
    rather than "not in service". (The digits after a prefix are fewer than the number's
    own, so a possible number is never too long this way.)"""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    prefix = metadata.national_prefix if metadata is not None else None
    nsn = phonenumbers.national_significant_number(number)
    if not prefix or not nsn.startswith(prefix) or len(nsn) == len(prefix):
        return
    rest = nsn[len(prefix) :]
    lengths = sorted(set(metadata.general_desc.possible_length or ()))  # type: ignore[union-attr]
    if not lengths:  # pragma: no cover - every region's metadata lists its lengths
        return
    expected = " or ".join(str(n) for n in lengths)
    if len(rest) < lengths[0]:
        raise PhoneNumberError(
            f"the number has too few digits: after the leading {prefix} (the trunk prefix) "
            f"{len(rest)} digits remain, and a number in region {region} has {expected}",
            code="phone_too_short",
        )


def check_region(region: str | None) -> str | None:
    """``region`` in upper case, or :class:`~pozo_site.PhoneNumberError` if unsupported."""
    if region is None:
        return None
    upper = region.upper()
    if upper not in phonenumbers.SUPPORTED_REGIONS:
        raise PhoneNumberError(
            "region must be an ISO 3166-1 alpha-2 code that phonenumbers supports, such as 'US'",
            code="phone_unknown_region",
        )
    return upper
