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
cannot be read, parsed or does not have the expected shape is ignored (the run checks
everything afresh), never an error; a folder that cannot be written leaves the run
uncached. JSON, not pickle: a cache file is data, and
loading one can never run code.

The language server may reuse this module: :class:`ResultCache` opens the folder,
:meth:`ResultCache.folder` gives one content folder's :class:`FolderCache`, whose
:meth:`~FolderCache.lookup` and :meth:`~FolderCache.store` take and give
:class:`FileFacts`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

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
FORMAT: Final = 5
"""The layout of an entry; a change of it (or of the tool's version) starts afresh."""
RACY_SECONDS: Final = 3
_TAG: Final = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by pozo-site.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
_GITIGNORE: Final = "# Created by pozo-site automatically.\n*\n"

_FIRM: Final = "\x00firm"  # no file of a folder has this name
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
    """The entries of one content folder, valid for one key."""

    def __init__(self, file: Path, key: str) -> None:
        self.file = file
        self.key = key
        self._entries: dict[str, Any] | None = None
        self.dirty = False
        # The file the entries were read from (its identity: device, inode, size,
        # mtime) and where each of its entry lines is in it: (offset, length, the names
        # it holds). A save writes a line none of whose names were _touched as it was
        # read, if the file is still that one, not encoded again.
        self._source: tuple[int, int, int, int] | None = None
        self._lines: list[tuple[int, int, tuple[str, ...]]] = []
        self._touched: set[str] = set()

    @property
    def memo_file(self) -> Path:
        """Where the folder's whole result is kept (see :mod:`pozo_site.check._memo`)."""
        return self.file.with_name(self.file.stem + ".memo.json")

    @property
    def entries(self) -> dict[str, Any]:
        """A file's entry (see :func:`_entry_out`) by name, or what :meth:`store` was
        given; the firm profile's findings. Read from the file when first needed (a run
        that the folder's memo answers reads none)."""
        if self._entries is None:
            self._entries = self._load()
        return self._entries

    def _load(self) -> dict[str, Any]:
        """Read the file line by line (see :meth:`_chunks`): the text of 100,000 entries
        is never held whole beside them. Anything but a whole file of this key is
        ignored: the run starts afresh."""
        entries: dict[str, Any] = {}
        lines: list[tuple[int, int, tuple[str, ...]]] = []
        try:
            with open(self.file, "rb") as stream:
                header = json.loads(stream.readline())
                if not isinstance(header, dict) or header.get("key") != self.key:
                    return {}
                offset = stream.tell()
                for line in stream:
                    batch = json.loads(line)
                    if not isinstance(batch, dict):
                        return {}
                    entries.update(batch)
                    lines.append((offset, len(line), tuple(batch)))
                    offset += len(line)
                source = _identity(os.fstat(stream.fileno()))
        except (OSError, ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            return {}  # none yet, or a partial or damaged file: start afresh
        if header.get("entries") != len(entries):  # cut off at a line's end: not whole
            return {}
        self._source, self._lines = source, lines
        return entries

    def lookup(
        self, name: str, info: Stat, display: str, path: str, *, detail: bool = True
    ) -> FileFacts | None:
        """The facts of file ``name`` (its path in the content folder) if its entry holds:
        when ``info`` (see :func:`file_stat`) is the stored one, or else when the bytes of
        the file at ``path`` hash to the stored digest. With ``detail=False`` (a file that
        is not reported), only its slug is decoded; a file with nothing of its own to
        report is left pending (see :class:`FileFacts`)."""
        entry = self.entries.get(name)
        if type(entry) is tuple:  # stored in this process (the language server's)
            entry = self.entries[name] = _entry_out(*entry)
            self._touched.add(name)
        if type(entry) is not list or len(entry) != _ENTRY_LENGTH:
            return None
        try:
            stored = entry[0]
            if stored is None or stored != _stat_text(info):
                data = _read(path)
                if data is None or content_digest(data) != entry[1]:
                    return None
                self._restat(name, entry, info)
            return _facts_in(entry, display, detail=detail)
        except (KeyError, TypeError, ValueError):  # an entry of the wrong shape
            del self.entries[name]
            self._touched.add(name)
            self.dirty = True
            return None

    def _restat(self, name: str, entry: list[Any], info: Stat) -> None:
        stat = _trusted(info)
        if entry[0] != stat:
            self.entries[name] = [stat, *entry[1:]]
            self._touched.add(name)
            self.dirty = True

    def store(self, name: str, info: Stat, digest: str, facts: FileFacts) -> None:
        """Keep ``facts`` for file ``name`` (``info`` and ``digest`` as of its reading).

        The facts themselves are kept, not their entry: the run holds them anyway, and
        :meth:`save` makes the entries a few at a time (a cold run over 100,000 files
        would otherwise hold every file's facts twice). Whether the file's times can be
        trusted is decided now, as of its reading."""
        self.entries[name] = (_trusted(info), digest, facts)
        self._touched.add(name)
        self.dirty = True

    def firm_findings(self, display: str) -> list[Finding] | None:
        """The firm profile's findings, if stored (the key holds the profile's digest)."""
        stored = self.entries.get(_FIRM)
        if not isinstance(stored, dict):
            return None
        try:
            return [_finding_in(f, display) for f in stored["f"]]
        except (KeyError, TypeError, ValueError):
            return None

    def store_firm(self, findings: Iterable[Finding]) -> None:
        """Keep the firm profile's findings."""
        self.entries[_FIRM] = {"f": [_finding_out(f) for f in findings]}
        self._touched.add(_FIRM)
        self.dirty = True

    def prune(self, names: Iterable[str]) -> None:
        """Drop the entries of files that are no longer there."""
        keep = {*names, _FIRM}
        for name in [n for n in self.entries if n not in keep]:
            del self.entries[name]
            self._touched.add(name)
            self.dirty = True

    def save(self) -> None:
        """Write the entries atomically, if they changed; a failure only loses the cache."""
        if not self.dirty:
            return
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_chunks(self.file, self._chunks())
            self.dirty = False
        # The file is now another one: a later save (the language server's) encodes all.
        self._source, self._lines, self._touched = None, [], set()

    def _chunks(self) -> Iterator[bytes]:
        """The file's text in JSON lines: ``{"key": ..., "entries": N}``, then the
        entries by name, :data:`_BATCH` to a line (one JSON object each). Written and
        read a line at a time: the text of 100,000 entries whole, and its bytes, would
        take more memory than the entries themselves.

        The lines of the file the entries were read from none of whose entries changed
        are written as they were read, if that file is still there unchanged (a
        pre-commit run changes one entry of 10,000: it used to encode all 6 MB again);
        the other lines' entries that remain, and new entries, are encoded."""
        entries = self.entries
        yield _ENCODER.encode({"key": self.key, "entries": len(entries)}).encode("ascii") + b"\n"
        kept: set[str] = set()
        for raw, names in self._unchanged_lines():
            kept.update(names)
            yield raw
        rest = iter([name for name in entries if name not in kept] if kept else entries)
        while batch := {
            name: _entry_out(*entry) if type(entry) is tuple else entry
            for name in itertools.islice(rest, _BATCH)
            for entry in (entries[name],)
        }:
            yield _ENCODER.encode(batch).encode("ascii") + b"\n"

    def _unchanged_lines(self) -> Iterator[tuple[bytes, tuple[str, ...]]]:
        """The lines of the file read whose entries did not change, as read, and their
        names; none if the file is no longer the one read (another run replaced it)."""
        touched, lines = self._touched, self._lines
        if not lines:
            return
        try:
            with open(self.file, "rb") as stream:
                if _identity(os.fstat(stream.fileno())) != self._source:
                    return
                for offset, length, names in lines:
                    if touched.isdisjoint(names):
                        stream.seek(offset)
                        raw = stream.read(length)
                        if len(raw) != length or not raw.endswith(b"}\n"):
                            return  # pragma: no cover - the same identity, other bytes
                        yield raw, names
        except OSError:
            return


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
                        atomic_write(self.path / name, text.encode("utf-8"))
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
