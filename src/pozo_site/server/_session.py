"""What the language server knows and answers, without the protocol: the engine's door.

A :class:`Session` holds the editor's open buffers and a cache of the content files on
disk, and answers with the engine's own values: findings from
:func:`pozo_site.check._runner.run` (the same function ``pozo-site check`` calls, given
the buffers as overrides), fixes as the findings carry them, applied by
:func:`~pozo_site.check._fix.apply_fixes` in the passes ``--fix`` makes. Offsets here are
character offsets into the buffer as the editor has it (a leading byte-order mark
included); :mod:`pozo_site.server._positions` turns them into LSP positions.

**The whole content folder.** Cross-file rules (duplicate slugs, links to other articles)
need every article of the folder. The session gives the runner the open buffers (unsaved
text) as overrides and the same per-file result cache ``pozo-site check`` keeps
(:mod:`pozo_site.check._cache`, in the folder ``check`` would use): the other files of the
folder come from it while their size, times and bytes stay the same, so a keystroke
re-checks the buffer alone and reads each unchanged file's facts, not its text. A buffer
is never looked up in nor stored into the cache; a file that changed on disk is seen by
its size, times, inode or content, with or without a file-watch event.

Nothing here raises for a problem of the input: a buffer that cannot be checked gives
its file-family finding, invalid settings and internal failures give a
:attr:`Lint.problem` the server shows as a diagnostic.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from pozo_site._errors import ConfigError
from pozo_site._files import FIRM_FILE_NAMES, is_content_file
from pozo_site._firm import FirmProfile
from pozo_site._phone_finder import find_numbers
from pozo_site.check._cache import CACHE_DIR_ENV, NO_CACHE_ENV, ResultCache
from pozo_site.check._config import (
    CONFIG_FILE_NAMES,
    Config,
    load_config,
)
from pozo_site.check._finding import Edit, Finding
from pozo_site.check._fix import MAX_PASSES, apply_fixes
from pozo_site.check._load import (
    decode_source,
    default_firm_doc,
    parse_article,
    parse_firm_doc,
)
from pozo_site.check._runner import default_cache_dir, run
from pozo_site.check._source import ArticleDoc, FirmDoc, Source
from pozo_site.server._complete import KeyCompletion, complete_keys
from pozo_site.server._hover import describe_number
from pozo_site.server._positions import LineIndex

__all__ = [
    "REASON_PLACEHOLDER",
    "Buffer",
    "Lint",
    "Session",
    "is_checked_file",
    "is_config_file",
]

REASON_PLACEHOLDER: Final = "REASON"
"""What "ignore CODE on this line" writes after `` -- ``, for the writer to replace."""


def is_checked_file(path: Path) -> bool:
    """Whether ``pozo-site check`` checks a file of this name (an article or a firm file)."""
    return is_content_file(path)


def is_config_file(path: Path) -> bool:
    """Whether settings may come from a file of this name."""
    return path.name in CONFIG_FILE_NAMES


@dataclass
class Buffer:
    """An open document: its text as the editor has it, and the editor's version."""

    text: str
    version: int | None = None


