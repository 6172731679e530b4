"""Small contact value types: e-mail addresses and BCP 47 language tags.

>>> from pydantic import TypeAdapter
>>> TypeAdapter(EmailAddress).validate_python("Intake@Example.com")
'Intake@example.com'
>>> TypeAdapter(LanguageTag).validate_python("es-419")
'es-419'
"""

from __future__ import annotations

from typing import Annotated, Final

import email_validator
from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

__all__ = ["EmailAddress", "LanguageTag"]

_LANGUAGE_TAG: Final = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"


def _validate_email(value: str) -> str:
    try:
        result = email_validator.validate_email(value, check_deliverability=False)
    except email_validator.EmailNotValidError as error:
        # email-validator sometimes quotes the offending characters after a colon; keep
        # only the reason, so that an error never repeats any part of a private address.
        reason = str(error).split(":", 1)[0].rstrip(".")
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
