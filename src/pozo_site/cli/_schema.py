"""``pozo-site schema {firm,article,consultation}``: a model's JSON Schema, for editors.

The schemas themselves are built in :mod:`pozo_site._schema`; this module only prints.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from pozo_site._schema import SCHEMA_BY_NAME, build_schema
from pozo_site.check import ConfigError, load_config
from pozo_site.cli._boundary import ExitCode

__all__ = ["handle", "register"]


def register(subparsers: Any) -> None:
    """Add the ``schema`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the firm file, article front matter or consultation",
        description=(
            "Print a JSON Schema (draft 2020-12) for editors: 'firm' for the firm profile "
            "file, 'article' for an article's front matter, 'consultation' for a "
            "consultation request. See docs/check.md for wiring it into an editor."
        ),
    )
    parser.add_argument(
        "name", choices=sorted(SCHEMA_BY_NAME), metavar="{firm,article,consultation}"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the schema named by ``args.name``; for ``article``, with the ``extra-keys``
    of the configuration that applies to the current folder."""
    extra_keys: tuple[str, ...] = ()
    if args.name == "article":
        try:
            extra_keys = load_config(Path.cwd())[0].extra_keys
        except ConfigError as error:
            err.write(f"pozo-site: {error}\n")
            return ExitCode.USAGE
    schema = build_schema(args.name, extra_keys=extra_keys)
    out.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return ExitCode.OK
