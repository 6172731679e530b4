"""The consultation request form as accessible HTML, in English or Spanish.

:func:`render_consultation_form` renders the shipped template
``render/templates/consultation_form.html.j2`` (or a caller's own, in the sandbox) from a
:class:`FormView`: every control has a ``<label for>``; required fields say so in text;
inputs carry the right ``type``, ``autocomplete`` and ``inputmode``; on errors each field
gets ``aria-invalid="true"`` and ``aria-describedby`` pointing at its message, and an error
summary at the top links to each field (the GOV.UK design system's pattern). Values a
visitor sent are filled back in, escaped.

>>> from pozo_site import default_firm
>>> html = render_consultation_form(default_firm(), action="/consultation", locale="es")
>>> '<label for="consultation-name">Nombre completo <span class="required">(obligatorio)' in html
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from pozo_site._consultation import ContactMethod, MatterType
from pozo_site._consultation_form import (
    HONEYPOT_FIELD,
    TIMER_FIELD,
    first_value,
    is_checked,
)
from pozo_site._consultation_text import resolve_locale
from pozo_site._errors import ConsultationFormError
from pozo_site._firm import FirmProfile
from pozo_site._text import clean_multi_line, clean_single_line
from pozo_site.render._templating import TemplateKind, render_shipped, render_source

__all__ = [
    "CSRF_FIELD",
    "FieldView",
    "FormOptions",
    "FormView",
    "OptionView",
    "consultation_form_view",
    "render_consultation_form",
]

CSRF_FIELD: Final = "csrf_token"
"""The name of the hidden field that carries ``csrf_token``."""

_ID_PREFIX: Final = "consultation-"

_TEXTS: Final[Mapping[str, Mapping[str, str]]] = {
    "en": {
        "intro": "Fields marked (required) must be filled in.",
        "required": "(required)",
        "error_summary": "There is a problem",
        "error_prefix": "Error:",
        "name": "Full name",
        "phone": "Phone number",
        "email": "E-mail address",
        "contact_hint": "Give a phone number, an e-mail address, or both.",
        "preferred_contact": "How should we contact you?",
        "preferred_language": "Preferred language",
        "no_preference": "No preference",
        "matter_type": "What is your consultation about?",
        "choose": "Choose one",
        "detained": "Someone (you or a family member) is detained now",
        "detained_legend": "Is someone detained now?",
        "preferred_date": "Preferred date for your visit",
        "optional": "Optional.",
        "message": "Message",
        "message_hint": "Tell us briefly about your situation (optional).",
        "consent": "I agree that {firm} may contact me about this request, using the details "
        "I gave.",
        "honeypot": "Leave this field empty",
        "submit": "Send request",
    },
    "es": {
        "intro": "Los campos marcados (obligatorio) se deben completar.",
        "required": "(obligatorio)",
        "error_summary": "Hay un problema",
        "error_prefix": "Error:",
        "name": "Nombre completo",
        "phone": "Número de teléfono",
        "email": "Correo electrónico",
        "contact_hint": "Indique un número de teléfono, un correo electrónico o ambos.",
        "preferred_contact": "¿Cómo prefiere que le contactemos?",
        "preferred_language": "Idioma preferido",
        "no_preference": "Sin preferencia",
        "matter_type": "¿Sobre qué es su consulta?",
        "choose": "Elija una opción",
        "detained": "Alguien (usted o un familiar) está detenido ahora",
        "detained_legend": "¿Hay alguien detenido ahora?",
        "preferred_date": "Fecha preferida para su visita",
        "optional": "Opcional.",
        "message": "Mensaje",
        "message_hint": "Cuéntenos brevemente su situación (opcional).",
        "consent": "Acepto que {firm} me contacte sobre esta solicitud, con los datos que indiqué.",
        "honeypot": "Deje este campo vacío",
        "submit": "Enviar solicitud",
    },
}
"""The form's own words; every locale of ``FORM_LOCALES`` has every key."""

