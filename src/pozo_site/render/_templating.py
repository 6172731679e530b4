"""Jinja2 environments for the human-readable formats, and the errors rendering raises.

One environment per kind of output (``text``, ``markdown``, ``html``), made once:

- the shipped templates (``render/templates/*.j2``) load through ``PackageLoader``;
- a caller's own template source is user input, so it renders in a sandbox with the same
  settings and with limits on time, output size, numbers and strings
  (:mod:`pozo_site.render._limits`), and its errors become :class:`RenderError`.

HTML autoescapes every ``{{ value }}``. Markdown escapes every ``{{ value }}`` for Markdown
(through ``finalize``), so that no firm value turns into a link or emphasis; the
``markdown_url`` filter prepares link destinations. Plain text escapes nothing. Undefined
names are errors (``StrictUndefined``), never silently empty; a value that is ``None`` (a
field the profile leaves empty) prints as nothing in every kind, never as ``None``.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Mapping
from typing import Any, Final

import jinja2
from jinja2.exceptions import SecurityError

from pozo_site._errors import RenderError
from pozo_site.render._escape import escape_markdown, markdown_url
from pozo_site.render._limits import (
    MAX_OUTPUT_CHARS,
    MAX_RENDER_SECONDS,
    LimitedSandbox,
    LimitExceeded,
    RenderTimeout,
    deadline,
)

__all__ = [
    "MAX_TEMPLATE_CHARS",
    "TemplateKind",
    "render_shipped",
    "render_source",
]

MAX_TEMPLATE_CHARS: Final = 100_000
"""Longest template source :func:`render_source` accepts."""


class TemplateKind(str, enum.Enum):
    """The kinds of template output, each with its own escaping."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


def _finalize_plain(value: Any) -> Any:
    return "" if value is None else value


def _finalize_markdown(value: Any) -> Any:
    return "" if value is None else escape_markdown(value)


def _options(kind: TemplateKind) -> dict[str, Any]:
    finalize: Callable[[Any], Any] = (
        _finalize_markdown if kind is TemplateKind.MARKDOWN else _finalize_plain
    )
    return {
        "autoescape": kind is TemplateKind.HTML,
        "finalize": finalize,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }


def _add_filters(environment: jinja2.Environment) -> jinja2.Environment:
    environment.filters["markdown_url"] = markdown_url
    environment.filters["markdown_escape"] = escape_markdown
    return environment


@functools.cache
def _shipped(kind: TemplateKind) -> jinja2.Environment:
    loader = jinja2.PackageLoader("pozo_site.render", "templates")
    return _add_filters(jinja2.Environment(loader=loader, **_options(kind)))


@functools.cache
def _sandbox(kind: TemplateKind) -> LimitedSandbox:
    environment = LimitedSandbox(**_options(kind))
    environment.add_filter("markdown_url", markdown_url)
    environment.add_filter("markdown_escape", escape_markdown)
    return environment


def _render_limited(template: jinja2.Template, context: Mapping[str, Any]) -> str:
    pieces: list[str] = []
    length = 0
    with deadline(MAX_RENDER_SECONDS):
        for piece in template.generate(context):
            length += len(piece)
            if length > MAX_OUTPUT_CHARS:
                raise LimitExceeded(
                    f"the output would be longer than {MAX_OUTPUT_CHARS:,} characters "
                    "(the output limit)",
                    code="template_output_too_large",
                )
            pieces.append(piece)
    return "".join(pieces)


def render_shipped(kind: TemplateKind, name: str, context: Mapping[str, Any]) -> str:
    """Render the shipped template ``name`` (e.g. ``contact.html.j2``) with ``context``."""
    return _shipped(kind).get_template(name).render(context)


def render_source(kind: TemplateKind, source: str, context: Mapping[str, Any]) -> str:
    """Render a caller's template ``source`` in the sandbox of ``kind``.

    Raises :class:`RenderError` for a template that does not parse, names an undefined
    value, tries an operation the sandbox forbids, passes a limit, or fails while
    rendering: never another exception.
    """
    if len(source) > MAX_TEMPLATE_CHARS:
        raise RenderError(
            f"a template is at most {MAX_TEMPLATE_CHARS} characters", code="template_too_long"
        )
    environment = _sandbox(kind)
    try:
        with deadline(MAX_RENDER_SECONDS):
            template = environment.from_string(source)
    except jinja2.TemplateSyntaxError as error:
        raise RenderError(
            f"template syntax error: {error.message}", code="template_syntax", line=error.lineno
        ) from None
    except RenderTimeout:
        raise _timeout() from None
    except Exception as error:  # a caller's template: whatever compiling it raises
        raise RenderError(
            f"the template cannot be compiled: {type(error).__name__}: {error}",
            code="template_failed",
        ) from None
    try:
        return _render_limited(template, context)
    except RenderTimeout:
        raise _timeout() from None
    except LimitExceeded as error:
        raise RenderError(
            f"the template went past a limit: {error}",
            code=error.code,
            line=_template_line(error),
        ) from None
    except jinja2.UndefinedError as error:
        raise RenderError(
            f"template uses an undefined value: {error.message}",
            code="template_undefined",
            line=_template_line(error),
        ) from None
    except SecurityError as error:
        raise RenderError(
            f"the template tried an unsafe operation: {error}",
            code="template_unsafe",
            line=_template_line(error),
        ) from None
    except Exception as error:  # a caller's template: whatever its filters and calls raise
        raise RenderError(
            f"the template failed: {type(error).__name__}: {error}",
            code="template_failed",
            line=_template_line(error),
        ) from None


def _timeout() -> RenderError:
    return RenderError(
        f"the template took longer than {MAX_RENDER_SECONDS:g} seconds (the time limit)",
        code="template_too_slow",
    )


def _template_line(error: BaseException) -> int | None:
    # Jinja rewrites the traceback so that template frames carry the template's line
    # numbers under the file name "<template>".
    traceback = error.__traceback__
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<template>":
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line
