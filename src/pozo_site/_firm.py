"""``FirmProfile`` and its parts: the single source of every contact fact the site prints.

>>> firm = FirmProfile(
...     name="Example Immigration Law",
...     phones=[{"role": "main", "number": "(212) 555-0123"}],
... )
>>> firm.main_phone.number.e164
'+12125550123'
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import zoneinfo
from typing import Annotated

from pydantic import AfterValidator, Field, HttpUrl, field_validator, model_validator
from pydantic_core import PydanticCustomError

from pozo_site._base import FrozenModel
from pozo_site._contact import EmailAddress, LanguageTag
from pozo_site._phone import PhoneNumber
from pozo_site._text import ShortText, SingleLine

__all__ = [
    "Certification",
    "Credential",
    "DayOfWeek",
    "FirmPhone",
    "FirmProfile",
    "Offer",
    "Office",
    "OpeningHours",
    "PhoneRole",
    "PostalAddress",
    "SocialProfile",
]


class PhoneRole(str, enum.Enum):
    """What a firm's phone number is for."""

    MAIN = "main"
    """The main office line."""
    TOLL_FREE = "toll_free"
    FAX = "fax"
    MOBILE = "mobile"
    OTHER = "other"

    @property
    def label(self) -> str:
        """A default human label for the role, used when a number has none of its own."""
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    PhoneRole.MAIN: "Office",
    PhoneRole.TOLL_FREE: "Toll Free",
    PhoneRole.FAX: "Fax",
    PhoneRole.MOBILE: "Mobile",
    PhoneRole.OTHER: "Phone",
}


class FirmPhone(FrozenModel):
    """One of the firm's numbers with its role, and the label the firm prints beside it."""

    role: PhoneRole
    number: PhoneNumber
    label: ShortText | None = None
    """The label as printed ("Toll Free"); ``None`` uses the role's default label."""

    @property
    def display_label(self) -> str:
        """The label to print: the firm's own, or the role's default."""
        return self.label if self.label is not None else self.role.label

    @model_validator(mode="after")
    def _toll_free_role_needs_toll_free_number(self) -> FirmPhone:
        if self.role is PhoneRole.TOLL_FREE and not self.number.is_toll_free:
            raise ValueError("a number with role toll_free must be a toll-free number")
        return self


class PostalAddress(FrozenModel):
    """A postal address, in the fields schema.org's ``PostalAddress`` and vCard's ``ADR`` use."""

    street_address: SingleLine
    """Street, number and suite: "100 Example Street, Suite 5"."""
    locality: ShortText
    """City or town."""
    region: ShortText
    """State, e.g. "NY"."""
    postal_code: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$")]
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] = "US"
    """ISO 3166-1 alpha-2 country code."""