@dataclass(frozen=True)
class Lint:
    """The findings of one buffer at one version, and what is needed to act on them."""

    path: Path
    version: int | None
    text: str
    """The buffer, as the editor has it (a byte-order mark included)."""
    source: Source | None = None
    """The buffer as the engine read it; ``None`` when it could not be read as text."""
    findings: tuple[Finding, ...] = ()
    config: Config | None = None
    cache: ResultCache | None = None
    """The result cache the run used (and the runs for this buffer's fixes use)."""
    firm: FirmProfile | None = None
    """The content folder's firm profile (``None`` when it is invalid or unreadable)."""
    problem: str | None = None
    """Why nothing could be checked (invalid settings, an internal failure)."""

    @functools.cached_property
    def index(self) -> LineIndex:
        """Lines as the engine counts them (after the byte-order mark)."""
        return LineIndex(self.text[self.lead :])

    @functools.cached_property
    def buffer_index(self) -> LineIndex:
        """Lines as the editor counts them (the whole buffer)."""
        return LineIndex(self.text)

    @property
    def lead(self) -> int:
        """1 when the buffer starts with a byte-order mark, which the engine's offsets,
        lines and columns leave out."""
        return 1 if self.text.startswith("\ufeff") else 0

    def offset(self, line: int, column: int) -> int:
        """The buffer offset of a finding's 1-based line and code-point column."""
        index = self.index
        line = max(1, min(line, len(index.starts)))
        start = index.starts[line - 1]
        return self.lead + min(start + max(column, 1) - 1, index.line_end(line - 1))

    def span(self, finding: Finding) -> tuple[int, int]:
        """The buffer offsets a finding covers; without an end, the rest of its line."""
        start = self.offset(finding.line, finding.column)
        if finding.end_line is not None and finding.end_column is not None:
            end = self.offset(finding.end_line, finding.end_column)
        else:
            end = self.lead + self.index.line_end(max(finding.line, 1) - 1)
        return start, max(start, end)

    def shift(self, edit: Edit) -> Edit:
        """An engine edit (offsets into the text without a byte-order mark) in buffer
        offsets."""
        return Edit(edit.start + self.lead, edit.end + self.lead, edit.replacement)


def _finding_key(finding: Finding) -> tuple[int, int, str, str]:
    return finding.line, finding.column, finding.code, finding.message


