"""``pozo-site phone NUMBER...``: every form of each number."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from pozo_site._errors import PhoneNumberError
from pozo_site.cli._boundary import ExitCode

__all__ = ["handle", "register"]


def register(subparsers: Any) -> None:
    """Add the subcommand's parser to ``subparsers``."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "phone",
        help="print the forms of phone numbers",
        description=(
            "Print each number's E.164, national, international and tel: forms, its type, "
            "and its vanity text where it has keypad letters. Exit 1 if any does not parse."
        ),
    )
    parser.add_argument("numbers", nargs="+", metavar="NUMBER")
    parser.add_argument(
        "--region",
        default="US",
        help="where numbers without + are dialled from (ISO 3166-1 alpha-2; default US)",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run the subcommand; return the exit code."""
    from pozo_site._phone import PhoneNumber  # noqa: PLC0415 (only this command needs them)
    from pozo_site.render import phone_summary  # noqa: PLC0415

    status = ExitCode.OK
    blocks = []
    for text in args.numbers:
        try:
            blocks.append(phone_summary(PhoneNumber.parse(text, args.region)))
        except PhoneNumberError as error:
            err.write(f"pozo-site phone: {text!r}: {error.message} [{error.code}]\n")
            status = ExitCode.USAGE if error.code == "phone_unknown_region" else ExitCode.PROBLEM
    if blocks:
        out.write("\n\n".join(blocks) + "\n")
    return status
