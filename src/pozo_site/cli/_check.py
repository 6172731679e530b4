"""``pozo-site check [PATH ...]``: check content, report findings, fix what is safe to fix.

Exit codes: 0 when no finding has error severity (or ``--exit-zero``), 1 when one has (with
``--diff``: when a fix would change a file), 2 for a usage error, an invalid configuration
or a failure of the tool itself.

Colour: the text report is coloured only when it goes to a terminal, ``NO_COLOR`` is not
set (to any value, even empty) and ``TERM`` is not ``dumb``; a non-empty ``FORCE_COLOR``
turns it on for any stream, but ``NO_COLOR`` still wins.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from pozo_site._content_files import FIRM_FILE_NAMES, is_content_file
from pozo_site._errors import BaselineError
from pozo_site._printable import printable
from pozo_site.check import (
    RULES,
    CheckResult,
    Config,
    ConfigError,
    check_paths,
    load_config,
    load_config_file,
)
from pozo_site.check._cache import CACHE_DIR_ENV, CACHE_DIR_NAME, NO_CACHE_ENV, ResultCache
from pozo_site.check._git import GitError
from pozo_site.check._runner import default_cache_dir, run
from pozo_site.check._source import Source
from pozo_site.check.reporters import REPORTER_BY_NAME, ReportOptions
from pozo_site.cli import _check_extras as extras
from pozo_site.cli._boundary import ExitCode
from pozo_site.cli._help import RawDescriptionHelpFormatter

__all__ = [
    "CheckOptions",
    "add_cache_arguments",
    "handle",
    "parse_codes",
    "register",
    "use_color",
]

EXIT_OK = ExitCode.OK
EXIT_FINDINGS = ExitCode.PROBLEM
EXIT_USAGE = ExitCode.USAGE
PROGRESS_AFTER = 1.5
"""Seconds a run takes before it shows its progress (on a terminal only)."""

_EPILOG = """\
exit status: 0 no error-level finding, 1 an error-level finding (with --diff: a file
would change), 2 a usage error, an invalid configuration or a failure of the tool.
Rule codes: `pozo-site rules`. Documentation: docs/check.md."""


def register(subparsers: Any) -> None:
    """Add the ``check`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="check a content folder: firm profile and Markdown articles",
        description=(
            "Check the firm profile and the Markdown articles in each PATH (files or "
            "folders; default: the current folder) and report every finding with its rule "
            "code, file, line and column."
        ),
        epilog=_EPILOG,
        formatter_class=RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check")
    parser.add_argument(
        "--format",
        choices=list(REPORTER_BY_NAME),
        default="text",
        help="output format: "
        + "; ".join(f"{name}: {rep.description}" for name, rep in REPORTER_BY_NAME.items()),
    )
    parser.add_argument(
        "--select", metavar="CODES", help="only these rule codes or family letters (comma list)"
    )
    parser.add_argument(
        "--ignore", metavar="CODES", help="skip these rule codes or family letters (comma list)"
    )
    parser.add_argument(
        "--extend-ignore",
        metavar="CODES",
        help="skip these as well as the configured ignores (comma list)",
    )
    fixing = parser.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true", help="apply safe fixes, then report")
    fixing.add_argument(
        "--diff", action="store_true", help="show what --fix would change; write nothing"
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="use this pozo-site.toml or pyproject.toml instead of searching for one",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when there are error findings"
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="findings only: no summary or fix notes"
    )
    add_cache_arguments(parser)
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        metavar="N",
        help="processes for a run over many files (default: every core)",
    )
    extras.register(parser)
    parser.set_defaults(handler=handle)


def add_cache_arguments(parser: argparse.ArgumentParser) -> None:
    """``--no-cache`` and ``--cache-dir`` (``check`` and ``clean`` share them)."""
    parser.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the result cache"
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help=f"the result cache's folder (default: {CACHE_DIR_NAME} beside the "
        "configuration file, else in the content folder)",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


@dataclass(frozen=True)
class CheckOptions:
    """The parsed command line of ``pozo-site check``, as plain values."""

    paths: tuple[Path, ...]
    format: str
    select: tuple[str, ...] | None
    ignore: tuple[str, ...] | None
    extend_ignore: tuple[str, ...] | None
    fix: bool
    diff: bool
    config: Path | None
    output: Path | None
    exit_zero: bool
    quiet: bool
    no_cache: bool = False
    cache_dir: Path | None = None
    jobs: int | None = None
    extra: extras.ExtraOptions = field(default_factory=extras.ExtraOptions)
    """The pull-request and CI options (baselines, ``--changed-since``, ...)."""

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CheckOptions:
        """The options of an ``argparse`` namespace."""
        return cls(
            paths=tuple(Path(p) for p in args.paths) or (Path("."),),
            format=args.format,
            select=parse_codes(args.select),
            ignore=parse_codes(args.ignore),
            extend_ignore=parse_codes(args.extend_ignore),
            fix=args.fix,
            diff=args.diff,
            config=Path(args.config) if args.config else None,
            output=Path(args.output) if args.output else None,
            exit_zero=args.exit_zero,
            quiet=args.quiet,
            no_cache=args.no_cache,
            cache_dir=Path(args.cache_dir) if args.cache_dir else None,
            jobs=args.jobs,
            extra=extras.ExtraOptions.from_args(args),
        )


def parse_codes(text: str | None) -> tuple[str, ...] | None:
    """``"P001, c"`` -> ``("P001", "C")``: codes split on commas and blanks, upper-cased."""
    if text is None:
        return None
    return tuple(code.upper() for code in re.split(r"[,\s]+", text) if code)


def use_color(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether to colour what goes to ``stream`` (see the module docstring for the rules)."""
    if "NO_COLOR" in environ:
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


def _isatty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


class _Progress:
    """``N/M files`` on one line of a terminal, once a run has taken over a second."""

    def __init__(self, err: TextIO) -> None:
        self.err = err
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.shown and time.monotonic() - self.started < PROGRESS_AFTER:
            return
        self.shown = True
        end = "\n" if done >= total else ""
        self.err.write(f"\rpozo-site check: {done:,}/{total:,} files{end}")
        self.err.flush()


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _write_report(text: str, options: CheckOptions, out: TextIO) -> None:
    if options.output is None:
        out.write(text)
        return
    with options.output.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def _warn_about_paths(options: CheckOptions, files_checked: int, err: TextIO) -> None:
    """Say so when a named file is not one that is checked, or nothing was found at all,
    as ruff warns "No Python files found" (a pre-commit hook passes only matching files)."""
    if options.quiet:
        return
    for path in options.paths:
        if path.is_file() and not is_content_file(path):
            err.write(
                f"pozo-site check: warning: skipped {printable(str(path))}: not an article "
                f"(*.md) or a firm profile ({', '.join(FIRM_FILE_NAMES)})\n"
            )
    if files_checked == 0:
        err.write("pozo-site check: warning: no articles or firm profile found\n")


def _missing(path: Path) -> bool:
    """Whether ``path`` does not exist; a path that cannot be looked at (a folder on the
    way without search permission) is not missing: the check reports why (F011)."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


def _diff(options: CheckOptions, config: Config, out: TextIO, err: TextIO) -> int:
    from pozo_site.check._fix import fix_paths  # noqa: PLC0415 (a run that checks only
    # does not load the fixer)

    outcome = fix_paths(options.paths, config, write=False)
    _write_report("".join(change.diff() for change in outcome.changes), options, out)
    if not options.quiet:
        count = len(outcome.changes)
        err.write(f"Would fix {_plural(count, 'file')}.\n" if count else "No fixes to apply.\n")
    return EXIT_FINDINGS if outcome.changes and not options.exit_zero else EXIT_OK


def _findings(
    options: CheckOptions,
    config: Config,
    config_file: Path | None,
    environ: Mapping[str, str],
    err: TextIO,
) -> tuple[CheckResult, Mapping[str, Source] | None]:
    """The run's findings (after ``--fix``, those that remain) and, where a baseline
    needs them, the texts they were found in."""
    if options.fix:
        from pozo_site.check._fix import fix_paths  # noqa: PLC0415 (as in _diff)

        outcome = fix_paths(options.paths, config, write=True)
        if outcome.changes and not options.quiet:
            err.write(f"Fixed {_plural(len(outcome.changes), 'file')}.\n")
        return outcome.result, None
    jobs = options.jobs or os.cpu_count() or 1
    progress = _Progress(err) if _isatty(err) else None
    if options.extra.needs_sources:  # the baseline fingerprints the findings' texts,
        # which a cache hit does not read: this run reads every file
        output = run(options.paths, config, jobs=jobs, progress=progress)
        return output.result, output.sources
    cache = None
    if not (options.no_cache or environ.get(NO_CACHE_ENV)):
        folder = options.cache_dir or (
            Path(environ[CACHE_DIR_ENV])
            if environ.get(CACHE_DIR_ENV)
            else default_cache_dir(options.paths, config_file)
        )
        cache = ResultCache(folder)
    return check_paths(options.paths, config, cache=cache, jobs=jobs, progress=progress), None


def _run(options: CheckOptions, out: TextIO, err: TextIO, environ: Mapping[str, str]) -> int:
    missing = [str(path) for path in options.paths if _missing(path)]
    if missing:
        err.write(f"pozo-site check: no such file or folder: {printable(', '.join(missing))}\n")
        return EXIT_USAGE
    found: Path | None = options.config
    if options.config is not None:
        config = load_config_file(options.config)
    else:
        config, found = load_config(options.paths[0])
    config = config.override(
        select=options.select, ignore=options.ignore, extend_ignore=options.extend_ignore
    )
    fixing = options.fix or options.diff
    early = extras.before_check(
        options.extra, options.paths, config, found, fixing=fixing, out=out, err=err
    )
    if early is not None:
        return early
    if options.diff:
        return _diff(options, config, out, err)
    result, sources = _findings(options, config, found, environ, err)
    _warn_about_paths(options, result.files_checked, err)
    narrowed = extras.narrow(
        options.extra, options.paths, config, result, sources, quiet=options.quiet, err=err
    )
    if isinstance(narrowed, int):
        return narrowed
    result = narrowed
    extras.report_extra(options.extra, result, err)
    stream_is_report = options.output is None
    color = options.format == "text" and stream_is_report and use_color(out, environ)
    if options.extra.statistics:
        report = extras.statistics(result, options.format)
    else:
        report = REPORTER_BY_NAME[options.format].format(
            result, rules=RULES, options=ReportOptions(color=color, summary=not options.quiet)
        )
    _write_report(report, options, out)
    if options.format == "sarif" and not options.extra.statistics:
        err.write(extras.sarif_warning(result, "report"))
    return EXIT_OK if result.success or options.exit_zero else EXIT_FINDINGS


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``pozo-site check`` with parsed ``args``."""
    options = CheckOptions.from_args(args)
    try:
        return _run(options, out, err, os.environ)
    except (ConfigError, BaselineError, GitError, extras.OutputError) as error:
        err.write(f"pozo-site check: {printable(str(error))}\n")
        return EXIT_USAGE
    except OSError as error:
        if options.output is not None and error.filename == str(options.output):
            where = printable(str(options.output))
            err.write(f"pozo-site check: cannot write {where}: {error.strerror}\n")
            return EXIT_USAGE
        raise