class DayOfWeek(str, enum.Enum):
    """A day of the week, named as schema.org's ``DayOfWeek`` names it (lower case here)."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"


class OpeningHours(FrozenModel):
    """Hours an office is open on the given days (``closes`` after ``opens``, same day)."""

    days: Annotated[tuple[DayOfWeek, ...], Field(min_length=1, max_length=7)]
    opens: dt.time
    closes: dt.time

    @model_validator(mode="after")
    def _check(self) -> OpeningHours:
        if len(set(self.days)) != len(self.days):
            raise ValueError("each day may be listed once")
        if self.closes <= self.opens:
            raise ValueError("closes must be later than opens")
        return self


class Office(FrozenModel):
    """A physical office, where in-office consultations happen."""

    name: ShortText | None = None
    address: PostalAddress
    phone: PhoneNumber | None = None
    hours: Annotated[tuple[OpeningHours, ...], Field(max_length=14)] = ()


class Offer(FrozenModel):
    """The offer and call to action the firm prints at the top of its pages."""

    headline: ShortText
    """E.g. "FREE in-office consultation"."""
    call_to_action: ShortText
    """E.g. "Call Today"."""


class Credential(FrozenModel):
    """A credential the firm states about its lawyers, e.g. two former prosecutors."""

    title: ShortText
    count: Annotated[int, Field(ge=1, le=1000)] = 1
    field: ShortText | None = None
    """The field the credential is in, e.g. "immigration"."""


class Certification(FrozenModel):
    """A specialty certification (NY Rule 7.4(c)); it allows "specialist" wording."""

    area: ShortText
    issuer: ShortText
    disclaimer: SingleLine | None = None
    """The disclaimer Rule 7.4(c) requires with the certification, as printed."""


class SocialProfile(FrozenModel):
    """A profile of the firm on another site."""

    network: ShortText
    url: HttpUrl


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _check_timezone(name: str) -> str:
    if _zone(name) is None:
        raise PydanticCustomError(
            "timezone_unknown",
            "a time zone is an IANA name such as 'America/New_York'",
        )
    return name


TimeZoneName = Annotated[
    str,
    Field(min_length=1, max_length=64, json_schema_extra={"examples": ["America/New_York"]}),
    AfterValidator(_check_timezone),
]
"""An IANA time zone name, such as ``America/New_York``."""


class FirmProfile(FrozenModel):
    """The firm: its name, numbers, offer, practice, reach, credentials and offices.

    Optional fields the firm's own page does not give (offices, e-mail, website,
    languages, social profiles) stay empty in the default profile rather than invented.
    """

    name: ShortText
    phones: Annotated[
        tuple[FirmPhone, ...], Field(max_length=20, json_schema_extra={"minItems": 1})
    ]
    offer: Offer | None = None
    practice_areas: Annotated[tuple[ShortText, ...], Field(max_length=50)] = ()
    areas_served: Annotated[tuple[ShortText, ...], Field(max_length=50)] = ()
    credentials: Annotated[tuple[Credential, ...], Field(max_length=50)] = ()
    certifications: Annotated[tuple[Certification, ...], Field(max_length=20)] = ()
    offices: Annotated[tuple[Office, ...], Field(max_length=20)] = ()
    email: EmailAddress | None = None
    website: HttpUrl | None = None
    languages: Annotated[tuple[LanguageTag, ...], Field(max_length=50)] = ()
    """Languages the firm serves clients in, as BCP 47 tags."""
    social_profiles: Annotated[tuple[SocialProfile, ...], Field(max_length=20)] = ()
    advertising_notice: ShortText | None = None
    """The attorney-advertising label its site must show (NY Rule 7.1(f))."""
    base_url: HttpUrl | None = None
    """The address the site's article pages live under (``https://www.example.com/blog/``):
    article JSON-LD then gives absolute ``url``, ``mainEntityOfPage`` and ``image``, as
    Google asks. A content folder's ``base-url`` setting takes precedence."""
    timezone: TimeZoneName | None = None
    """The firm's IANA time zone (``America/New_York``): article dates in JSON-LD then
    carry its offset, so that search engines do not assume their own."""

    @field_validator("phones")
    @classmethod
    def _at_least_one_phone(cls, phones: tuple[FirmPhone, ...]) -> tuple[FirmPhone, ...]:
        # Checked here rather than with min_length, which pydantic also reports (confusingly)
        # when an item of a non-empty list is invalid.
        if not phones:
            raise PydanticCustomError(
                "phones_required", "list at least one phone number; the firm must be reachable"
            )
        return phones

    @model_validator(mode="after")
    def _check_phones(self) -> FirmProfile:
        numbers = [phone.number for phone in self.phones]
        if len(set(numbers)) != len(numbers):
            raise ValueError("each phone number may be listed once")
        if sum(phone.role is PhoneRole.MAIN for phone in self.phones) > 1:
            raise ValueError("only one phone number may have the role main")
        return self

    @property
    def zone(self) -> dt.tzinfo | None:
        """:attr:`timezone` as a ``tzinfo``, or ``None`` when the profile gives none."""
        return _zone(self.timezone) if self.timezone is not None else None

    @property
    def main_phone(self) -> FirmPhone:
        """The main office line, or the first number when none has the role ``main``."""
        return next((p for p in self.phones if p.role is PhoneRole.MAIN), self.phones[0])

    @property
    def toll_free_phone(self) -> FirmPhone | None:
        """The first toll-free number, if the firm has one."""
        return next((p for p in self.phones if p.role is PhoneRole.TOLL_FREE), None)

    def phones_with_role(self, role: PhoneRole | str) -> tuple[FirmPhone, ...]:
        """The firm's numbers that have ``role``, in the order listed."""
        wanted = PhoneRole(role)
        return tuple(p for p in self.phones if p.role is wanted)

    @property
    def numbers(self) -> frozenset[PhoneNumber]:
        """Every number the firm lists, its offices' included."""
        found = {p.number for p in self.phones}
        found.update(o.phone for o in self.offices if o.phone is not None)
        return frozenset(found)
