"""``pozo-site show``: the firm profile as readable text."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from pozo_site._errors import FirmFileError
from pozo_site.cli._boundary import ExitCode

__all__ = ["handle", "register"]


def register(subparsers: Any) -> None:
    """Add the subcommand's parser to ``subparsers``."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "show",
        help="print the firm profile",
        description="Print the firm profile (the embedded default, or --firm FILE) as text.",
    )
    parser.add_argument(
        "--firm", metavar="PATH", help="a firm profile file (YAML, TOML or JSON) to read instead"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run the subcommand; return the exit code."""
    from pozo_site._files import default_firm, load_firm  # noqa: PLC0415 (this command only)
    from pozo_site.render import firm_summary  # noqa: PLC0415

    try:
        firm = load_firm(args.firm) if args.firm else default_firm()
    except FirmFileError as error:
        err.writelines(f"{line}\n" for line in error.report())
        return ExitCode.PROBLEM
    out.write(firm_summary(firm))
    return ExitCode.OK
