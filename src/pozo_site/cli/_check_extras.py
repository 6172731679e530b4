"""The pull-request and CI options of ``pozo-site check``: baselines, ``--add-ignore``,
``--changed-since``, ``--statistics``, ``--show-settings``, ``--show-files`` and the
extra report files (``--sarif-file``, ``--json-file``) written in the same run.

Kept apart from :mod:`pozo_site.cli._check` so that the main command stays short: that
module calls :func:`register` and the steps below, in the order given in :func:`narrow`'s
docstring. Every step returns values or an exit code; errors of the input (a bad baseline
file, a Git ref that does not exist) are one line on standard error and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from pozo_site._atomic import atomic_write
from pozo_site._errors import OutputError
from pozo_site._printable import printable
from pozo_site.check import RULES, CheckResult, Config
from pozo_site.check._git import changed_files
from pozo_site.check._runner import run
from pozo_site.check._settings import describe_settings, format_settings
from pozo_site.check._source import Source
from pozo_site.check.reporters import REPORTER_BY_NAME, ReportOptions
from pozo_site.cli._boundary import ExitCode

__all__ = [
    "ExtraOptions",
    "OutputError",
    "before_check",
    "narrow",
    "register",
    "report_extra",
    "sarif_warning",
]


def _write_file(target: Path, text: str) -> None:
    try:
        atomic_write(target, text.encode("utf-8"))
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(f"cannot write {printable(str(target))}: {reason}") from None


def register(parser: argparse.ArgumentParser) -> None:
    """Add the options to ``check``'s parser."""
    group = parser.add_argument_group("pull requests and CI")
    group.add_argument(
        "--baseline", metavar="FILE", help="report only findings not recorded in FILE"
    )
    group.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record every current finding in FILE (sorted JSON), then exit 0",
    )
    group.add_argument(
        "--add-ignore",
        metavar="REASON",
        help="add a suppression comment with REASON for every current finding",
    )
    group.add_argument(
        "--changed-since",
        metavar="REF",
        help="report only files changed since the Git ref REF (its merge base with HEAD), "
        "uncommitted and untracked files included; rules across files still see every file",
    )
    group.add_argument(
        "--statistics", action="store_true", help="print how many findings each rule has"
    )
    group.add_argument(
        "--show-settings",
        action="store_true",
        help="print the effective settings and where each came from, then exit",
    )
    group.add_argument(
        "--show-files", action="store_true", help="list the files that would be checked, then exit"
    )
    group.add_argument(
        "--sarif-file", metavar="PATH", help="also write a SARIF report to PATH, in the same run"
    )
    group.add_argument(
        "--json-file", metavar="PATH", help="also write a JSON report to PATH, in the same run"
    )


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


@dataclass(frozen=True)
class ExtraOptions:
    """The parsed pull-request and CI options."""

    baseline: Path | None = None
    write_baseline: Path | None = None
    add_ignore: str | None = None
    changed_since: str | None = None
    statistics: bool = False
    show_settings: bool = False
    show_files: bool = False
    sarif_file: Path | None = None
    json_file: Path | None = None
    cli_fields: tuple[str, ...] = ()
    """The settings the command line changed (for ``--show-settings``)."""

    @property
    def needs_sources(self) -> bool:
        """Whether the run needs the texts of the files (to fingerprint findings)."""
        return self.baseline is not None or self.write_baseline is not None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> ExtraOptions:
        """The options of an ``argparse`` namespace."""
        cli_fields = []
        if args.select is not None:
            cli_fields.append("select")
        if args.ignore is not None or args.extend_ignore is not None:
            cli_fields.append("ignore")
        return cls(
            baseline=_path(args.baseline),
            write_baseline=_path(args.write_baseline),
            add_ignore=args.add_ignore,
            changed_since=args.changed_since,
            statistics=args.statistics,
            show_settings=args.show_settings,
            show_files=args.show_files,
            sarif_file=_path(args.sarif_file),
            json_file=_path(args.json_file),
            cli_fields=tuple(cli_fields),
        )


def _usage(err: TextIO, message: str) -> int:
    err.write(f"pozo-site check: {message}\n")
    return ExitCode.USAGE


def before_check(
    extra: ExtraOptions,
    paths: Sequence[Path],
    config: Config,
    config_file: Path | None,
    *,
    fixing: bool,
    out: TextIO,
    err: TextIO,
) -> int | None:
    """``--show-settings``, ``--show-files`` and ``--add-ignore``, which replace the check;
    an exit code when one of them ran (or the options do not go together), else ``None``."""
    if extra.add_ignore is not None and (fixing or extra.write_baseline or extra.baseline):
        return _usage(
            err,
            "--add-ignore cannot be combined with --fix, --diff, --baseline or --write-baseline",
        )
    if extra.write_baseline is not None and extra.baseline is not None:
        return _usage(err, "--write-baseline and --baseline cannot be combined")
    if extra.show_settings:
        settings = describe_settings(config, config_file, extra.cli_fields)
        out.write(format_settings(settings, config_file))
        return ExitCode.OK
    if extra.show_files:
        output = run(paths, config)
        files = set(output.sources) | {f.path for f in output.result.findings}
        out.write("".join(f"{printable(name)}\n" for name in sorted(files)))
        return ExitCode.OK
    if extra.add_ignore is not None:
        return _add_ignore(extra.add_ignore, paths, config, err)
    return None


