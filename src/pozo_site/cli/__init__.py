"""The ``pozo-site`` command line: argument parsing and exit codes only.

Each subcommand lives in its own module with ``register(subparsers)``, which adds its
parser and sets ``handler`` to a function ``(args, out, err) -> int``. Only this layer
prints or exits; everything it calls returns values.

Exit codes: 0 success, 1 a problem in the input (an invalid number, a finding of error
severity, a firm file that does not validate), 2 a usage error or a failure of the tool.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from pozo_site import __version__
from pozo_site.cli import _check, _contact_block, _phone, _rules, _schema, _server, _show

__all__ = ["EXIT_INPUT_ERROR", "EXIT_OK", "EXIT_USAGE", "build_parser", "main", "run"]

EXIT_OK = 0
EXIT_INPUT_ERROR = 1
EXIT_USAGE = 2

_COMMANDS = (_phone, _show, _check, _rules, _schema, _contact_block, _server)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="pozo-site",
        description="Models, contact blocks and content checks for Pozo Goldstein's site.",
    )
    parser.add_argument("--version", action="version", version=f"pozo-site {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in _COMMANDS:
        command.register(subparsers)
    return parser


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line with ``argv`` and return the exit code (never raises SystemExit)."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    try:
        code: int = args.handler(args, out, err)
    except BrokenPipeError:  # e.g. `pozo-site show | head -1`
        return EXIT_OK
    except KeyboardInterrupt:
        err.write("pozo-site: interrupted\n")
        return 130
    return code


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
