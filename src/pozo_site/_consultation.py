"""``ConsultationRequest``: what the firm's "free in-office consultation" form produces.

Personal data stays private: the person's name, phone number, e-mail address and message
never appear in ``repr()``, ``str()`` or any validation error (every error path goes
through :mod:`pozo_site._privacy`). A browser's form POST becomes a request through
:meth:`ConsultationRequest.from_form`, which reads it as browsers mean it and reports every
problem in one round, for the visitor, in English or Spanish.

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
>>> MatterType.ASYLUM.label("es")
'Asilo'
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, cast

from pydantic import (
    AwareDatetime,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError
from typing_extensions import Self

from pozo_site._base import FrozenModel
from pozo_site._consultation_form import (
    FORM_FIELDS,
    FormTimer,
    is_spam_trap_filled,
    read_form,
    timer_token,
)
from pozo_site._consultation_text import (
    contact_label,
    form_code,
    form_message,
    matter_label,
    resolve_locale,
)
from pozo_site._contact import EmailAddress, LanguageTag
from pozo_site._errors import ConsultationFormError
from pozo_site._intake_bridge import (
    _IntakeRenderers,  # noqa: F401 (the tests reach the bridge's state through this module)
    intake_email,
    intake_summary,
)
from pozo_site._phone import PhoneNumber
from pozo_site._privacy import HIDDEN, hide_inputs
from pozo_site._text import ShortText, Text

if TYPE_CHECKING:
    from email.message import EmailMessage

    from pozo_site._consultation_form import _MultiDict

__all__ = ["ConsultationRequest", "ContactMethod", "MatterType"]

#: The earliest time zone on Earth is UTC-12: a date is in the past only once it has
#: ended there too, so a visitor anywhere can pick their own "today".
_EARLIEST_OFFSET = dt.timedelta(hours=-12)

_FORM_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""What ``<input type="date">`` sends: ``YYYY-MM-DD``, nothing else."""


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

    def label(self, locale: str = "en") -> str:
        """The label people read, in ``locale`` (``en`` or ``es``; ``es-MX`` reads ``es``).

        >>> MatterType.DETENTION.label()
        'Detention (bond and release)'
        """
        return matter_label(self.value, locale)


class ContactMethod(str, enum.Enum):
    """How the person prefers to be contacted; it must be one they gave details for."""

    PHONE = "phone"
    TEXT_MESSAGE = "text_message"
    EMAIL = "email"

    def label(self, locale: str = "en") -> str:
        """The label people read, in ``locale``.

        >>> ContactMethod.TEXT_MESSAGE.label("es")
        'Mensaje de texto'
        """
        return contact_label(self.value, locale)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@functools.cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def _or_none(kind: Any, value: Any) -> Any:
    """``value`` validated as ``kind``, or ``None`` when it is not one."""
    if value is None:
        return None
    try:
        return _adapter(kind).validate_python(value)
    except ValidationError:
        return None


def _error(code: str, message: str, field: str) -> InitErrorDetails:
    return {"type": PydanticCustomError(code, message), "loc": (field,), "input": HIDDEN}


def _cross_field_errors(
    *,
    phone: bool,
    email: bool,
    wanted: ContactMethod | None,
    preferred_date: dt.date | None,
    submitted_at: dt.datetime | None,
) -> list[InitErrorDetails]:
    """The request's cross-field rules, each attached to the field to change."""
    errors: list[InitErrorDetails] = []
    if not phone and not email:
        message = "give a phone number, an e-mail address, or both"
        errors += [_error("contact_required", message, f) for f in ("phone", "email")]
    elif wanted is ContactMethod.EMAIL and not email:
        errors.append(
            _error(
                "preferred_contact_missing",
                "the preferred contact is e-mail, but none was given",
                "email",
            )
        )
    elif wanted is not None and wanted is not ContactMethod.EMAIL and not phone:
        errors.append(
            _error(
                "preferred_contact_missing",
                "the preferred contact is by phone, but no phone number was given",
                "phone",
            )
        )
    if preferred_date is not None and submitted_at is not None:
        try:
            earliest = (submitted_at.astimezone(dt.timezone.utc) + _EARLIEST_OFFSET).date()
        except OverflowError:  # within half a day of the calendar's first or last day
            earliest = dt.date.min if submitted_at.year == dt.MINYEAR else dt.date.max
        if preferred_date < earliest:
            errors.append(
                _error(
                    "preferred_date_in_past",
                    "the preferred date cannot be in the past",
                    "preferred_date",
                )
            )
    return errors


