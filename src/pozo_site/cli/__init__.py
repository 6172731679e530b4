"""The ``pozo-site`` command line: argument parsing and exit codes only.

Each subcommand lives in its own module with ``register(subparsers)``, which adds its
parser and sets ``handler`` to a function ``(args, out, err) -> int``. Only this layer
prints or exits; everything it calls returns values.

Exit codes (:class:`~pozo_site.cli._boundary.ExitCode`): 0 success, 1 a problem in the
input (an invalid number, a finding of error severity, a firm file that does not validate),
2 a usage error or a failure of the tool. One guard around the dispatch turns anything
unexpected into a one-line message and exit code 2 (the traceback with ``--verbose``).
Output that the terminal's encoding cannot show is written with backslash escapes
(``PYTHONIOENCODING=ascii`` and a file named ``é.md``), never as a crash.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from typing import TextIO

from pozo_site import __version__
from pozo_site.cli import (
    _check,
    _clean,
    _contact_block,
    _phone,
    _rules,
    _schema,
    _server,
    _show,
)
from pozo_site.cli._boundary import ExitCode, guard
from pozo_site.cli._gc import collect_less_often
from pozo_site.cli._help import Parser

__all__ = ["EXIT_INPUT_ERROR", "EXIT_OK", "EXIT_USAGE", "build_parser", "main", "run"]

EXIT_OK = ExitCode.OK
EXIT_INPUT_ERROR = ExitCode.PROBLEM
EXIT_USAGE = ExitCode.USAGE

_COMMANDS = (_phone, _show, _check, _clean, _rules, _schema, _contact_block, _server)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = Parser(
        prog="pozo-site",
        description="Models, contact blocks and content checks for Pozo Goldstein's site.",
    )
    parser.add_argument("--version", action="version", version=f"pozo-site {__version__}")
    verbose = {"action": "store_true", "help": "print the traceback of an internal error"}
    parser.add_argument("--verbose", **verbose)  # type: ignore[arg-type]
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in _COMMANDS:
        command.register(subparsers)
    for subparser in subparsers.choices.values():  # also after the subcommand's name
        subparser.add_argument("--verbose", default=argparse.SUPPRESS, **verbose)  # type: ignore[arg-type]
    return parser


def _tolerant(stream: TextIO) -> TextIO:
    """``stream``, writing what its encoding cannot encode as backslash escapes."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="backslashreplace")
    return stream


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line with ``argv`` and return the exit code (never raises SystemExit)."""
    out = stdout if stdout is not None else _tolerant(sys.stdout)
    err = stderr if stderr is not None else _tolerant(sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else ExitCode.USAGE
    return guard(args.handler, args, out, err, verbose=args.verbose)


def run() -> None:
    """Console-script entry point (and ``python -m pozo_site``): the process runs one
    command, so it collects garbage less often (see
    :mod:`pozo_site.cli._gc`); :func:`main` called from a program leaves its collector
    alone."""
    collect_less_often()
    sys.exit(main())
