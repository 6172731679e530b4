"""The command line's help: argparse's text, its width found without ``shutil``."""

from __future__ import annotations

import argparse
import shutil

import pytest

from pozo_site.cli import build_parser
from pozo_site.cli._help import HelpFormatter, terminal_columns


@pytest.mark.parametrize("columns", [None, "60", "100", "200", "0", "-5", "wide", ""])
def test_the_width_is_the_one_shutil_gives(
    monkeypatch: pytest.MonkeyPatch, columns: str | None
) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.delenv("LINES", raising=False)
    assert terminal_columns() == shutil.get_terminal_size().columns


def _parsers() -> list[argparse.ArgumentParser]:
    parser = build_parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return [parser, *commands.choices.values()]


@pytest.mark.parametrize("columns", ["50", "80", "120"])
def test_every_help_text_is_argparse_s_own(monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    parsers = _parsers()
    assert len(parsers) == 9  # the command and its eight subcommands
    for parser in parsers:
        ours = parser.format_help()
        assert issubclass(parser.formatter_class, HelpFormatter)
        stock = (
            argparse.RawDescriptionHelpFormatter
            if issubclass(parser.formatter_class, argparse.RawDescriptionHelpFormatter)
            else argparse.HelpFormatter
        )
        parser.formatter_class = stock
        assert parser.format_help() == ours, parser.prog
    assert max(len(line) for line in ours.splitlines()) <= int(columns)
