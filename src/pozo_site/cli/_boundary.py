"""The CLI's last line of defence: a failure of the tool is one line and exit code 2.

A handler wrapped in :func:`guarded` never lets an unexpected exception out as a
traceback: it prints ``pozo-site: internal error: ...`` and returns 2. Set the environment
variable ``POZO_SITE_DEBUG`` (to anything but an empty string) to see the traceback too.
"""

from __future__ import annotations

import argparse
import functools
import os
import traceback
from collections.abc import Callable
from typing import Final, TextIO

__all__ = ["DEBUG_ENV", "EXIT_INTERNAL", "Handler", "guarded"]

DEBUG_ENV: Final = "POZO_SITE_DEBUG"
EXIT_INTERNAL: Final = 2

Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]


def guarded(handler: Handler) -> Handler:
    """``handler``, returning 2 with a one-line message for any unexpected exception.

    ``BrokenPipeError`` (output piped into ``head``) and ``KeyboardInterrupt`` pass
    through to :func:`pozo_site.cli.main`, which handles them.
    """

    @functools.wraps(handler)
    def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        try:
            return handler(args, out, err)
        except BrokenPipeError:
            raise
        except Exception as error:  # the CLI boundary: report in one line, never crash
            debug = bool(os.environ.get(DEBUG_ENV))
            if debug:
                err.write(traceback.format_exc())
            lines = str(error).splitlines()
            what = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
            hint = "" if debug else f" (set {DEBUG_ENV}=1 for the traceback)"
            err.write(f"pozo-site: internal error: {what}{hint}\n")
            return EXIT_INTERNAL

    return run
