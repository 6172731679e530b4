"""The result cache of ``pozo-site check``: per-file results kept between runs, as ruff's.

**Where.** One folder (default ``.pozo-site-cache`` in the folder of the configuration
file, else in the content folder of the first path checked; ``--cache-dir`` chooses
another, ``--no-cache`` uses none). It holds a ``CACHEDIR.TAG`` (backup tools skip the
folder), a ``.gitignore`` of ``*`` (Git never sees it) and one JSON Lines file per content
folder, under a folder named for the tool's version, with the folder's memo beside it
(:mod:`pozo_site.check._memo`: the whole folder's findings, for a run that changed
nothing). It can be deleted at any time
(``pozo-site clean``); a run without it is only slower.

**What a file's entry holds.** What checking the file alone gives: its findings (after
its own suppression comments), and the facts that rules spanning files need (its slug,
where a duplicate slug would be reported, its links to other articles, its suppression
comments), so that those rules (L002, L005) are recomputed every run from every file's
facts, never taken from the cache. An entry is a short list (see :func:`_entry_out`)
whose findings, links and comments are one JSON text of their own, decoded only when
needed: the other files of a pre-commit run give their slugs alone, and a reported file
with nothing of its own to report gives only its link targets and slug, looked up in
the folder's index; its text is decoded only if one of them does not resolve (then the
rules run on its facts as on a fresh file's).

**When an entry is used.** Each content folder's file has a key: the cache format, the
tool's version, the effective configuration, the firm profile's bytes and the date rules
measure from (D003). A different key drops every entry of that folder (a firm or setting
change can change any finding); a file's entry is used when its size, modification time,
change time and inode are the ones stored, or else when its bytes hash (BLAKE2b) to the
stored digest. An entry is stored without its file's times while the file is younger
than :data:`RACY_SECONDS` (a later write within the clock's granularity could keep them),
so such a file is hashed until its entry is stored again.

**Safety.** The file is written atomically, in pieces so that its text is never held whole
in memory (:func:`pozo_site._atomic.atomic_write_chunks`): concurrent runs each write a
whole file and the last one wins; a run killed meanwhile leaves the old file. A file that
cannot be read, or whose header is not this key's, is ignored (the run checks everything
afresh), and a batch of entries that does not have the expected shape is left out
(its files are checked afresh; see :class:`FolderCache`), never an error; a folder that
cannot be written leaves the run uncached. JSON, not pickle: a cache file is data, and
loading one can never run code.

The language server may reuse this module: :class:`ResultCache` opens the folder,
:meth:`ResultCache.folder` gives one content folder's :class:`FolderCache`, whose
:meth:`~FolderCache.lookup` and :meth:`~FolderCache.store` take and give
:class:`FileFacts`.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Final

from pozo_site._atomic import atomic_write, atomic_write_chunks
from pozo_site._version import __version__
from pozo_site.check._digest import blake2b
from pozo_site.check._facts import LinkFact, SlugFact
from pozo_site.check._finding import Edit, Finding, Fix, Severity
from pozo_site.check._suppress import Suppressions

__all__ = [
    "CACHE_DIR_ENV",
    "CACHE_DIR_NAME",
    "NO_CACHE_ENV",
    "RACY_SECONDS",
    "FileFacts",
    "FolderCache",
    "ResultCache",
    "clean_cache",
    "complete",
    "content_digest",
    "file_stat",
    "is_cache_dir",
    "trusted",
]

CACHE_DIR_NAME: Final = ".pozo-site-cache"
FORMAT: Final = 6
"""The layout of an entry; a change of it (or of the tool's version) starts afresh."""
RACY_SECONDS: Final = 3
_TAG: Final = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by pozo-site.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
_GITIGNORE: Final = "# Created by pozo-site automatically.\n*\n"

_ENTRY_LENGTH: Final = 10
Stat = tuple[int, int, int, int]
_ENCODER: Final = json.JSONEncoder(separators=(",", ":"))
"""The cache file's encoder: ASCII only (``ensure_ascii``), so its text is its bytes."""
_BATCH: Final = 512
"""Entries to a line of the file. A run that changed a few entries writes the other lines
as it read them (see :meth:`FolderCache.save`): the fewer entries to a line, the less it
encodes again."""


def file_stat(info: os.stat_result) -> Stat:
    """What tells that a file was not touched: size, mtime, ctime and inode."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _stat_text(info: Stat) -> str:
    """``info`` as an entry keeps it: one string, not a list of four large numbers (at
    100,000 entries that is 10 MB less to hold)."""
    return f"{info[0]}:{info[1]}:{info[2]}:{info[3]}"


def content_digest(data: bytes) -> str:
    """The digest an entry is matched on when the file's times differ."""
    return blake2b(data, digest_size=16).hexdigest()


@dataclass(slots=True)
class FileFacts:
    """What checking one file alone gives; the runner combines every file's facts.

    Made for every file of every run (from the cache when nothing changed): slots and
    plain defaults, no factories.

    A cache hit of a file with nothing of its own to report is *pending*: its slug fact
    and links stay an undecoded text (:attr:`pending`) beside the few strings the rules
    that span files look up (:attr:`md_targets`, :attr:`slug_targets`,
    :attr:`slug_probe`). When those lookups all succeed the file has no finding at all;
    otherwise :func:`complete` decodes the rest and the rules run on it as on any other
    file."""

    parsed: bool
    """Whether the file was read and its front matter parsed as a mapping."""
    stop: Finding | None = None
    """The file finding that stopped it (unreadable, not UTF-8, bad YAML...)."""
    slug: str | None = None
    checked: bool = False
    """Whether the rules ran (a file only read for its slug has ``checked=False``)."""
    findings: tuple[Finding, ...] = ()
    """The rules' findings of this file alone, after its suppression comments."""
    slug_fact: SlugFact | None = None
    links: tuple[LinkFact, ...] = ()
    suppressions: Suppressions | None = None
    """The file's suppression comments; ``None`` when it has none."""
    pending: str | None = None
    """A pending hit's slug fact and links, as stored (see :func:`complete`)."""
    md_targets: str = ""
    """A pending hit's ``.md`` link targets, as written (see :class:`LinkFact`), one per
    line (see :func:`targets`)."""
    slug_targets: str = ""
    """A pending hit's slug link targets, one per line."""
    slug_probe: bool = False
    """Whether a pending hit has a slug fact (its slug is :attr:`slug`)."""


# -- JSON forms ------------------------------------------------------------------------


def _finding_out(finding: Finding) -> list[Any]:
    fix = finding.fix
    fix_out = None
    if fix is not None:
        fix_out = [fix.description, [[e.start, e.end, e.replacement] for e in fix.edits]]
    return [
        finding.line,
        finding.column,
        finding.code,
        finding.severity.value,
        finding.message,
        finding.end_line,
        finding.end_column,
        fix_out,
    ]


def _finding_in(data: Sequence[Any], display: str) -> Finding:
    line, column, code, severity, message, end_line, end_column, fix_in = data
    fix = None
    if fix_in is not None:
        description, edits = fix_in
        fix = Fix(str(description), tuple(Edit(int(s), int(e), str(r)) for s, e, r in edits))
    return Finding(
        path=display,
        line=int(line),
        column=int(column),
        code=str(code),
        severity=Severity(severity),
        message=str(message),
        end_line=None if end_line is None else int(end_line),
        end_column=None if end_column is None else int(end_column),
        fix=fix,
    )


def targets(text: str) -> list[str]:
    """The link targets an entry keeps as one string (see :func:`_entry_out`)."""
    return text.split("\n") if text else []


def _entry_out(stat: str | None, digest: str, facts: FileFacts) -> list[Any]:
    """A file's entry: ``[stat, digest, parsed, checked, slug, detail, quiet, md_targets,
    slug_targets, slug_probe]``.

    ``stat`` is :func:`_stat_text`'s; ``md_targets`` and ``slug_targets`` are the targets
    of its ``.md`` and slug links, one per line (strings, not lists: 100,000 entries are
    held at once). A target that is empty or holds a line break makes the file not quiet.

    ``detail`` is the rest of its facts as a JSON text of its own, decoded only when
    needed: a pre-commit run over one file of 10,000 needs only the others' slugs, and
    100,000 entries held as short strings take a fraction of the memory of nested lists.
    ``quiet`` says the file has nothing of its own to report (no stop, no finding, no
    suppression comment); such a file's detail is decoded only if one of its targets or
    its slug does not resolve (see :class:`FileFacts`)."""
    supp = facts.suppressions or Suppressions()
    detail = [
        None if facts.stop is None else _finding_out(facts.stop),
        [_finding_out(f) for f in facts.findings],
        None if facts.slug_fact is None else list(facts.slug_fact),
        [list(link) for link in facts.links],
        [sorted(supp.file), [[line, sorted(codes)] for line, codes in supp.lines.items()]],
    ]
    slug_fact = facts.slug_fact
    md = [link.target for link in facts.links if link.kind == "md"]
    slugs = [link.target for link in facts.links if link.kind != "md"]
    quiet = (
        facts.stop is None
        and not facts.findings
        and facts.suppressions is None
        and (slug_fact is None or slug_fact.slug == facts.slug)  # the probe looks up .slug
        and all(target and "\n" not in target for target in (*md, *slugs))
    )
    return [
        stat,
        digest,
        facts.parsed,
        facts.checked,
        facts.slug,
        json.dumps(detail, separators=(",", ":"), ensure_ascii=False),
        quiet,
        "\n".join(md),
        "\n".join(slugs),
        slug_fact is not None,
    ]


def _facts_in(entry: Sequence[Any], display: str, *, detail: bool) -> FileFacts:
    """An entry's facts (with ``detail=False``, only whether it parsed, was checked and
    its slug). Every hit of every run comes through here, so what is common (nothing of
    its own to report: a file with comments is never stored) costs least: such a file's
    facts are left pending. An entry of the wrong shape raises ``TypeError``,
    ``ValueError`` or ``KeyError``."""
    _stat, _digest, parsed, checked, slug, text, quiet, md, slugs, probe = entry
    if slug is not None and not isinstance(slug, str):
        raise TypeError("a slug that is not a string")
    if not detail:
        return FileFacts(parsed=bool(parsed), slug=slug, checked=bool(checked))
    plain = type(text) is str and type(md) is str and type(slugs) is str
    if quiet is True and plain and type(probe) is bool:
        return FileFacts(
            parsed=bool(parsed),
            slug=slug,
            checked=bool(checked),
            pending=text,
            md_targets=md,
            slug_targets=slugs,
            slug_probe=probe,
        )
    return _decoded(bool(parsed), slug, bool(checked), text, display)


def _decoded(parsed: bool, slug: str | None, checked: bool, text: str, display: str) -> FileFacts:
    stop, found, slug_fact, links, (file_codes, lines) = json.loads(text)
    return FileFacts(
        parsed=parsed,
        stop=None if stop is None else _finding_in(stop, display),
        slug=slug,
        checked=checked,
        findings=tuple([_finding_in(f, display) for f in found]) if found else (),
        slug_fact=None if slug_fact is None else SlugFact._make(slug_fact),
        links=tuple(map(LinkFact._make, links)),  # a wrong length: TypeError
        suppressions=Suppressions(
            file=frozenset(map(str, file_codes)),
            lines={int(line): frozenset(map(str, codes)) for line, codes in lines},
        )
        if file_codes or lines
        else None,
    )


def complete(facts: FileFacts, display: str) -> FileFacts:
    """A pending hit's whole facts. A stored text that does not decode to facts of the
    right shape raises ``TypeError``, ``ValueError`` or ``KeyError``: the runner then
    checks the file afresh."""
    assert facts.pending is not None, "only a pending cache hit is completed"
    return _decoded(facts.parsed, facts.slug, facts.checked, facts.pending, display)


NO_CACHE_ENV: Final = "POZO_SITE_NO_CACHE"
"""Set to anything but an empty string: as ``--no-cache`` (as ruff's ``RUFF_NO_CACHE``);
the language server honours it too."""
CACHE_DIR_ENV: Final = "POZO_SITE_CACHE_DIR"
"""The cache folder when ``--cache-dir`` is not given (as ruff's ``RUFF_CACHE_DIR``)."""

# -- the folder ------------------------------------------------------------------------


def is_cache_dir(folder: Path) -> bool:
    """Whether ``folder`` is a pozo-site cache (its ``CACHEDIR.TAG`` says so)."""
    try:
        return "pozo-site" in (folder / "CACHEDIR.TAG").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def clean_cache(folder: Path) -> bool:
    """Delete the cache ``folder``; ``False`` when there is none. A folder that is not a
    pozo-site cache (no tag of ours) is left alone and raises ``ValueError``."""
    if not folder.exists():
        return False
    if not is_cache_dir(folder):
        raise ValueError(f"{folder} is not a pozo-site cache folder (no CACHEDIR.TAG of ours)")
    import shutil  # noqa: PLC0415 (only `pozo-site clean` needs it)

    shutil.rmtree(folder)
    return True


class FolderCache:
    """The entries of one content folder, valid for one key.

    **The file** (JSON Lines, ASCII): a header ``{"key": ..., "firm": ...}`` (the firm
    profile's findings), then the entries :data:`_BATCH` at a time, each batch in two
    lines: its summary, ``[length, names, stats, flags, slugs]`` (the length in bytes of
    the next line; each entry's name, stat, whether it parsed (1) and was checked (2),
    slug), and its entries (one JSON object, by name, in the same order).

    **Read as needed.** Opening reads the header and the summaries only (the entries
    lines are skipped over by their lengths). A file that is not reported (the other
    9,999 files of a pre-commit run) is answered from its summary when its stat is the
    stored one; an entries line is decoded only when one of its entries is needed whole
    (a reported file, or a stat that differs, whose digest must be compared) and checked
    then to hold the names its summary says. A batch whose summary does not decode or
    does not fit the file ends the file there; an entries line that does not decode or
    does not hold its names loses its entries (those files are checked afresh), never
    the run.

    **Written as read.** A save writes the batches none of whose entries changed as they
    were read (summary and entries, after checking that the entries line still starts
    with its first name), if the file is still the one read: a pre-commit run that
    changed one entry of 10,000 encodes one batch, not 6 MB. A batch with a change is
    encoded again in its place; new entries come last. If another run replaced the file
    meanwhile, this run writes every entry afresh if it decoded them all, else leaves the
    other run's file (losing only its own changes: speed, never findings)."""

    def __init__(self, file: Path, key: str) -> None:
        self.file = file
        self.key = key
        self._forget()

    def _forget(self) -> None:
        """Start as if nothing was read or changed (after a save, the file is another)."""
        self.dirty = False
        self._opened = False
        self._changes: dict[str, Any] = {}
        """What this run changed: a new entry (a list, or what :meth:`store` was given) by
        name, or ``None`` for an entry dropped."""
        self._firm: Any = None
        self._unread()

    def _unread(self) -> None:
        """Forget what was read of the file (not what this run changed)."""
        # The summaries of the file read (see _open), in the order of its batches.
        self._names: list[str] = []
        self._stats: list[str | None] = []
        self._flags: list[int] = []
        self._slugs: list[str | None] = []
        self._counts: list[int] = []
        """How many entries each batch holds."""
        self._starts: list[int] = []
        """Where in :attr:`_names` each batch's names start."""
        self._places: list[tuple[int, int, int]] = []
        """Where each batch is in the file: its summary's offset, its entries line's
        offset and length."""
        self._positions: dict[str, int] = {}
        self._source: tuple[int, int, int, int] | None = None
        """The file read: its identity (device, inode, size, mtime)."""
        self._batches: dict[int, dict[str, Any]] = {}
        """The entries lines decoded, by batch."""

    @property
    def memo_file(self) -> Path:
        """Where the folder's whole result is kept (see :mod:`pozo_site.check._memo`)."""
        return self.file.with_name(self.file.stem + ".memo.json")

    @property
    def entries(self) -> dict[str, Any]:
        """Every file's entry (see :func:`_entry_out`) by name, or what :meth:`store` was
        given, with every entries line decoded (a run uses :meth:`lookup`, which decodes
        only the lines it needs)."""
        self._open()
        self._decode(set(range(len(self._counts))) - set(self._batches))
        entries: dict[str, Any] = {}
        for batch in self._batches.values():
            entries.update(batch)
        for name, entry in self._changes.items():
            if entry is None:
                entries.pop(name, None)
            else:
                entries[name] = entry
        return entries

    def _open(self) -> None:
        """Read the header and the summaries, once. Anything but a file of this key is
        ignored (the run starts afresh), as is a name that two batches give; the batches
        from one whose summary is damaged or does not fit the file on are left out."""
        if self._opened:
            return
        self._opened = True
        try:
            with open(self.file, "rb") as stream:
                header = json.loads(stream.readline())
                if not isinstance(header, dict) or header.get("key") != self.key:
                    return
                info = os.fstat(stream.fileno())
                self._read_summaries(stream, info.st_size)
        except (OSError, ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            damaged = True  # none yet, or a damaged file
        else:
            damaged = len(self._names) != len(set(self._names))  # a name twice
        if damaged:
            self._unread()  # nothing of it is trusted
            return
        self._positions = dict(zip(self._names, range(len(self._names)), strict=True))
        self._starts = list(itertools.accumulate(self._counts, initial=0))[:-1]
        if self._firm is None:  # not stored by this run before the file was read
            self._firm = header.get("firm")
        self._source = _identity(info)

    def _read_summaries(self, stream: BinaryIO, size: int) -> None:
        offset = stream.tell()
        while offset < size:
            raw = stream.readline()
            try:
                length, names, stats, flags, slugs = json.loads(raw)
            except (ValueError, TypeError, RecursionError):
                return
            lines = offset + len(raw)
            if not _summary_sound(length, names, stats, flags, slugs) or lines + length > size:
                return
            self._names += names
            self._stats += stats
            self._flags += flags
            self._slugs += slugs
            self._counts.append(len(names))
            self._places.append((offset, lines, length))
            offset = lines + length
            stream.seek(offset)

    def _line_names(self, line: int) -> list[str]:
        start = self._starts[line]
        return self._names[start : start + self._counts[line]]

    def _decode(self, lines: set[int]) -> None:
        """Decode the entries ``lines`` of the file read. A line that does not decode or
        does not hold the names its summary says loses its entries, as do all of them if
        the file is no longer the one read."""
        if not lines:
            return
        found: dict[int, dict[str, Any] | None] = {}
        try:
            with open(self.file, "rb") as stream:
                if _identity(os.fstat(stream.fileno())) == self._source:
                    for number in sorted(lines):
                        _summary, offset, length = self._places[number]
                        stream.seek(offset)
                        found[number] = self._batch(number, stream.read(length))
        except OSError:
            pass  # every line is lost
        for number in lines:
            batch = found.get(number)
            if batch is None:  # lost: its files are checked afresh, and written again
                batch = {}
                for name in self._line_names(number):
                    self._changes.setdefault(name, None)
                self.dirty = True
            self._batches[number] = batch

    def _batch(self, number: int, raw: bytes) -> dict[str, Any] | None:
        """Batch ``number``'s entries line ``raw`` decoded, if it holds the names its
        summary says. Its names, stats and slugs are made the summary's strings (equal,
        and then held once: a run over 100,000 files decodes every line)."""
        try:
            batch = json.loads(raw)
        except (ValueError, RecursionError):
            return None
        names = self._line_names(number)
        if not isinstance(batch, dict) or list(batch) != names:
            return None
        start = self._starts[number]
        stats, slugs = self._stats, self._slugs
        for position, entry in enumerate(batch.values(), start):
            if type(entry) is list and len(entry) == _ENTRY_LENGTH:
                if entry[0] == stats[position]:
                    entry[0] = stats[position]
                if entry[4] == slugs[position]:
                    entry[4] = slugs[position]
        return dict(zip(names, batch.values(), strict=True))

    def _stored(self, name: str) -> Any:
        """File ``name``'s entry as the file read holds it, or ``None``."""
        position = self._positions.get(name)
        if position is None:
            return None
        line = bisect.bisect_right(self._starts, position) - 1
        if line not in self._batches:
            self._decode({line})
        return self._batches[line].get(name)

    def unchanged(self, name: str, path: str) -> FileFacts | None:
        """What :meth:`lookup` with ``detail=False`` gives for file ``name`` when the file
        at ``path`` has the stat its summary stores, taken with one ``stat`` and no other
        call; ``None`` in every other case (a file not stored, stored by this process
        since, or whose stat differs), which :meth:`lookup` then answers. The other 9,999
        files of a pre-commit run in 10,000 come through here. (An entry is stored only
        for a file read whole, within the size limit, which is part of the key; the same
        stat is the same size.)"""
        self._open()
        position = self._positions.get(name)
        if position is None or name in self._changes:
            return None
        try:
            info = os.stat(path)
        except OSError:
            return None
        if self._stats[position] != _stat_text(file_stat(info)):
            return None
        flags = self._flags[position]
        return FileFacts(
            parsed=bool(flags & 1), slug=self._slugs[position], checked=bool(flags & 2)
        )

    def lookup(
        self, name: str, info: Stat, display: str, path: str, *, detail: bool = True
    ) -> FileFacts | None:
        """The facts of file ``name`` (its path in the content folder) if its entry holds:
        when ``info`` (see :func:`file_stat`) is the stored one, or else when the bytes of
        the file at ``path`` hash to the stored digest. With ``detail=False`` (a file that
        is not reported), only whether it parsed and was checked, and its slug, taken
        from the summary when its stat is the stored one; a file with nothing of its own
        to report is left pending (see :class:`FileFacts`)."""
        self._open()
        stat = _stat_text(info)
        entry = self._changes.get(name, _UNSET)
        if entry is _UNSET:
            position = self._positions.get(name)
            if position is None:
                return None
            if not detail and self._stats[position] == stat:
                flags = self._flags[position]
                return FileFacts(
                    parsed=bool(flags & 1), slug=self._slugs[position], checked=bool(flags & 2)
                )
            entry = self._stored(name)
        elif type(entry) is tuple:  # stored in this process (the language server's)
            entry = self._changes[name] = _entry_out(*entry)
        if type(entry) is not list or len(entry) != _ENTRY_LENGTH:
            return None
        try:
            stored = entry[0]
            if stored is None or stored != stat:
                data = _read(path)
                if data is None or content_digest(data) != entry[1]:
                    return None
                self._restat(name, entry, info)
            return _facts_in(entry, display, detail=detail)
        except (KeyError, TypeError, ValueError):  # an entry of the wrong shape
            self._changes[name] = None
            self.dirty = True
            return None

    def _restat(self, name: str, entry: list[Any], info: Stat) -> None:
        stat = _trusted(info)
        if entry[0] != stat:
            self._changes[name] = [stat, *entry[1:]]
            self.dirty = True

    def store(self, name: str, info: Stat, digest: str, facts: FileFacts) -> None:
        """Keep ``facts`` for file ``name`` (``info`` and ``digest`` as of its reading).

        The facts themselves are kept, not their entry: the run holds them anyway, and
        :meth:`save` makes the entries a few at a time (a cold run over 100,000 files
        would otherwise hold every file's facts twice). Whether the file's times can be
        trusted is decided now, as of its reading."""
        self._changes[name] = (_trusted(info), digest, facts)
        self.dirty = True

    def firm_findings(self, display: str) -> list[Finding] | None:
        """The firm profile's findings, if stored (the key holds the profile's digest)."""
        self._open()
        stored = self._firm
        if not isinstance(stored, dict):
            return None
        try:
            return [_finding_in(f, display) for f in stored["f"]]
        except (KeyError, TypeError, ValueError):
            return None

    def store_firm(self, findings: Iterable[Finding]) -> None:
        """Keep the firm profile's findings."""
        self._firm = {"f": [_finding_out(f) for f in findings]}
        self.dirty = True

    def prune(self, names: Iterable[str]) -> None:
        """Drop the entries of files that are no longer there."""
        self._open()
        keep = set(names)
        changes = self._changes
        for name in [n for n in itertools.chain(self._names, changes) if n not in keep]:
            if changes.get(name, _UNSET) is not None:
                changes[name] = None
                self.dirty = True

    def save(self) -> None:
        """Write the entries atomically, if they changed; a failure only loses the cache."""
        if not self.dirty:
            return
        self._open()
        written = False
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with self._copy_source() as source:
                if source is None and len(self._batches) < len(self._counts):
                    return  # replaced by another run, which did not see ours: keep its file
                atomic_write_chunks(self.file, self._chunks(source), durable=False)
                written = True
        if written:  # the file is now another one: a later lookup reads it again
            self._forget()

    @contextlib.contextmanager
    def _copy_source(self) -> Iterator[BinaryIO | None]:
        """The file read, open, if it is still that file."""
        stream = None
        with contextlib.suppress(OSError):
            if self._source is not None:
                stream = open(self.file, "rb")  # noqa: SIM115 (closed below)
                if _identity(os.fstat(stream.fileno())) != self._source:
                    stream.close()
                    stream = None
        try:
            yield stream
        finally:
            if stream is not None:
                stream.close()

    def _layout(self, copying: bool) -> list[tuple[int | None, list[str]]]:
        """The batches to write, each ``(number, names)``: of a batch of the file read to
        write as read, or ``(None, names)`` of one to encode. A batch with an entry
        changed is encoded again whole (its old entries decoded first, the unsound ones
        left out), as is every batch when not ``copying``; new entries come last."""
        changes = self._changes
        lines = range(len(self._counts))
        touched = {
            number
            for number in lines
            if not copying or any(name in changes for name in self._line_names(number))
        }
        self._decode(touched - set(self._batches))
        layout: list[tuple[int | None, list[str]]] = []
        for number in lines:
            names = self._line_names(number)
            if number not in touched:
                layout.append((number, names))
                continue
            batch = self._batches[number]
            kept = [
                name
                for name in names
                if (changes[name] is not None if name in changes else _sound(batch.get(name)))
            ]
            if kept:
                layout.append((None, kept))
        positions = self._positions
        new = [n for n, entry in changes.items() if entry is not None and n not in positions]
        layout.extend((None, new[i : i + _BATCH]) for i in range(0, len(new), _BATCH))
        return layout

    def _entry(self, name: str) -> Any:
        entry = self._changes.get(name, _UNSET)
        if entry is _UNSET:
            entry = self._stored(name)
        return _entry_out(*entry) if type(entry) is tuple else entry

    def _chunks(self, source: BinaryIO | None) -> Iterator[bytes]:
        """The file's text (see the class), a batch at a time: the text of 100,000
        entries whole, and its bytes, would take more memory than the entries
        themselves. Batches of ``source`` (the file read, if it is still that file) are
        copied as read; one whose entries line no longer starts with its first name is
        left out."""
        header = {"key": self.key, "firm": self._firm}
        yield _ENCODER.encode(header).encode("ascii") + b"\n"
        for number, names in self._layout(source is not None):
            if number is None:
                entries = {name: self._entry(name) for name in names}
                body = _ENCODER.encode(entries)
                yield _summary_line(entries, len(body) + 1)
                yield body.encode("ascii") + b"\n"
                continue
            assert source is not None
            start, lines, length = self._places[number]
            source.seek(start)
            raw = source.read(lines + length - start)
            opening = b"{" + _ENCODER.encode(names[0]).encode("ascii") + b":"
            if raw.endswith(b"}\n") and raw.startswith(opening, lines - start):
                yield raw


_UNSET: Final[Any] = object()


def _summary_sound(length: Any, names: Any, stats: Any, flags: Any, slugs: Any) -> bool:
    """Whether a batch's summary has the right shape (see :class:`FolderCache`)."""
    columns = (names, stats, flags, slugs)
    return (
        type(length) is int
        and length > 0
        and all(type(column) is list for column in columns)
        and 0 < len(names) == len(stats) == len(flags) == len(slugs)
        and all(type(name) is str for name in names)
        and all(type(flag) is int for flag in flags)
        and all(text is None or type(text) is str for column in (stats, slugs) for text in column)
    )


def _summary_line(entries: dict[str, list[Any]], length: int) -> bytes:
    """The summary line of a batch of ``entries`` as written (sound: see
    :meth:`FolderCache._layout`), whose entries line is ``length`` bytes long."""
    rows = entries.values()
    stats = [entry[0] for entry in rows]
    flags = [int(bool(entry[2])) | 2 * int(bool(entry[3])) for entry in rows]
    slugs = [entry[4] for entry in rows]
    return _ENCODER.encode([length, list(entries), stats, flags, slugs]).encode("ascii") + b"\n"


def _sound(entry: object) -> bool:
    """Whether ``entry`` (as read) has the shape an entry is written with."""
    return (
        type(entry) is list
        and len(entry) == _ENTRY_LENGTH
        and (entry[0] is None or type(entry[0]) is str)
        and (entry[4] is None or type(entry[4]) is str)
    )


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    """Which file a cache file is, and that it was not written since."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError:
        return None


def trusted(info: Stat) -> bool:
    """Whether a file's times can be trusted to tell that it was not touched: not while it
    is younger than :data:`RACY_SECONDS` (a write in the same clock tick would leave them
    unchanged)."""
    return info[1] < time.time_ns() - RACY_SECONDS * 1_000_000_000


def _trusted(info: Stat) -> str | None:
    """``info`` to store, or ``None`` while it cannot be :func:`trusted`."""
    return _stat_text(info) if trusted(info) else None


class ResultCache:
    """The cache folder: one :class:`FolderCache` file per content folder."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(os.path.abspath(folder))
        self._open: dict[Path, FolderCache] = {}
        self._usable: bool | None = None

    def prepare(self) -> bool:
        """Create the folder with its tag and ``.gitignore`` (once); ``False`` if it
        cannot be written."""
        if self._usable is None:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
                for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", _GITIGNORE)):
                    if not (self.path / name).exists():
                        atomic_write(self.path / name, text.encode("utf-8"), durable=False)
                self._usable = True
            except OSError:
                self._usable = False
        return self._usable

    def folder(self, root: Path, parts: Sequence[str]) -> FolderCache:
        """The entries of content folder ``root`` for the key made of ``parts`` (the
        configuration, the firm profile's digest, the date, as strings)."""
        cached = self._open.get(root)
        key = blake2b(
            json.dumps([FORMAT, __version__, str(root), *parts]).encode("utf-8")
        ).hexdigest()
        if cached is None or cached.key != key:
            name = blake2b(str(root).encode("utf-8"), digest_size=12).hexdigest()
            file = self.path / f"v{FORMAT}-{__version__}" / f"{name}.jsonl"
            cached = self._open[root] = FolderCache(file, key)
        return cached

    def save(self) -> None:
        """Write every changed content folder's file."""
        if not any(c.dirty for c in self._open.values()) or not self.prepare():
            return
        for cached in self._open.values():
            cached.save()
