"""``pozo-site clean [PATH ...]``: delete the result cache that ``check`` would use.

The folder is found as ``check`` finds it (``--cache-dir``, else ``POZO_SITE_CACHE_DIR``,
else ``.pozo-site-cache`` beside the configuration file, else in the content folder of
the first PATH). Only a
folder that carries pozo-site's ``CACHEDIR.TAG`` is deleted, so a mistyped
``--cache-dir`` never removes anything else.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any, TextIO

from pozo_site._printable import printable
from pozo_site.check import ConfigError, load_config, load_config_file
from pozo_site.check._cache import CACHE_DIR_ENV, clean_cache
from pozo_site.check._runner import default_cache_dir
from pozo_site.cli._boundary import ExitCode

__all__ = ["handle", "register"]


def register(subparsers: Any) -> None:
    """Add the ``clean`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "clean",
        help="delete the result cache of `pozo-site check`",
        description="Delete the result cache that `pozo-site check PATH ...` uses; "
        "the next check reads every file again.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="as given to check")
    parser.add_argument("--cache-dir", metavar="DIR", help="the cache folder to delete")
    parser.add_argument("--config", metavar="FILE", help="the configuration file check was given")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``pozo-site clean`` with parsed ``args``."""
    paths = [Path(p) for p in args.paths] or [Path(".")]
    if args.cache_dir:
        folder = Path(args.cache_dir)
    elif os.environ.get(CACHE_DIR_ENV):
        folder = Path(os.environ[CACHE_DIR_ENV])
    else:
        try:
            found: Path | None
            if args.config:
                load_config_file(Path(args.config))
                found = Path(args.config)
            else:
                _, found = load_config(paths[0])
        except ConfigError as error:
            err.write(f"pozo-site clean: {error}\n")
            return ExitCode.USAGE
        folder = default_cache_dir(paths, found)
    try:
        removed = clean_cache(folder)
    except ValueError as error:
        err.write(f"pozo-site clean: {printable(str(error))}\n")
        return ExitCode.USAGE
    except OSError as error:
        err.write(f"pozo-site clean: cannot delete {printable(str(folder))}: {error.strerror}\n")
        return ExitCode.USAGE
    what = "Removed" if removed else "No cache at"
    err.write(f"{what} {printable(str(folder))}\n")
    return ExitCode.OK
