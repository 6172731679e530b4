"""argparse's parser and help formatters, told the terminal's width without ``shutil``.

argparse makes a help formatter for every ``add_argument`` call (to check the argument's
metavar), and its formatter asks ``shutil.get_terminal_size`` for the width; importing
``shutil`` imports ``zlib``, ``bz2`` and ``lzma`` (15 ms, about a twentieth of a cached
``check`` of 10,000 articles). :func:`terminal_columns` reads the width as
``shutil.get_terminal_size`` does; the help text is the same.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

__all__ = ["HelpFormatter", "Parser", "RawDescriptionHelpFormatter", "terminal_columns"]


def terminal_columns() -> int:
    """The terminal's width in columns, as ``shutil.get_terminal_size().columns`` gives it:
    ``COLUMNS`` when it is a positive integer, else the width of the terminal on standard
    output (``sys.__stdout__``), else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, its width taken from :func:`terminal_columns`."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = terminal_columns() - 2  # as argparse leaves two columns
        super().__init__(prog, indent_increment, max_help_position, width)


class RawDescriptionHelpFormatter(HelpFormatter, argparse.RawDescriptionHelpFormatter):
    """:class:`HelpFormatter` that keeps the description's and epilog's line breaks."""


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help formatter is :class:`HelpFormatter` unless told
    otherwise; its subcommands' parsers are made of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
