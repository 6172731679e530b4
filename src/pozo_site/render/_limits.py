"""Limits on a caller's template: time, output size, and the size of numbers and strings.

Jinja2's sandbox stops escapes (no ``__class__``, no ``os``) but not exhaustion: nested
``range(100000)`` loops ran past a minute, ``9**(9**9)`` hung the compiler (Jinja folds
constants while compiling), ``"x"*10**9`` took 1 GB and ``"%0999999999d"`` 2 GB. The
:class:`LimitedSandbox` adds:

- **integers**: ``**`` and ``*`` refuse a result of more than :data:`MAX_INTEGER_BITS`
  bits, decided from the operands' sizes before anything is computed (intercepting the
  operators also stops Jinja folding them at compile time);
- **strings and sequences**: ``*``, ``+`` and ``~`` refuse a result longer than
  :data:`MAX_OUTPUT_CHARS`; so does any call or filter given an integer beyond it (a
  width, a count: ``center(10**9)``, ``ljust``, ``indent``, ``wordwrap``) and any ``%`` or
  ``format`` with a width or precision beyond it;
- **output**: the rendered text is collected piece by piece and refused once it passes
  :data:`MAX_OUTPUT_CHARS`;
- **time**: :func:`deadline` stops a render that runs longer than
  :data:`MAX_RENDER_SECONDS`, loops included, by raising an exception in the rendering
  thread (CPython's ``PyThreadState_SetAsyncExc``).

Each refusal is a :class:`LimitExceeded` naming the limit; :mod:`._templating` turns it
into a :class:`~pozo_site.render.RenderError` whose code names it too.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sized
from typing import Any, Final

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

__all__ = [
    "MAX_INTEGER_BITS",
    "MAX_OUTPUT_CHARS",
    "MAX_RENDER_SECONDS",
    "LimitExceeded",
    "LimitedSandbox",
    "RenderTimeout",
    "deadline",
]

MAX_OUTPUT_CHARS: Final = 1_000_000
"""Longest rendered text, string or sequence a template may make (and largest width)."""
MAX_INTEGER_BITS: Final = 10_000
"""Largest integer a template may compute, in bits (about 3,000 decimal digits)."""
MAX_RENDER_SECONDS: Final = 2.0
"""Longest a template may take to render."""


class LimitExceeded(SecurityError):
    """A template went past one of the limits; ``code`` names it."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


class RenderTimeout(BaseException):
    """Raised into the rendering thread at the deadline. A ``BaseException``, so that no
    ``except Exception`` on the way (in Jinja or a filter) can swallow it."""


def _too_long(what: str) -> LimitExceeded:
    return LimitExceeded(
        f"{what} would be longer than {MAX_OUTPUT_CHARS:,} characters (the output limit)",
        code="template_output_too_large",
    )


def _too_big() -> LimitExceeded:
    return LimitExceeded(
        f"an integer would be larger than {MAX_INTEGER_BITS:,} bits (the integer limit)",
        code="template_number_too_large",
    )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_size(value: object, what: str = "a value") -> None:
    if isinstance(value, (str, bytes, list, tuple)) and len(value) > MAX_OUTPUT_CHARS:
        raise _too_long(what)


# A printf-style conversion's width and precision, and a format spec's digits.
_PERCENT_SPEC: Final = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_BRACE_SPEC: Final = re.compile(r"\{[^{}]*?:([^{}]*)\}")
_DIGITS: Final = re.compile(r"\d+")