class Session:
    """Open buffers and cached content files, and the engine's answers about them."""

    def __init__(self) -> None:
        self.buffers: dict[Path, Buffer] = {}
        self._caches: dict[Path, ResultCache] = {}

    # -- the files ---------------------------------------------------------------------

    def changed_on_disk(self, path: Path) -> None:
        """A file-watch event for ``path``. Nothing to do: the result cache checks every
        file's size, times and inode (and, when they changed, its bytes) on each run."""

    def result_cache(self, path: Path, config_file: Path | None) -> ResultCache | None:
        """The result cache ``pozo-site check`` uses for ``path`` (one per cache folder),
        or ``None`` when the environment turns it off (``POZO_SITE_NO_CACHE``)."""
        if os.environ.get(NO_CACHE_ENV):
            return None
        configured = os.environ.get(CACHE_DIR_ENV)
        folder = Path(configured) if configured else default_cache_dir([path], config_file)
        folder = Path(os.path.abspath(folder))
        cache = self._caches.get(folder)
        if cache is None:
            cache = self._caches[folder] = ResultCache(folder)
        return cache

    def _overrides(self, config: Config) -> dict[Path, Source]:
        overrides: dict[Path, Source] = {}
        for path, buffer in self.buffers.items():
            decoded = self._decode(path, buffer.text, config)
            # A buffer that is not text counts as an article without front matter for the
            # other files, as its file would.
            overrides[path] = (
                decoded if isinstance(decoded, Source) else Source(path, path.as_posix(), "")
            )
        return overrides

    @staticmethod
    def _decode(path: Path, text: str, config: Config) -> Source | Finding:
        raw = text.encode("utf-8", errors="surrogatepass")
        return decode_source(raw, path, path.as_posix(), config.max_file_bytes)

    # -- checking ------------------------------------------------------------------------

    def open(self, path: Path, text: str, version: int | None = None) -> None:
        """An editor opened (or changed, or saved) ``path`` with this ``text``."""
        self.buffers[Path(os.path.abspath(path))] = Buffer(text, version)

    def close(self, path: Path) -> None:
        """The editor closed ``path``: from now on the file on disk counts."""
        path = Path(os.path.abspath(path))
        self.buffers.pop(path, None)
        self.changed_on_disk(path)

    def lint(self, path: Path) -> Lint:
        """The findings of the open buffer of ``path``, as ``pozo-site check`` gives them
        for its text."""
        path = Path(os.path.abspath(path))
        buffer = self.buffers.get(path) or Buffer("")
        try:
            return self._lint(path, buffer)
        except ConfigError as error:
            problem = f"invalid pozo-site settings, nothing was checked: {error}"
        except Exception as error:  # the server's boundary: a diagnostic, never a crash
            lines = str(error).splitlines()
            what = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
            where = traceback.extract_tb(error.__traceback__)[-1]
            problem = (
                f"internal error while checking this file: {what} "
                f"(at {Path(where.filename).name}:{where.lineno}); please report it"
            )
        return Lint(path, buffer.version, buffer.text, problem=problem)

    def _lint(self, path: Path, buffer: Buffer) -> Lint:
        config, found = load_config(path)
        decoded = self._decode(path, buffer.text, config)
        if isinstance(decoded, Finding):
            findings: tuple[Finding, ...] = ()
            if config.enabled(decoded.code):
                findings = (dataclasses.replace(decoded, severity=config.severity(decoded.code)),)
            return Lint(path, buffer.version, buffer.text, findings=findings, config=config)
        overrides = self._overrides(config)
        cache = self.result_cache(path, found)
        output = run([path], config, overrides=overrides, cache=cache)
        display = path.as_posix()
        findings = tuple(f for f in output.result.findings if f.path == display)
        return Lint(
            path,
            buffer.version,
            buffer.text,
            source=output.sources.get(display, decoded),
            findings=findings,
            config=config,
            cache=cache,
            firm=self._firm(output.sources, output.result.findings),
        )

    @staticmethod
    def _firm(sources: Mapping[str, Source], findings: tuple[Finding, ...]) -> FirmProfile | None:
        for source in sources.values():
            if source.path.name in FIRM_FILE_NAMES:
                parsed = parse_firm_doc(source)
                return parsed.firm if isinstance(parsed, FirmDoc) else None
        if any(Path(f.path).name in FIRM_FILE_NAMES for f in findings):
            return None  # there is a firm file, but it cannot be read
        return default_firm_doc().firm

    def _findings_with(self, lint: Lint, text: str) -> tuple[Finding, ...]:
        """The findings of ``lint``'s file if it held ``text`` (BOM excluded)."""
        assert lint.source is not None
        assert lint.config is not None
        overrides = self._overrides(lint.config)
        overrides[lint.path] = dataclasses.replace(lint.source, text=text, _line_starts=None)
        output = run([lint.path], lint.config, overrides=overrides, cache=lint.cache)
        display = lint.path.as_posix()
        return tuple(f for f in output.result.findings if f.path == display)

    # -- code actions --------------------------------------------------------------------

    def fix_all(self, lint: Lint) -> Edit | None:
        """One edit that applies every fix in the file, in the passes ``--fix`` makes, or
        ``None`` when nothing would change."""
        if lint.source is None or not any(f.fix is not None for f in lint.findings):
            return None
        before = text = lint.source.text
        findings = lint.findings
        for _ in range(MAX_PASSES):
            fixed = apply_fixes(text, [f.fix for f in findings if f.fix is not None])
            if fixed == text:
                break
            text = fixed
            findings = self._findings_with(lint, text)
        if text == before:
            return None
        return lint.shift(_difference(before, text))

    def ignore(self, lint: Lint, finding: Finding) -> Edit | None:
        """The edit that adds an inline suppression of ``finding``'s code on its line,
        or ``None`` where no comment can do it without changing the file's meaning.

        In front matter and YAML or TOML firm files: ``# pozo-site: ignore CODE -- REASON``
        at the end of the line. In an article's body, where the line starts a block (the
        line before it is blank, or it is the body's first), a comment line of its own
        above it, ``<!-- pozo-site: ignore CODE -- REASON -->``; inside a paragraph, the
        comment goes at the end of the line and without a reason, as
        ``<!-- pozo-site: ignore CODE -->``: CommonMark 0.30 parsers (markdown-it-py 3)
        read an inline ``<!-- ... -- ... -->`` as text, which would show on the page, and a
        comment line of its own would split the paragraph in two.

        The edit is offered only when the engine, given the edited text, reports the same
        findings less those of that code on that line, and (for ``#``) the front matter's
        data is unchanged.
        """
        source = lint.source
        if source is None or lint.config is None:
            return None
        kind = self._comment_kind(source, finding.line)
        if kind is None:
            return None
        index = LineIndex(source.text)
        line = finding.line - 1
        shift = 0
        if kind == "hash":
            at = index.line_end(line)
            comment = f"  # pozo-site: ignore {finding.code} -- {REASON_PLACEHOLDER}"
        elif kind == "block":
            at = index.starts[line]
            comment = f"<!-- pozo-site: ignore {finding.code} -- {REASON_PLACEHOLDER} -->"
            comment += _line_break(source.text, index, line)
            shift = 1
        else:
            at = index.line_end(line)
            comment = f" <!-- pozo-site: ignore {finding.code} -->"
        text = source.text[:at] + comment + source.text[at:]
        if kind == "hash" and _data(source) != _data(dataclasses.replace(source, text=text)):
            return None
        expected = sorted(
            _finding_key(
                dataclasses.replace(f, line=f.line + shift) if f.line >= finding.line else f
            )
            for f in lint.findings
            if not (f.line == finding.line and f.code == finding.code)
        )
        if sorted(map(_finding_key, self._findings_with(lint, text))) != expected:
            return None
        return lint.shift(Edit(at, at, comment))

    @staticmethod
    def _comment_kind(source: Source, line: int) -> Literal["inline", "block", "hash"] | None:
        name = source.path.name
        if name in FIRM_FILE_NAMES:
            return None if name.endswith(".json") else "hash"
        doc = parse_article(source)
        if not isinstance(doc, ArticleDoc):
            return None  # findings of a file that does not parse cannot be suppressed
        starts = source.line_starts
        line_start = starts[min(line, len(starts)) - 1]
        if line_start < doc.body_start:
            return "hash"
        if line_start == doc.body_start or not source.line_text(line - 1).strip():
            return "block"
        return "inline"

    # -- hover and completion ------------------------------------------------------------

    def hover(self, lint: Lint, offset: int) -> str | None:
        """Markdown about the phone number at buffer ``offset``, or ``None``."""
        if lint.source is None:
            return None
        offset -= lint.lead
        for found in find_numbers(lint.source.text):
            if found.start <= offset <= found.end:
                return describe_number(found.raw, found.number, lint.firm)
        return None

    def completions(self, lint: Lint, offset: int) -> list[KeyCompletion]:
        """The front matter keys that may be written at buffer ``offset`` (see
        :func:`~pozo_site.server._complete.complete_keys`)."""
        return complete_keys(lint.text[lint.lead :], offset - lint.lead)


def _line_break(text: str, index: LineIndex, line: int) -> str:
    """The line break that ends 0-based ``line``; for a last line without one, the file's
    first, else ``\\n``."""
    if line + 1 < len(index.starts):
        return text[index.line_end(line) : index.starts[line + 1]]
    match = re.search(r"\r\n|\r|\n", text)
    return match.group(0) if match else "\n"


def _data(source: Source) -> Any:
    parsed: ArticleDoc | FirmDoc | Finding
    parsed = (
        parse_firm_doc(source) if source.path.name in FIRM_FILE_NAMES else parse_article(source)
    )
    return None if isinstance(parsed, Finding) else parsed.data


def _difference(before: str, after: str) -> Edit:
    """The one edit that turns ``before`` into ``after``: their differing middle."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < limit - prefix
        and before[len(before) - 1 - suffix] == after[len(after) - 1 - suffix]
    ):
        suffix += 1
    return Edit(prefix, len(before) - suffix, after[prefix : len(after) - suffix])
