"""The exception tree of pozo-site.

Every public exception is defined here. Each carries a stable snake_case ``code`` that
tests and callers match on; the prose may change, the code does not. Each class declares
the codes it may carry once, in ``CODES``, and a test checks that every code raised
anywhere in the package is declared by its class::

    PozoSiteError                 base of everything raised on purpose
    ├── PhoneNumberError          a text is not a phone number we accept (also a ValueError)
    ├── FirmFileError             a firm profile file cannot be read or does not validate
    ├── ConsultationFormError     a submitted consultation form is refused (also a ValueError)
    ├── RenderError               an output cannot be rendered as asked (also a ValueError)
    ├── ConfigError               a ``pozo-site check`` configuration is invalid
    ├── BaselineError             a ``--baseline`` file cannot be read or is not one
    ├── GitError                  ``--changed-since``: no Git, no repository, unknown ref
    └── OutputError               ``--write-baseline``/``--sarif-file``/... cannot be written

Public homes: ``pozo_site`` exports all but the last four, ``pozo_site.render`` exports
``RenderError`` and ``pozo_site.check`` exports ``ConfigError``. The last three are the
CLI's (``pozo-site check`` reports them in one line and exits 2); they are defined here
so that the tree is whole, and are not part of the public API.

Model validation itself raises pydantic's ``ValidationError``; inside a model,
``PhoneNumberError`` becomes a pydantic error of the same ``code``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "BaselineError",
    "ConfigError",
    "ConsultationFormError",
    "FirmFileError",
    "FirmFileProblem",
    "GitError",
    "OutputError",
    "PhoneNumberError",
    "PozoSiteError",
    "RenderError",
]


class PozoSiteError(Exception):
    """Base class of the errors pozo-site raises on purpose.

    ``code`` is ``pozo_site_error`` here; each subclass has its own codes, declared in
    its ``CODES``.
    """

    CODES: ClassVar[frozenset[str]] = frozenset({"pozo_site_error"})
    """Every code this class may carry (not its subclasses' codes)."""
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
    ``phone_too_short``, ``phone_too_long``, ``phone_invalid`` or ``phone_unknown_region``
    (the ``region`` to dial from is not an ISO 3166-1 region the library knows). A number
    of a type a field does not allow is not this error: inside a model it is pydantic's
    ``phone_type_not_allowed``. The message never repeats the input.
    """

    CODES: ClassVar[frozenset[str]] = frozenset(
        {
            "phone_empty",
            "phone_input_too_long",
            "phone_invalid_characters",
            "phone_misplaced_letters",
            "phone_not_a_number",
            "phone_invalid_country_code",
            "phone_too_short",
            "phone_too_long",
            "phone_invalid",
            "phone_unknown_region",
        }
    )
    code = "phone_invalid"


@dataclass(frozen=True)
class FirmFileProblem:
    """One reason a firm file does not validate, at the place ``pozo-site check`` gives.

    ``line`` and ``column`` are 1-based (columns count characters): the value at fault,
    an unknown key itself, or for a missing key the mapping that lacks it. ``key`` is the
    dotted location (``phones.0.number``); ``code`` is pydantic's error type or the
    model's own code (``phone_too_short``). Never holds the input value.
    """

    line: int
    column: int
    key: str
    reason: str
    code: str

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.key}: {self.reason} [{self.code}]"


class FirmFileError(PozoSiteError):
    """A firm profile file cannot be read, parsed or validated.

    ``path`` names the file. A validation failure lists one :class:`FirmFileProblem` per
    error in ``problems`` (and as text in ``details``); a syntax error gives ``line`` and
    ``column`` where known. :meth:`report` is what the CLI prints:
    ``path:line:col: key: reason [code]``, one line per problem.

    ``code`` is ``firm_file_invalid`` (the file does not validate), ``firm_file_syntax``,
    ``firm_file_type`` (not .yaml, .yml, .toml or .json), ``firm_file_read``,
    ``firm_file_size`` (too large) or ``firm_file_encoding`` (not UTF-8).
    """

    CODES: ClassVar[frozenset[str]] = frozenset(
        {
            "firm_file_invalid",
            "firm_file_syntax",
            "firm_file_type",
            "firm_file_read",
            "firm_file_size",
            "firm_file_encoding",
        }
    )
    code = "firm_file_invalid"

    def __init__(
        self,
        message: str,
        *,
        path: str,
        details: tuple[str, ...] = (),
        code: str | None = None,
        problems: tuple[FirmFileProblem, ...] = (),
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message, code=code)
        self.path = path
        self.problems = problems
        self.details = details or tuple(str(problem) for problem in problems)
        self.line = line
        self.column = column

    def report(self) -> tuple[str, ...]:
        """The error as lines that editors and CI link to the file:
        ``path:line:col: key: reason [code]`` per problem, else ``path[:line:col]: message``."""
        if self.problems:
            return tuple(f"{self.path}:{problem}" for problem in self.problems)
        where = f":{self.line}:{self.column or 1}" if self.line is not None else ""
        return (f"{self.path}{where}: {self.message}",)


class ConsultationFormError(PozoSiteError, ValueError):
    """A consultation form, as a browser sent it, cannot become a request.

    Raised by :meth:`pozo_site.ConsultationRequest.from_form`, with every problem found
    in one round:

    - ``field_errors`` maps each form field name to its messages, written for the
      visitor in ``locale``; cross-field problems are attached to the field the visitor
      must change (no contact at all marks both ``phone`` and ``email``);
    - ``codes`` maps the same field names to the stable error codes (see
      :data:`pozo_site.CONSULTATION_FORM_CODES`);
    - ``spam`` is true when the form was filled in by a bot (the honeypot field was
      filled, or the signed fill-time token is missing, forged or too recent): the app
      should answer as if all went well and drop the request. Then ``field_errors`` is
      empty.

    ``code`` is ``consultation_form_invalid`` or ``consultation_form_spam``. Neither the
    messages nor ``str()`` ever hold what the visitor typed: only field names.
    """

    CODES: ClassVar[frozenset[str]] = frozenset(
        {"consultation_form_invalid", "consultation_form_spam"}
    )
    code = "consultation_form_invalid"

    def __init__(
        self,
        field_errors: Mapping[str, tuple[str, ...]],
        codes: Mapping[str, tuple[str, ...]],
        *,
        locale: str = "en",
        spam: bool = False,
    ) -> None:
        if spam:
            message = "the consultation form was refused as spam"
        else:
            message = "the consultation form has problems in: " + ", ".join(field_errors)
        super().__init__(
            message, code="consultation_form_spam" if spam else "consultation_form_invalid"
        )
        self.field_errors: Mapping[str, tuple[str, ...]] = MappingProxyType(dict(field_errors))
        self.codes: Mapping[str, tuple[str, ...]] = MappingProxyType(dict(codes))
        self.locale = locale
        self.spam = spam

    def __repr__(self) -> str:
        return f"ConsultationFormError({self.message!r}, spam={self.spam})"


class RenderError(PozoSiteError, ValueError):
    """A contact block, call to action or structured data cannot be rendered as asked.

    ``code`` is one of ``format_unknown`` (no such format), ``template_not_supported`` (a
    template was given for a format that is serialised from data), ``template_too_long``,
    ``template_syntax``, ``template_undefined`` (the template names a value that does not
    exist), ``template_unsafe`` (the sandbox refused an operation), one of the limits
    (``template_too_slow``, ``template_output_too_large``, ``template_number_too_large``)
    or ``template_failed`` (anything else the template did wrong, such as an error raised
    by a filter, or recursion too deep); or ``phone_style_unknown`` (no such phone style),
    ``base_url_invalid`` (a base URL that is not absolute http(s)) or
    ``call_to_action_invalid``; ``render_error`` is the default. ``line`` is the template
    line of a template error, when known.
    """

    CODES: ClassVar[frozenset[str]] = frozenset(
        {
            "render_error",
            "format_unknown",
            "template_not_supported",
            "template_too_long",
            "template_syntax",
            "template_undefined",
            "template_unsafe",
            "template_too_slow",
            "template_output_too_large",
            "template_number_too_large",
            "template_failed",
            "phone_style_unknown",
            "base_url_invalid",
            "call_to_action_invalid",
        }
    )
    code = "render_error"

    def __init__(self, message: str, *, code: str | None = None, line: int | None = None) -> None:
        super().__init__(message, code=code)
        self.line = line


class ConfigError(PozoSiteError):
    """A configuration file or option is invalid: bad TOML, an unknown key or rule code.

    ``path`` is the file at fault, or ``None`` for options given on the command line.
    ``code`` is ``config_invalid``.
    """

    CODES: ClassVar[frozenset[str]] = frozenset({"config_invalid"})
    code = "config_invalid"

    def __init__(self, message: str, *, path: Path | None = None, code: str | None = None):
        super().__init__(message, code=code)
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path is not None else self.message


class BaselineError(PozoSiteError):
    """A baseline file cannot be read, is not JSON, or is not a baseline of this version.

    ``path`` is the baseline file; ``code`` is ``baseline_invalid``.
    """

    CODES: ClassVar[frozenset[str]] = frozenset({"baseline_invalid"})
    code = "baseline_invalid"

    def __init__(self, message: str, *, path: Path) -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class GitError(PozoSiteError):
    """Git is missing, the folder is not in a Git repository, or the ref is unknown.

    ``code`` is ``git_failed``.
    """

    CODES: ClassVar[frozenset[str]] = frozenset({"git_failed"})
    code = "git_failed"


class OutputError(PozoSiteError):
    """A baseline or report file cannot be written. ``code`` is ``output_unwritable``."""

    CODES: ClassVar[frozenset[str]] = frozenset({"output_unwritable"})
    code = "output_unwritable"
