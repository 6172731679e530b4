"""Running the checks over files and folders.

**Content folders.** Every article belongs to the nearest folder at or above it that holds
a firm profile (``firm.yaml``, ``.yml``, ``.toml`` or ``.json``); the search stops at a
project boundary (a folder with ``.git``, ``pyproject.toml`` or ``pozo-site.toml``). Without
one, the folder named on the command line (or, for a named file, the file's folder) is the
content folder and the embedded default firm applies. The firm profile of every content
folder in play is always checked, since every article's checks depend on it.

**Named files and the rest.** Only named files (and files below named folders) are
reported, but every article of their content folder is read, so that a pre-commit hook
given one changed file still knows every slug (L002) and link target (L005).

**Paths** in findings are as the user wrote them: relative to the current folder when the
argument was relative (as ruff and flake8 print them, and as CI annotations need), else
absolute; always with ``/``.
"""

from __future__ import annotations

import dataclasses
import errno
import fnmatch
import functools
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Final, NamedTuple

from pozo_site._content_files import FIRM_FILE_NAMES, is_content_file
from pozo_site.check import _memo
from pozo_site.check._cache import (
    CACHE_DIR_NAME,
    FileFacts,
    FolderCache,
    ResultCache,
    Stat,
    complete,
    content_digest,
    file_stat,
    targets,
    trusted,
)
from pozo_site.check._codes import file as file_rules
from pozo_site.check._codes.suppression import UNUSED_SUPPRESSION
from pozo_site.check._config import Config
from pozo_site.check._finding import CheckResult, Finding, in_order
from pozo_site.check._load import (
    decode_source,
    default_firm_doc,
    parse_article,
    parse_firm_doc,
    read_bytes,
    read_source,
)
from pozo_site.check._rules._context import ArticleRef, Checker, Context
from pozo_site.check._rules._spanning import (
    BROKEN_LINK,
    SLUG_DUPLICATE,
    FolderIndex,
    broken_links,
    duplicate_slug,
    real_path,
    split_path,
)
from pozo_site.check._source import ArticleDoc, FirmDoc, Source, file_finding
from pozo_site.check._suppress import Suppressions, find_suppressions
from pozo_site.check._unused import unused_findings

__all__ = [
    "PARALLEL_THRESHOLD",
    "Progress",
    "RunOutput",
    "check_paths",
    "content_folder",
    "default_cache_dir",
    "run",
]

_BOUNDARY: Final = (".git", ".hg", "pyproject.toml", "pozo-site.toml")


@dataclass
class RunOutput:
    """A run's result, and the sources of the files it reported on (by display path)."""

    result: CheckResult
    sources: dict[str, Source] = field(default_factory=dict)


PARALLEL_THRESHOLD: Final = 400
"""Below this many files to read, a run stays in one process (starting workers costs more)."""

Progress = Callable[[int, int], None]
"""Called with ``(done, total)`` files as a run reads them."""