def _check_format(template: str) -> None:
    """Refuse a ``%`` or ``{}`` format string with a width or precision past the limit."""
    if "%" in template:
        for match in _PERCENT_SPEC.finditer(template):
            for number in match.groups():
                if number == "*" or (number and int(number) > MAX_OUTPUT_CHARS):
                    raise _too_long("a formatted value")
    if "{" in template:
        for match in _BRACE_SPEC.finditer(template):
            if any(int(d) > MAX_OUTPUT_CHARS for d in _DIGITS.findall(match.group(1)[:40])):
                raise _too_long("a formatted value")
            if len(match.group(1)) > 40 or "{" in match.group(1):
                raise _too_long("a formatted value")


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``left operator right`` if its result would pass a limit."""
    if operator == "**" and _is_int(left) and _is_int(right):
        if right > 0 and abs(left) > 1 and right * abs(left).bit_length() > MAX_INTEGER_BITS:
            raise _too_big()
    elif operator == "*":
        if _is_int(left) and _is_int(right):
            if left.bit_length() + right.bit_length() > MAX_INTEGER_BITS:
                raise _too_big()
            return
        for sequence, count in ((left, right), (right, left)):
            sized = isinstance(sequence, Sized) and _is_int(count)
            if sized and len(sequence) * count > MAX_OUTPUT_CHARS:
                raise _too_long("a repeated string or sequence")
    elif operator == "%" and isinstance(left, str):
        _check_format(left)
    elif operator == "+" and isinstance(left, Sized) and isinstance(right, Sized):
        _check_joined(len(left) + len(right))


def _check_joined(length: int) -> None:
    if length > MAX_OUTPUT_CHARS:
        raise _too_long("a joined string or sequence")


def check_arguments(function: object, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Refuse a call given an integer past the output limit, or a format past it."""
    for value in (*args, *kwargs.values()):
        if _is_int(value) and abs(value) > MAX_OUTPUT_CHARS:
            raise _too_long("a value made with so large a number")
    name = getattr(function, "__name__", "")
    owner = getattr(function, "__self__", None)
    if name in ("format", "format_map") and isinstance(owner, str):
        _check_format(owner)
    elif name in ("format", "do_format") and args and isinstance(args[0], str):
        _check_format(args[0])  # the format filter: "%05d"|format(1)


def _bounded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        check_arguments(function, args[1:] if _passes_context(function) else args, kwargs)
        result = function(*args, **kwargs)
        _check_size(result, "a filter's result")
        return result

    return bounded


def _passes_context(function: Callable[..., Any]) -> bool:
    return getattr(function, "jinja_pass_arg", None) is not None


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``~`` concatenation checked for length."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_concat(")
        super().visit_Concat(node, frame)
        self.write(")")


class LimitedSandbox(SandboxedEnvironment):
    """Jinja2's ``SandboxedEnvironment`` with the limits of this module."""

    intercepted_binops = frozenset({"**", "*", "%", "+"})
    code_generator_class = _BoundedCodeGenerator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _bounded_filter(f) for name, f in self.filters.items()}

    def add_filter(self, name: str, function: Callable[..., Any]) -> None:
        """Add a filter, bounded like the built-in ones."""
        self.filters[name] = _bounded_filter(function)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """``left operator right``, refused if the result would pass a limit."""
        check_binop(operator, left, right)
        result = super().call_binop(context, operator, left, right)
        _check_size(result)
        return result

    def call(
        __self,
        __context: Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """A call from the template, refused if its arguments or result pass a limit."""
        check_arguments(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        _check_size(result, "a call's result")
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's sandboxed ``str.format``, refused for a width or precision past the
        output limit (checked when the method is looked up, as Jinja wraps it then)."""
        owner = getattr(value, "__self__", None)
        if getattr(value, "__name__", "") in ("format", "format_map") and isinstance(owner, str):
            _check_format(owner)
        return super().wrap_str_format(value)

    def checked_concat(self, value: Any) -> Any:
        """The result of a ``~`` concatenation, refused past the output limit."""
        _check_size(value, "a joined string")
        return value


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None
    )


@contextlib.contextmanager
def deadline(seconds: float = MAX_RENDER_SECONDS) -> Iterator[None]:
    """Raise :class:`RenderTimeout` in this thread if the block runs past ``seconds``."""
    target = threading.get_ident()
    fired = threading.Event()

    def fire() -> None:
        fired.set()
        _raise_in(target, RenderTimeout)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        timer.join()
        if fired.is_set():
            _raise_in(target, None)  # not raised yet (the block ended first): cancel it