def _add_ignore(reason: str, paths: Sequence[Path], config: Config, err: TextIO) -> int:
    if "-->" in reason or "\n" in reason or "\r" in reason:
        return _usage(err, "--add-ignore: the reason must be one line without '-->'")
    from pozo_site.check._add_ignore import add_ignores  # noqa: PLC0415 (it parses Markdown)

    outcome = add_ignores(paths, config, reason.strip())
    for finding in outcome.skipped:
        err.write(
            f"pozo-site check: cannot suppress {finding.code} at "
            f"{printable(finding.path)}:{finding.line}:{finding.column}: {outcome.why[finding]}\n"
        )
    count = outcome.added
    files = len(outcome.changes)
    err.write(
        f"Added {count} suppression comment{'s' if count != 1 else ''} in "
        f"{files} file{'s' if files != 1 else ''}.\n"
    )
    return ExitCode.PROBLEM if outcome.skipped else ExitCode.OK


def narrow(
    extra: ExtraOptions,
    paths: Sequence[Path],
    config: Config,
    result: CheckResult,
    sources: Mapping[str, Source] | None,
    *,
    quiet: bool,
    err: TextIO,
) -> CheckResult | int:
    """The findings to report: those not in ``--baseline``, then of those the ones in
    files changed since ``--changed-since``. With ``--write-baseline``, every finding is
    recorded (whatever ``--changed-since`` says) and an exit code returned instead.
    ``sources`` (``None`` after ``--fix``: read again) are the texts the findings were
    made from."""
    changed = None
    if extra.changed_since is not None:  # first, so that a bad ref stops the run at once
        start = Path(os.path.abspath(paths[0]))
        changed = changed_files(extra.changed_since, start if start.is_dir() else start.parent)
    if extra.baseline is not None or extra.write_baseline is not None:
        if sources is None:
            sources = run(paths, config).sources
        done = _baseline(extra, result, sources, quiet=quiet, err=err)
        if isinstance(done, int):
            return done
        result = done
    if changed is not None:
        kept = tuple(f for f in result.findings if Path(os.path.realpath(f.path)) in changed)
        result = CheckResult(kept, result.files_checked)
    return result


def _baseline(
    extra: ExtraOptions,
    result: CheckResult,
    sources: Mapping[str, Source],
    *,
    quiet: bool,
    err: TextIO,
) -> CheckResult | int:
    # A run without a baseline never imports it.
    from pozo_site.check._baseline import Baseline, apply_baseline  # noqa: PLC0415

    if extra.write_baseline is not None:
        target = extra.write_baseline
        baseline = Baseline.of(result.findings, sources, Path(os.path.abspath(target)).parent)
        _write_file(target, baseline.to_json())
        if not quiet:
            count = len(result.findings)
            err.write(
                f"Wrote {count} finding{'s' if count != 1 else ''} to the baseline "
                f"{printable(str(target))}.\n"
            )
        return ExitCode.OK
    assert extra.baseline is not None
    baseline = Baseline.read(extra.baseline)
    folder = Path(os.path.abspath(extra.baseline)).parent
    filtered = apply_baseline(baseline, result.findings, sources, folder)
    if not quiet and (filtered.known or filtered.stale):
        note = f"{filtered.known} known finding{'s' if filtered.known != 1 else ''} left out"
        if filtered.stale:
            note += f"; {filtered.stale} in the baseline no longer occur"
        err.write(f"pozo-site check: baseline: {note}.\n")
    return CheckResult(filtered.kept, result.files_checked)


def statistics(result: CheckResult, fmt: str) -> str:
    """How many findings each rule has, most first (``--statistics``), as text or JSON."""
    counts = Counter(f.code for f in result.findings)
    fixable = {f.code for f in result.findings if f.fixable}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if fmt == "json":
        data: list[dict[str, Any]] = [
            {"code": code, "name": RULES[code].name, "count": count, "fixable": code in fixable}
            for code, count in rows
        ]
        return json.dumps(data, indent=2) + "\n"
    if not rows:
        return ""
    width = len(str(rows[0][1]))
    return "".join(
        f"{count:>{width}}  {code}  [{'*' if code in fixable else ' '}] {RULES[code].name}\n"
        for code, count in rows
    )


def report_extra(extra: ExtraOptions, result: CheckResult, err: TextIO) -> None:
    """Write ``--sarif-file`` and ``--json-file`` (atomically)."""
    targets = (("sarif", extra.sarif_file), ("json", extra.json_file))
    for name, target in targets:
        if target is None:
            continue
        text = REPORTER_BY_NAME[name].format(result, rules=RULES, options=ReportOptions())
        _write_file(target, text)
        if name == "sarif":
            err.write(sarif_warning(result, "file"))


def sarif_warning(result: CheckResult, what: str) -> str:
    """The warning that the SARIF ``what`` (report or file) of ``result`` leaves findings
    out, GitHub's limits being what they are; empty when it keeps them all."""
    from pozo_site.check.reporters import sarif  # noqa: PLC0415 (a SARIF run only)

    dropped = sarif.left_out(result)
    if not dropped:
        return ""
    return (
        f"warning: the SARIF {what} leaves out {dropped} of {len(result.findings)} findings "
        f"(GitHub accepts at most {sarif.MAX_RESULTS_PER_RUN:,} per run; errors were kept "
        "first)\n"
    )