def check_paths(
    paths: Sequence[Path],
    config: Config,
    *,
    cache: ResultCache | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> CheckResult:
    """Check the files and folders in ``paths``; findings come back sorted.

    Never raises for a problem of the content: every such problem is a finding. (A
    missing path is F011, as ruff reports E902.) With a ``cache`` (see
    :mod:`pozo_site.check._cache`), unchanged files are not checked again; with ``jobs``
    above 1, a run over many files shares them out between that many processes. Neither
    changes a finding or their order.
    """
    return run(paths, config, cache=cache, jobs=jobs, progress=progress, keep_sources=False).result


def run(
    paths: Sequence[Path],
    config: Config,
    *,
    overrides: Mapping[Path, Source] | None = None,
    cache: ResultCache | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    keep_sources: bool = True,
) -> RunOutput:
    """Check ``paths``; ``overrides`` replaces the text of files (by absolute path), which
    lets ``--diff`` check the fixed text without writing it; an overridden file is never
    taken from nor stored in the ``cache`` (so the language server can pass its unsaved
    buffers and a cache together). :attr:`RunOutput.sources` holds the reported files
    this run read (a cache hit reads none); with ``keep_sources=False`` only those with
    suppression comments and the firm profiles."""
    checking = _Run(
        config,
        overrides or {},
        cache=cache,
        jobs=jobs,
        progress=progress,
        keep_sources=keep_sources,
    )
    output = checking.run(paths)
    if cache is not None:
        cache.save()
    return output


def content_folder(path: Path) -> Path:
    """The content folder that ``path`` (a file or folder) belongs to: the nearest folder
    holding a firm profile up to the project boundary, else the folder itself (see the
    module docstring)."""
    path = Path(os.path.abspath(path))
    folder = path if path.is_dir() else path.parent
    return _Run(Config.default(), {}).root_for(folder, folder)


def default_cache_dir(paths: Sequence[Path], config_file: Path | None) -> Path:
    """Where the cache lives by default: ``.pozo-site-cache`` in the configuration file's
    folder, else in the content folder of the first of ``paths``."""
    if config_file is not None:
        return Path(os.path.abspath(config_file)).parent / CACHE_DIR_NAME
    return content_folder(paths[0] if paths else Path(".")) / CACHE_DIR_NAME


def _fingerprint(config: Config) -> str:
    """The configuration as a string that is the same in every process for equal settings
    (sets sorted: their order changes with the interpreter's hash seed)."""
    parts = []
    for item in dataclasses.fields(config):
        value = getattr(config, item.name)
        if isinstance(value, (frozenset, set)):
            value = sorted(value)
        elif isinstance(value, Mapping):
            value = sorted((str(k), repr(v)) for k, v in value.items())
        parts.append(f"{item.name}={value!r}")
    return ";".join(parts)


def _name(path: str, folder: str) -> str:
    """``path`` relative to ``folder``, with ``/`` (the cache's key of the file)."""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    if path.startswith(prefix) and len(path) > len(prefix):
        tail = path[len(prefix) :]
        return tail if os.sep == "/" else tail.replace(os.sep, "/")
    return Path(path).as_posix()  # a named file outside its content folder's tree


def _parent(path: str) -> str:
    """``os.path.dirname`` of an absolute, normalised path."""
    return split_path(path)[0]


def _resolves(
    fact: FileFacts,
    folder: str,
    resolved: str,
    index: FolderIndex,
    *,
    duplicates: bool,
    broken: bool,
) -> bool:
    """Whether a pending hit's slug is its own and every link target of it names an
    article, by lookups alone; ``False`` only means "decode and see"."""
    if duplicates and fact.slug_probe and index.taken(fact.slug or "", resolved) is not None:
        return False
    if not broken:
        return True
    return index.names_articles(targets(fact.slug_targets), targets(fact.md_targets), folder)


def _plain_file(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` is a regular file, not a link: told by the folder's listing
    (``d_type``) without a system call on the file systems that give it; ``False`` when
    it cannot be told, left to :meth:`_Run._is_dir`, which reports why."""
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def _entry_name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _stat(path: str) -> Stat | None:
    try:
        return file_stat(os.stat(path))
    except OSError:
        return None


def _lookup(
    cache: FolderCache,
    path: str,
    info: Stat | None,
    names: tuple[str, str],
    max_bytes: int,
    *,
    full: bool,
) -> FileFacts | None:
    """The cached facts of the file at ``path`` (whose :func:`file_stat` is ``info``, if
    it could be taken); ``names`` are its name in the folder and its display."""
    if info is None or info[0] > max_bytes:  # F009: never read whole to hash it
        return None
    return cache.lookup(names[0], info, names[1], path, detail=full)


class _Job(NamedTuple):
    name: str
    """The file's absolute path (a string: the key of the run's tables; no ``Path`` is
    made for a file until it is read, and none is kept)."""
    display: str
    full: bool
    """Whether the file is reported (checked), or only read for its slug."""


@dataclass
class _Outcome:
    facts: FileFacts
    digest: str | None = None
    stat: Stat | None = None
    source: Source | None = None


_SHARED: dict[str, tuple[_Run, Context | None]] = {}
"""The run a forked worker serves (inherited from the parent, never pickled)."""


def _shared_job(job: _Job) -> _Outcome:
    checking, context = _SHARED["run"]
    outcome = checking.process(job, context)
    if outcome.source is not None:
        if not checking.keeps(job, outcome.facts):  # not sent back at all
            outcome.source = None
        else:  # the parent keeps a reported file's text, not its table of line starts
            outcome.source = dataclasses.replace(outcome.source, _line_starts=None)
    return outcome


def _can_fork() -> bool:
    """Whether workers can be forked safely: where fork exists, and while this process
    runs no other thread (a fork copies only the calling thread, and a lock another one
    held would stay locked in the child: the language server, for one, has threads)."""
    import multiprocessing  # noqa: PLC0415 (a parallel run only: a one-file run does without)

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _exclude_glob(pattern: str) -> tuple[str, bool]:
    """An exclude pattern as matched: ``(glob, anchored)``. A leading ``./`` and a trailing
    ``/`` (which in a .gitignore marks a folder) are dropped; a pattern with a ``/`` left
    inside or in front is anchored at the configuration file's folder."""
    while pattern.startswith("./"):
        pattern = pattern[2:]
    pattern = pattern.rstrip("/")
    return pattern.lstrip("/"), "/" in pattern


def _lstat_error(path: Path) -> OSError | None:
    """Why ``path`` cannot be looked at, or ``None``: ``os.path.lexists`` says only
    "missing", also when a folder on the way denies search permission."""
    try:
        os.lstat(path)
    except OSError as error:
        return error
    return None


@dataclass
class _Root:
    folder: Path
    relative: bool
    named: dict[str, None] = field(default_factory=dict)
    """The files to report, by absolute path (a string: see :meth:`_Run.walk`)."""
    displays: dict[str, str] = field(default_factory=dict)
    """How findings name each file of the folder (made once per file and run)."""


class _Firm:
    """A content folder's firm profile: parsed only when a file must be checked, its
    findings taken from the cache when they are there."""

    def __init__(self, checking: _Run, root: _Root, cache: FolderCache | None) -> None:
        self.run = checking
        self.root = root
        self.cache = cache
        self.path = checking.firm_file(root.folder)
        self.display = "" if self.path is None else checking.display(self.path, root.relative)
        self._doc: FirmDoc | None = None
        self._stop: Finding | None = None
        self._context: Context | None = None

    def doc(self) -> FirmDoc:
        if self._doc is None:
            if self.path is None:
                self._doc = default_firm_doc()
            else:
                source = self.run.read(self.path, self.display)
                parsed = parse_firm_doc(source) if isinstance(source, Source) else source
                if isinstance(parsed, Finding):
                    self._stop = parsed
                    self._doc = FirmDoc(source=None, kind="default")
                else:
                    assert parsed.source is not None
                    self.run.sources[self.display] = parsed.source
                    self._doc = parsed
        return self._doc

    def context(self) -> Context:
        if self._context is None:
            self._context = Context(
                config=self.run.config,
                firm=self.doc(),
                root=self.root.folder,
                today=self.run.today,
            )
        return self._context

    def report(self) -> None:
        """Add the firm profile's findings to the run (a firm file is always checked)."""
        if self.path is None:
            return
        self.run.checked += 1
        found = None if self.cache is None else self.cache.firm_findings(self.display)
        if found is None:
            doc = self.doc()
            found = [self._stop] if self._stop is not None else []
            if doc.source is not None:
                found = self.run._check_firm(doc, self.context())
            if self.cache is not None:
                self.cache.store_firm(found)
        self.run.findings.extend(found)


class _Run:
    def __init__(
        self,
        config: Config,
        overrides: Mapping[Path, Source],
        *,
        cache: ResultCache | None = None,
        jobs: int = 1,
        progress: Progress | None = None,
        keep_sources: bool = True,
    ) -> None:
        self.config = config
        self.keep_sources = keep_sources
        self.overrides = overrides
        self.cache = cache
        self.jobs = max(1, jobs)
        self.progress = progress
        self.today = config.effective_today
        self._real_folders: dict[str, str] = {}
        self._displays: dict[tuple[str, bool], str] = {}
        self.cwd = Path.cwd()
        self._cwd_prefix = str(self.cwd).rstrip("/") + "/"
        self.findings: list[Finding] = []
        self.sources: dict[str, Source] = {}
        self.checked = 0
        self._firm_files: dict[Path, Path | None] = {}
        self._roots: dict[Path, Path] = {}
        self._walked: dict[Path, list[str]] = {}
        self._plain_files: set[str] = set()
        """Files the walk saw that are no symbolic links (no ``lstat`` to resolve them)."""
        self._overridden = {str(path) for path in overrides}
        self._probes: dict[str, str | None] = {}
        """What resolving the files rested on besides their folders (see :func:`real_path`)."""
        self._memos = cache is not None and not overrides and not keep_sources
        """Whether a content folder's whole result may be kept (see :mod:`._memo`): a run
        that returns sources (fixes, baselines, the language server) reads them."""

    @functools.cached_property
    def checkers(self) -> tuple[Checker, ...]:
        """The enabled checks; imported (with every parser) only once a file is checked."""
        from pozo_site.check._rules._checkers import CHECKERS  # noqa: PLC0415 (a cache hit checks nothing)

        return tuple(c for c in CHECKERS if any(self.config.enabled(code) for code in c.codes))

    # -- paths ---------------------------------------------------------------------

    def display(self, path: Path | str, relative: bool) -> str:
        """How findings name ``path`` (absolute): see the module docstring."""
        whole = os.fspath(path)
        if os.sep == "/":  # the paths are absolute and normalised (os.path.abspath)
            if not relative:
                return whole
            if whole.startswith(self._cwd_prefix):
                return whole[len(self._cwd_prefix) :]  # below the current folder: as relpath
        key = (whole, relative)
        shown = self._displays.get(key)
        if shown is None:
            shown = self._displays[key] = self._display(whole, relative)
        return shown

    def _display(self, path: str, relative: bool) -> str:
        if relative:
            try:
                return Path(os.path.relpath(path, self.cwd)).as_posix()
            except ValueError:  # pragma: no cover - another drive on Windows
                pass
        return Path(path).as_posix()

    def firm_file(self, folder: Path) -> Path | None:
        if folder not in self._firm_files:
            found = None
            for name in FIRM_FILE_NAMES:
                candidate = folder / name
                if os.path.lexists(candidate):
                    found = candidate
                    break
            self._firm_files[folder] = found
        return self._firm_files[folder]

    def root_for(self, folder: Path, fallback: Path) -> Path:
        key = folder
        if key in self._roots:
            return self._roots[key]
        root = fallback
        for candidate in (folder, *folder.parents):
            if self.firm_file(candidate) is not None:
                root = candidate
                break
            if any(os.path.lexists(candidate / marker) for marker in _BOUNDARY):
                break
        self._roots[key] = root
        return root

    def excluded(self, path: Path, top: Path) -> bool:
        base = self.config.base_dir
        if base is None or not path.is_relative_to(base):
            base = top
        try:
            parts = path.relative_to(base).parts
        except ValueError:
            parts = (path.name,)
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        for pattern in self.config.exclude:
            glob, anchored = _exclude_glob(pattern)
            if anchored:
                if any(fnmatchcase(prefix, glob) for prefix in prefixes):
                    return True
                if glob.startswith("**/") and any(fnmatchcase(p, glob[3:]) for p in prefixes):
                    return True  # "**/drafts" matches a top-level "drafts" too, as in Git
            elif any(fnmatchcase(part, glob) for part in parts):
                return True
        return False

    def _exclusion(self, top: Path) -> Callable[[str, str, str], bool]:
        """:meth:`excluded` for the entries the walk of ``top`` meets, as
        ``(path, its path below top, its name)``: since the walk only enters folders that
        are not excluded, only an entry's own name and its whole path are matched."""
        base = self.config.base_dir
        if base is not None and base != top and base.is_relative_to(top):
            return lambda path, _rel, _name: self.excluded(Path(path), top)  # mixed bases
        if base is None or not top.is_relative_to(base):
            base = top
        if base != top and self.excluded(top, top if base == top else base):
            return lambda _path, _rel, _name: True
        above = top.relative_to(base).as_posix() if base != top else ""
        unanchored: list[str] = []
        anchored: list[str] = []
        for pattern in self.config.exclude:
            glob, is_anchored = _exclude_glob(pattern)
            if is_anchored:
                anchored.append(glob)
                if glob.startswith("**/"):
                    anchored.append(glob[3:])
            else:
                unanchored.append(glob)

        # One pattern for each kind, each glob as fnmatchcase matches it.
        names = re.compile("|".join(f"(?:{fnmatch.translate(g)})" for g in unanchored) or "(?!)")
        wholes = re.compile("|".join(f"(?:{fnmatch.translate(g)})" for g in anchored) or "(?!)")

        def excluded(_path: str, rel: str, name: str) -> bool:
            if names.match(name):
                return True
            if anchored:
                return wholes.match(f"{above}/{rel}" if above else rel) is not None
            return False

        return excluded

    def walk(self, top: Path, *, relative: bool, report: bool, subroots: bool) -> list[str]:
        """The ``.md`` files below ``top``, following folder links without loops; with
        ``subroots=False``, folders holding their own firm profile are skipped.

        Paths are absolute strings, in the order of their parts (as ``pathlib`` sorts):
        every file of a folder passes through here on every run, and a ``Path`` costs
        several times its string to make, hash and compare (half of a cached run). Each
        folder's entries are sorted by name and a folder is walked where its name falls
        among them, which gives that order without sorting the paths' parts at the end
        (more than half of the walk of 10,000 files)."""
        found: list[str] = []
        boundary = os.path.realpath(top)
        excluded = self._exclusion(top)
        plain_files = self._plain_files
        first = self._entries(str(top), relative=relative, report=report)
        stack = [] if first is None else [(iter(first), "", frozenset({boundary}))]
        while stack:
            entries, rel, ancestors = stack[-1]
            for entry in entries:
                name = entry.name
                path = entry.path
                entry_rel = f"{rel}/{name}" if rel else name
                if excluded(path, entry_rel, name):
                    continue
                link = entry.is_symlink()
                article = name.endswith(".md")
                is_dir = (
                    False  # a regular file, told by the folder's listing: no other call
                    if article and not link and _plain_file(entry)
                    else self._is_dir(entry, path, boundary, relative=relative, report=report)
                )
                if is_dir is None:
                    continue
                if not is_dir:
                    if article:
                        found.append(path)
                        if not link:
                            plain_files.add(path)
                    continue
                real = os.path.realpath(path)
                if real in ancestors:
                    if report:
                        self.findings.append(self._loop_finding(path, relative))
                elif subroots or self.firm_file(Path(path)) is None:
                    inner = self._entries(path, relative=relative, report=report)
                    if inner is not None:  # walked now; this folder's iterator waits
                        stack.append((iter(inner), entry_rel, ancestors | {real}))
                        break
            else:  # every entry of the folder seen
                stack.pop()
        return found

    def _entries(
        self, folder: str, *, relative: bool, report: bool
    ) -> list[os.DirEntry[str]] | None:
        """The entries of ``folder`` in the order of their names; ``None`` (reported if
        ``report``) if it cannot be read."""
        try:
            with os.scandir(folder) as scan:
                return sorted(scan, key=_entry_name)
        except OSError as error:
            if report:
                self.findings.append(self._os_finding(folder, error, relative))
            return None

    def _is_dir(
        self, entry: os.DirEntry[str], path: str, boundary: str, *, relative: bool, report: bool
    ) -> bool | None:
        """Whether an entry is a folder (following links); ``None`` if it cannot be told
        or is a link that leads outside ``boundary``, which is not followed."""
        if self._leads_outside(entry, path, boundary):
            if report:
                self.findings.append(self._outside_finding(path, relative))
            return None
        try:
            is_dir = entry.is_dir()
            if entry.is_symlink():
                os.stat(path)
        except OSError as error:
            if report and (error.errno == errno.ELOOP or entry.name.endswith(".md")):
                self.findings.append(self._os_finding(path, error, relative))
            return None
        return is_dir

    def _leads_outside(self, entry: os.DirEntry[str], path: str, boundary: str) -> bool:
        """Whether ``entry`` is a link that resolves outside ``boundary`` (and such links
        are not to be followed). A broken or looping link is left to the other checks."""
        if self.config.follow_links or not entry.is_symlink():
            return False
        target = os.path.realpath(path)
        if not os.path.lexists(target):
            return False
        return os.path.commonpath((target, boundary)) != boundary

    def _outside_finding(self, path: str, relative: bool) -> Finding:
        return file_finding(
            file_rules.LINK_OUTSIDE,
            self.display(path, relative),
            "the symbolic link leads outside the folder being checked; it was not followed "
            "(set follow-links = true to follow it)",
        )

    def _loop_finding(self, path: str, relative: bool) -> Finding:
        return file_finding(
            file_rules.SYMLINK_LOOP,
            self.display(path, relative),
            "the folder link points back to a folder that contains it; remove or repoint it",
        )

    def _os_finding(self, path: Path | str, error: OSError, relative: bool) -> Finding:
        display = self.display(path, relative)
        if error.errno == errno.ELOOP:
            return file_finding(
                file_rules.SYMLINK_LOOP, display, "the symbolic link loops back to itself"
            )
        reason = error.strerror or type(error).__name__
        return file_finding(file_rules.UNREADABLE, display, f"cannot read: {reason}")

    # -- the run ---------------------------------------------------------------------

    def run(self, paths: Sequence[Path]) -> RunOutput:
        roots: dict[Path, _Root] = {}
        for arg in paths:
            relative = not Path(arg).is_absolute()
            path = Path(os.path.abspath(arg))
            problem = _lstat_error(path)
            if problem is not None:  # missing, or a folder on the way without search rights
                reason = problem.strerror or os.strerror(errno.ENOENT)
                self.findings.append(
                    file_finding(
                        file_rules.UNREADABLE,
                        self.display(path, relative),
                        f"cannot read: {reason}",
                    )
                )
                continue
            if path.is_dir():
                # The folder's content folder is checked even without articles (its firm
                # profile alone).
                own = self.root_for(path, path)
                roots.setdefault(own, _Root(own, relative))
                walked = self.walk(path, relative=relative, report=True, subroots=True)
                self._walked[path] = walked
                owners: dict[str, Path] = {}
                for file in walked:
                    parent = _parent(file)
                    owner = owners.get(parent)
                    if owner is None:
                        owner = owners[parent] = self.root_for(Path(parent), path)
                    self._add(roots, file, owner, relative)
                continue
            if not is_content_file(path):
                continue
            root = self.root_for(path.parent, path.parent)
            if self.excluded(path, root):
                continue
            if path.name in FIRM_FILE_NAMES:
                roots.setdefault(root, _Root(root, relative))
            else:
                self._add(roots, str(path), root, relative)
        for content in roots.values():
            self.check_root(content)
        findings = self._finish()
        result = CheckResult(findings=tuple(in_order(findings)), files_checked=self.checked)
        return RunOutput(result=result, sources=self.sources)

    @staticmethod
    def _add(roots: dict[Path, _Root], file: str, root: Path, relative: bool) -> None:
        named = roots.get(root)
        if named is None:
            named = roots[root] = _Root(root, relative)
        named.named[file] = None

    def _files_of(self, root: _Root) -> list[str]:
        """Every article of ``root``'s content folder (not those of a folder below it
        with a firm profile of its own): from the walk of the same folder made for the
        command line when there was one, else walked now."""
        walked = self._walked.get(root.folder)
        if walked is None:
            return self.walk(root.folder, relative=root.relative, report=False, subroots=False)
        top = str(root.folder)
        inside: dict[str, bool] = {top: False}

        def in_subroot(folder: str) -> bool:
            known = inside.get(folder)
            if known is None:
                known = self.firm_file(Path(folder)) is not None
                known = inside[folder] = known or in_subroot(_parent(folder))
            return known

        return [file for file in walked if not in_subroot(_parent(file))]

    def read(self, path: Path, display: str) -> Source | Finding:
        override = self.overrides.get(path)
        if override is not None:
            return dataclasses.replace(override, display=display, _line_starts=None)
        return read_source(path, display, self.config.max_file_bytes)

    def load_firm(self, root: _Root) -> FirmDoc:
        firm_path = self.firm_file(root.folder)
        if firm_path is None:
            return default_firm_doc()
        self.checked += 1
        display = self.display(firm_path, root.relative)
        source = self.read(firm_path, display)
        parsed = parse_firm_doc(source) if isinstance(source, Source) else source
        if isinstance(parsed, Finding):
            self.findings.append(parsed)
            return FirmDoc(source=None, kind="default")
        assert parsed.source is not None
        self.sources[display] = parsed.source
        return parsed

    def _folder_cache(self, root: _Root) -> FolderCache | None:
        """The cache of ``root``'s results, if the run has a cache; ``None`` also when the
        firm profile is overridden or cannot be read. An overridden article (an editor's
        unsaved buffer) is neither looked up nor stored."""
        firm_path = self.firm_file(root.folder)
        if self.cache is None or (firm_path is not None and firm_path in self.overrides):
            return None
        firm_digest = "default"
        if firm_path is not None:
            try:
                firm_digest = content_digest(firm_path.read_bytes())
            except OSError:
                return None
        return self.cache.folder(
            root.folder, [_fingerprint(self.config), firm_digest, self.today.isoformat()]
        )

    def check_root(self, root: _Root) -> None:
        cache = self._folder_cache(root)
        firm_state = _Firm(self, root, cache)
        files = dict.fromkeys(self._files_of(root))
        files.update(root.named)
        folder = str(root.folder)
        names = {path: _name(path, folder) for path in files}
        stats: dict[str, Stat | None] = {}
        memo = None
        if cache is not None and self._memos and len(root.named) == len(files):
            stats = {path: _stat(path) for path in files}
            memo = self._memo_state(root, firm_state, names, stats)
            if memo is not None and self._answered(cache, memo):
                return
        before = (len(self.findings), self.checked)
        facts: dict[str, FileFacts] = {}
        jobs: list[_Job] = []
        overridden = self._overridden
        max_bytes = self.config.max_file_bytes
        displays = root.displays
        for path, name in names.items():
            display = displays[path] = self.display(path, root.relative)
            full = path in root.named
            hit = None
            if cache is not None and path not in overridden:
                if not full:  # the rest of the folder: its summary, when the stat holds
                    hit = cache.unchanged(name, path)
                if hit is None:
                    info = stats[path] if memo is not None else _stat(path)
                    hit = _lookup(cache, path, info, (name, display), max_bytes, full=full)
            if hit is not None and (hit.checked or not full):
                facts[path] = hit
            else:
                jobs.append(_Job(path, display, full))
        if any(job.full for job in jobs):
            firm_state.doc()  # parsed before the work is shared out
        unchanged = True  # whether every file read had the state the memo's is made of
        for job, outcome in zip(jobs, self._work(jobs, firm_state), strict=True):
            facts[job.name] = self._take(job, outcome, cache, names[job.name])
            unchanged = (
                unchanged and outcome.stat is not None and outcome.stat == stats.get(job.name)
            )
        if cache is not None:
            cache.prune(names.values())
        firm_state.report()

        def afresh(path: str) -> FileFacts:
            """Check a file whose stored facts turned out not to decode."""
            nonlocal unchanged
            unchanged = False
            job = _Job(path, root.displays[path], True)
            return self._take(job, self.process(job, firm_state.context()), cache, names[path])

        index = self._resolve(root, names, facts, afresh)
        if cache is not None and memo is not None:
            result = (self.findings[before[0] :], self.checked - before[1])
            self._keep(cache, memo, result if unchanged else None, index)

    def _answered(self, cache: FolderCache, state: str) -> bool:
        """Whether the folder's memo holds for fingerprint ``state``; its result is then
        the run's."""
        hit = _memo.load(cache.memo_file, cache.key, state)
        if hit is None:
            return False
        self.findings.extend(hit.findings)
        self.checked += hit.checked
        return True

    def _keep(
        self,
        cache: FolderCache,
        state: str,
        result: tuple[Sequence[Finding], int] | None,
        index: FolderIndex,
    ) -> None:
        """Store a folder's ``result`` as its memo for fingerprint ``state``, or, with
        ``None`` (a file changed while it was read), remove the memo."""
        if result is None or self.cache is None or not self.cache.prepare():
            _memo.discard(cache.memo_file)
            return
        _memo.store(
            cache.memo_file,
            key=cache.key,
            state=state,
            result=result,
            folders={**self._real_folders, **index.folders},
            probes={**self._probes, **index.probes},
        )

    def _memo_state(
        self,
        root: _Root,
        firm: _Firm,
        names: Mapping[str, str],
        stats: Mapping[str, Stat | None],
    ) -> str | None:
        """The fingerprint of ``root``'s files for its memo (see :mod:`._memo`), or
        ``None`` when one of them cannot be trusted to be unchanged by its times alone."""
        files = []
        plain = self._plain_files
        for path, name in names.items():
            info = stats[path]
            if info is None or not trusted(info):
                return None
            files.append((name, info, path in plain))
        firm_path = None if firm.path is None else str(firm.path)
        return _memo.fingerprint(str(self.cwd), root.relative, firm_path, files)

    def _take(
        self, job: _Job, outcome: _Outcome, cache: FolderCache | None, name: str
    ) -> FileFacts:
        """A checked file's facts, with its text kept if needed and its entry stored."""
        if outcome.source is not None and self.keeps(job, outcome.facts):
            self.sources[job.display] = outcome.source
        if (
            cache is not None
            and outcome.digest is not None
            and outcome.stat is not None
            # whether a comment suppresses nothing (I001) depends on the rules that span
            # the folder, so a file with comments is checked again every run
            and (outcome.facts.suppressions is None or not outcome.facts.suppressions.directives)
        ):
            cache.store(name, outcome.stat, outcome.digest, outcome.facts)
        return outcome.facts

    def _work(self, jobs: Sequence[_Job], firm: _Firm) -> Iterator[_Outcome]:
        """Each job's outcome, in order: in this process, or shared out between processes
        when there are many and several are allowed."""
        total = len(jobs)
        done = 0
        workers = min(self.jobs, os.cpu_count() or 1)
        context = firm.context() if any(job.full for job in jobs) else None
        if workers > 1 and total >= PARALLEL_THRESHOLD and _can_fork():
            import concurrent.futures  # noqa: PLC0415 (as in _can_fork)
            import multiprocessing  # noqa: PLC0415

            _SHARED["run"] = (self, context)
            chunk = max(8, min(256, total // (workers * 8) or 1))
            try:
                with concurrent.futures.ProcessPoolExecutor(
                    max_workers=workers, mp_context=multiprocessing.get_context("fork")
                ) as pool:
                    for outcome in pool.map(_shared_job, jobs, chunksize=chunk):
                        done += 1
                        if self.progress is not None and done % 64 == 0:
                            self.progress(done, total)
                        yield outcome
            finally:
                _SHARED.clear()
        else:
            for job in jobs:
                yield self.process(job, context)
                done += 1
                if self.progress is not None and done % 64 == 0:
                    self.progress(done, total)
        if self.progress is not None and total:
            self.progress(total, total)

    def keeps(self, job: _Job, facts: FileFacts) -> bool:
        """Whether the run keeps the text of a file it read: every reported file's when
        asked to (``--fix``, baselines, the language server), else only a file with
        suppression comments (I001 reads them); a run over 100,000 files would otherwise
        hold all their text at once."""
        if not (job.full and facts.parsed):
            return False
        return self.keep_sources or facts.suppressions is not None

    def process(self, job: _Job, context: Context | None) -> _Outcome:
        """Read, parse and (for a file that is reported) check one article alone."""
        path = Path(job.name)
        override = self.overrides.get(path)
        digest = stat = None
        source: Source | Finding
        if override is not None:
            source = dataclasses.replace(override, display=job.display, _line_starts=None)
        else:
            raw = read_bytes(path, job.display, self.config.max_file_bytes)
            if isinstance(raw, Finding):
                return _Outcome(FileFacts(parsed=False, stop=raw, checked=job.full))
            raw_bytes, info = raw
            digest, stat = content_digest(raw_bytes), file_stat(info)
            source = decode_source(raw_bytes, path, job.display, self.config.max_file_bytes)
        parsed = (
            parse_article(source, self.config.extra_keys) if isinstance(source, Source) else source
        )
        if isinstance(parsed, Finding):
            return _Outcome(FileFacts(parsed=False, stop=parsed, checked=job.full), digest, stat)
        facts = FileFacts(parsed=True, slug=parsed.slug)
        if job.full and context is not None:
            self._check_article(parsed, context, facts)
        return _Outcome(facts, digest, stat, parsed.source)

    def _resolve(
        self,
        root: _Root,
        names: Mapping[str, str],
        facts: dict[str, FileFacts],
        afresh: Callable[[str], FileFacts],
    ) -> FolderIndex:
        """The findings of the named files: their own, and those of the rules that span
        the folder (L002, L005), from every file's facts; the folder's index.

        A pending cache hit (see :class:`FileFacts`) whose slug and link targets all
        resolve has no finding and is not decoded; any other is decoded first, and one
        whose stored text does not decode is checked ``afresh`` (and the index built
        again, since its slug may differ from the stored one)."""
        duplicates = self.config.enabled(SLUG_DUPLICATE.code)
        broken = self.config.enabled(BROKEN_LINK.code)
        while True:
            index, resolved = self._index(root, names, facts)
            clean, damaged = self._settle(
                root, facts, index, resolved, duplicates=duplicates, broken=broken
            )
            if not damaged:
                break
            for path in damaged:
                facts[path] = afresh(path)
        for path in root.named:
            self.checked += 1
            if path in clean:
                continue
            fact = facts[path]
            if not fact.parsed:
                if fact.stop is not None:
                    self.findings.append(fact.stop)
                continue
            display = root.displays[path]
            found = list(fact.findings)
            if duplicates and fact.slug_fact is not None:
                found.extend(duplicate_slug(fact.slug_fact, resolved[path], display, index))
            if broken and fact.links:
                found.extend(broken_links(fact.links, _parent(path), display, index))
            # I001 needs the text; a file with suppression comments is never a cache hit
            # (see check_root), so a file that has them was read in this run.
            self.findings.extend(self._kept(found, fact.suppressions, self.sources.get(display)))
        return index

    def _settle(
        self,
        root: _Root,
        facts: dict[str, FileFacts],
        index: FolderIndex,
        resolved: Mapping[str, str],
        *,
        duplicates: bool,
        broken: bool,
    ) -> tuple[set[str], list[str]]:
        """The named files whose pending facts resolve (no finding), having decoded the
        other pending ones in ``facts``; and those whose stored text did not decode.
        ``duplicates``, ``broken``: whether L002 and L005 are enabled."""
        clean: set[str] = set()
        damaged = []
        for path in root.named:
            fact = facts[path]
            if fact.pending is None:
                continue
            try:
                if _resolves(
                    fact, _parent(path), resolved[path], index, duplicates=duplicates, broken=broken
                ):
                    clean.add(path)
                    continue
                facts[path] = complete(fact, root.displays[path])
            except (KeyError, TypeError, ValueError):  # stored targets or text damaged
                damaged.append(path)
        return clean, damaged

    def _index(
        self, root: _Root, names: Mapping[str, str], facts: Mapping[str, FileFacts]
    ) -> tuple[FolderIndex, dict[str, str]]:
        """The folder's index, and every file's resolved path."""
        slugs: dict[str, ArticleRef] = {}
        articles: dict[str, str | None] = {}
        resolved: dict[str, str] = {}
        for path in sorted(names, key=names.__getitem__):  # in the order of their names
            fact = facts[path]
            slug = fact.slug if fact.parsed else None
            real = resolved[path] = self._resolved(path)
            articles[real] = slug
            if slug is not None and slug not in slugs:
                slugs[slug] = ArticleRef(real, root.displays[path])
        return FolderIndex(slugs, articles, known=resolved), resolved

    def _resolved(self, path: str) -> str:
        """``os.path.realpath(path)``; a file the walk saw is no link."""
        return real_path(
            path, self._real_folders, plain=path in self._plain_files, probes=self._probes
        )

    def _check_firm(self, firm: FirmDoc, context: Context) -> list[Finding]:
        assert firm.source is not None
        found: list[Finding] = []
        for checker in self.checkers:
            if checker.firm is not None:
                found.extend(checker.firm(firm, context))
        hashes = len(firm.source.text) if firm.kind in ("yaml", "toml") else 0
        suppressions = find_suppressions(firm.source, hash_until=hashes, html=False)
        return self._kept(found, suppressions, firm.source)

    def _check_article(self, doc: ArticleDoc, context: Context, facts: FileFacts) -> None:
        from pozo_site.check._rules import links  # noqa: PLC0415 (as in checkers)

        found: list[Finding] = []
        for checker in self.checkers:
            if checker.article is not None:
                found.extend(checker.article(doc, context))
        suppressions = find_suppressions(doc.source, hash_until=doc.body_start)
        facts.checked = True
        facts.suppressions = suppressions if suppressions.directives else None
        facts.findings = tuple(f for f in found if not suppressions.suppresses(f))
        if self.config.enabled(links.SLUG_DUPLICATE.code):
            facts.slug_fact = links.slug_fact(doc)
        if self.config.enabled(links.BROKEN_LINK.code):
            facts.links = links.link_facts(doc, self.config)

    def _kept(
        self, found: Iterable[Finding], suppressions: Suppressions | None, source: Source | None
    ) -> list[Finding]:
        """The findings ``suppressions`` lets through, and (with the ``source`` in hand)
        the comments among them that suppressed nothing (I001). Call it once per file,
        with every finding of the file: a comment is unused only after all were seen."""
        if suppressions is None:
            return list(found)
        kept = [f for f in found if not suppressions.suppresses(f)]
        if (
            source is not None
            and suppressions.directives
            and self.config.enabled(UNUSED_SUPPRESSION.code)
        ):
            unused = unused_findings(source, suppressions, self.config.enabled)
            kept.extend(f for f in unused if not suppressions.names(f))
        return kept

    def _finish(self) -> list[Finding]:
        config = self.config
        result = []
        for finding in self.findings:
            if not config.enabled(finding.code):
                continue
            severity = config.severity(finding.code)
            if severity is finding.severity:
                result.append(finding)
            else:
                result.append(dataclasses.replace(finding, severity=severity))
        return result
