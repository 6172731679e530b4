"""The words of the consultation form that belong to the data: labels and error messages.

Tables only, keyed by locale and by the stable values and codes (so this module imports
no model). English and Spanish are shipped; adding a locale means adding one entry to each
table (a test checks that every table covers every locale in :data:`FORM_LOCALES`).
Messages are written for the public: they never contain the input, a pattern or an
internal value.

>>> matter_label("asylum", "es")
'Asilo'
>>> form_message("contact_required", "phone", "en")
'Give a phone number, an e-mail address, or both, so we can contact you.'
>>> resolve_locale("es-MX")
'es'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = [
    "CONSULTATION_FORM_CODES",
    "FORM_LOCALES",
    "contact_label",
    "form_code",
    "form_message",
    "matter_label",
    "resolve_locale",
]

FORM_LOCALES: Final = ("en", "es")
"""The locales the consultation form, its messages and labels are written in."""

_MATTER_LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    "en": {
        "family_immigration": "Family immigration",
        "green_card": "Green card",
        "citizenship": "Citizenship",
        "deportation_defense": "Deportation defense",
        "detention": "Detention (bond and release)",
        "asylum": "Asylum",
        "daca": "DACA",
        "employment_visa": "Employment visa",
        "student_visa": "Student visa",
        "visitor_visa": "Visitor visa",
        "waiver": "Waiver",
        "criminal_immigration": "Criminal immigration",
        "appeal": "Appeal",
        "other": "Other",
    },
    "es": {
        "family_immigration": "Inmigración familiar",
        "green_card": "Green card (residencia permanente)",
        "citizenship": "Ciudadanía",
        "deportation_defense": "Defensa contra la deportación",
        "detention": "Detención (fianza y liberación)",
        "asylum": "Asilo",
        "daca": "DACA",
        "employment_visa": "Visa de trabajo",
        "student_visa": "Visa de estudiante",
        "visitor_visa": "Visa de visitante",
        "waiver": "Perdón migratorio (waiver)",
        "criminal_immigration": "Inmigración y casos penales",
        "appeal": "Apelación",
        "other": "Otro",
    },
}

_CONTACT_LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    "en": {"phone": "Phone call", "text_message": "Text message", "email": "E-mail"},
    "es": {
        "phone": "Llamada telefónica",
        "text_message": "Mensaje de texto",
        "email": "Correo electrónico",
    },
}

CONSULTATION_FORM_CODES: Final = (
    "required",
    "too_long",
    "invalid_choice",
    "invalid_date",
    "preferred_date_in_past",
    "phone_too_short",
    "phone_too_long",
    "phone_not_a_number",
    "phone_invalid_country_code",
    "phone_invalid",
    "email_invalid",
    "contact_required",
    "preferred_contact_missing",
    "consent_required",
    "invalid",
)
"""Every code :attr:`ConsultationFormError.codes <pozo_site.ConsultationFormError.codes>`
can hold; each has a message in every locale of :data:`FORM_LOCALES`."""

#: Model error types (pydantic's and ours) to the public form codes.
_CODE_OF_TYPE: Final[Mapping[str, str]] = {
    "missing": "required",
    "string_too_short": "required",
    "string_too_long": "too_long",
    "enum": "invalid_choice",
    "string_pattern_mismatch": "invalid_choice",
    "date_parsing": "invalid_date",
    "date_from_datetime_parsing": "invalid_date",
    "date_from_datetime_inexact": "invalid_date",
    "date_type": "invalid_date",
    "phone_too_short": "phone_too_short",
    "phone_too_long": "phone_too_long",
    "phone_input_too_long": "phone_too_long",
    "phone_invalid_characters": "phone_not_a_number",
    "phone_misplaced_letters": "phone_not_a_number",
    "phone_not_a_number": "phone_not_a_number",
    "phone_invalid_country_code": "phone_invalid_country_code",
    "phone_empty": "phone_not_a_number",
    "phone_invalid": "phone_invalid",
    "phone_type_not_allowed": "phone_invalid",
    "phone_vanity_not_allowed": "phone_invalid",
    "email_invalid": "email_invalid",
    "contact_required": "contact_required",
    "preferred_contact_missing": "preferred_contact_missing",
    "preferred_date_in_past": "preferred_date_in_past",
    "consent_required": "consent_required",
}

#: Codes whose meaning depends on the field: the field decides the public code.
_CODE_OF_FIELD: Final[Mapping[tuple[str, str], str]] = {
    ("consent", "missing"): "consent_required",
    ("email", "string_too_long"): "email_invalid",
    ("preferred_language", "string_too_long"): "invalid_choice",
}

_MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "en": {
        "required": "Fill in this field.",
        "required/name": "Enter your name.",
        "required/matter_type": "Choose what your consultation is about.",
        "too_long": "This answer is too long.",
        "too_long/name": "Enter a shorter name (at most 200 characters).",
        "too_long/message": "Your message is too long: keep it to 5,000 characters or fewer.",
        "invalid_choice": "Choose one of the listed options.",
        "invalid_choice/matter_type": "Choose one of the listed matters.",
        "invalid_choice/preferred_contact": "Choose one of the listed ways to contact you.",
        "invalid_choice/preferred_language": "Choose one of the listed languages.",
        "invalid_date": "Enter a real date, for example 2027-01-15.",
        "preferred_date_in_past": "Choose a date that is today or later.",
        "phone_too_short": (
            "The phone number is too short. Check that you typed all of it, with the area code."
        ),
        "phone_too_long": "The phone number is too long. Check it and try again.",
        "phone_not_a_number": "Enter a phone number using digits, for example (212) 555-0123.",
        "phone_invalid_country_code": (
            "The country code of the phone number is not valid. Start an international "
            "number with + and the country code."
        ),
        "phone_invalid": "Enter a valid phone number, for example (212) 555-0123.",
        "email_invalid": "Enter a valid e-mail address, for example name@example.com.",
        "contact_required": (
            "Give a phone number, an e-mail address, or both, so we can contact you."
        ),
        "preferred_contact_missing": "Give the contact detail for the way you chose.",
        "preferred_contact_missing/email": (
            "You chose to be contacted by e-mail: enter your e-mail address, or choose another way."
        ),
        "preferred_contact_missing/phone": (
            "You chose to be contacted by phone or text message: enter your phone number, "
            "or choose another way."
        ),
        "consent_required": "To send your request, agree to be contacted about it.",
        "invalid": "Check this answer and try again.",
    },
    "es": {
        "required": "Complete este campo.",
        "required/name": "Escriba su nombre.",
        "required/matter_type": "Elija el tema de su consulta.",
        "too_long": "Esta respuesta es demasiado larga.",
        "too_long/name": "Escriba un nombre más corto (200 caracteres como máximo).",
        "too_long/message": (
            "Su mensaje es demasiado largo: escriba 5.000 caracteres como máximo."
        ),
        "invalid_choice": "Elija una de las opciones de la lista.",
        "invalid_choice/matter_type": "Elija uno de los temas de la lista.",
        "invalid_choice/preferred_contact": ("Elija una de las formas de contacto de la lista."),
        "invalid_choice/preferred_language": "Elija uno de los idiomas de la lista.",
        "invalid_date": "Escriba una fecha válida, por ejemplo 2027-01-15.",
        "preferred_date_in_past": "Elija la fecha de hoy o una fecha posterior.",
        "phone_too_short": (
            "El número de teléfono es demasiado corto. Compruebe que lo escribió completo, "
            "con el código de área."
        ),
        "phone_too_long": (
            "El número de teléfono es demasiado largo. Revíselo e inténtelo de nuevo."
        ),
        "phone_not_a_number": (
            "Escriba un número de teléfono con cifras, por ejemplo (212) 555-0123."
        ),
        "phone_invalid_country_code": (
            "El código de país del número no es válido. Empiece un número internacional "
            "con + y el código de país."
        ),
        "phone_invalid": "Escriba un número de teléfono válido, por ejemplo (212) 555-0123.",
        "email_invalid": ("Escriba un correo electrónico válido, por ejemplo nombre@example.com."),
        "contact_required": (
            "Indique un número de teléfono, un correo electrónico o ambos, para que "
            "podamos contactarle."
        ),
        "preferred_contact_missing": "Indique el dato de contacto de la forma que eligió.",
        "preferred_contact_missing/email": (
            "Eligió que le contactemos por correo electrónico: escriba su correo o elija "
            "otra forma de contacto."
        ),
        "preferred_contact_missing/phone": (
            "Eligió que le contactemos por teléfono o mensaje de texto: escriba su número "
            "o elija otra forma de contacto."
        ),
        "consent_required": "Para enviar su solicitud, acepte que le contactemos sobre ella.",
        "invalid": "Revise esta respuesta e inténtelo de nuevo.",
    },
}


def resolve_locale(locale: str) -> str:
    """The shipped locale for ``locale`` (``es-MX`` and ``es_419`` give ``es``).

    Raises ``ValueError`` (naming the supported locales) for a locale not shipped.
    """
    if isinstance(locale, str):
        base = locale.strip().replace("_", "-").split("-", 1)[0].lower()
        if base in FORM_LOCALES:
            return base
    raise ValueError(f"unsupported locale; choose one of: {', '.join(FORM_LOCALES)}")


def matter_label(value: str, locale: str = "en") -> str:
    """The label of the matter type ``value`` in ``locale``."""
    return _MATTER_LABELS[resolve_locale(locale)][value]


def contact_label(value: str, locale: str = "en") -> str:
    """The label of the contact method ``value`` in ``locale``."""
    return _CONTACT_LABELS[resolve_locale(locale)][value]


def form_code(field: str, error_type: str) -> str:
    """The public form code of a model error of ``error_type`` on ``field``."""
    return _CODE_OF_FIELD.get((field, error_type)) or _CODE_OF_TYPE.get(error_type, "invalid")


def form_message(code: str, field: str, locale: str = "en") -> str:
    """The visitor's message for ``code`` on ``field``, in ``locale``."""
    messages = _MESSAGES[resolve_locale(locale)]
    return messages.get(f"{code}/{field}") or messages[code]
