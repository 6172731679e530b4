"""Autofix that loses nothing: apply the fixable findings' edits, write files atomically.

Edits replace exact character ranges of the decoded text, so every character that no
edit targets stays as it was: comments and key order in front matter, CRLF or CR line
ends, a trailing newline or its absence; the byte-order mark is put back in front.
Fixes are applied in passes (at most :data:`MAX_PASSES`) until none applies, so that a
second run changes nothing. Overlapping fixes are left for the next pass.

A file is written by :func:`~pozo_site._atomic.replace_unchanged`: a temporary file in
the same folder, written, flushed and synced, given the original's permission bits, then
put in the original's place, so an interruption leaves the old file or the new one, never
a mix. A file that changed on disk since it was read is not written, and an edit saved
while the fix is being written is never overwritten (identity and content are compared
right before the rename, and what the rename replaced is checked after it). A file that
is a symbolic link, or is reached through one, is never written. Temporary files left by
a killed run are removed by the next ``--fix``.
"""

from __future__ import annotations

import os
import re
import stat
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from pozo_site._atomic import remove_stale_temporaries, replace_unchanged
from pozo_site._printable import printable
from pozo_site.check._codes import file as file_rules
from pozo_site.check._config import Config
from pozo_site.check._finding import CheckResult, Finding, Fix, in_order
from pozo_site.check._runner import run
from pozo_site.check._source import Source, file_finding

__all__ = ["MAX_PASSES", "FileChange", "FixOutcome", "apply_fixes", "fix_paths"]

MAX_PASSES: Final = 5
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass(frozen=True)
class FileChange:
    """What a fix does to one file: its full text before and after (decoded, with the
    byte-order mark, if any, as a leading U+FEFF, and line ends as in the file)."""

    path: Path
    """The file, as findings name it."""
    before: str
    after: str

    def diff(self) -> str:
        """A unified diff with ``a/`` and ``b/`` headers, as ``git diff`` writes them.

        A file name with a control, bidi or line-separator character is written in
        double quotes with those characters escaped, as Git quotes such names, so that
        no name can end the header line (and start a CI command on a line of its own).
        """
        import difflib  # noqa: PLC0415 (only --diff shows one)

        name = self.path.as_posix().lstrip("/")
        shown = printable(name)
        if shown != name or '"' in name:
            old, new = (f'"{side}/{shown.replace(chr(34), chr(92) + chr(34))}"' for side in "ab")
        else:
            old, new = f"a/{name}", f"b/{name}"
        lines = difflib.unified_diff(
            _LINES.findall(self.before),
            _LINES.findall(self.after),
            fromfile=old,
            tofile=new,
        )
        out = []
        for line in lines:
            if line.endswith(("\n", "\r")):
                out.append(line)
            else:
                out.append(f"{line}\n\\ No newline at end of file\n")
        return "".join(out)


@dataclass(frozen=True)
class FixOutcome:
    """The changes made (or, for ``--diff``, that would be made), and the findings that
    remain after them."""

    changes: tuple[FileChange, ...]
    result: CheckResult


def apply_fixes(text: str, fixes: Sequence[Fix]) -> str:
    """``text`` with every fix applied whose edits overlap no earlier accepted fix's."""
    accepted: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for fix in sorted(fixes, key=lambda f: min((e.start for e in f.edits), default=0)):
        spans = [(e.start, e.end) for e in fix.edits]
        clash = any(
            (s < te and ts < e) or (s == e == ts == te) for s, e in spans for ts, te in taken
        )
        if clash or not fix.edits:
            continue
        taken.extend(spans)
        accepted.extend((e.start, e.end, e.replacement) for e in fix.edits)
    for start, end, replacement in sorted(accepted, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _encode(source: Source) -> bytes:
    return (("\ufeff" if source.bom else "") + source.text).encode("utf-8")


def fix_paths(paths: Sequence[Path], config: Config, *, write: bool) -> FixOutcome:
    """Apply every fixable finding under ``paths``; ``write=False`` only computes the
    changes (``--diff``). The outcome's result holds the findings that remain."""
    originals: dict[Path, Source] = {}
    current: dict[Path, Source] = {}
    output = run(paths, config)
    if write:  # what a killed run left behind
        _sweep(output.sources.values())
    for _ in range(MAX_PASSES):
        fixes: dict[str, list[Fix]] = defaultdict(list)
        for finding in output.result.findings:
            if finding.fix is not None and finding.path in output.sources:
                fixes[finding.path].append(finding.fix)
        changed = False
        for display, file_fixes in fixes.items():
            source = output.sources[display]
            text = apply_fixes(source.text, file_fixes)
            if text != source.text:
                originals.setdefault(source.path, source)
                current[source.path] = replace(source, text=text, _line_starts=None)
                changed = True
        if not changed:
            break
        output = run(paths, config, overrides=current)
    changes = []
    failures: list[Finding] = []
    tops = [Path(os.path.abspath(p)) for p in paths]
    for path, before in originals.items():
        after = current[path]
        if after.text == before.text:
            continue
        change = FileChange(
            Path(before.display),
            ("\ufeff" if before.bom else "") + before.text,
            ("\ufeff" if after.bom else "") + after.text,
        )
        if write:
            problem = _write(path, _encode(before), _encode(after), tops)
            if problem is not None:
                failures.append(file_finding(file_rules.UNREADABLE, before.display, problem))
                continue
        changes.append(change)
    result = output.result
    if failures:  # what is on disk is not what was checked: check it again
        fresh = run(paths, config).result
        result = CheckResult(tuple(in_order([*fresh.findings, *failures])), fresh.files_checked)
    return FixOutcome(changes=tuple(changes), result=result)


def _sweep(sources: Iterable[Source]) -> None:
    for folder in sorted({source.path.parent for source in sources}):
        remove_stale_temporaries(folder)


def _through_link(path: Path, tops: Sequence[Path]) -> bool:
    """Whether ``path`` is a link, or is reached through a folder link below the path
    named on the command line that holds it (links above that are the user's own)."""
    if os.path.islink(path):
        return True
    holders = [top for top in tops if path.is_relative_to(top) and top != path]
    if not holders:
        return False
    top = max(holders, key=lambda p: len(p.parts))
    resolved = Path(os.path.realpath(top)) / path.relative_to(top)
    return Path(os.path.realpath(path)) != resolved


def _write(path: Path, before: bytes, after: bytes, tops: Sequence[Path]) -> str | None:
    if _through_link(path, tops):
        return (
            "not fixed: the file is reached through a symbolic link, and --fix never writes "
            "through one; fix the file where it is"
        )
    try:
        # A read-only file is left alone, as an editor would: the rename of atomic_write
        # needs only the folder's permission, and root may write anything, so the mode
        # bits are asked, not the write.
        if not stat.S_IMODE(path.stat().st_mode) & 0o222 or not os.access(path, os.W_OK):
            return "not fixed: the file is read-only; make it writable, then run --fix again"
        if not replace_unchanged(path, after, before):
            return "not fixed: the file changed on disk while it was being checked"
    except OSError as error:
        return f"cannot write the fixed file: {error.strerror or error}"
    return None
