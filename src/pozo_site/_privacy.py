"""The privacy boundary: validation errors that never carry what a person typed.

Every error path of a model that holds personal data (:class:`~pozo_site.ConsultationRequest`)
goes through :func:`hide_inputs`: field errors, the model's own cross-field rules, JSON
that does not parse, assignment to a frozen field, the model nested in another model or
in a ``TypeAdapter``. Each error keeps its type (the stable code), location and message;
its ``input`` becomes :data:`HIDDEN`, and context values that could repeat the input are
dropped. Pydantic copies the input of an error raised *inside* a validator as it finds it,
so an error that leaves the boundary already hidden stays hidden in any enclosing model.

>>> from pydantic import BaseModel, ValidationError
>>> class Secret(BaseModel):
...     pin: int
>>> try:
...     Secret(pin="my-secret")
... except ValidationError as error:
...     hidden = hide_inputs(error)
>>> hidden.errors()[0]["input"], hidden.errors()[0]["type"]
('[hidden]', 'int_parsing')
>>> "my-secret" in str(hidden)
False
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, get_args

from pydantic import ValidationError
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError
from pydantic_core.core_schema import ErrorType

__all__ = ["HIDDEN", "hidden_details", "hide_inputs"]

HIDDEN: Final = "[hidden]"
"""What a validation error shows in place of the input it refused."""

_PYDANTIC_ERROR_TYPES: Final = frozenset(get_args(ErrorType))

#: Context keys whose values are limits or fixed choices of the schema, never input.
_SAFE_CONTEXT: Final = frozenset(
    {
        "max_length",
        "min_length",
        "expected",
        "pattern",
        "gt",
        "ge",
        "lt",
        "le",
        "multiple_of",
        "class_name",
        "reason",
        "error",
        "actual",
        "allowed",
    }
)


def _safe_context(error: ErrorDetails) -> dict[str, Any] | None:
    ctx = error.get("ctx")
    if ctx is None:
        return None
    # A value that is not plain text or a number (an exception object, the model class)
    # could print the input; keep only scalar values of known keys.
    return {
        key: value
        for key, value in ctx.items()
        if key in _SAFE_CONTEXT and isinstance(value, (str, int, float))
    }


def _hidden_details(error: ErrorDetails) -> InitErrorDetails:
    ctx = _safe_context(error)
    kind: str | PydanticCustomError = error["type"]
    message = error["msg"]
    if kind == "json_invalid":
        # The parser's reason names a line and column only, but say nothing more.
        kind = PydanticCustomError("json_invalid", "Invalid JSON")
        ctx = None
    elif kind not in _PYDANTIC_ERROR_TYPES or kind in ("value_error", "assertion_error"):
        # Our own codes, and errors whose message was written by a validator: keep the
        # message as written (ours never quote the input), without the raw exception.
        kind = PydanticCustomError(error["type"], message, ctx)
    details: InitErrorDetails = {"type": kind, "loc": error["loc"], "input": HIDDEN}
    if ctx:
        details["ctx"] = ctx
    return details


def hidden_details(error: ValidationError) -> list[InitErrorDetails]:
    """The line errors of ``error``, inputs hidden, ready to raise again (or add to)."""
    return [_hidden_details(e) for e in error.errors(include_url=False)]


def hide_inputs(
    error: ValidationError, *, title: str | None = None, extra: Sequence[InitErrorDetails] = ()
) -> ValidationError:
    """``error`` with every input replaced by :data:`HIDDEN`: same types, places, messages.

    ``extra`` errors (already hidden) are added after them. The result is also marked
    ``hide_input``, so ``str()`` shows no input at all.
    """
    details = [*hidden_details(error), *extra]
    return ValidationError.from_exception_data(title or error.title, details, hide_input=True)
