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
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Final

from pozo_site._files import FIRM_FILE_NAMES, is_content_file
from pozo_site.check._config import Config
from pozo_site.check._finding import CheckResult, Finding
from pozo_site.check._load import default_firm_doc, parse_article, parse_firm_doc, read_source
from pozo_site.check._rules import CHECKERS, Checker
from pozo_site.check._rules import file as file_rules
from pozo_site.check._rules._base import ArticleRef, Context
from pozo_site.check._rules.suppression import UNUSED_SUPPRESSION
from pozo_site.check._source import ArticleDoc, FirmDoc, Source, file_finding
from pozo_site.check._suppress import Suppressions, find_suppressions
from pozo_site.check._unused import unused_findings

__all__ = ["RunOutput", "check_paths", "run"]

_BOUNDARY: Final = (".git", ".hg", "pyproject.toml", "pozo-site.toml")


@dataclass
class RunOutput:
    """A run's result, and the sources of the files it reported on (by display path)."""

    result: CheckResult
    sources: dict[str, Source] = field(default_factory=dict)


def check_paths(paths: Sequence[Path], config: Config) -> CheckResult:
    """Check the files and folders in ``paths``; findings come back sorted.

    Never raises for a problem of the content: every such problem is a finding. (A
    missing path is F011, as ruff reports E902.)
    """
    return run(paths, config).result


def run(
    paths: Sequence[Path], config: Config, *, overrides: Mapping[Path, Source] | None = None
) -> RunOutput:
    """Check ``paths``; ``overrides`` replaces the text of files (by absolute path), which
    lets ``--diff`` check the fixed text without writing it."""
    return _Run(config, overrides or {}).run(paths)


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
    named: dict[Path, None] = field(default_factory=dict)


