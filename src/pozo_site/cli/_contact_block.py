"""``pozo-site contact-block``: the firm's contact block in one of the formats.

Numbers are printed in ``--phone-style``; without it, in the ``phone-style`` configured for
the content folder (``pozo-site.toml`` or ``[tool.pozo-site]``, found from the firm file's
folder, or the current folder, upwards, as ``pozo-site check`` finds it), else in the house
style ``dashes``: the contact block and the articles then agree.

Exit codes: 0 written; 1 the firm file, the template file or the template is bad; 2 a
usage error (unknown format, a template for a format that takes none, a bad
configuration file) or the output file cannot be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pozo_site._atomic import atomic_write
from pozo_site._errors import FirmFileError
from pozo_site._phone_kinds import DEFAULT_PHONE_STYLE, PhoneStyle
from pozo_site._reading import open_regular
from pozo_site.check import ConfigError, load_config
from pozo_site.cli._boundary import ExitCode
from pozo_site.render import RenderError
from pozo_site.render._contact_formats import ContactBlockFormat

if TYPE_CHECKING:
    from pozo_site._firm import FirmProfile

# The firm loader and the renderers are imported when the command runs, so that every
# other command (and ``--help``) does without pydantic, Jinja2 and the models.

__all__ = ["handle", "register"]

_MAX_TEMPLATE_BYTES = 100_000


def register(subparsers: Any) -> None:
    """Add the ``contact-block`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "contact-block",
        help="print the firm's contact block (text, Markdown, HTML, JSON-LD or vCard)",
        description=(
            "Print the firm's contact block (the embedded default firm, or --firm FILE) in "
            "one format. Human formats (text, markdown, html, html+jsonld) may use your own "
            "Jinja2 template (--template); jsonld and vcard/vcard4 are serialised from data."
        ),
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=[format_.value for format_ in ContactBlockFormat],
        default=ContactBlockFormat.TEXT.value,
        help="the output format (default: text)",
    )
    parser.add_argument(
        "--firm", metavar="PATH", help="a firm profile file (YAML, TOML or JSON) to read instead"
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help="write to PATH (replaced atomically) instead of standard output",
    )
    parser.add_argument(
        "--template",
        metavar="PATH",
        help="a Jinja2 template (UTF-8) for a human format, rendered in a sandbox",
    )
    parser.add_argument(
        "--phone-style",
        choices=[style.value for style in PhoneStyle],
        default=None,
        help=(
            "how numbers are printed (default: the content folder's configured phone-style, "
            f"else {DEFAULT_PHONE_STYLE.value}, the style `pozo-site check` enforces)"
        ),
    )
    parser.set_defaults(handler=handle)


class _Failure(Exception):
    """A problem to report: the lines to print and the exit code."""

    def __init__(self, lines: list[str], status: ExitCode) -> None:
        super().__init__(lines[0] if lines else "")
        self.lines = lines
        self.status = status


def _read_template(path: str) -> str:
    def fail(message: str) -> _Failure:
        return _Failure([f"{path}: {message}"], ExitCode.PROBLEM)

    try:
        with open_regular(path) as handle:  # a FIFO would hang an open()
            raw = handle.read(_MAX_TEMPLATE_BYTES + 1)
    except OSError as error:
        raise fail(f"cannot read the template: {error.strerror or error}") from None
    if len(raw) > _MAX_TEMPLATE_BYTES:
        raise fail(f"a template is at most {_MAX_TEMPLATE_BYTES} bytes")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise fail(f"the template is not UTF-8 text (byte {error.start})") from None


def _load_firm(path: str | None) -> FirmProfile:
    from pozo_site._files import default_firm, load_firm  # noqa: PLC0415 (see the imports)

    if path is None:
        return default_firm()
    try:
        return load_firm(path)
    except FirmFileError as error:
        raise _Failure(list(error.report()), ExitCode.PROBLEM) from None


def _phone_style(args: argparse.Namespace) -> PhoneStyle:
    if args.phone_style is not None:
        return PhoneStyle(args.phone_style)
    start = Path(args.firm).parent if args.firm is not None else Path.cwd()
    try:
        config, _found = load_config(start)
    except ConfigError as error:
        raise _Failure([f"pozo-site contact-block: {error}"], ExitCode.USAGE) from None
    return config.phone_style


def _render(args: argparse.Namespace) -> str:
    from pozo_site.render import CONTACT_BLOCK_FORMATS  # noqa: PLC0415 (see the imports)

    renderer = CONTACT_BLOCK_FORMATS[args.format]
    if args.template is not None and not renderer.templated:
        raise _Failure(
            [
                "pozo-site contact-block: --template applies to text, markdown, html and "
                f"html+jsonld, not to {args.format}"
            ],
            ExitCode.USAGE,
        )
    firm = _load_firm(args.firm)
    template = _read_template(args.template) if args.template is not None else None
    style = _phone_style(args)
    try:
        return renderer(firm, template=template, phone_style=style)
    except RenderError as error:
        where = f"line {error.line}: " if error.line else ""
        source = args.template or "pozo-site contact-block"
        raise _Failure(
            [f"{source}: {where}{error.message} [{error.code}]"], ExitCode.PROBLEM
        ) from None


def _write_stdout(out: TextIO, text: str) -> None:
    # Write the bytes as they are (vCard's CRLF must not be translated), in UTF-8.
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
        return
    out.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``contact-block`` with parsed ``args``; return the exit code."""
    try:
        text = _render(args)
    except _Failure as failure:
        err.writelines(f"{line}\n" for line in failure.lines)
        return failure.status
    if args.output is None:
        _write_stdout(out, text)
        return ExitCode.OK
    try:
        atomic_write(Path(args.output), text.encode("utf-8"))
    except OSError as error:
        err.write(f"{args.output}: cannot write the file: {error.strerror or error}\n")
        return ExitCode.USAGE
    return ExitCode.OK