def _raw_cross_field_errors(data: Any) -> list[InitErrorDetails]:
    """The cross-field rules judged on raw input whose fields did not all validate.

    A field that was given counts as given even when it is invalid (its own error says
    what is wrong); a date or time that does not parse is left to its own error.
    """
    if not isinstance(data, Mapping):
        return []
    preferred_date = data.get("preferred_date")
    if not (isinstance(preferred_date, dt.date) and not isinstance(preferred_date, dt.datetime)):
        preferred_date = _or_none(dt.date, preferred_date)
    submitted_at = data.get("submitted_at")
    submitted_at = _now() if submitted_at is None else _or_none(AwareDatetime, submitted_at)
    return _cross_field_errors(
        phone=data.get("phone") is not None,
        email=data.get("email") is not None,
        wanted=_or_none(ContactMethod, data.get("preferred_contact")),
        preferred_date=preferred_date,
        submitted_at=submitted_at,
    )


def _form_error(problems: list[tuple[str, str]], locale: str) -> ConsultationFormError:
    """The visitor's error for ``problems`` (field, public code), in the form's order."""
    order = {name: index for index, name in enumerate(FORM_FIELDS)}
    unique = sorted(dict.fromkeys(problems), key=lambda p: order.get(p[0], len(order)))
    codes: dict[str, tuple[str, ...]] = {}
    messages: dict[str, tuple[str, ...]] = {}
    for field, code in unique:
        codes[field] = (*codes.get(field, ()), code)
        messages[field] = (*messages.get(field, ()), form_message(code, field, locale))
    return ConsultationFormError(messages, codes, locale=locale)


