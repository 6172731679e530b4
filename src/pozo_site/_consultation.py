"""``ConsultationRequest``: what the firm's "free in-office consultation" form produces.

Personal data stays private: the person's name, phone number, e-mail address and message
never appear in ``repr()``, ``str()`` or the text of a validation error.

>>> import datetime as dt
>>> request = ConsultationRequest(
...     name="Ana Example",
...     phone="(212) 555-0123",
...     matter_type="asylum",
...     consent=True,
...     submitted_at=dt.datetime(2026, 1, 5, 15, 0, tzinfo=dt.timezone.utc),
... )
>>> request.preferred_contact, request.urgent
(<ContactMethod.PHONE: 'phone'>, False)
>>> "Ana" in repr(request)
False
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, get_args

from pydantic import (
    AwareDatetime,
    ConfigDict,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError
from pydantic_core.core_schema import ErrorType

from pozo_site._base import FrozenModel
from pozo_site._contact import EmailAddress, LanguageTag
from pozo_site._phone import PhoneNumber
from pozo_site._text import ShortText, Text

if TYPE_CHECKING:
    from email.message import EmailMessage

__all__ = ["ConsultationRequest", "ContactMethod", "MatterType"]

#: The earliest time zone on Earth is UTC-12: a date is in the past only once it has
#: ended there too, so a visitor anywhere can pick their own "today".
_EARLIEST_OFFSET = dt.timedelta(hours=-12)


class MatterType(str, enum.Enum):
    """The kind of immigration matter a consultation is about."""

    FAMILY_IMMIGRATION = "family_immigration"
    """Family-based petitions and visas (spouses, parents, children, siblings)."""
    GREEN_CARD = "green_card"
    """Permanent residence and adjustment of status."""
    CITIZENSHIP = "citizenship"
    """Naturalization and citizenship."""
    DEPORTATION_DEFENSE = "deportation_defense"
    """Removal proceedings before an immigration court."""
    DETENTION = "detention"
    """Someone is held by immigration authorities: bond and release."""
    ASYLUM = "asylum"
    """Asylum, withholding of removal and protection claims."""
    DACA = "daca"
    EMPLOYMENT_VISA = "employment_visa"
    """Work visas and employment-based immigration."""
    STUDENT_VISA = "student_visa"
    VISITOR_VISA = "visitor_visa"
    WAIVER = "waiver"
    """Waivers of inadmissibility."""
    CRIMINAL_IMMIGRATION = "criminal_immigration"
    """Immigration consequences of criminal charges or convictions."""
    APPEAL = "appeal"
    """Appeals and motions to reopen."""
    OTHER = "other"


class ContactMethod(str, enum.Enum):
    """How the person prefers to be contacted; it must be one they gave details for."""

    PHONE = "phone"
    TEXT_MESSAGE = "text_message"
    EMAIL = "email"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


_PYDANTIC_ERROR_TYPES: Final = frozenset(get_args(ErrorType))
_HIDDEN = "[hidden]"
"""What a validation error shows in place of the input it refused."""


def _without_input(error: ErrorDetails) -> InitErrorDetails:
    """``error`` as it was (type, location, context), with its input replaced."""
    ctx = error.get("ctx")
    kind: str | PydanticCustomError = error["type"]
    if kind not in _PYDANTIC_ERROR_TYPES:  # one of our own codes
        kind = PydanticCustomError(error["type"], error["msg"], ctx)
    details: InitErrorDetails = {"type": kind, "loc": error["loc"], "input": _HIDDEN}
    if ctx is not None:
        details["ctx"] = ctx
    return details


class ConsultationRequest(FrozenModel):
    """A request for a free in-office consultation, as submitted through the web form.

    At least one of ``phone`` and ``email`` is required; ``preferred_contact`` defaults to
    the phone when given; ``consent`` must be true; ``preferred_date`` cannot be in the
    past at ``submitted_at`` (a timezone-aware time, now by default).
    """

    model_config = ConfigDict(hide_input_in_errors=True)

    name: Annotated[ShortText, Field(repr=False)]
    phone: Annotated[PhoneNumber | None, Field(repr=False)] = None
    email: Annotated[EmailAddress | None, Field(repr=False)] = None
    preferred_contact: ContactMethod | None = None
    preferred_language: LanguageTag | None = None
    matter_type: MatterType
    detained: bool = False
    """Whether the person or a family member is detained now: the request is urgent."""
    preferred_date: dt.date | None = None
    """The day the person would like to visit the office."""
    message: Annotated[
        str, Text(max_length=5_000, min_length=0, multi_line=True), Field(repr=False)
    ] = ""
    consent: Literal[True] = Field(
        description="Explicit consent to be contacted about the request; must be true."
    )
    submitted_at: AwareDatetime = Field(default_factory=_now)

    @model_validator(mode="wrap")
    @classmethod
    def _hide_inputs(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        # hide_input_in_errors only applies when this model is validated on its own; inside
        # another model (a web framework's request body) or a TypeAdapter, that model's
        # settings decide, and the error text would echo the person's phone or e-mail.
        # Errors leave this model with their inputs already replaced.
        try:
            return handler(data)
        except ValidationError as error:
            details = [_without_input(e) for e in error.errors(include_url=False)]
            raise ValidationError.from_exception_data(
                error.title, details, hide_input=True
            ) from None

    @field_validator("consent", mode="before")
    @classmethod
    def _require_consent(cls, value: Any) -> Any:
        if value is not True:
            raise PydanticCustomError(
                "consent_required", "consent to be contacted must be given (true)"
            )
        return value

    @model_validator(mode="after")
    def _check_contact_and_date(self) -> ConsultationRequest:
        if self.phone is None and self.email is None:
            raise PydanticCustomError(
                "contact_required", "give a phone number, an e-mail address, or both"
            )
        wanted = self.preferred_contact
        if wanted is None:
            object.__setattr__(
                self,
                "preferred_contact",
                ContactMethod.PHONE if self.phone is not None else ContactMethod.EMAIL,
            )
        elif wanted is ContactMethod.EMAIL and self.email is None:
            raise PydanticCustomError(
                "preferred_contact_missing", "the preferred contact is e-mail, but none was given"
            )
        elif wanted is not ContactMethod.EMAIL and self.phone is None:
            raise PydanticCustomError(
                "preferred_contact_missing",
                "the preferred contact is by phone, but no phone number was given",
            )
        if self.preferred_date is not None:
            earliest = (self.submitted_at.astimezone(dt.timezone.utc) + _EARLIEST_OFFSET).date()
            if self.preferred_date < earliest:
                raise PydanticCustomError(
                    "preferred_date_in_past", "the preferred date cannot be in the past"
                )
        return self

    @property
    def urgent(self) -> bool:
        """Whether staff should act first: someone is detained."""
        return self.detained

    def summary(self) -> str:
        """A plain-text summary for the firm's staff; urgent requests are marked at the top.

        It holds the person's details (it is for staff); see
        :func:`pozo_site._intake.consultation_summary`.
        """
        from pozo_site._intake import consultation_summary  # noqa: PLC0415 (import cycle)

        return consultation_summary(self)

    def to_email(self, *, to: str, sender: str, firm_name: str | None = None) -> EmailMessage:
        """The intake e-mail for this request, from ``sender`` to the staff address ``to``.

        The subject names the matter type and urgency, the body is :meth:`summary`, and
        ``Reply-To`` is the person's e-mail when given; nothing the person typed reaches
        any other header. See :func:`pozo_site._intake.consultation_email`.
        """
        from pozo_site._intake import consultation_email  # noqa: PLC0415 (import cycle)

        return consultation_email(self, to=to, sender=sender, firm_name=firm_name)