_LANGUAGE_NAMES: Final[Mapping[str, Mapping[str, str]]] = {
    "en": {
        "en": "English",
        "es": "Spanish",
        "fr": "French",
        "ht": "Haitian Creole",
        "pt": "Portuguese",
        "zh": "Chinese",
        "ru": "Russian",
        "ar": "Arabic",
        "bn": "Bengali",
        "ko": "Korean",
    },
    "es": {
        "en": "Inglés",
        "es": "Español",
        "fr": "Francés",
        "ht": "Criollo haitiano",
        "pt": "Portugués",
        "zh": "Chino",
        "ru": "Ruso",
        "ar": "Árabe",
        "bn": "Bengalí",
        "ko": "Coreano",
    },
}
"""Names of a few languages a firm may offer; any other tag is shown as it is written."""

#: The earliest time zone on Earth: a day the model accepts (see ConsultationRequest).
_EARLIEST_OFFSET: Final = dt.timedelta(hours=-12)


@dataclass(frozen=True)
class OptionView:
    """One ``<option>`` of a select: its value, label and whether it is selected."""

    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class FieldView:
    """One control of the form, as the template needs it."""

    name: str
    """The form field name (the key in ``from_form``'s form)."""
    id: str
    """The element id, ``consultation-<name>``."""
    label: str
    required: bool
    value: str
    """The value to fill back in (the template escapes it)."""
    checked: bool
    hint: str | None
    hint_id: str | None
    errors: tuple[str, ...]
    """The field's error messages, in the form's locale."""
    error_id: str | None
    describedby: str | None
    """The ids for ``aria-describedby``: hint, then error; ``None`` when neither."""
    options: tuple[OptionView, ...] = ()

    @property
    def invalid(self) -> bool:
        """Whether the field is in error (``aria-invalid="true"``)."""
        return bool(self.errors)


@dataclass(frozen=True)
class SummaryItem:
    """One entry of the error summary: the message, linking to the field's id."""

    target: str
    message: str


@dataclass(frozen=True)
class FormView:
    """Everything the form template renders."""

    action: str
    lang: str
    texts: Mapping[str, str]
    fields: Mapping[str, FieldView]
    summary: tuple[SummaryItem, ...]
    date_min: str
    csrf_field: str
    csrf_token: str | None
    timer_field: str
    form_token: str | None
    honeypot_field: str
    honeypot_id: str


def _field(
    name: str,
    label: str,
    *,
    values: Mapping[str, Any],
    errors: Mapping[str, tuple[str, ...]],
    required: bool = False,
    hint: str | None = None,
    checkbox: bool = False,
    options: tuple[OptionView, ...] = (),
) -> FieldView:
    element_id = _ID_PREFIX + name.replace("_", "-")
    messages = errors.get(name, ())
    hint_id = f"{element_id}-hint" if hint else None
    error_id = f"{element_id}-error" if messages else None
    describedby = " ".join(i for i in (hint_id, error_id) if i) or None
    value = "" if checkbox else _refill(first_value(values, name) or "", name == "message")
    return FieldView(
        name=name,
        id=element_id,
        label=label,
        required=required,
        value=value,
        checked=checkbox and is_checked(values, name),
        hint=hint,
        hint_id=hint_id,
        errors=messages,
        error_id=error_id,
        describedby=describedby,
        options=options,
    )


def _refill(value: str, multi_line: bool) -> str:
    """A sent value as the model would clean it, and without HTML's noncharacters."""
    value = clean_multi_line(value) if multi_line else clean_single_line(value)
    return "".join(c for c in value if not _is_noncharacter(ord(c)))


def _is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _options(
    choices: list[tuple[str, str]], chosen: str | None, empty: str
) -> tuple[OptionView, ...]:
    known = chosen in {value for value, _ in choices}
    return (
        OptionView("", empty, not known),
        *(OptionView(value, label, value == chosen) for value, label in choices),
    )


@dataclass(frozen=True)
class FormOptions:
    """What one rendering of the form is for, besides the firm: the options of
    :func:`render_consultation_form` (see there), defined once for it and the view."""

    action: str
    values: Mapping[str, Any] | None = None
    errors: ConsultationFormError | None = None
    locale: str = "en"
    csrf_token: str | None = None
    form_token: str | None = None
    now: dt.datetime | None = None


