"""``pozo-site rules [CODE ...] [--format text|json|markdown]``: the rule catalogue."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from pozo_site.check._registry import RULES
from pozo_site.check._rule import Rule
from pozo_site.check.reporters.catalog import CATALOG_BY_NAME
from pozo_site.cli._boundary import ExitCode

__all__ = ["handle", "register", "select_rules"]


def register(subparsers: Any) -> None:
    """Add the ``rules`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "rules",
        help="list the rules pozo-site check applies",
        description=(
            "List every rule with its code, name, default severity, whether --fix repairs "
            "it, and a summary; --format markdown gives the full documentation. Name codes "
            "or family letters (e.g. P001, C) to list only those."
        ),
    )
    parser.add_argument("codes", nargs="*", metavar="CODE", help="rule codes or family letters")
    parser.add_argument(
        "--format",
        choices=sorted(CATALOG_BY_NAME),
        default="text",
        help="output format (default: text)",
    )
    parser.set_defaults(handler=handle)


def select_rules(codes: list[str]) -> tuple[dict[str, Rule], list[str]]:
    """The registered rules whose code starts with one of ``codes`` (all when empty), and
    the ``codes`` that match no rule."""
    wanted = [code.strip().upper() for code in codes]
    unknown = [code for code in wanted if not code or not any(c.startswith(code) for c in RULES)]
    chosen = {
        code: rule
        for code, rule in RULES.items()
        if not wanted or any(code.startswith(prefix) for prefix in wanted)
    }
    return chosen, unknown


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the catalogue of the selected rules."""
    rules, unknown = select_rules(args.codes)
    if unknown:
        err.write(f"pozo-site rules: unknown rule code(s): {', '.join(unknown)}\n")
        return ExitCode.USAGE
    out.write(CATALOG_BY_NAME[args.format](rules))
    return ExitCode.OK
