"""``pozo-site server``: run the language server on standard input and output.

The server needs the ``server`` extra (``pygls``); without it the command prints a
one-line install hint and exits 2. ``pygls`` is imported only here, when the command
runs, so the rest of the CLI works without it.
"""

from __future__ import annotations

import argparse
import importlib.util
from typing import Any, Final, TextIO

from pozo_site.cli._boundary import ExitCode

__all__ = ["INSTALL_HINT", "handle", "register"]

INSTALL_HINT: Final = (
    "pozo-site server: the language server needs pygls; "
    'install it with: pip install "pozo-site[server]"\n'
)


def register(subparsers: Any) -> None:
    """Add the ``server`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "server",
        help="run the language server for editors (LSP over stdio)",
        description=(
            "Run the pozo-site language server on standard input and output, for editors: "
            "the findings of `pozo-site check` as you type, quick fixes, hover on phone "
            "numbers, front matter completion. Set-up for VS Code, Neovim and Helix: "
            "docs/editors.md. Needs the server extra: pip install 'pozo-site[server]'."
        ),
    )
    parser.add_argument(
        "--stdio", action="store_true", help="talk over stdio (the default and only transport)"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Serve until the client says exit; 2 when the server extra is not installed."""
    if importlib.util.find_spec("pygls") is None or importlib.util.find_spec("lsprotocol") is None:
        err.write(INSTALL_HINT)
        return ExitCode.USAGE
    from pozo_site.server._lsp import serve  # noqa: PLC0415  (the optional extra)

    serve()
    return ExitCode.OK