def consultation_form_view(firm: FirmProfile, options: FormOptions) -> FormView:
    """The :class:`FormView` that :func:`render_consultation_form` renders."""
    action, values, errors = options.action, options.values, options.errors
    csrf_token, form_token, now = options.csrf_token, options.form_token, options.now
    locale = resolve_locale(options.locale)
    texts = dict(_TEXTS[locale])
    texts["consent"] = texts["consent"].format(firm=firm.name)
    values = values if values is not None else {}
    messages = errors.field_errors if errors is not None and not errors.spam else {}
    moment = now if now is not None else dt.datetime.now(dt.timezone.utc)
    date_min = (moment.astimezone(dt.timezone.utc) + _EARLIEST_OFFSET).date().isoformat()
    common: dict[str, Any] = {"values": values, "errors": messages}
    names = _LANGUAGE_NAMES[locale]
    fields = [
        _field("name", texts["name"], required=True, **common),
        _field("phone", texts["phone"], hint=texts["contact_hint"], **common),
        _field("email", texts["email"], hint=texts["contact_hint"], **common),
        _field(
            "preferred_contact",
            texts["preferred_contact"],
            options=_options(
                [(m.value, m.label(locale)) for m in ContactMethod],
                first_value(values, "preferred_contact"),
                texts["no_preference"],
            ),
            **common,
        ),
    ]
    if firm.languages:
        # Only the languages the firm says it offers: never a promise it did not make.
        fields.append(
            _field(
                "preferred_language",
                texts["preferred_language"],
                options=_options(
                    [(tag, names.get(tag.lower(), tag)) for tag in firm.languages],
                    first_value(values, "preferred_language"),
                    texts["no_preference"],
                ),
                **common,
            )
        )
    fields += [
        _field(
            "matter_type",
            texts["matter_type"],
            required=True,
            options=_options(
                [(m.value, m.label(locale)) for m in MatterType],
                first_value(values, "matter_type"),
                texts["choose"],
            ),
            **common,
        ),
        _field("detained", texts["detained"], checkbox=True, **common),
        _field("preferred_date", texts["preferred_date"], hint=texts["optional"], **common),
        _field("message", texts["message"], hint=texts["message_hint"], **common),
        _field("consent", texts["consent"], required=True, checkbox=True, **common),
    ]
    by_name = {f.name: f for f in fields}
    seen: set[str] = set()
    summary: list[SummaryItem] = []
    for name, field_messages in messages.items():
        target = by_name[name].id if name in by_name else by_name["name"].id
        for message in field_messages:
            if message not in seen:  # "give a phone or an e-mail" is said once
                seen.add(message)
                summary.append(SummaryItem(target, message))
    return FormView(
        action=action,
        lang=locale,
        texts=texts,
        fields=by_name,
        summary=tuple(summary),
        date_min=date_min,
        csrf_field=CSRF_FIELD,
        csrf_token=csrf_token,
        timer_field=TIMER_FIELD,
        form_token=form_token,
        honeypot_field=HONEYPOT_FIELD,
        honeypot_id=_ID_PREFIX + HONEYPOT_FIELD,
    )


def render_consultation_form(
    firm: FirmProfile,
    *,
    action: str,
    values: Mapping[str, Any] | None = None,
    errors: ConsultationFormError | None = None,
    locale: str = "en",
    csrf_token: str | None = None,
    form_token: str | None = None,
    now: dt.datetime | None = None,
    template: str | None = None,
) -> str:
    """The consultation request form as an HTML fragment (``<form>...</form>``).

    ``action`` is where it posts; ``values`` the form as submitted (a mapping or
    multi-dict) to fill back in; ``errors`` the :class:`~pozo_site.ConsultationFormError`
    of that submission, shown beside each field and in a summary at the top; ``locale``
    ``en`` or ``es``. ``csrf_token`` goes into the hidden field :data:`CSRF_FIELD`, and
    ``form_token`` (from :meth:`pozo_site.FormTimer.token`) into
    :data:`pozo_site.TIMER_FIELD`. The preferred date's ``min`` is today (as the model
    judges it at ``now``). The language question appears only when the firm profile
    lists ``languages``. The honeypot field sits in a ``div`` of class ``pozo-hp``,
    moved off screen with an inline style and hidden from assistive technology.

    ``template`` is a Jinja2 source of the firm's own, rendered in the sandbox with
    ``form`` (a :class:`FormView`); raises :class:`~pozo_site.RenderError` for it.
    """
    options = FormOptions(action, values, errors, locale, csrf_token, form_token, now)
    view = consultation_form_view(firm, options)
    context = {"form": view}
    if template is None:
        return render_shipped(TemplateKind.HTML, "consultation_form.html.j2", context)
    return render_source(TemplateKind.HTML, template, context)
