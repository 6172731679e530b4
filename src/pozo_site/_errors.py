"""The exception tree of pozo-site.

Every error carries a stable snake_case ``code`` that tests and callers match on;
the prose may change, the code does not::

    PozoSiteError                 base of everything raised on purpose
    ├── PhoneNumberError          a text is not a phone number we accept (also a ValueError)
    └── FirmFileError             a firm profile file cannot be read or does not validate

Model validation itself raises pydantic's ``ValidationError``; inside a model,
``PhoneNumberError`` becomes a pydantic error of the same ``code``.
"""

from __future__ import annotations

__all__ = ["FirmFileError", "PhoneNumberError", "PozoSiteError"]


class PozoSiteError(Exception):
    """Base class of the errors pozo-site raises on purpose."""

    code: str = "pozo_site_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        """The human-readable message, without the code."""
        return str(self.args[0]) if self.args else ""


class PhoneNumberError(PozoSiteError, ValueError):
    """A text is not a phone number that pozo-site accepts.

    ``code`` is one of ``phone_empty``, ``phone_input_too_long``, ``phone_invalid_characters``,
    ``phone_misplaced_letters``, ``phone_not_a_number``, ``phone_invalid_country_code``,
    ``phone_too_short``, ``phone_too_long``, ``phone_invalid`` or ``phone_type_not_allowed``.
    The message never repeats the input.
    """

    code = "phone_invalid"


class FirmFileError(PozoSiteError):
    """A firm profile file cannot be read, parsed or validated.

    ``path`` names the file; ``details`` holds one line per problem (for a validation
    failure, one per pydantic error, located at its key).
    """

    code = "firm_file_invalid"

    def __init__(
        self, message: str, *, path: str, details: tuple[str, ...] = (), code: str | None = None
    ) -> None:
        super().__init__(message, code=code)
        self.path = path
        self.details = details