class _Run:
    def __init__(self, config: Config, overrides: Mapping[Path, Source]) -> None:
        self.config = config
        self.overrides = overrides
        self.cwd = Path.cwd()
        self.findings: list[Finding] = []
        self.sources: dict[str, Source] = {}
        self.checked = 0
        self.checkers: tuple[Checker, ...] = tuple(
            c for c in CHECKERS if any(config.enabled(code) for code in c.codes)
        )
        self._firm_files: dict[Path, Path | None] = {}
        self._roots: dict[Path, Path] = {}

    # -- paths ---------------------------------------------------------------------

    def display(self, path: Path, relative: bool) -> str:
        if relative:
            try:
                return Path(os.path.relpath(path, self.cwd)).as_posix()
            except ValueError:  # pragma: no cover - another drive on Windows
                pass
        return path.as_posix()

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

    def walk(self, top: Path, *, relative: bool, report: bool, subroots: bool) -> list[Path]:
        """The ``.md`` files below ``top`` (sorted), following folder links without loops;
        with ``subroots=False``, folders holding their own firm profile are skipped."""
        found: list[Path] = []
        boundary = os.path.realpath(top)
        stack = [(top, frozenset({boundary}))]
        while stack:
            folder, ancestors = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as error:
                if report:
                    self.findings.append(self._os_finding(folder, error, relative))
                continue
            for entry in entries:
                path = folder / entry.name
                if self.excluded(path, top):
                    continue
                is_dir = self._is_dir(entry, path, boundary, relative=relative, report=report)
                if is_dir is None:
                    continue
                if not is_dir:
                    if entry.name.endswith(".md"):
                        found.append(path)
                    continue
                real = os.path.realpath(path)
                if real in ancestors:
                    if report:
                        self.findings.append(self._loop_finding(path, relative))
                elif subroots or self.firm_file(path) is None:
                    stack.append((path, ancestors | {real}))
        return sorted(found)

    def _is_dir(
        self, entry: os.DirEntry[str], path: Path, boundary: str, *, relative: bool, report: bool
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

    def _leads_outside(self, entry: os.DirEntry[str], path: Path, boundary: str) -> bool:
        """Whether ``entry`` is a link that resolves outside ``boundary`` (and such links
        are not to be followed). A broken or looping link is left to the other checks."""
        if self.config.follow_links or not entry.is_symlink():
            return False
        target = os.path.realpath(path)
        if not os.path.lexists(target):
            return False
        return os.path.commonpath((target, boundary)) != boundary

    def _outside_finding(self, path: Path, relative: bool) -> Finding:
        return file_finding(
            file_rules.LINK_OUTSIDE,
            self.display(path, relative),
            "the symbolic link leads outside the folder being checked; it was not followed "
            "(set follow-links = true to follow it)",
        )

    def _loop_finding(self, path: Path, relative: bool) -> Finding:
        return file_finding(
            file_rules.SYMLINK_LOOP,
            self.display(path, relative),
            "the folder link points back to a folder that contains it; remove or repoint it",
        )

    def _os_finding(self, path: Path, error: OSError, relative: bool) -> Finding:
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
                for file in self.walk(path, relative=relative, report=True, subroots=True):
                    self._add(roots, file, self.root_for(file.parent, path), relative)
                continue
            if not is_content_file(path):
                continue
            root = self.root_for(path.parent, path.parent)
            if self.excluded(path, root):
                continue
            if path.name in FIRM_FILE_NAMES:
                roots.setdefault(root, _Root(root, relative))
            else:
                self._add(roots, path, root, relative)
        for content in roots.values():
            self.check_root(content)
        findings = self._finish()
        result = CheckResult(findings=tuple(sorted(findings)), files_checked=self.checked)
        return RunOutput(result=result, sources=self.sources)

    @staticmethod
    def _add(roots: dict[Path, _Root], file: Path, root: Path, relative: bool) -> None:
        roots.setdefault(root, _Root(root, relative)).named[file] = None

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

    def check_root(self, root: _Root) -> None:
        firm = self.load_firm(root)
        files = dict.fromkeys(
            self.walk(root.folder, relative=root.relative, report=False, subroots=False)
        )
        files.update(root.named)
        docs: dict[Path, ArticleDoc] = {}
        for path in files:
            display = self.display(path, root.relative)
            source = self.read(path, display)
            parsed = (
                parse_article(source, self.config.extra_keys)
                if isinstance(source, Source)
                else source
            )
            if isinstance(parsed, ArticleDoc):
                docs[path] = parsed
            elif path in root.named:
                self.findings.append(parsed)
        slugs: dict[str, ArticleRef] = {}
        articles: dict[Path, str | None] = {}

        def order(path: Path) -> str:
            return path.relative_to(root.folder).as_posix()

        for path in sorted(files, key=order):
            doc = docs.get(path)
            slug = doc.slug if doc is not None else None
            resolved = path.resolve()
            articles[resolved] = slug
            if doc is not None and slug is not None and slug not in slugs:
                slugs[slug] = ArticleRef(resolved, doc.source.display)
        context = Context(
            config=self.config,
            firm=firm,
            root=root.folder,
            today=self.config.effective_today,
            slugs=slugs,
            articles=articles,
        )
        if firm.source is not None:
            self._check_firm(firm, context)
        for path in root.named:
            doc = docs.get(path)
            self.checked += 1
            if doc is not None:
                self._check_article(doc, context)

    def _check_firm(self, firm: FirmDoc, context: Context) -> None:
        assert firm.source is not None
        found: list[Finding] = []
        for checker in self.checkers:
            if checker.firm is not None:
                found.extend(checker.firm(firm, context))
        hashes = len(firm.source.text) if firm.kind in ("yaml", "toml") else 0
        suppressions = find_suppressions(firm.source, hash_until=hashes, html=False)
        self._keep(found, suppressions, firm.source)

    def _check_article(self, doc: ArticleDoc, context: Context) -> None:
        self.sources[doc.source.display] = doc.source
        found: list[Finding] = []
        for checker in self.checkers:
            if checker.article is not None:
                found.extend(checker.article(doc, context))
        self._keep(found, find_suppressions(doc.source, hash_until=doc.body_start), doc.source)

    def _keep(self, found: Iterable[Finding], suppressions: Suppressions, source: Source) -> None:
        self.findings.extend(f for f in found if not suppressions.suppresses(f))
        if suppressions.directives and self.config.enabled(UNUSED_SUPPRESSION.code):
            unused = unused_findings(source, suppressions, self.config.enabled)
            self.findings.extend(f for f in unused if not suppressions.names(f))

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
