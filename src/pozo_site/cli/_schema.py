"""``pozo-site schema {firm,article,consultation}``: a model's JSON Schema, for editors.

The schemas themselves are built in :mod:`pozo_site._schema`; this module only prints.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from pozo_site._schema import SCHEMA_BY_NAME, build_schema
from pozo_site.cli._boundary import guarded

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


@guarded
def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the schema named by ``args.name``."""
    out.write(json.dumps(build_schema(args.name), indent=2, ensure_ascii=False) + "\n")
    return 0
