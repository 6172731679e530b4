"""The kinds of line a number can be, and the styles a number can be written in.

Plain enumerations (and the house style) that :class:`~pozo_site.PhoneNumber`, the
renderers and the checks share; :mod:`pozo_site._phone` re-exports them.

>>> NumberType.FIXED_LINE_OR_MOBILE.satisfies(frozenset({NumberType.MOBILE}))
True
>>> PhoneStyle("dashes") is DEFAULT_PHONE_STYLE
True
"""

from __future__ import annotations

import enum
import functools
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import phonenumbers

__all__ = [
    "DEFAULT_PHONE_MAX_BARE_DIGITS",
    "DEFAULT_PHONE_STYLE",
    "NumberType",
    "PhoneStyle",
    "number_type_of",
]


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


DEFAULT_PHONE_MAX_BARE_DIGITS: Final = 9
"""Longest run of digits, with no separator and no leading ``+``, that the phone rules
read as a number anywhere (the ``phone-max-bare-digits`` setting): 9 is one digit short
of a North American number, so a bare run ("2147483648", a receipt's digits) is a number
only after a word such as "call"."""


@functools.cache
def _type_from_lib() -> dict[int, NumberType]:
    """phonenumbers' kinds to ours; built on first use, so that these enumerations (which
    the check configuration reads) do not import phonenumbers."""
    import phonenumbers  # noqa: PLC0415 (see the docstring)

    return {
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


def number_type_of(number: phonenumbers.PhoneNumber) -> NumberType:
    """The kind of line of a valid ``number``, per the numbering plan's metadata."""
    import phonenumbers  # noqa: PLC0415 (already loaded: ``number`` is one of its objects)

    return _type_from_lib().get(phonenumbers.number_type(number), NumberType.UNKNOWN)