class ConsultationRequest(FrozenModel):
    """A request for a free in-office consultation, as submitted through the web form.

    At least one of ``phone`` and ``email`` is required; ``preferred_contact`` defaults to
    the phone when given; ``consent`` must be true; ``preferred_date`` cannot be in the
    past at ``submitted_at`` (a timezone-aware time, now by default). Every problem is
    reported in one round: the cross-field rules run even when a field failed, and each
    error is located at the field to change (no contact at all: both ``phone`` and
    ``email``). No error carries the input (see :mod:`pozo_site._privacy`).
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
    def _validate_privately(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        # The one place where this model's validation happens: fields, then the
        # cross-field rules, then the default contact. hide_input_in_errors only applies
        # when this model is validated on its own; inside another model (a web framework's
        # request body) or a TypeAdapter, errors leave here with their inputs replaced.
        try:
            request = cast(ConsultationRequest, handler(data))
        except ValidationError as error:
            raise hide_inputs(
                error, title=cls.__name__, extra=_raw_cross_field_errors(data)
            ) from None
        errors = _cross_field_errors(
            phone=request.phone is not None,
            email=request.email is not None,
            wanted=request.preferred_contact,
            preferred_date=request.preferred_date,
            submitted_at=request.submitted_at,
        )
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors, hide_input=True)
        if request.preferred_contact is None:
            object.__setattr__(
                request,
                "preferred_contact",
                ContactMethod.PHONE if request.phone is not None else ContactMethod.EMAIL,
            )
        return request

    @field_validator("consent", mode="before")
    @classmethod
    def _require_consent(cls, value: Any) -> Any:
        if value is not True:
            raise PydanticCustomError(
                "consent_required", "consent to be contacted must be given (true)"
            )
        return value

    @classmethod
    def model_validate_json(cls, *args: Any, **kwargs: Any) -> Self:
        """Validate a JSON document; JSON that does not parse shows no part of itself."""
        try:
            return super().model_validate_json(*args, **kwargs)
        except ValidationError as error:
            raise hide_inputs(error) from None

    def __setattr__(self, name: str, value: Any) -> None:
        # The model is frozen: the error says so without showing the new value.
        try:
            super().__setattr__(name, value)
        except ValidationError as error:
            raise hide_inputs(error) from None

    def __delattr__(self, name: str) -> None:
        try:
            super().__delattr__(name)
        except ValidationError as error:
            raise hide_inputs(error) from None

    @classmethod
    def from_form(
        cls,
        form: Mapping[str, Any] | _MultiDict,
        *,
        now: dt.datetime | None = None,
        locale: str = "en",
        timer: FormTimer | None = None,
    ) -> ConsultationRequest:
        """The request a browser's form submission makes, read as browsers mean it.

        ``form`` is what the web framework hands over: a mapping of strings, or a
        multi-dict such as Starlette's ``FormData`` or Werkzeug's ``MultiDict``. An empty
        field is "not given"; a checkbox (``detained``, ``consent``) is true when sent as
        ``on``, ``true``, ``1`` or ``yes``, false when absent; ``preferred_date`` is
        ``YYYY-MM-DD`` as ``<input type="date">`` sends it; surrounding white space is
        trimmed; unknown fields are ignored. ``submitted_at`` is never read from the
        form: it is ``now`` (timezone-aware; default: the current time).

        Raises :class:`~pozo_site.ConsultationFormError` with every problem at once,
        in ``locale`` (``en`` or ``es``), or with ``spam=True`` when the honeypot field
        is filled or ``timer`` (a :class:`~pozo_site.FormTimer`) does not accept the
        form's token.

        >>> ConsultationRequest.from_form(
        ...     {"name": "Ana", "email": "ana@example.com", "phone": "",
        ...      "matter_type": "asylum", "consent": "on"}
        ... ).preferred_contact
        <ContactMethod.EMAIL: 'email'>
        """
        locale = resolve_locale(locale)
        if now is None:
            now = _now()
        elif now.utcoffset() is None:
            raise ValueError("now must be a timezone-aware datetime")
        spam = is_spam_trap_filled(form) or (
            timer is not None and not timer.is_human(timer_token(form), now=now.timestamp())
        )
        if spam:
            raise ConsultationFormError({}, {}, locale=locale, spam=True)
        data = read_form(form)
        data["submitted_at"] = now
        problems: list[tuple[str, str]] = []
        date_text = data.pop("preferred_date", None)
        if date_text is not None:
            try:
                if not _FORM_DATE.fullmatch(date_text):
                    raise ValueError(date_text)
                data["preferred_date"] = dt.date.fromisoformat(date_text)
            except ValueError:
                problems.append(("preferred_date", "invalid_date"))
        request: ConsultationRequest | None = None
        try:
            request = cls.model_validate(data)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                field = str(detail["loc"][0]) if detail["loc"] else ""
                problems.append((field, form_code(field, detail["type"])))
        if problems or request is None:
            raise _form_error(problems, locale) from None
        return request

    @property
    def urgent(self) -> bool:
        """Whether staff should act first: someone is detained."""
        return self.detained

    def summary(self) -> str:
        """A plain-text summary for the firm's staff; urgent requests are marked at the top.

        It holds the person's details (it is for staff). A shortcut for
        :func:`pozo_site.render.consultation_summary`.
        """
        summary: str = intake_summary()(self)
        return summary

    def to_email(self, *, to: str, sender: str, firm_name: str | None = None) -> EmailMessage:
        """The intake e-mail for this request, from ``sender`` to the staff address ``to``.

        The subject names the matter type and urgency, the body is :meth:`summary`, and
        ``Reply-To`` is the person's e-mail when given; nothing the person typed reaches
        any other header. A shortcut for :func:`pozo_site.render.consultation_email`.
        """
        message: EmailMessage = intake_email()(self, to=to, sender=sender, firm_name=firm_name)
        return message
