"""Small contact value types: e-mail addresses and BCP 47 language tags.

``email-validator`` is imported the first time an address is validated, not with this
module.

>>> from pydantic import TypeAdapter
>>> TypeAdapter(EmailAddress).validate_python("Intake@Example.com")
'Intake@example.com'
>>> TypeAdapter(LanguageTag).validate_python("es-419")
'es-419'
"""

from __future__ import annotations

import re
from typing import Annotated, Final

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

__all__ = ["EmailAddress", "LanguageTag", "email_reason"]

_LANGUAGE_TAG: Final = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"
_QUOTED_FROM: Final = re.compile(r"[:(]")
_GENERIC_REASON: Final = "the address is not valid"


def email_reason(error: Exception) -> str:
    """Why ``email-validator`` refused an address, without any part of the address.

    Its messages quote the offending characters after a colon (``... before the @-sign:
    X``) or inside parentheses (``... not valid IDNA (... at position 11 in '...')``);
    only the sentence before either is kept, and a reason that still quotes something
    becomes a generic one.

    >>> email_reason(ValueError("The part after the @-sign is not valid IDNA (in 'x·y')."))
    'The part after the @-sign is not valid IDNA'
    """
    reason = _QUOTED_FROM.split(str(error), maxsplit=1)[0].strip().rstrip(".").strip()
    quoting = reason.count("'") > 1 or any(mark in reason for mark in '"`\u2018\u201c')
    if not reason or quoting:
        return _GENERIC_REASON
    return reason


def _validate_email(value: str) -> str:
    # Imported on first use: a model that holds an e-mail field (FirmProfile) does not make
    # every program that imports it load email-validator (and its IDNA tables).
    import email_validator  # noqa: PLC0415

    try:
        result = email_validator.validate_email(value, check_deliverability=False)
    except email_validator.EmailNotValidError as error:
        # Only the reason, so that an error never repeats any part of a private address.
        reason = email_reason(error)
        raise PydanticCustomError(
            "email_invalid", "not a valid e-mail address: {reason}", {"reason": reason}
        ) from None
    return result.normalized


EmailAddress = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=254),
    AfterValidator(_validate_email),
    Field(json_schema_extra={"format": "email"}),
]
"""An e-mail address, checked for syntax (not deliverability) and normalised."""

LanguageTag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=_LANGUAGE_TAG, max_length=35),
    Field(examples=["en", "es", "zh-Hant"]),
]
"""A BCP 47 language tag such as ``en`` or ``es-419``."""
