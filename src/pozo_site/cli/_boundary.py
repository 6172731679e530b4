"""The CLI's exit codes, and its last line of defence around the dispatch.

:class:`ExitCode` is the one table of exit codes; every subcommand returns one of them.
:func:`guard` runs a subcommand's handler: an unexpected exception (a failure of the tool,
not of the input) becomes ``pozo-site: internal error: ...`` on one line and exit code 2,
with the traceback only on request (``--verbose``, or the environment variable
``POZO_SITE_DEBUG`` set to anything but an empty string).
"""

from __future__ import annotations

import argparse
import enum
import os
from collections.abc import Callable
from typing import Final, TextIO

__all__ = ["DEBUG_ENV", "ExitCode", "Handler", "guard"]

DEBUG_ENV: Final = "POZO_SITE_DEBUG"

Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]


class ExitCode(enum.IntEnum):
    """What ``pozo-site`` exits with."""

    OK = 0
    """Success: written, or no finding of error severity."""
    PROBLEM = 1
    """A problem in the input: a finding of error severity, an invalid number, a firm
    file or template that does not validate or cannot be read."""
    USAGE = 2
    """A usage error (bad arguments, an invalid configuration) or a failure of the tool."""
    INTERRUPTED = 130
    """Interrupted (Ctrl-C): 128 + SIGINT, as shells report it."""


def guard(
    handler: Handler, args: argparse.Namespace, out: TextIO, err: TextIO, *, verbose: bool
) -> int:
    """``handler(args, out, err)``; an unexpected exception is one line and exit code 2.

    ``BrokenPipeError`` (output piped into ``head``) is a success, and
    ``KeyboardInterrupt`` is ``interrupted`` and 130.
    """
    try:
        return int(handler(args, out, err))
    except BrokenPipeError:
        return ExitCode.OK
    except KeyboardInterrupt:
        err.write("pozo-site: interrupted\n")
        return ExitCode.INTERRUPTED
    except Exception as error:  # the CLI boundary: report in one line, never crash
        debug = verbose or bool(os.environ.get(DEBUG_ENV))
        if debug:
            import traceback  # noqa: PLC0415 (only a crash with --verbose prints one)

            err.write(traceback.format_exc())
        lines = str(error).splitlines()
        what = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
        hint = "" if debug else " (run with --verbose for the traceback)"
        err.write(f"pozo-site: internal error: {what}{hint}\n")
        return ExitCode.USAGE
